//! Entry points: `canister_init`, one `canister_update`/`canister_query` export per public
//! method, and (through `stable`) the upgrade hooks.
//!
//! A method's export reads the Candid argument into the heap, decodes every parameter at its
//! IR type, calls the method's function and replies with the Candid encoding of the result.
//! This file does not compile expressions (`func`) nor decode single values (`candid`).

use wasm_encoder::{BlockType, ValType};

use super::candid::WireMode;
use super::candid::{reply_prefix, OP_RECORD};
use super::func::{compile_actor_body, compile_func};
use super::module::{mem, Body, Helper, ModuleBuilder};
use super::stable;
use crate::ir::{self, MethodKind};

/// Generates every function of the program and every entry point.
pub(crate) fn generate(module: &mut ModuleBuilder, program: &ir::Program) {
    for (index, func) in program.funcs.iter().enumerate() {
        let body = compile_func(module, func);
        let id = module.func(ir::FuncId(index as u32));
        module.define(id, body);
    }
    let actor_body = module.reserve("actor body", Vec::new(), Vec::new());
    let body = compile_actor_body(module, program);
    module.define(actor_body, body);

    let mut init = Body::new(0);
    init.ins().call(actor_body);
    module.export_entry("canister_init", init);

    for method in &program.methods {
        let body = method_entry(module, method);
        let export = match method.kind {
            MethodKind::Update => format!("canister_update {}", method.name),
            MethodKind::Query => format!("canister_query {}", method.name),
        };
        module.export_entry(&export, body);
    }

    let pre_upgrade = stable::pre_upgrade(module, program);
    module.export_entry("canister_pre_upgrade", pre_upgrade);
    let post_upgrade = stable::post_upgrade(module, program, actor_body);
    module.export_entry("canister_post_upgrade", post_upgrade);
}

/// Copies the message's argument into the heap and points the reader at it.
pub(crate) fn read_argument(module: &ModuleBuilder, body: &mut Body) {
    let size = body.local(ValType::I32);
    let buffer = body.local(ValType::I32);
    body.ins()
        .call(module.ic0("msg_arg_data_size"))
        .local_tee(size)
        .call(module.rt("alloc"))
        .local_tee(buffer)
        .i32_const(0)
        .local_get(size)
        .call(module.ic0("msg_arg_data_copy"))
        .local_get(buffer)
        .local_get(size)
        .call(module.rt("reader_init"));
}

fn method_entry(module: &mut ModuleBuilder, method: &ir::Method) -> Body {
    let mut body = Body::new(0);
    read_argument(module, &mut body);
    body.ins()
        .call(module.rt("candid_begin"))
        .i32_const(method.params.len() as i32)
        .i32_lt_u()
        .if_(BlockType::Empty);
    module.trap(
        &mut body,
        &format!(
            "IDL error: method {} expects {} argument(s) but the message has fewer",
            method.name,
            method.params.len()
        ),
    );
    body.ins().end();

    // Decode every argument before the call, so a bad one traps before any effect.
    let mut args = Vec::new();
    for (index, param) in method.params.iter().enumerate() {
        let decode = module.helper(Helper::Decode(param.clone(), WireMode::Candid));
        let arg = body.local(ValType::I32);
        body.ins()
            .i32_const(index as i32)
            .call(module.rt("candid_arg_type"))
            .call(decode)
            .local_set(arg);
        args.push(arg);
    }
    for arg in &args {
        body.ins().local_get(*arg);
    }
    let result = body.local(ValType::I32);
    body.ins().call(module.func(method.func)).local_set(result);
    super::error::reject_pending(module, &mut body);

    let prefix = reply_prefix(module.ir_types(), &method.results);
    let address = module.statics.bytes(&prefix);
    body.ins()
        .call(module.rt("writer_reset"))
        .i32_const(address as i32)
        .i32_const(prefix.len() as i32)
        .call(module.rt("write_bytes"));
    match method.results.as_slice() {
        [] => {}
        [single] => {
            let encode = module.helper(Helper::Encode(single.clone(), WireMode::Candid));
            body.ins().local_get(result).call(encode);
        }
        several => {
            for (index, ty) in several.iter().enumerate() {
                let encode = module.helper(Helper::Encode(ty.clone(), WireMode::Candid));
                body.ins()
                    .local_get(result)
                    .i32_load(mem(8 + 4 * index as u32, 2))
                    .call(encode);
            }
        }
    }
    body.ins()
        .call(module.rt("writer_ptr"))
        .call(module.rt("writer_len"))
        .call(module.ic0("msg_reply_data_append"))
        .call(module.ic0("msg_reply"));
    body
}

/// Traps unless the wire type in local `wire` is a record.
pub(crate) fn expect_record(module: &mut ModuleBuilder, body: &mut Body, wire: u32, message: &str) {
    body.ins()
        .local_get(wire)
        .call(module.rt("candid_type_opcode"))
        .i32_const(OP_RECORD)
        .i32_ne()
        .if_(BlockType::Empty);
    module.trap(body, message);
    body.ins().end();
}
