//! The printer of a script's final value: one generated helper per (type, position),
//! `(value) -> Text`, writing what moc's interpreter prints for the value, with the layout
//! marks of `format::marks` between the pieces so that the host can break it at 80 columns as
//! moc's `Format` boxes do.
//!
//! It differs from `debug_show` (`show.rs`) where moc's two printers differ: a positive `Int`
//! has no `+` (an `Int8`..`Int64` keeps it), texts and chars are escaped, functions print as
//! `<func>`, a principal prints as the blob of its bytes, and parentheses depend on the
//! position: an *atom* position (an option's payload) parenthesizes a negative `Int`, a
//! non-zero `Int8`..`Int64`, an option that is not `null` and any variant (`?(-1)`,
//! `?(?1)`, `?(#a)`), which the other positions print bare.

use wasm_encoder::{BlockType, ValType};

use super::module::{mem, Body, Helper, ModuleBuilder};
use super::object::field_address;
use super::show::{append, cat, lit, runtime, starts_with_sign};
use super::types;
use crate::format::marks::{
    CLOSE, CUT, CUT_BACK2, CUT_IN1, OPEN_B0, OPEN_B1, OPEN_B2, OPEN_HV2, SPACE,
};
use crate::ir::{self, Ty};

const I32: BlockType = BlockType::Result(ValType::I32);

/// Consumes a value of type `ty` and leaves its marked text, for a position that is an atom
/// (an option's payload) or not.
pub(crate) fn pretty(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty, atom: bool) {
    let atom = atom && may_need_parens(&module.resolve(ty));
    let helper = module.helper(Helper::Pretty(ty.clone(), atom));
    body.ins().call(helper);
}

/// Whether a value of the type can print differently in an atom position.
fn may_need_parens(ty: &Ty) -> bool {
    match ty {
        Ty::Int | Ty::Option(_) | Ty::Variant(_) => true,
        Ty::Fixed(fixed) => fixed.signed(),
        _ => false,
    }
}

/// `@[<1>(` text `)@]` around the text on the stack.
fn parenthesize(module: &mut ModuleBuilder, body: &mut Body) {
    let inner = body.local(ValType::I32);
    body.ins().local_set(inner);
    lit(module, body, &format!("{OPEN_B1}("));
    body.ins().local_get(inner);
    cat(module, body);
    append(module, body, &format!("){CLOSE}"));
}

/// `(value) -> Text` for `ty` in an atom position or not.
pub(crate) fn pretty_helper(module: &mut ModuleBuilder, ty: &Ty, atom: bool) -> Body {
    let mut body = Body::new(1);
    if atom {
        atom_form(module, &mut body, ty);
    } else {
        plain_form(module, &mut body, ty);
    }
    body
}

/// The value as an atom: its plain form, in parentheses when moc's printer puts them there.
fn atom_form(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty) {
    let value = 0;
    let plain = module.helper(Helper::Pretty(ty.clone(), false));
    match module.resolve(ty) {
        Ty::Option(_) => {
            body.ins().local_get(value).i32_eqz().if_(I32);
            lit(module, body, "null");
            body.ins().else_().local_get(value).call(plain);
            parenthesize(module, body);
            body.ins().end();
        }
        Ty::Variant(_) => {
            body.ins().local_get(value).call(plain);
            parenthesize(module, body);
        }
        _ => {
            // A number: in parentheses when its text has a sign.
            let text = body.local(ValType::I32);
            let first = body.local(ValType::I32);
            body.ins().local_get(value).call(plain).local_set(text);
            starts_with_sign(body, text, first);
            body.ins().if_(I32).local_get(text);
            parenthesize(module, body);
            body.ins().else_().local_get(text).end();
        }
    }
}

fn plain_form(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty) {
    let value = 0;
    match module.resolve(ty) {
        // An Int prints as a Nat does, `-` included: moc adds no `+` here.
        Ty::Nat | Ty::Int => runtime(module, body, "show_nat"),
        Ty::Float => runtime(module, body, "show_float"),
        Ty::Char => runtime(module, body, "pretty_char"),
        Ty::Text => runtime(module, body, "pretty_text"),
        Ty::Blob | Ty::Principal => runtime(module, body, "show_blob"),
        Ty::Fixed(_) | Ty::Bool => {
            body.ins().local_get(value);
            super::show::show(module, body, ty);
        }
        Ty::Null => lit(module, body, "null"),
        Ty::Tuple(items) => tuple(module, body, &items),
        Ty::Option(inner) => {
            body.ins().local_get(value).i32_eqz().if_(I32);
            lit(module, body, "null");
            body.ins().else_();
            lit(module, body, &format!("{OPEN_B1}?"));
            body.ins().local_get(value).i32_load(mem(4, 2));
            pretty(module, body, &inner, true);
            cat(module, body);
            append(module, body, &CLOSE.to_string());
            body.ins().end();
        }
        Ty::Array(elem) => array(module, body, &elem, "["),
        Ty::MutArray(elem) => array(module, body, &elem, "[var "),
        Ty::Record(fields) => record(module, body, &fields),
        Ty::Variant(tags) => variant(module, body, &tags),
        Ty::Ref(inner) => {
            body.ins().local_get(value).i32_load(mem(4, 2));
            pretty(module, body, &inner, false);
        }
        Ty::Func => lit(module, body, "<func>"),
        Ty::Any | Ty::Param | Ty::Named(_) => lit(module, body, "<value>"),
    }
}

/// `@[<1>(a,@ b)@]`; a one-element tuple keeps moc's trailing comma.
fn tuple(module: &mut ModuleBuilder, body: &mut Body, items: &[Ty]) {
    lit(module, body, &format!("{OPEN_B1}("));
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            append(module, body, &format!(",{SPACE}"));
        }
        body.ins()
            .local_get(0)
            .i32_load(mem(8 + 4 * index as u32, 2));
        pretty(module, body, item, false);
        cat(module, body);
    }
    let close = if items.len() == 1 { ",)" } else { ")" };
    append(module, body, &format!("{close}{CLOSE}"));
}

/// `@[<1>[a,@ b]@]` (`[var ` for a mutable array).
fn array(module: &mut ModuleBuilder, body: &mut Body, elem: &Ty, open: &str) {
    let value = 0;
    let index = body.local(ValType::I32);
    let text = body.local(ValType::I32);
    lit(module, body, &format!("{OPEN_B1}{open}"));
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
    append(module, body, &format!(",{SPACE}"));
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
    pretty(module, body, elem, false);
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
    append(module, body, &format!("]{CLOSE}"));
}

/// `@[<hv 2>{@;<0 0>` fields `@;<0 -2>}@]`, each field `@[<2>name =@ value@]`, in name order.
fn record(module: &mut ModuleBuilder, body: &mut Body, fields: &[ir::Field]) {
    let sorted = types::sorted_fields(fields);
    let mut by_name = fields.to_vec();
    by_name.sort_by(|a, b| a.name.cmp(&b.name));
    lit(module, body, &format!("{OPEN_HV2}{{{CUT}"));
    for (index, field) in by_name.iter().enumerate() {
        let separator = if index > 0 {
            format!(";{SPACE}")
        } else {
            String::new()
        };
        append(
            module,
            body,
            &format!("{separator}{OPEN_B2}{} ={SPACE}", field.name),
        );
        body.ins().local_get(0);
        field_address(module, body, &sorted, &field.name);
        body.ins().i32_load(mem(0, 2));
        pretty(module, body, &field.ty, false);
        cat(module, body);
        append(module, body, &CLOSE.to_string());
    }
    append(module, body, &format!("{CUT_BACK2}}}{CLOSE}"));
}

/// `#tag`, `@[#tag@;<0 1>(a, b)@]` for a tuple payload, `@[#tag@;<0 1>(v)@]` otherwise.
fn variant(module: &mut ModuleBuilder, body: &mut Body, tags: &[ir::Tag]) {
    for tag in tags {
        body.ins()
            .local_get(0)
            .i32_load(mem(4, 2))
            .i32_const(ir::idl_hash(&tag.name) as i32)
            .i32_eq()
            .if_(BlockType::Empty);
        let name = &tag.name;
        match module.resolve(&tag.ty) {
            Ty::Tuple(items) if items.is_empty() => lit(module, body, &format!("#{name}")),
            Ty::Tuple(_) => {
                lit(module, body, &format!("{OPEN_B0}#{name}{CUT_IN1}"));
                body.ins().local_get(0).i32_load(mem(8, 2));
                pretty(module, body, &tag.ty, false);
                cat(module, body);
                append(module, body, &CLOSE.to_string());
            }
            _ => {
                lit(module, body, &format!("{OPEN_B0}#{name}{CUT_IN1}("));
                body.ins().local_get(0).i32_load(mem(8, 2));
                pretty(module, body, &tag.ty, false);
                cat(module, body);
                append(module, body, &format!("){CLOSE}"));
            }
        }
        body.ins().return_().end();
    }
    module.trap(
        body,
        "internal error: a variant value has a tag its type lacks",
    );
}
