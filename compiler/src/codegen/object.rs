//! Expressions over the values that are not plain numbers: fixed-width, float, char and
//! blob literals, options, arrays (literals, indexing with a bounds check, assignment,
//! size), records (literals, field reads through the hash-table fast path, field
//! assignment), variants and `while` loops. The layouts are those of `rt_abi`. This file
//! does not compare values (`compare`) nor match patterns (`pattern`).

use wasm_encoder::{BlockType, ValType};

use super::func::FuncCompiler;
use super::module::{mem, Body, ModuleBuilder};
use super::rt_abi;
use super::types;
use crate::ir::{self, Expr, FixedTy, Ty};

const I32: BlockType = BlockType::Result(ValType::I32);

/// Consumes a record pointer whose static type has `fields` (sorted) and leaves the address
/// of the field `name`: at a known offset when the record's hash table is the static type's
/// own, otherwise found by `object_field`.
pub(crate) fn field_address(
    module: &mut ModuleBuilder,
    body: &mut Body,
    fields: &[ir::Field],
    name: &str,
) {
    let Some(index) = types::field_index(fields, name) else {
        module.trap(
            body,
            "internal error: a field read is not in its record type",
        );
        return;
    };
    let table = types::record_table(&mut module.statics, fields);
    let record = body.local(ValType::I32);
    body.ins()
        .local_tee(record)
        .i32_load(mem(8, 2))
        .i32_const(table as i32)
        .i32_eq()
        .if_(I32)
        .local_get(record)
        .i32_const(12 + 4 * index as i32)
        .i32_add()
        .else_()
        .local_get(record)
        .i32_const(ir::idl_hash(name) as i32)
        .call(module.rt("object_field"))
        .end();
}

impl FuncCompiler<'_> {
    pub(crate) fn fixed(&mut self, ty: FixedTy, bits: u64) {
        if types::is_boxed(ty) {
            let mut object = rt_abi::TAG_BITS64.to_le_bytes().to_vec();
            object.extend_from_slice(&bits.to_le_bytes());
            let address = self.module.statics.bytes(&object);
            self.body.ins().i32_const(address as i32);
        } else {
            self.body.ins().i32_const(types::fixed_word(ty, bits));
        }
    }

    pub(crate) fn float(&mut self, value: f64) {
        let mut object = rt_abi::TAG_BITS64.to_le_bytes().to_vec();
        object.extend_from_slice(&value.to_bits().to_le_bytes());
        let address = self.module.statics.bytes(&object);
        self.body.ins().i32_const(address as i32);
    }

    pub(crate) fn blob(&mut self, bytes: &[u8]) {
        let mut object = rt_abi::TAG_BLOB.to_le_bytes().to_vec();
        object.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        object.extend_from_slice(bytes);
        let address = self.module.statics.bytes(&object);
        self.body.ins().i32_const(address as i32);
    }

    pub(crate) fn some(&mut self, value: &Expr) {
        self.expr(value);
        let some = self.module.rt("some");
        self.body.ins().call(some);
    }

    /// An array literal, always fresh (a mutable one must not be shared).
    pub(crate) fn array(&mut self, items: &[Expr]) {
        let array = self.body.local(ValType::I32);
        let alloc = self.module.rt("array_alloc");
        self.body
            .ins()
            .i32_const(items.len() as i32)
            .call(alloc)
            .local_set(array);
        for (index, item) in items.iter().enumerate() {
            self.body.ins().local_get(array);
            self.expr(item);
            self.body.ins().i32_store(mem(8 + 4 * index as u32, 2));
        }
        self.body.ins().local_get(array);
    }

    /// Leaves the address of `array[index]`, trapping when out of bounds.
    fn slot(&mut self, array: &Expr, index: &Expr) {
        self.expr(array);
        self.expr(index);
        self.mark();
        let slot = self.module.rt("array_slot");
        self.body.ins().call(slot);
    }

    pub(crate) fn index(&mut self, array: &Expr, index: &Expr) {
        self.slot(array, index);
        self.body.ins().i32_load(mem(0, 2));
    }

    pub(crate) fn assign_index(&mut self, array: &Expr, index: &Expr, value: &Expr) {
        // Motoko evaluates the place before the value, and the bounds check comes first.
        self.slot(array, index);
        self.expr(value);
        self.body.ins().i32_store(mem(0, 2)).i32_const(0);
    }

    /// An array's size as a tagged small `Nat` (`2n + 1`): an array has fewer than 2^30
    /// elements, so it always fits.
    pub(crate) fn array_size(&mut self, array: &Expr) {
        self.expr(array);
        self.body
            .ins()
            .i32_load(mem(4, 2))
            .i32_const(1)
            .i32_shl()
            .i32_const(1)
            .i32_or();
    }

    fn record_fields(&mut self, ty: &Ty) -> Vec<ir::Field> {
        match self.module.resolve(ty) {
            Ty::Record(fields) => types::sorted_fields(&fields),
            _ => Vec::new(),
        }
    }

    /// A record literal: fields evaluated in source order, stored at their sorted slots.
    pub(crate) fn record(&mut self, fields: &[(String, Expr)], ty: &Ty) {
        let sorted = self.record_fields(ty);
        let table = types::record_table(&mut self.module.statics, &sorted);
        let record = self.body.local(ValType::I32);
        let alloc = self.module.rt("object_alloc");
        self.body
            .ins()
            .i32_const(sorted.len() as i32)
            .i32_const(table as i32)
            .call(alloc)
            .local_set(record);
        for (name, value) in fields {
            match types::field_index(&sorted, name) {
                Some(index) => {
                    self.body.ins().local_get(record);
                    self.expr(value);
                    self.body.ins().i32_store(mem(12 + 4 * index as u32, 2));
                }
                None => {
                    // A field the type does not list cannot be read; evaluate it for effect.
                    self.expr(value);
                    self.body.ins().drop();
                }
            }
        }
        self.body.ins().local_get(record);
    }

    pub(crate) fn field(&mut self, record: &Expr, name: &str) {
        let fields = self.record_fields(&record.ty);
        self.expr(record);
        field_address(self.module, &mut self.body, &fields, name);
        self.body.ins().i32_load(mem(0, 2));
    }

    pub(crate) fn assign_field(&mut self, record: &Expr, name: &str, value: &Expr) {
        let fields = self.record_fields(&record.ty);
        self.expr(record);
        field_address(self.module, &mut self.body, &fields, name);
        self.expr(value);
        self.body.ins().i32_store(mem(0, 2)).i32_const(0);
    }

    pub(crate) fn variant(&mut self, name: &str, payload: &Expr) {
        self.body.ins().i32_const(ir::idl_hash(name) as i32);
        self.expr(payload);
        let variant = self.module.rt("variant");
        self.body.ins().call(variant);
    }

    pub(crate) fn while_(&mut self, condition: &Expr, body: &Expr) {
        self.body
            .ins()
            .block(BlockType::Empty)
            .loop_(BlockType::Empty);
        self.depth += 2;
        self.expr(condition);
        self.body.ins().i32_eqz().br_if(1);
        self.expr(body);
        self.depth -= 2;
        self.body.ins().drop().br(0).end().end().i32_const(0);
    }

    /// A loop over a sequence with a raw byte or element index `i` below the length `n`
    /// (both sequences store it at offset 4): an element is at `seq + 8 + 4i`, a key is the
    /// tagged small `Nat` `2i + 1` (an array has fewer than 2^30 elements), a byte is at
    /// `seq + 8 + i`, and a character is decoded inline when it is ASCII and by the runtime
    /// otherwise (which also says how many bytes it took).
    pub(crate) fn for_each(
        &mut self,
        seq: &Expr,
        kind: ir::SeqKind,
        item: ir::LocalId,
        body: &Expr,
    ) {
        let s = self.body.local(ValType::I32);
        let n = self.body.local(ValType::I32);
        let i = self.body.local(ValType::I32);
        self.expr(seq);
        self.body
            .ins()
            .local_tee(s)
            .i32_load(mem(4, 2))
            .local_set(n)
            .i32_const(0)
            .local_set(i)
            .block(BlockType::Empty)
            .loop_(BlockType::Empty)
            .local_get(i)
            .local_get(n)
            .i32_ge_u()
            .br_if(1);
        let mut step = 1;
        match kind {
            ir::SeqKind::ArrayKeys => {
                self.body
                    .ins()
                    .local_get(i)
                    .i32_const(1)
                    .i32_shl()
                    .i32_const(1)
                    .i32_or();
            }
            ir::SeqKind::ArrayVals => {
                self.body
                    .ins()
                    .local_get(s)
                    .local_get(i)
                    .i32_const(2)
                    .i32_shl()
                    .i32_add()
                    .i32_load(mem(8, 2));
            }
            ir::SeqKind::BlobBytes => {
                self.body
                    .ins()
                    .local_get(s)
                    .local_get(i)
                    .i32_add()
                    .i32_load8_u(mem(8, 0));
            }
            ir::SeqKind::TextChars => {
                let decoded = self.body.local(ValType::I64);
                let char_at = self.module.rt("utf8_char_at");
                self.body
                    .ins()
                    .local_get(s)
                    .local_get(i)
                    .i32_add()
                    .i32_load8_u(mem(8, 0))
                    .local_tee(item.0)
                    .i32_const(0x80)
                    .i32_lt_u()
                    .if_(BlockType::Empty)
                    .local_get(i)
                    .i32_const(1)
                    .i32_add()
                    .local_set(i)
                    .else_()
                    .local_get(s)
                    .local_get(i)
                    .i32_add()
                    .i32_const(8)
                    .i32_add()
                    .call(char_at)
                    .local_tee(decoded)
                    .i32_wrap_i64()
                    .local_set(item.0)
                    .local_get(i)
                    .local_get(decoded)
                    .i64_const(32)
                    .i64_shr_u()
                    .i32_wrap_i64()
                    .i32_add()
                    .local_set(i)
                    .end()
                    .local_get(item.0);
                step = 0;
            }
        }
        self.body.ins().local_set(item.0);
        self.depth += 2;
        self.expr(body);
        self.depth -= 2;
        self.body.ins().drop();
        if step == 1 {
            self.body
                .ins()
                .local_get(i)
                .i32_const(1)
                .i32_add()
                .local_set(i);
        }
        self.body.ins().br(0).end().end().i32_const(0);
    }
}
