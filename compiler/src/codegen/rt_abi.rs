//! The contract between generated code and the runtime library (`rt/*.wat`).
//!
//! The runtime library is hand-written WebAssembly text, assembled at build time and linked
//! into every canister by `codegen::link`. Generated code calls its functions by the names
//! listed here; a test asserts that the assembled library exports exactly these functions with
//! exactly these signatures, so a mismatch is caught before any canister runs.
//!
//! # Value representation (every value is one `i32`)
//! - `Bool`: 0 or 1. Unit `()`: 0.
//! - `Nat` and `Int` (one representation, so `Nat <: Int` costs nothing): if the low bit is
//!   1 the value is a *small integer* `v >> 1` (arithmetic shift), in `[-2^30, 2^30)`;
//!   otherwise it is a pointer to a *bignum* object. A bignum is always normalised: it never
//!   holds a value that fits a small integer and has no leading zero limbs.
//! - Every other value is a pointer to a heap object, 4-byte aligned, starting with a tag word:
//!   - bignum `[TAG_BIGNUM][sign_and_len][limb 0][limb 1]...`: `sign_and_len` has the sign in
//!     bit 31 (1 = negative) and the number of 32-bit little-endian limbs in bits 0..31.
//!   - text `[TAG_TEXT][byte_len][utf-8 bytes...]`.
//!   - tuple `[TAG_TUPLE][count][value 0][value 1]...`.
//!   - blob `[TAG_BLOB][byte_len][bytes...]` (`Blob` values and the runtime's byte buffers);
//!     a principal `[TAG_PRINCIPAL][byte_len][bytes...]` has the same layout, so equality and
//!     order of blobs, principals and texts are one byte comparison.
//!   - array `[TAG_ARRAY][len][elem 0]...`, for `[T]` and `[var T]` alike (`a[i] := v`
//!     stores in place, so every alias sees it).
//!   - record `[TAG_OBJECT][n][hash table][value 0]...`: the hash table is a static array of
//!     the n field hashes (`ir::idl_hash`), ascending, and value i belongs to hash i. Width
//!     subtyping passes the same pointer where fewer fields are expected, so a field is found
//!     by hash at run time (`object_field`, a binary search); generated code first compares
//!     the table pointer with its static type's table (interned, so equal types share it)
//!     and then reads at a known offset. `var` fields are stored in place: aliases agree.
//!   - variant `[TAG_VARIANT][tag hash][payload]`.
//!   - `?v` is a box `[TAG_SOME][v]`; `null` is the word 0 (never an object address), so
//!     `?null` (a box holding 0) differs from `null`.
//!   - closure `[TAG_CLOSURE][table index][n][captured 0]...`: the code is entry `table
//!     index` of the module's only table, called with `call_indirect` at the type
//!     `(i32 closure, i32 arg...) -> i32` of its arity, the closure itself passed first so
//!     that the code reads its captured values from it. The table holds every function of
//!     the program whose `closure` flag is set (and the Candid helpers that `candid_work` calls
//!     from its work stack); it is initialised by an active element
//!     segment and never written at run time, so it is the same in every instance and the
//!     VM's snapshot of memory and exported globals is still the whole state.
//!   - mutable cell `[TAG_REF][value]` (a `var` that a closure captures).
//!   - `Nat64`, `Int64` and `Float`: a box `[TAG_BITS64][64 bits]` (the bits at offset 4;
//!     Wasm loads need no alignment). Boxing keeps every value one `i32` word.
//! - Unboxed in the word, without tag (the static type says what the word is): `Nat8`,
//!   `Nat16`, `Nat32` zero-extended, `Int8`, `Int16`, `Int32` sign-extended, `Char` as its
//!   code point, `Null` as 0, `Any` as whatever it was (nothing inspects it). A value of a
//!   type parameter (`Ty::Param`) is any of the above, never inspected.
//!
//! # Execution errors
//! A trap that moc reports as an execution error goes through `exec_error`, which prefixes
//! the location in the global `rt_trap_loc` (a text object, `file.mo:8.5-8.16`, or 0) as
//! `<location>: execution error, <what>`. Generated code sets the global right before an
//! operation that a `Located` node wraps, after its operands.
//! - Objects may also live in data segments (literals); only arrays and records are ever
//!   mutated in place, and literals of those are always allocated fresh.
//!
//! # Byte streams
//! The runtime keeps one *reader* (over a byte range in the heap) and one *writer* (a growable
//! heap buffer), used for Candid messages and for stable-memory serialization alike.

/// Heap object tags (the first word of every boxed value).
pub const TAG_BIGNUM: u32 = 1;
pub const TAG_TEXT: u32 = 2;
pub const TAG_TUPLE: u32 = 3;
pub const TAG_BLOB: u32 = 4;
pub const TAG_ARRAY: u32 = 5;
pub const TAG_OBJECT: u32 = 6;
pub const TAG_SOME: u32 = 7;
pub const TAG_BITS64: u32 = 8;
pub const TAG_VARIANT: u32 = 9;
pub const TAG_PRINCIPAL: u32 = 10;
pub const TAG_CLOSURE: u32 = 11;
pub const TAG_REF: u32 = 12;

/// The word of `null`.
pub const NULL: i32 = 0;

/// A Wasm value type in a runtime function's signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Val {
    I32,
    I64,
    F64,
}

/// One function of the runtime library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RtFunction {
    pub name: &'static str,
    pub params: &'static [Val],
    pub results: &'static [Val],
    /// What it does, for readers of generated code.
    pub doc: &'static str,
}

use Val::{F64, I32, I64};

const fn rt(
    name: &'static str,
    params: &'static [Val],
    results: &'static [Val],
    doc: &'static str,
) -> RtFunction {
    RtFunction {
        name,
        params,
        results,
        doc,
    }
}

/// Every function the runtime library exports to generated code.
pub const RUNTIME_FUNCTIONS: &[RtFunction] = &[
    // Memory and traps.
    rt("alloc", &[I32], &[I32], "allocate n bytes (4-aligned, zeroed); traps cleanly when memory is exhausted"),
    rt("trap", &[I32, I32], &[], "trap with the UTF-8 message at (ptr, len); never returns"),
    rt("exec_error", &[I32, I32], &[], "trap with '<rt_trap_loc>: execution error, ' and the message at (ptr, len), or the bare message without a location"),
    // Integers (Nat and Int share the representation).
    rt("int_from_i64", &[I64], &[I32], "box or tag a signed 64-bit value"),
    rt("int_from_u64", &[I64], &[I32], "box or tag an unsigned 64-bit value"),
    rt("int_add", &[I32, I32], &[I32], "a + b"),
    rt("int_sub", &[I32, I32], &[I32], "a - b"),
    rt("nat_sub", &[I32, I32], &[I32], "a - b, trapping with 'Natural subtraction underflow' when negative"),
    rt("int_mul", &[I32, I32], &[I32], "a * b"),
    rt("int_div", &[I32, I32], &[I32], "a / b truncated toward zero; traps on division by zero"),
    rt("int_rem", &[I32, I32], &[I32], "a % b with the sign of a; traps on division by zero"),
    rt("int_pow", &[I32, I32], &[I32], "a ** b; traps when b is negative"),
    rt("int_neg", &[I32], &[I32], "-a"),
    rt("int_cmp", &[I32, I32], &[I32], "-1, 0 or 1 as a < b, a == b, a > b"),
    rt("int_eq", &[I32, I32], &[I32], "1 if a == b else 0"),
    rt("int_is_neg", &[I32], &[I32], "1 if a < 0 else 0"),
    rt("int_to_text", &[I32], &[I32], "decimal text of a, with a leading '-' when negative and no digit groups"),
    // Text.
    rt("text_concat", &[I32, I32], &[I32], "a # b"),
    rt("text_eq", &[I32, I32], &[I32], "1 if the texts are equal"),
    rt("utf8_char_at", &[I32], &[I64], "width << 32 | code point of the UTF-8 character at an address"),
    rt("text_cmp", &[I32, I32], &[I32], "-1, 0 or 1, by bytes (which is code point order)"),
    rt("text_len", &[I32], &[I32], "number of Unicode scalar values"),
    rt("text_from_bytes", &[I32, I32], &[I32], "new text from (ptr, len), trapping when not valid UTF-8"),
    // Reader: a cursor over bytes in the heap; every read traps at the end of the input.
    rt("reader_init", &[I32, I32], &[], "read from (ptr, len)"),
    rt("reader_remaining", &[], &[I32], "bytes left to read"),
    rt("read_byte", &[], &[I32], "next byte"),
    rt("read_bytes", &[I32], &[I32], "pointer to the next n bytes (in place), advancing past them"),
    rt("read_u32_le", &[], &[I32], "next 4 bytes as a little-endian u32"),
    rt("read_leb_u32", &[], &[I32], "unsigned LEB128 that must fit 32 bits"),
    rt("read_sleb_i32", &[], &[I32], "signed LEB128 that must fit 32 bits"),
    rt("read_nat", &[], &[I32], "unsigned LEB128 of any size, as a Nat value"),
    rt("read_int", &[], &[I32], "signed LEB128 of any size, as an Int value"),
    rt("read_text", &[], &[I32], "LEB128 length then UTF-8 bytes, as a Text value (validated)"),
    // Writer: a growable buffer in the heap.
    rt("writer_reset", &[], &[], "start an empty buffer"),
    rt("writer_ptr", &[], &[I32], "address of the buffer's first byte"),
    rt("writer_len", &[], &[I32], "bytes written so far"),
    rt("write_byte", &[I32], &[], "append one byte"),
    rt("write_bytes", &[I32, I32], &[], "append (ptr, len)"),
    rt("write_u32_le", &[I32], &[], "append a little-endian u32"),
    rt("write_leb_u32", &[I32], &[], "append an unsigned LEB128"),
    rt("write_sleb_i32", &[I32], &[], "append a signed LEB128"),
    rt("write_nat", &[I32], &[], "append a Nat value as unsigned LEB128 (traps when negative)"),
    rt("write_int", &[I32], &[], "append an Int value as signed LEB128"),
    rt("write_text", &[I32], &[], "append LEB128 length then the text's bytes"),
    // Candid messages (the header and the type table of the message being read).
    rt("candid_begin", &[], &[I32], "check the DIDL magic and read the type table at the reader; returns the number of argument values"),
    rt("candid_arg_type", &[I32], &[I32], "wire type of argument i: a negative primitive opcode or a table index"),
    rt("candid_type_opcode", &[I32], &[I32], "opcode of a wire type: the type itself if primitive, else the table entry's opcode (-20 record, -21 variant, -18 opt, -19 vec, ...)"),
    rt("candid_record_len", &[I32], &[I32], "number of fields of the record table entry t"),
    rt("candid_record_field_id", &[I32, I32], &[I32], "field id (hash) of field i of record t"),
    rt("candid_record_field_type", &[I32, I32], &[I32], "wire type of field i of record t"),
    rt("candid_fields", &[I32], &[I32], "the unpacked entry of a record, variant, opt or vec type t: [opcode][count][id 0][type 0][id 1][type 1]... (opt and vec: one field, id 0)"),
    rt("candid_skip", &[I32], &[], "skip one value of the given wire type at the reader"),
    // The work stack of Candid steps (42_work.wat, used by `candid_work`).
    rt("work_begin", &[], &[I32], "-1 while a driver runs; else the caller becomes the driver and gets the stack's height"),
    rt("work_end", &[], &[], "the driver is done"),
    rt("work_mark", &[], &[I32], "the stack's current height, for work_reverse"),
    rt("work_push", &[I32, I32, I32, I32], &[], "push an item of four words"),
    rt("work_next", &[I32], &[I32], "0 when the stack is at the mark, else pop the top item: its address, valid until the next push"),
    rt("work_reverse", &[I32], &[], "reverse the items pushed since the mark"),
    // Identity of mutable objects in the stable format (43_alias.wat).
    rt("candid_allow_var", &[I32], &[], "1: candid_begin accepts the stable format's var type opcode; 0: plain Candid only"),
    rt("alias_reset", &[], &[], "forget the objects numbered by write_alias and registered by alias_add"),
    rt("write_alias", &[I32], &[I32], "write the marker of a mutable object: 1 when its contents must follow (first occurrence), 0 when it referred back"),
    rt("alias_add", &[I32], &[], "register the next object read (0 for one skipped)"),
    rt("alias_get", &[I32, I32, I32, I32], &[I32], "the object that marker m (>= 1) refers to, checked against (tag, record table, table length)"),
    // Compound values (50_objects.wat).
    rt("set_trap_context", &[I32], &[], "text prefixed to every trap_in_context message (0: none)"),
    rt("trap_in_context", &[I32, I32], &[], "trap with the message at (ptr, len) after the trap context"),
    rt("array_alloc", &[I32], &[I32], "new array of n zero elements; traps beyond 2^28 elements"),
    rt("array_slot", &[I32, I32], &[I32], "address of element i (a Nat) of the array; traps 'index out of bounds'"),
    rt("object_field", &[I32, I32], &[I32], "address of the field with the given hash of a record"),
    rt("object_alloc", &[I32, I32], &[I32], "new record of n zero fields with the given static hash table"),
    rt("some", &[I32], &[I32], "?v"),
    rt("variant", &[I32, I32], &[I32], "variant with the given tag hash and payload"),
    rt("box64", &[I64], &[I32], "box of 64 bits (Nat64, Int64, Float)"),
    // Fixed-width arithmetic (70_fixed.wat): i64 operands, width in bits, signedness, wrap.
    rt("fixed_mul", &[I64, I64, I32, I32, I32], &[I64], "a * b at the width; 'arithmetic overflow' unless wrapping"),
    rt("fixed_pow", &[I64, I64, I32, I32, I32], &[I64], "a ** b at the width; 'arithmetic overflow' unless wrapping, and on a negative exponent"),
    // Primitives (60_prim.wat).
    rt("int_to_bits", &[I32, I32, I32, I32], &[I64], "an Int as i64 at (bits, signed); the low bits when wrapping, else 'arithmetic overflow' when it does not fit"),
    rt("int_from_f64", &[F64], &[I32], "the Int truncating a float toward zero; traps on NaN and infinities"),
    rt("int_to_f64", &[I32], &[F64], "the float nearest an Int"),
    rt("decode_utf8", &[I32], &[I32], "?text of a blob, null when not UTF-8"),
    rt("text_iter_next", &[I32], &[I32], "next of a text's chars() closure"),
    rt("seq_iter_next", &[I32, I32], &[I32], "next of an array's vals() (0), keys() (1) or a blob's vals() (2) closure"),
    // Characters (61_char.wat, tables in 62_char_tables.wat), as Rust's `char` methods.
    rt("char_to_upper", &[I32], &[I32], "the single-character uppercase of a char, or the char itself"),
    rt("char_to_lower", &[I32], &[I32], "the single-character lowercase of a char, or the char itself"),
    rt("char_is_whitespace", &[I32], &[I32], "1 if the char has the White_Space property"),
    rt("char_is_alphabetic", &[I32], &[I32], "1 if the char has the Alphabetic property"),
    rt("char_is_lowercase", &[I32], &[I32], "1 if the char has the Lowercase property"),
    rt("char_is_uppercase", &[I32], &[I32], "1 if the char has the Uppercase property"),
    // Float (90_float.wat).
    rt("float_rem", &[F64, F64], &[F64], "C's fmod: exact remainder with the sign of the dividend"),
    rt("float_pow", &[F64, F64], &[F64], "pow(x, y)"),
    rt("float_exp", &[F64], &[F64], "e^x"),
    rt("float_log", &[F64], &[F64], "natural logarithm"),
    rt("float_sin", &[F64], &[F64], "sine (92_float_trig.wat)"),
    rt("float_cos", &[F64], &[F64], "cosine"),
    rt("float_tan", &[F64], &[F64], "tangent"),
    rt("float_asin", &[F64], &[F64], "arcsine, NaN outside [-1, 1]"),
    rt("float_acos", &[F64], &[F64], "arccosine, NaN outside [-1, 1]"),
    rt("float_atan", &[F64], &[F64], "arctangent"),
    rt("float_atan2", &[F64, F64], &[F64], "atan2(y, x), the angle of the point (x, y)"),
    rt("float_format", &[F64, I32, I32], &[I32], "text of a float at a precision in mode 0 (%.*f), 1 (%.*e), 2 (%.*g) or 3 (OCaml's %.*h) (91_float_text.wat)"),
    // debug_show of primitive values (80_show.wat), each returning a text.
    rt("show_nat", &[I32], &[I32], "a Nat with digit groups: 1_000_000"),
    rt("show_int", &[I32], &[I32], "an Int with digit groups and a sign: +5, -5, 0"),
    rt("show_float", &[I32], &[I32], "a boxed float as %.17g with digit groups: 0.100_000_000_000_000_01"),
    rt("show_char", &[I32], &[I32], "a char in single quotes, unescaped as moc prints it"),
    rt("show_text", &[I32], &[I32], "a text in double quotes, unescaped as moc prints it"),
    rt("show_blob", &[I32], &[I32], "a blob as \"\\XX...\" with upper-case hex"),
    rt("show_principal", &[I32], &[I32], "a principal in textual form (aaaaa-aa)"),
    rt("pretty_text", &[I32], &[I32], "a text in double quotes, escaped as the script printer shows it: \"a\\n\\u{e9}\""),
    rt("pretty_char", &[I32], &[I32], "a char in single quotes, escaped as pretty_text"),
    rt("char_to_text", &[I32], &[I32], "a one-character text"),
    rt("bytes_new", &[I32, I32, I32], &[I32], "new [tag][len][bytes] object holding a copy of (ptr, len)"),
    rt("principal_of_text", &[I32], &[I32], "the principal a textual form denotes; traps when invalid"),
    rt("principal_of_actor", &[I32], &[I32], "the principal of an actor reference made from text"),
];

/// Looks a runtime function up by name.
pub fn lookup(name: &str) -> Option<&'static RtFunction> {
    RUNTIME_FUNCTIONS
        .iter()
        .find(|function| function.name == name)
}
