//! Subtyping, as moc defines it: `Nat <: Int`, `Null <: ?T`, records in width and depth
//! (immutable fields covariant, `var` fields invariant), variants (fewer tags below more),
//! immutable arrays covariant and mutable ones invariant, functions contravariant in their
//! parameters, `None` below and `Any` above everything, a bounded type parameter below its bound. Recursive aliases are compared
//! coinductively: a pair of types met again while comparing it is assumed to be related.
//! This module does not report anything.

use super::types::{Cons, Field, Type};
use crate::syntax::ast::ObjSort;

impl Cons {
    /// Whether a value of `a` may be used where `b` is expected.
    pub fn sub(&self, a: &Type, b: &Type) -> bool {
        let mut seen = Vec::new();
        self.sub_in(a, b, &mut seen)
    }

    fn sub_in(&self, a: &Type, b: &Type, seen: &mut Vec<(Type, Type)>) -> bool {
        use Type::*;
        if a == b {
            return true;
        }
        match (a, b) {
            (Err, _) | (_, Err) | (Non, _) | (_, Any) => return true,
            // The same constructor at the same arguments, however it was written
            // (`Buffer<X>`, `Buffer.Buffer<X>`).
            (Con(x, _, xs), Con(y, _, ys)) if x == y && xs == ys => return true,
            (Con(..), _) | (_, Con(..)) => {
                let pair = (a.clone(), b.clone());
                if seen.contains(&pair) {
                    return true;
                }
                seen.push(pair);
                let (a, b) = (self.expand(a), self.expand(b));
                return self.sub_in(&a, &b, seen);
            }
            _ => {}
        }
        match (a, b) {
            (Nat, Int) => true,
            (Null, Option(_)) => true,
            (Tuple(xs), Tuple(ys)) => {
                xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| self.sub_in(x, y, seen))
            }
            (Option(x), Option(y)) => self.sub_in(x, y, seen),
            (Array(false, x), Array(false, y)) => self.sub_in(x, y, seen),
            (Array(true, x), Array(true, y)) => self.sub_in(x, y, seen) && self.sub_in(y, x, seen),
            (Obj(s1, xs), Obj(s2, ys)) => {
                s1 == s2
                    && ys.iter().all(|fy| {
                        xs.iter().any(|fx| {
                            fx.name == fy.name
                                && fx.mutable == fy.mutable
                                && self.sub_in(&fx.ty, &fy.ty, seen)
                                && (!fx.mutable || self.sub_in(&fy.ty, &fx.ty, seen))
                        })
                    })
            }
            (Variant(xs), Variant(ys)) => xs.iter().all(|tx| {
                ys.iter()
                    .any(|ty| tx.name == ty.name && self.sub_in(&tx.ty, &ty.ty, seen))
            }),
            (Func(f), Func(g)) => {
                f.sort == g.sort
                    && f.params.len() == g.params.len()
                    && g.params
                        .iter()
                        .zip(&f.params)
                        .all(|(x, y)| self.sub_in(x, y, seen))
                    && self.sub_in(&f.result, &g.result, seen)
            }
            (Async(x), Async(y)) => self.sub_in(x, y, seen),
            // A bounded type parameter is below everything its bound is below.
            (Param(v, _), _) => match self.bounds.get(v) {
                Some(bound) => self.sub_in(bound, b, seen),
                None => false,
            },
            _ => false,
        }
    }

    /// A common supertype of two types (the branches of an `if`, the items of an array).
    /// Recursive aliases are joined coinductively too: a pair of aliases met again while
    /// joining it joins at `Any`, a supertype of everything, where moc would build a
    /// recursive type (so that joining `T2 = ?(Nat, ?(Int, T2))` with a type of another
    /// period ends).
    pub fn lub(&self, a: &Type, b: &Type) -> Type {
        self.lub_in(a, b, &mut Vec::new())
    }

    fn lub_in(&self, a: &Type, b: &Type, seen: &mut Vec<(Type, Type)>) -> Type {
        if self.sub(a, b) {
            return b.clone();
        }
        if self.sub(b, a) {
            return a.clone();
        }
        if matches!(a, Type::Con(..)) || matches!(b, Type::Con(..)) {
            let pair = (a.clone(), b.clone());
            if seen.contains(&pair) {
                return Type::Any;
            }
            seen.push(pair);
        }
        let mut lub = |x: &Type, y: &Type| self.lub_in(x, y, seen);
        match (self.expand(a), self.expand(b)) {
            (Type::Option(x), Type::Option(y)) => Type::Option(Box::new(lub(&x, &y))),
            (Type::Array(false, x), Type::Array(false, y)) => {
                Type::Array(false, Box::new(lub(&x, &y)))
            }
            (Type::Tuple(xs), Type::Tuple(ys)) if xs.len() == ys.len() => {
                Type::Tuple(xs.iter().zip(&ys).map(|(x, y)| lub(x, y)).collect())
            }
            // Variants join tag by tag: `[#dot, #circle 1.0]` is `[{#circle : Float; #dot}]`.
            (Type::Variant(xs), Type::Variant(ys)) => {
                let mut tags = xs.clone();
                for y in &ys {
                    match tags.iter_mut().find(|t| t.name == y.name) {
                        Some(tag) => tag.ty = lub(&tag.ty, &y.ty),
                        None => tags.push(y.clone()),
                    }
                }
                Type::variant(tags)
            }
            // Records keep the common fields, each at the join of its types.
            (Type::Obj(ObjSort::Object, xs), Type::Obj(ObjSort::Object, ys)) => {
                let fields = xs
                    .iter()
                    .filter(|x| !x.mutable)
                    .filter_map(|x| {
                        let y = ys.iter().find(|y| y.name == x.name && !y.mutable)?;
                        Some(Field {
                            ty: lub(&x.ty, &y.ty),
                            ..x.clone()
                        })
                    })
                    .collect();
                Type::Obj(ObjSort::Object, fields)
            }
            _ => Type::Any,
        }
    }
}
