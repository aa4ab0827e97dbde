//! Checker types to IR types: aliases expanded, recursive alias instances named in
//! `Program::types` (`Ty::Named`), generic ones instantiated, record fields and variant tags
//! sorted by Candid hash as the IR requires. Types the IR cannot represent (functions,
//! objects with methods, `async`, actors) give `None`; the caller reports them.

use super::Lowerer;
use crate::ir::{self, idl_hash, FixedTy, Ty, TypeDef, TypeId};
use crate::syntax::ast::ObjSort;
use crate::typeck::types::Type;

impl Lowerer<'_> {
    pub(super) fn ir_ty(&mut self, ty: &Type) -> Option<Ty> {
        Some(match ty {
            Type::Nat => Ty::Nat,
            Type::Int => Ty::Int,
            Type::Bool => Ty::Bool,
            Type::Text => Ty::Text,
            Type::Null => Ty::Null,
            Type::Any => Ty::Any,
            Type::Non => Ty::unit(),
            Type::Error => Ty::error(),
            Type::OtherPrim(p) => match *p {
                "Nat8" => Ty::Fixed(FixedTy::Nat8),
                "Nat16" => Ty::Fixed(FixedTy::Nat16),
                "Nat32" => Ty::Fixed(FixedTy::Nat32),
                "Nat64" => Ty::Fixed(FixedTy::Nat64),
                "Int8" => Ty::Fixed(FixedTy::Int8),
                "Int16" => Ty::Fixed(FixedTy::Int16),
                "Int32" => Ty::Fixed(FixedTy::Int32),
                "Int64" => Ty::Fixed(FixedTy::Int64),
                "Float" => Ty::Float,
                "Char" => Ty::Char,
                "Blob" => Ty::Blob,
                "Principal" => Ty::Principal,
                _ => return None,
            },
            Type::Tuple(items) => Ty::Tuple(
                items
                    .iter()
                    .map(|t| self.ir_ty(t))
                    .collect::<Option<Vec<_>>>()?,
            ),
            Type::Option(t) => Ty::Option(Box::new(self.ir_ty(t)?)),
            Type::Array(false, t) => Ty::Array(Box::new(self.ir_ty(t)?)),
            Type::Array(true, t) => Ty::MutArray(Box::new(self.ir_ty(t)?)),
            Type::Func(_) => Ty::Func,
            // Script mode: an actor's methods return their values directly.
            Type::Async(inner) => return self.ir_ty(inner),
            Type::Obj(ObjSort::Object | ObjSort::Module, fields)
            | Type::Obj(ObjSort::Actor, fields) => {
                let mut out = Vec::new();
                for f in fields {
                    out.push(ir::Field {
                        name: f.name.clone(),
                        ty: self.ir_ty(&f.ty)?,
                        mutable: f.mutable,
                    });
                }
                out.sort_by_key(|f| idl_hash(&f.name));
                Ty::Record(out)
            }
            Type::Variant(tags) => {
                let mut out = Vec::new();
                for t in tags {
                    out.push(ir::Tag {
                        name: t.name.clone(),
                        ty: self.ir_ty(&t.ty)?,
                    });
                }
                out.sort_by_key(|t| idl_hash(&t.name));
                Ty::Variant(out)
            }
            Type::Con(..) => return self.con_ty(ty),
            // Generics are erased: a value of a type parameter is one word, never inspected.
            Type::Param(..) => Ty::Param,
            _ => return None,
        })
    }

    /// An alias instance: inline when it does not refer to itself, named otherwise.
    fn con_ty(&mut self, ty: &Type) -> Option<Ty> {
        if let Some((_, id)) = self.named.iter().find(|(t, _)| t == ty) {
            return Some(Ty::Named(*id));
        }
        if self.in_progress.contains(ty) {
            let id = TypeId(u32::try_from(self.types.len()).unwrap_or(u32::MAX));
            self.types.push(TypeDef {
                name: ty.to_string(),
                ty: Ty::unit(),
            });
            self.named.push((ty.clone(), id));
            return Some(Ty::Named(id));
        }
        self.in_progress.push(ty.clone());
        let body = self.checked.cons.expand(ty);
        let lowered = self.ir_ty(&body);
        self.in_progress.pop();
        let lowered = lowered?;
        match self.named.iter().find(|(t, _)| t == ty) {
            Some((_, id)) => {
                let id = *id;
                if let Some(def) = self.types.get_mut(id.0 as usize) {
                    def.ty = lowered;
                }
                Some(Ty::Named(id))
            }
            None => Some(lowered),
        }
    }
}
