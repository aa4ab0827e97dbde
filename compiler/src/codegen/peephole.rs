//! A peephole pass over each generated function body: the code generator emits every
//! expression in isolation, which leaves local patterns that cost instructions at run time
//! (the Internet Computer charges per instruction) but that no expression could avoid on its
//! own: a unit value pushed and dropped, a value stored to a local and loaded right back, a
//! constant shift amount masked at run time.
//!
//! Every rewrite replaces consecutive non-control instructions by cheaper ones with the same
//! effect on the stack and the locals. Control flow can only enter or leave a straight run of
//! such instructions at its ends, so the rewrites are sound anywhere, in unreachable code too.
//! The pass works on the bytes of a finished body (parsed with `wasmparser`, written back with
//! `wasm-encoder`'s reencoder) and leaves the body unchanged if it cannot parse it.

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{Function, Instruction, ValType};
use wasmparser::{BinaryReader, Operator, OperatorsReader};

/// The function with these locals and this code (ending with its final `end`), rewritten.
pub(crate) fn function(locals: Vec<ValType>, code: &[u8]) -> Function {
    let mut function = Function::new_with_locals_types(locals);
    match rewritten(code) {
        Some(instructions) => {
            for instruction in &instructions {
                function.instruction(instruction);
            }
        }
        None => {
            function.raw(code.iter().copied());
        }
    }
    function
}

/// The rewritten instructions, or None if the code does not parse or an operator does not go
/// back (every operator came from wasm-encoder a moment ago, so neither should happen; the
/// unrewritten code is correct either way).
fn rewritten(code: &[u8]) -> Option<Vec<Instruction<'_>>> {
    let mut reencoder = RoundtripReencoder;
    rewrite(code)?
        .into_iter()
        .map(|op| reencoder.instruction(op).ok())
        .collect()
}

/// The operators of `code`, rewritten until no pattern applies; None if it does not parse.
fn rewrite(code: &[u8]) -> Option<Vec<Operator<'_>>> {
    let mut reader = OperatorsReader::new(BinaryReader::new(code, 0));
    let mut out: Vec<Operator<'_>> = Vec::new();
    while !reader.eof() {
        let op = reader.read().ok()?;
        out.push(op);
        // Each rule looks at the end of `out` only, and may enable another there.
        while simplify_tail(&mut out) {}
    }
    Some(out)
}

/// Rewrites the last instructions of `ops` once; whether it changed anything.
fn simplify_tail(ops: &mut Vec<Operator<'_>>) -> bool {
    use Operator::*;
    let n = ops.len();
    if n >= 2 {
        match (&ops[n - 2], &ops[n - 1]) {
            // A value computed for nothing.
            (I32Const { .. } | I64Const { .. } | LocalGet { .. } | GlobalGet { .. }, Drop) => {
                ops.truncate(n - 2);
                return true;
            }
            (LocalTee { local_index }, Drop) => {
                let local_index = *local_index;
                ops.truncate(n - 2);
                ops.push(LocalSet { local_index });
                return true;
            }
            // Stored and loaded right back.
            (LocalSet { local_index: a }, LocalGet { local_index: b }) if a == b => {
                let local_index = *a;
                ops.truncate(n - 2);
                ops.push(LocalTee { local_index });
                return true;
            }
            // Loaded and stored back unchanged.
            (LocalGet { local_index: a }, LocalSet { local_index: b }) if a == b => {
                ops.truncate(n - 2);
                return true;
            }
            (LocalTee { local_index: a }, LocalSet { local_index: b }) if a == b => {
                let local_index = *a;
                ops.truncate(n - 2);
                ops.push(LocalSet { local_index });
                return true;
            }
            _ => {}
        }
    }
    if n >= 3 {
        // Constant operands, as in a shift by a constant masked to 0..31.
        if let (I32Const { value: a }, I32Const { value: b }) = (&ops[n - 3], &ops[n - 2]) {
            let (a, b) = (*a, *b);
            let folded = match &ops[n - 1] {
                I32And => Some(a & b),
                I32Or => Some(a | b),
                I32Xor => Some(a ^ b),
                I32Add => Some(a.wrapping_add(b)),
                I32Sub => Some(a.wrapping_sub(b)),
                I32Mul => Some(a.wrapping_mul(b)),
                I32Shl => Some(a.wrapping_shl(b as u32)),
                I32ShrU => Some(((a as u32).wrapping_shr(b as u32)) as i32),
                I32ShrS => Some(a.wrapping_shr(b as u32)),
                _ => None,
            };
            if let Some(value) = folded {
                ops.truncate(n - 3);
                ops.push(I32Const { value });
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use wasm_encoder::{Function, Instruction};

    use super::rewrite;

    /// The code bytes (without the locals) of a body of these instructions.
    fn code(instructions: &[Instruction<'_>]) -> Vec<u8> {
        let mut function = Function::new(Vec::new());
        for instruction in instructions {
            function.instruction(instruction);
        }
        let mut bytes = Vec::new();
        wasm_encoder::Encode::encode(&function, &mut bytes);
        // A size prefix (one byte here) and an empty locals vector come first.
        bytes[2..].to_vec()
    }

    fn rewritten(instructions: &[Instruction<'_>]) -> String {
        let bytes = code(instructions);
        let ops = rewrite(&bytes).expect("parses");
        format!("{ops:?}")
    }

    #[test]
    fn a_dropped_unit_value_disappears() {
        use Instruction::*;
        assert_eq!(
            rewritten(&[LocalGet(0), I32Const(0), Drop, End]),
            "[LocalGet { local_index: 0 }, End]"
        );
    }

    #[test]
    fn a_store_and_load_of_one_local_becomes_a_tee() {
        use Instruction::*;
        assert_eq!(
            rewritten(&[I32Const(7), LocalSet(1), LocalGet(1), End]),
            "[I32Const { value: 7 }, LocalTee { local_index: 1 }, End]"
        );
    }

    #[test]
    fn a_masked_constant_shift_amount_is_folded() {
        use Instruction::*;
        assert_eq!(
            rewritten(&[LocalGet(0), I32Const(5), I32Const(31), I32And, I32Shl, End]),
            "[LocalGet { local_index: 0 }, I32Const { value: 5 }, I32Shl, End]"
        );
    }

    #[test]
    fn rewrites_do_not_cross_control_instructions() {
        use Instruction::*;
        let kept = rewritten(&[
            I32Const(1),
            If(wasm_encoder::BlockType::Empty),
            Else,
            End,
            LocalSet(0),
            Block(wasm_encoder::BlockType::Empty),
            End,
            LocalGet(0),
            Drop,
            End,
        ]);
        assert!(
            kept.contains("LocalSet { local_index: 0 }, Block"),
            "{kept}"
        );
    }
}
