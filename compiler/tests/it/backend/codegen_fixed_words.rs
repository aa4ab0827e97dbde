//! Fixed-width arithmetic of the types up to 32 bits, which the code generator does with i32
//! instructions: every operation over a grid of edge values, each checked against the same
//! computation in Rust (wrapping, bitwise, shifts, and checked `+`/`-` with their traps).

use minimo_compiler::ir::{Expr, ExprKind, FixedOp, FixedTy, Ty};

use super::codegen_lang::{shown, trap_of};
use super::codegen_support::*;

const TYPES: [FixedTy; 6] = [
    FixedTy::Nat8,
    FixedTy::Nat16,
    FixedTy::Nat32,
    FixedTy::Int8,
    FixedTy::Int16,
    FixedTy::Int32,
];

/// The value of the type's bits, as moc prints it (digit groups, `+` on positive signed).
fn printed(ty: FixedTy, bits: u64) -> String {
    let width = ty.bits();
    let mask = (1u64 << width) - 1;
    let raw = bits & mask;
    let value: i64 = if ty.signed() && raw >> (width - 1) == 1 {
        raw as i64 - (1i64 << width)
    } else {
        raw as i64
    };
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('_');
        }
        grouped.push(digit);
    }
    match (value < 0, ty.signed() && value > 0) {
        (true, _) => format!("-{grouped}"),
        (_, true) => format!("+{grouped}"),
        _ => grouped,
    }
}

/// Edge values of the type, as bits: zero, one, two, all ones, the sign bit alone and the
/// largest positive signed value, and a mixed pattern.
fn edges(ty: FixedTy) -> Vec<u64> {
    let width = ty.bits();
    let mask = (1u64 << width) - 1;
    let sign = 1u64 << (width - 1);
    vec![0, 1, 2, mask, sign, sign - 1, 0x5a5a_5a5a & mask]
}

/// The signed or unsigned value of the bits.
fn value(ty: FixedTy, bits: u64) -> i64 {
    let width = ty.bits();
    let raw = bits & ((1u64 << width) - 1);
    if ty.signed() && raw >> (width - 1) == 1 {
        raw as i64 - (1i64 << width)
    } else {
        raw as i64
    }
}

fn in_range(ty: FixedTy, v: i64) -> bool {
    let width = ty.bits();
    if ty.signed() {
        v >= -(1i64 << (width - 1)) && v < (1i64 << (width - 1))
    } else {
        v >= 0 && v < (1i64 << width)
    }
}

/// What Rust computes for the operation, as bits, or None when it must trap.
fn expected(op: FixedOp, ty: FixedTy, a: u64, b: u64) -> Option<u64> {
    let width = ty.bits();
    let mask = (1u64 << width) - 1;
    let (x, y) = (value(ty, a), value(ty, b));
    let amount = (b & mask) % u64::from(width);
    let unsigned = a & mask;
    Some(
        match op {
            FixedOp::Add if in_range(ty, x + y) => (x + y) as u64,
            FixedOp::Sub if in_range(ty, x - y) => (x - y) as u64,
            FixedOp::Add | FixedOp::Sub => return None,
            FixedOp::WrapAdd => x.wrapping_add(y) as u64,
            FixedOp::WrapSub => x.wrapping_sub(y) as u64,
            FixedOp::WrapMul => x.wrapping_mul(y) as u64,
            FixedOp::And => (a & b) & mask,
            FixedOp::Or => (a | b) & mask,
            FixedOp::Xor => (a ^ b) & mask,
            FixedOp::Shl => unsigned << amount,
            FixedOp::Shr if ty.signed() => (x >> amount) as u64,
            FixedOp::Shr => unsigned >> amount,
            FixedOp::Rotl => {
                (unsigned << amount | unsigned >> ((u64::from(width) - amount) % u64::from(width)))
                    & mask
            }
            _ => {
                (unsigned >> amount | unsigned << ((u64::from(width) - amount) % u64::from(width)))
                    & mask
            }
        } & mask,
    )
}

fn op_expr(op: FixedOp, ty: FixedTy, a: u64, b: u64) -> Expr {
    expr(
        ExprKind::FixedBinary(op, ty, Box::new(fixed(ty, a)), Box::new(fixed(ty, b))),
        Ty::Fixed(ty),
    )
}

#[test]
fn word_sized_operations_agree_with_rust_on_edge_values() {
    let ops = [
        FixedOp::Add,
        FixedOp::Sub,
        FixedOp::WrapAdd,
        FixedOp::WrapSub,
        FixedOp::WrapMul,
        FixedOp::And,
        FixedOp::Or,
        FixedOp::Xor,
        FixedOp::Shl,
        FixedOp::Shr,
        FixedOp::Rotl,
        FixedOp::Rotr,
    ];
    for ty in TYPES {
        for op in ops {
            let mut items = Vec::new();
            let mut printed_items = Vec::new();
            for &a in &edges(ty) {
                for &b in &edges(ty) {
                    if let Some(bits) = expected(op, ty, a, b) {
                        items.push(op_expr(op, ty, a, b));
                        printed_items.push(printed(ty, bits));
                    }
                }
            }
            let tys = vec![Ty::Fixed(ty); items.len()];
            let tuple = expr(ExprKind::Tuple(items), Ty::Tuple(tys));
            assert_eq!(
                shown(tuple),
                format!("({})", printed_items.join(", ")),
                "{op:?} at {ty:?}"
            );
        }
    }
}

#[test]
fn word_sized_checked_add_and_sub_trap_exactly_when_rust_overflows() {
    for ty in TYPES {
        for op in [FixedOp::Add, FixedOp::Sub] {
            let edges = edges(ty);
            for (&a, &b) in edges.iter().zip(edges.iter().rev()) {
                if expected(op, ty, a, b).is_none() {
                    let message = trap_of(&[], op_expr(op, ty, a, b));
                    assert!(
                        message.contains("arithmetic overflow"),
                        "{op:?} {ty:?} {a} {b}: {message}"
                    );
                }
            }
        }
    }
}
