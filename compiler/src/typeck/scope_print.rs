//! A script's result type as moc's interpreter prints it: a type constructor keeps its name
//! only where that name, looked up in the scope of the script's last line, means the same
//! constructor; any other (a type declared inside a module, `Geometry.Point`, or one whose
//! name a later declaration shadows) is replaced by its definition. The checker's messages do
//! not go through here: they name constructors as the program wrote them.

use super::types::{subst, ConId, Field, FuncType, Tag, Type};
use super::{Checker, TypeBinding};

impl Checker {
    /// Unfolds the constructors of `ty` that are not in scope at this point.
    pub(super) fn unfold_out_of_scope(&self, ty: &Type) -> Type {
        self.unfold(ty, &mut Vec::new())
    }

    fn visible(&self, id: ConId, name: &str) -> bool {
        let found = self.type_scopes.iter().rev().find_map(|s| s.get(name));
        matches!(found, Some(TypeBinding::Con(c)) if *c == id)
    }

    /// `unfolding` holds the constructors being replaced by their definitions: a recursive
    /// occurrence keeps its name, so that the result stays finite.
    fn unfold(&self, ty: &Type, unfolding: &mut Vec<ConId>) -> Type {
        let mut go = |t: &Type| self.unfold(t, unfolding);
        match ty {
            Type::Con(id, name, args) => {
                let args: Vec<Type> = args.iter().map(&mut go).collect();
                let def = match self.out.cons.get(*id) {
                    Some(def) if !self.visible(*id, name) && !unfolding.contains(id) => def,
                    _ => return Type::Con(*id, name.clone(), args),
                };
                unfolding.push(*id);
                let body = self.unfold(&subst(&def.body, &args), unfolding);
                unfolding.pop();
                body
            }
            Type::Tuple(items) => Type::Tuple(items.iter().map(go).collect()),
            Type::Option(t) => Type::Option(Box::new(go(t))),
            Type::Array(mutable, t) => Type::Array(*mutable, Box::new(go(t))),
            Type::Obj(sort, fields) => Type::Obj(
                *sort,
                fields
                    .iter()
                    .map(|f| Field {
                        ty: go(&f.ty),
                        ..f.clone()
                    })
                    .collect(),
            ),
            Type::Variant(tags) => Type::Variant(
                tags.iter()
                    .map(|t| Tag {
                        name: t.name.clone(),
                        ty: go(&t.ty),
                    })
                    .collect(),
            ),
            Type::Func(func) => {
                let params = func.params.iter().map(&mut go).collect();
                Type::Func(FuncType {
                    params,
                    result: Box::new(go(&func.result)),
                    ..func.clone()
                })
            }
            Type::Async(t) => Type::Async(Box::new(go(t))),
            other => other.clone(),
        }
    }
}
