//! The stable and shared predicates.
//!
//! A type is shared when its values can cross a message boundary: first-order data, actor
//! references and shared functions; never mutable state, local functions, objects with
//! methods, `async` or `Error`. A type is stable when, ignoring `var`, it is shared. Aliases
//! are unfolded; a recursive alias met again is assumed fine (coinduction). Nothing here
//! reports diagnostics: callers name the culprit.

use super::types::{Cons, Type};
use crate::syntax::ast::{FuncSort, ObjSort};

impl Cons {
    /// Whether a stable variable may have this type.
    pub fn is_stable(&self, ty: &Type) -> bool {
        self.non_shared_in(ty, true, &mut Vec::new()).is_none()
    }

    /// The first part of this type that cannot cross a message boundary, if any.
    pub fn non_shared_part(&self, ty: &Type) -> Option<Type> {
        self.non_shared_in(ty, false, &mut Vec::new())
    }

    /// The culprit, if any; `allow_var` is the stable rule (mutability ignored).
    fn non_shared_in(&self, ty: &Type, allow_var: bool, seen: &mut Vec<Type>) -> Option<Type> {
        use Type::*;
        match ty {
            Nat | Int | Bool | Text | Null | Any | OtherPrim(_) | Non | Err | Param(..) => None,
            Error | Async(_) => Some(ty.clone()),
            Tuple(items) => items
                .iter()
                .find_map(|t| self.non_shared_in(t, allow_var, seen)),
            Option(t) | Array(false, t) => self.non_shared_in(t, allow_var, seen),
            Array(true, t) => {
                if allow_var {
                    self.non_shared_in(t, allow_var, seen)
                } else {
                    Some(ty.clone())
                }
            }
            Obj(ObjSort::Actor, _) => None,
            Obj(ObjSort::Module, _) => Some(ty.clone()),
            Obj(ObjSort::Object, fields) => {
                if !allow_var && fields.iter().any(|f| f.mutable) {
                    return Some(ty.clone());
                }
                // An object with a method is not shared: the method is the culprit when
                // sharing, the object itself when asking for stability (moc names it so).
                let culprit = fields
                    .iter()
                    .find_map(|f| self.non_shared_in(&f.ty, allow_var, seen));
                match culprit {
                    Some(c) if allow_var => Some(if matches!(c, Func(_)) { ty.clone() } else { c }),
                    other => other,
                }
            }
            Variant(tags) => tags
                .iter()
                .find_map(|t| self.non_shared_in(&t.ty, allow_var, seen)),
            Func(f) => (f.sort == FuncSort::Local).then(|| ty.clone()),
            Con(..) => {
                if seen.contains(ty) {
                    return None;
                }
                seen.push(ty.clone());
                self.non_shared_in(&self.expand(ty), allow_var, seen)
                    .map(|_| ty.clone())
            }
        }
    }
}
