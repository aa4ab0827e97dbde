//! `debug_show`: one generated helper per type, `(value) -> Text`, printing exactly what moc
//! prints. Primitive values go to the runtime library (`show_nat`, `show_float`, ...);
//! compound values are assembled here by concatenation: tuples `(1, 2)`, options `?1` and
//! `?(?2)`, arrays `[1, 2]` and `[var 1]`, records `{a = 1; b = 2}` with fields in name
//! order, variants `#red`, `#rgb(1, 2, 3)` and `#tag(5)`. Recursive types recurse through
//! the helper of their `Named` type. This file does not decide how a value is laid out
//! (`rt_abi`) and prints nothing itself.

use wasm_encoder::{BlockType, ValType};

use super::module::{mem, Body, Helper, ModuleBuilder};
use super::object::field_address;
use super::types;
use crate::ir::{self, Ty};

const I32: BlockType = BlockType::Result(ValType::I32);

/// Consumes a value of type `ty` and leaves its `debug_show` text.
pub(crate) fn show(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty) {
    let helper = module.helper(Helper::Show(ty.clone()));
    body.ins().call(helper);
}

/// Pushes a static text.
pub(super) fn lit(module: &mut ModuleBuilder, body: &mut Body, text: &str) {
    let address = module.statics.text(text);
    body.ins().i32_const(address as i32);
}

/// Concatenates the two texts on the stack.
pub(super) fn cat(module: &ModuleBuilder, body: &mut Body) {
    body.ins().call(module.rt("text_concat"));
}

/// Appends a static text to the text on the stack.
pub(super) fn append(module: &mut ModuleBuilder, body: &mut Body, text: &str) {
    lit(module, body, text);
    cat(module, body);
}

/// `(value) -> Text` for `ty`.
pub(crate) fn show_helper(module: &mut ModuleBuilder, ty: &Ty) -> Body {
    let mut body = Body::new(1);
    let value = 0;
    let resolved = module.resolve(ty);
    match &resolved {
        Ty::Nat => runtime(module, &mut body, "show_nat"),
        Ty::Int => runtime(module, &mut body, "show_int"),
        Ty::Float => runtime(module, &mut body, "show_float"),
        Ty::Char => runtime(module, &mut body, "show_char"),
        Ty::Text => runtime(module, &mut body, "show_text"),
        Ty::Blob => runtime(module, &mut body, "show_blob"),
        Ty::Principal => runtime(module, &mut body, "show_principal"),
        Ty::Fixed(fixed) => {
            let mut ins = body.ins();
            ins.local_get(value);
            if types::is_boxed(*fixed) {
                ins.i64_load(mem(4, 0));
            } else if fixed.signed() {
                ins.i64_extend_i32_s();
            } else {
                ins.i64_extend_i32_u();
            }
            if fixed.signed() {
                body.ins()
                    .call(module.rt("int_from_i64"))
                    .call(module.rt("show_int"));
            } else {
                body.ins()
                    .call(module.rt("int_from_u64"))
                    .call(module.rt("show_nat"));
            }
        }
        Ty::Bool => {
            let yes = module.statics.text("true");
            let no = module.statics.text("false");
            body.ins()
                .i32_const(yes as i32)
                .i32_const(no as i32)
                .local_get(value)
                .select();
        }
        Ty::Null => lit(module, &mut body, "null"),
        Ty::Tuple(items) => {
            let items = items.clone();
            lit(module, &mut body, "(");
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    append(module, &mut body, ", ");
                }
                body.ins()
                    .local_get(value)
                    .i32_load(mem(8 + 4 * index as u32, 2));
                show(module, &mut body, item);
                cat(module, &mut body);
            }
            append(module, &mut body, ")");
        }
        Ty::Option(inner) => option(module, &mut body, inner),
        Ty::Array(elem) => array(module, &mut body, elem, "["),
        Ty::MutArray(elem) => array(module, &mut body, elem, "[var "),
        Ty::Record(fields) => record(module, &mut body, fields),
        Ty::Variant(tags) => variant(module, &mut body, tags),
        Ty::Ref(inner) => {
            body.ins().local_get(value).i32_load(mem(4, 2));
            show(module, &mut body, inner);
        }
        Ty::Func => lit(module, &mut body, "func"),
        Ty::Any | Ty::Param | Ty::Named(_) => lit(module, &mut body, "<value>"),
    }
    body
}

/// Pushes whether the text in local `text` starts with `+` or `-` (`first` is scratch).
pub(super) fn starts_with_sign(body: &mut Body, text: u32, first: u32) {
    body.ins()
        .local_get(text)
        .i32_load8_u(mem(8, 0))
        .local_tee(first)
        .i32_const(i32::from(b'+'))
        .i32_eq()
        .local_get(first)
        .i32_const(i32::from(b'-'))
        .i32_eq()
        .i32_or();
}

/// Calls a runtime function on the helper's value.
pub(super) fn runtime(module: &ModuleBuilder, body: &mut Body, name: &str) {
    body.ins().local_get(0).call(module.rt(name));
}

/// `null`, or `?` and the value, in parentheses when its text starts with `+`, `-`, `?` or
/// `#` as moc's `debug_show` decides: a variant, an option that is not `null`, a signed
/// number (`?(+5)`, `?(-1.5)`).
fn option(module: &mut ModuleBuilder, body: &mut Body, inner: &Ty) {
    let value = 0;
    let inner_resolved = module.resolve(inner);
    body.ins().local_get(value).i32_eqz().if_(I32);
    lit(module, body, "null");
    body.ins().else_();
    lit(module, body, "?");
    let payload = body.local(ValType::I32);
    body.ins()
        .local_get(value)
        .i32_load(mem(4, 2))
        .local_set(payload);
    let parens = match inner_resolved {
        Ty::Variant(_) => Some(false),
        Ty::Option(_) => Some(true),
        _ => None,
    };
    let signed = match inner_resolved {
        Ty::Int | Ty::Float => true,
        Ty::Fixed(fixed) => fixed.signed(),
        _ => false,
    };
    match parens {
        None if signed => {
            let text = body.local(ValType::I32);
            let first = body.local(ValType::I32);
            body.ins().local_get(payload);
            show(module, body, inner);
            body.ins().local_set(text);
            starts_with_sign(body, text, first);
            body.ins().if_(I32);
            lit(module, body, "(");
            body.ins().local_get(text);
            cat(module, body);
            append(module, body, ")");
            body.ins().else_().local_get(text).end();
        }
        None => {
            body.ins().local_get(payload);
            show(module, body, inner);
        }
        Some(only_when_some) => {
            if only_when_some {
                body.ins().local_get(payload).if_(I32);
            }
            lit(module, body, "(");
            body.ins().local_get(payload);
            show(module, body, inner);
            cat(module, body);
            append(module, body, ")");
            if only_when_some {
                body.ins().else_().local_get(payload);
                show(module, body, inner);
                body.ins().end();
            }
        }
    }
    cat(module, body);
    body.ins().end();
}

fn array(module: &mut ModuleBuilder, body: &mut Body, elem: &Ty, open: &str) {
    let value = 0;
    let index = body.local(ValType::I32);
    let text = body.local(ValType::I32);
    lit(module, body, open);
    body.ins()
        .local_set(text)
        .block(BlockType::Empty)
        .loop_(BlockType::Empty)
        .local_get(index)
        .local_get(value)
        .i32_load(mem(4, 2))
        .i32_ge_u()
        .br_if(1)
        .local_get(index)
        .if_(BlockType::Empty)
        .local_get(text);
    append(module, body, ", ");
    body.ins()
        .local_set(text)
        .end()
        .local_get(text)
        .local_get(value)
        .local_get(index)
        .i32_const(2)
        .i32_shl()
        .i32_add()
        .i32_load(mem(8, 2));
    show(module, body, elem);
    cat(module, body);
    body.ins()
        .local_set(text)
        .local_get(index)
        .i32_const(1)
        .i32_add()
        .local_set(index)
        .br(0)
        .end()
        .end()
        .local_get(text);
    append(module, body, "]");
}

/// `{a = 1; b = 2}`, fields in name order (as moc prints them), `var` not shown.
fn record(module: &mut ModuleBuilder, body: &mut Body, fields: &[ir::Field]) {
    let sorted = types::sorted_fields(fields);
    let mut by_name = fields.to_vec();
    by_name.sort_by(|a, b| a.name.cmp(&b.name));
    lit(module, body, "{");
    for (index, field) in by_name.iter().enumerate() {
        let separator = if index > 0 { "; " } else { "" };
        append(module, body, &format!("{separator}{} = ", field.name));
        body.ins().local_get(0);
        field_address(module, body, &sorted, &field.name);
        body.ins().i32_load(mem(0, 2));
        show(module, body, &field.ty);
        cat(module, body);
    }
    append(module, body, "}");
}

/// `#tag`, `#tag(1, 2)` for a tuple payload, `#tag(v)` otherwise.
fn variant(module: &mut ModuleBuilder, body: &mut Body, tags: &[ir::Tag]) {
    for tag in tags {
        body.ins()
            .local_get(0)
            .i32_load(mem(4, 2))
            .i32_const(ir::idl_hash(&tag.name) as i32)
            .i32_eq()
            .if_(BlockType::Empty);
        let name = format!("#{}", tag.name);
        match module.resolve(&tag.ty) {
            Ty::Tuple(items) if items.is_empty() => lit(module, body, &name),
            Ty::Tuple(_) => {
                lit(module, body, &name);
                body.ins().local_get(0).i32_load(mem(8, 2));
                show(module, body, &tag.ty);
                cat(module, body);
            }
            _ => {
                lit(module, body, &format!("{name}("));
                body.ins().local_get(0).i32_load(mem(8, 2));
                show(module, body, &tag.ty);
                cat(module, body);
                append(module, body, ")");
            }
        }
        body.ins().return_().end();
    }
    module.trap(
        body,
        "internal error: a variant value has a tag its type lacks",
    );
}
