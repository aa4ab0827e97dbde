//! The primitives of `mo:⛔` (and the built-in methods lowered to them): `ExprKind::Prim`
//! by name. `PRIMITIVES` lists every supported name with its Motoko type; the front end asks
//! `primitive_supported`. Conversions between Int and fixed-width values share one runtime
//! function (`int_to_bits`); iterators (`textChars`, `arrayVals`, `arrayKeys`, `blobVals`)
//! are records `{ next : () -> ?T }` whose closure advances in place. This file does not
//! type-check arguments: the IR is trusted.

use wasm_encoder::{BlockType, ValType};

use super::func::FuncCompiler;
use super::module::mem;
use super::rt_abi;
use super::types;
use crate::ir::{self, Expr, FixedTy, Ty};

/// Every supported primitive: name and Motoko type.
pub const PRIMITIVES: &[(&str, &str)] = &[
    ("debugPrint", "Text -> ()"),
    ("trap", "Text -> None"),
    ("textSize", "Text -> Nat"),
    ("textChars", "Text -> { next : () -> ?Char }"),
    ("arraySize", "<T>[T] -> Nat"),
    ("arrayVals", "<T>[T] -> { next : () -> ?T }"),
    ("arrayKeys", "<T>[T] -> { next : () -> ?Nat }"),
    ("blobSize", "Blob -> Nat"),
    ("blobVals", "Blob -> { next : () -> ?Nat8 }"),
    ("Array_init", "<T>(Nat, T) -> [var T]"),
    ("Array_tabulate", "<T>(Nat, Nat -> T) -> [T]"),
    ("abs", "Int -> Nat"),
    ("natToNat8", "Nat -> Nat8"),
    ("natToNat16", "Nat -> Nat16"),
    ("natToNat32", "Nat -> Nat32"),
    ("natToNat64", "Nat -> Nat64"),
    ("nat8ToNat", "Nat8 -> Nat"),
    ("nat16ToNat", "Nat16 -> Nat"),
    ("nat32ToNat", "Nat32 -> Nat"),
    ("nat64ToNat", "Nat64 -> Nat"),
    ("intToNat8Wrap", "Int -> Nat8"),
    ("intToNat16Wrap", "Int -> Nat16"),
    ("intToNat32Wrap", "Int -> Nat32"),
    ("intToNat64Wrap", "Int -> Nat64"),
    ("intToInt8", "Int -> Int8"),
    ("intToInt16", "Int -> Int16"),
    ("intToInt32", "Int -> Int32"),
    ("intToInt64", "Int -> Int64"),
    ("int8ToInt", "Int8 -> Int"),
    ("int16ToInt", "Int16 -> Int"),
    ("int32ToInt", "Int32 -> Int"),
    ("int64ToInt", "Int64 -> Int"),
    ("intToInt8Wrap", "Int -> Int8"),
    ("intToInt16Wrap", "Int -> Int16"),
    ("intToInt32Wrap", "Int -> Int32"),
    ("intToInt64Wrap", "Int -> Int64"),
    ("nat8ToInt8", "Nat8 -> Int8"),
    ("nat16ToInt16", "Nat16 -> Int16"),
    ("nat32ToInt32", "Nat32 -> Int32"),
    ("nat64ToInt64", "Nat64 -> Int64"),
    ("int8ToNat8", "Int8 -> Nat8"),
    ("int16ToNat16", "Int16 -> Nat16"),
    ("int32ToNat32", "Int32 -> Nat32"),
    ("int64ToNat64", "Int64 -> Nat64"),
    ("charToNat32", "Char -> Nat32"),
    ("nat32ToChar", "Nat32 -> Char"),
    ("charToText", "Char -> Text"),
    ("charToUpper", "Char -> Char"),
    ("charToLower", "Char -> Char"),
    ("charIsWhitespace", "Char -> Bool"),
    ("charIsLowercase", "Char -> Bool"),
    ("charIsUppercase", "Char -> Bool"),
    ("charIsAlphabetic", "Char -> Bool"),
    ("encodeUtf8", "Text -> Blob"),
    ("decodeUtf8", "Blob -> ?Text"),
    ("floatToText", "Float -> Text"),
    ("floatToFormattedText", "(Float, Nat8, Nat8) -> Text"),
    ("intToText", "Int -> Text"),
    ("floatAbs", "Float -> Float"),
    ("floatSqrt", "Float -> Float"),
    ("floatCeil", "Float -> Float"),
    ("floatFloor", "Float -> Float"),
    ("floatTrunc", "Float -> Float"),
    ("floatNearest", "Float -> Float"),
    ("floatMin", "(Float, Float) -> Float"),
    ("floatMax", "(Float, Float) -> Float"),
    ("floatCopySign", "(Float, Float) -> Float"),
    ("exp", "Float -> Float"),
    ("log", "Float -> Float"),
    ("sin", "Float -> Float"),
    ("cos", "Float -> Float"),
    ("tan", "Float -> Float"),
    ("arcsin", "Float -> Float"),
    ("arccos", "Float -> Float"),
    ("arctan", "Float -> Float"),
    ("arctan2", "(Float, Float) -> Float"),
    ("floatToInt", "Float -> Int"),
    ("intToFloat", "Int -> Float"),
    ("natToFloat", "Nat -> Float"),
    ("floatToInt64", "Float -> Int64"),
    ("int64ToFloat", "Int64 -> Float"),
    ("blobOfPrincipal", "Principal -> Blob"),
    ("principalOfBlob", "Blob -> Principal"),
    ("principalOfActor", "actor {} -> Principal"),
    ("error", "Text -> Error"),
    ("errorMessage", "Error -> Text"),
    (
        "errorCode",
        "Error -> { #system_fatal; #system_transient; #destination_invalid; #canister_reject; \
         #canister_error; #future : Nat32; #call_error : { err_code : Nat32 } }",
    ),
];

/// Whether the code generator implements the primitive `name`.
pub fn primitive_supported(name: &str) -> bool {
    PRIMITIVES.iter().any(|(known, _)| *known == name)
}

/// A conversion's source or target: Int (or Nat), or a fixed-width type.
#[derive(Clone, Copy)]
enum Num {
    Int,
    Fixed(FixedTy),
}

fn fixed_named(name: &str) -> Option<FixedTy> {
    Some(match name {
        "nat8" | "Nat8" => FixedTy::Nat8,
        "nat16" | "Nat16" => FixedTy::Nat16,
        "nat32" | "Nat32" => FixedTy::Nat32,
        "nat64" | "Nat64" => FixedTy::Nat64,
        "int8" | "Int8" => FixedTy::Int8,
        "int16" | "Int16" => FixedTy::Int16,
        "int32" | "Int32" => FixedTy::Int32,
        "int64" | "Int64" => FixedTy::Int64,
        _ => return None,
    })
}

/// Parses `xToY` and `xToYWrap` conversion names between Int/Nat and fixed-width types.
fn conversion(name: &str) -> Option<(Num, Num, bool)> {
    let (name, wrap) = match name.strip_suffix("Wrap") {
        Some(stem) => (stem, true),
        None => (name, false),
    };
    let (from, to) = name.split_once("To")?;
    let num = |text: &str| match text {
        "nat" | "int" | "Nat" | "Int" => Some(Num::Int),
        other => fixed_named(other).map(Num::Fixed),
    };
    Some((num(from)?, num(to)?, wrap))
}

impl FuncCompiler<'_> {
    pub(crate) fn prim(&mut self, name: &str, args: &[Expr], result: &Ty) {
        if self.error_prim(name, args) {
            return;
        }
        if let Some((from, to, wrap)) = conversion(name) {
            if let [arg] = args {
                self.expr(arg);
                self.convert(from, to, wrap);
                return;
            }
        }
        match (name, args) {
            ("debugPrint", [text]) => {
                let value = self.body.local(ValType::I32);
                self.expr(text);
                let print = self.module.ic0("debug_print");
                self.body
                    .ins()
                    .local_tee(value)
                    .i32_const(8)
                    .i32_add()
                    .local_get(value)
                    .i32_load(mem(4, 2))
                    .call(print)
                    .i32_const(0);
            }
            ("trap", [text]) => self.trap_with(text),
            ("textSize", [text]) => self.length_of(text, "text_len"),
            ("arraySize", [array]) | ("blobSize", [array]) => self.length_of(array, ""),
            ("textChars", [text]) => self.iterator(text, 3),
            ("arrayVals", [array]) => self.iterator(array, 0),
            ("arrayKeys", [array]) => self.iterator(array, 1),
            ("blobVals", [blob]) => self.iterator(blob, 2),
            ("Array_init", [count, value]) => self.array_init(count, value),
            ("Array_tabulate", [count, generator]) => self.array_tabulate(count, generator),
            ("abs", [value]) => {
                let v = self.body.local(ValType::I32);
                self.expr(value);
                let (is_neg, neg) = (self.module.rt("int_is_neg"), self.module.rt("int_neg"));
                self.body
                    .ins()
                    .local_tee(v)
                    .call(is_neg)
                    .if_(BlockType::Result(ValType::I32))
                    .local_get(v)
                    .call(neg)
                    .else_()
                    .local_get(v)
                    .end();
            }
            ("charToNat32", [c]) => self.expr(c),
            ("nat32ToChar", [n]) => {
                let v = self.body.local(ValType::I32);
                self.expr(n);
                self.body
                    .ins()
                    .local_tee(v)
                    .i32_const(0x10ffff)
                    .i32_gt_u()
                    .local_get(v)
                    .i32_const(0xfffff800u32 as i32)
                    .i32_and()
                    .i32_const(0xd800)
                    .i32_eq()
                    .i32_or()
                    .if_(BlockType::Empty);
                self.fail("codepoint out of range");
                self.body.ins().end().local_get(v);
            }
            ("charToText", [c]) => self.call_rt(c, "char_to_text"),
            ("charToUpper", [c]) => self.call_rt(c, "char_to_upper"),
            ("charToLower", [c]) => self.call_rt(c, "char_to_lower"),
            ("charIsWhitespace", [c]) => self.call_rt(c, "char_is_whitespace"),
            ("charIsLowercase", [c]) => self.call_rt(c, "char_is_lowercase"),
            ("charIsUppercase", [c]) => self.call_rt(c, "char_is_uppercase"),
            ("charIsAlphabetic", [c]) => self.call_rt(c, "char_is_alphabetic"),
            ("floatToFormattedText", [f, precision, mode]) => {
                self.expr(f);
                self.unbox_float();
                self.expr(precision);
                self.expr(mode);
                let format = self.module.rt("float_format");
                self.body.ins().call(format);
            }
            ("intToText", [n]) => self.call_rt(n, "int_to_text"),
            ("floatToText", [f]) => self.call_rt(f, "show_float"),
            ("encodeUtf8", [text]) => self.retag(text, rt_abi::TAG_BLOB),
            ("principalOfBlob", [blob]) => self.retag(blob, rt_abi::TAG_PRINCIPAL),
            ("blobOfPrincipal", [principal]) => self.retag(principal, rt_abi::TAG_BLOB),
            ("principalOfActor", [actor]) => {
                self.expr(actor);
                self.mark();
                let function = self.module.rt("principal_of_actor");
                self.body.ins().call(function);
            }
            // Not a primitive of `mo:⛔`: the caller of a `shared (msg)` function.
            ("msgCaller", []) => self.msg_caller(),
            // Not a primitive of `mo:⛔`: what lowering makes of `actor (t)`.
            ("actorOfText", [text]) => {
                self.expr(text);
                self.mark();
                let function = self.module.rt("principal_of_text");
                self.body.ins().call(function);
            }
            ("decodeUtf8", [blob]) => self.call_rt(blob, "decode_utf8"),
            (
                "floatAbs" | "floatSqrt" | "floatCeil" | "floatFloor" | "floatTrunc"
                | "floatNearest" | "exp" | "log" | "sin" | "cos" | "tan" | "arcsin" | "arccos"
                | "arctan",
                [f],
            ) => {
                self.expr(f);
                self.unbox_float();
                let mut ins = self.body.ins();
                match name {
                    "floatAbs" => ins.f64_abs(),
                    "floatSqrt" => ins.f64_sqrt(),
                    "floatCeil" => ins.f64_ceil(),
                    "floatFloor" => ins.f64_floor(),
                    "floatTrunc" => ins.f64_trunc(),
                    "floatNearest" => ins.f64_nearest(),
                    "exp" => ins.call(self.module.rt("float_exp")),
                    "log" => ins.call(self.module.rt("float_log")),
                    "sin" => ins.call(self.module.rt("float_sin")),
                    "cos" => ins.call(self.module.rt("float_cos")),
                    "tan" => ins.call(self.module.rt("float_tan")),
                    "arcsin" => ins.call(self.module.rt("float_asin")),
                    "arccos" => ins.call(self.module.rt("float_acos")),
                    _ => ins.call(self.module.rt("float_atan")),
                };
                self.box_float();
            }
            ("floatMin" | "floatMax" | "floatCopySign" | "arctan2", [a, b]) => {
                self.expr(a);
                self.unbox_float();
                self.expr(b);
                self.unbox_float();
                let mut ins = self.body.ins();
                match name {
                    "floatMin" => ins.f64_min(),
                    "floatMax" => ins.f64_max(),
                    "arctan2" => ins.call(self.module.rt("float_atan2")),
                    _ => ins.f64_copysign(),
                };
                self.box_float();
            }
            ("floatToInt", [f]) => {
                self.expr(f);
                self.unbox_float();
                self.mark();
                let convert = self.module.rt("int_from_f64");
                self.body.ins().call(convert);
            }
            ("intToFloat" | "natToFloat", [n]) => {
                self.call_rt(n, "int_to_f64");
                self.box_float();
            }
            ("floatToInt64", [f]) => {
                self.expr(f);
                self.unbox_float();
                self.body.ins().i64_trunc_sat_f64_s();
                self.fixed_from_i64(FixedTy::Int64);
            }
            ("int64ToFloat", [n]) => {
                self.expr(n);
                self.fixed_to_i64(FixedTy::Int64);
                self.body.ins().f64_convert_i64_s();
                self.box_float();
            }
            _ => {
                let message = format!(
                    "not supported yet: primitive {name} with {} arguments at type {}",
                    args.len(),
                    types::motoko_name(self.module.ir_types(), result)
                );
                self.module.trap(&mut self.body, &message);
            }
        }
    }

    fn call_rt(&mut self, arg: &Expr, function: &str) {
        self.expr(arg);
        let function = self.module.rt(function);
        self.body.ins().call(function);
    }

    /// The length of a text (`text_len`) or, with no function, of an array or blob, as a Nat.
    fn length_of(&mut self, value: &Expr, function: &str) {
        self.expr(value);
        if function.is_empty() {
            self.body.ins().i32_load(mem(4, 2));
        } else {
            let function = self.module.rt(function);
            self.body.ins().call(function);
        }
        let from = self.module.rt("int_from_u64");
        self.body.ins().i64_extend_i32_u().call(from);
    }

    /// The caller of the current message as a principal object `[tag][len][bytes]`.
    fn msg_caller(&mut self) {
        let len = self.body.local(ValType::I32);
        let object = self.body.local(ValType::I32);
        let size = self.module.ic0("msg_caller_size");
        let copy = self.module.ic0("msg_caller_copy");
        let alloc = self.module.rt("alloc");
        self.body
            .ins()
            .call(size)
            .local_set(len)
            .local_get(len)
            .i32_const(8)
            .i32_add()
            .call(alloc)
            .local_tee(object)
            .i32_const(rt_abi::TAG_PRINCIPAL as i32)
            .i32_store(mem(0, 2))
            .local_get(object)
            .local_get(len)
            .i32_store(mem(4, 2))
            .local_get(object)
            .i32_const(8)
            .i32_add()
            .i32_const(0)
            .local_get(len)
            .call(copy)
            .local_get(object);
    }

    /// A copy of a `[tag][len][bytes]` object under another tag.
    fn retag(&mut self, value: &Expr, tag: u32) {
        let v = self.body.local(ValType::I32);
        self.expr(value);
        let new = self.module.rt("bytes_new");
        self.body
            .ins()
            .local_set(v)
            .i32_const(tag as i32)
            .local_get(v)
            .i32_const(8)
            .i32_add()
            .local_get(v)
            .i32_load(mem(4, 2))
            .call(new);
    }

    fn convert(&mut self, from: Num, to: Num, wrap: bool) {
        match (from, to) {
            (Num::Int, Num::Int) => {}
            (Num::Fixed(from), Num::Int) => {
                self.fixed_to_i64(from);
                let widen = if from.signed() {
                    "int_from_i64"
                } else {
                    "int_from_u64"
                };
                let widen = self.module.rt(widen);
                self.body.ins().call(widen);
            }
            (Num::Int, Num::Fixed(to)) => {
                self.mark();
                let narrow = self.module.rt("int_to_bits");
                self.body
                    .ins()
                    .i32_const(to.bits() as i32)
                    .i32_const(i32::from(to.signed()))
                    .i32_const(i32::from(wrap))
                    .call(narrow);
                self.fixed_from_i64(to);
            }
            // Between fixed-width types of one width: the same bits, read again.
            (Num::Fixed(from), Num::Fixed(to)) => {
                self.fixed_to_i64(from);
                let bits = to.bits();
                if bits < 64 {
                    let shift = i64::from(64 - bits);
                    let mut ins = self.body.ins();
                    ins.i64_const(shift).i64_shl().i64_const(shift);
                    if to.signed() {
                        ins.i64_shr_s();
                    } else {
                        ins.i64_shr_u();
                    }
                }
                self.fixed_from_i64(to);
            }
        }
    }

    /// `{ next }` over the value, whose closure is `[TAG_CLOSURE][slot][2][value][0]`.
    fn iterator(&mut self, value: &Expr, kind: u32) {
        let slot = self.module.iterator_slot(kind);
        let closure = self.body.local(ValType::I32);
        let record = self.body.local(ValType::I32);
        let alloc = self.module.rt("alloc");
        self.body
            .ins()
            .i32_const(20)
            .call(alloc)
            .local_tee(closure)
            .i32_const(rt_abi::TAG_CLOSURE as i32)
            .i32_store(mem(0, 2))
            .local_get(closure)
            .i32_const(slot as i32)
            .i32_store(mem(4, 2))
            .local_get(closure)
            .i32_const(2)
            .i32_store(mem(8, 2))
            .local_get(closure);
        self.expr(value);
        self.body.ins().i32_store(mem(12, 2));
        let fields = [ir::Field {
            name: "next".into(),
            ty: Ty::Func,
            mutable: false,
        }];
        let table = types::record_table(&mut self.module.statics, &fields);
        let object_alloc = self.module.rt("object_alloc");
        self.body
            .ins()
            .i32_const(1)
            .i32_const(table as i32)
            .call(object_alloc)
            .local_tee(record)
            .local_get(closure)
            .i32_store(mem(12, 2))
            .local_get(record);
    }

    /// The element count of a Nat, as a word; a bignum becomes a count that `array_alloc`
    /// refuses (out of memory).
    fn count(&mut self, count: &Expr) {
        let n = self.body.local(ValType::I32);
        self.expr(count);
        self.body
            .ins()
            .local_tee(n)
            .i32_const(1)
            .i32_and()
            .if_(BlockType::Result(ValType::I32))
            .local_get(n)
            .i32_const(1)
            .i32_shr_s()
            .else_()
            .i32_const(-1)
            .end();
    }

    fn array_init(&mut self, count: &Expr, value: &Expr) {
        let array = self.body.local(ValType::I32);
        let v = self.body.local(ValType::I32);
        let i = self.body.local(ValType::I32);
        self.count(count);
        let alloc = self.module.rt("array_alloc");
        self.body.ins().call(alloc).local_set(array);
        self.expr(value);
        self.body.ins().local_set(v);
        self.fill_array(array, i, |ins| {
            ins.local_get(v);
        });
    }

    /// Calls the generator once per index, in increasing order.
    fn array_tabulate(&mut self, count: &Expr, generator: &Expr) {
        let array = self.body.local(ValType::I32);
        let f = self.body.local(ValType::I32);
        let i = self.body.local(ValType::I32);
        self.count(count);
        let alloc = self.module.rt("array_alloc");
        self.body.ins().call(alloc).local_set(array);
        self.expr(generator);
        let ty = self
            .module
            .type_index(vec![ValType::I32; 2], vec![ValType::I32]);
        self.body.ins().local_set(f);
        // The closure gets itself and the index (tagged as a small Nat).
        self.fill_array(array, i, |ins| {
            ins.local_get(f)
                .local_get(i)
                .i32_const(1)
                .i32_shl()
                .i32_const(1)
                .i32_or()
                .local_get(f)
                .i32_load(mem(4, 2))
                .call_indirect(0, ty);
        });
    }

    /// Stores `element` (code leaving one value) into every slot of `array`, for `i` from 0
    /// up to its length, then leaves `array` on the stack. `i` must be a fresh local (zero).
    fn fill_array(
        &mut self,
        array: u32,
        i: u32,
        element: impl FnOnce(&mut wasm_encoder::InstructionSink<'_>),
    ) {
        let mut ins = self.body.ins();
        ins.block(BlockType::Empty)
            .loop_(BlockType::Empty)
            .local_get(i)
            .local_get(array)
            .i32_load(mem(4, 2))
            .i32_ge_u()
            .br_if(1)
            .local_get(array)
            .local_get(i)
            .i32_const(2)
            .i32_shl()
            .i32_add();
        element(&mut ins);
        ins.i32_store(mem(8, 2))
            .local_get(i)
            .i32_const(1)
            .i32_add()
            .local_set(i)
            .br(0)
            .end()
            .end()
            .local_get(array);
    }
}
