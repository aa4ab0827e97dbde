//! Written types to checker types, and `type` declarations.
//!
//! A scope's type declarations are entered in two steps, so that they may refer to each other
//! and to themselves in any order: every name gets a constructor first, then every body is
//! resolved with the definition's parameters in scope. Applications keep the alias
//! (`Con`); a class name stands for its instances' structural type. Nothing here checks
//! expressions.

use super::types::{ConDef, ConId, Field, FuncType, Tag, Type, OTHER_PRIMS};
use super::{Binding, Checker, TypeBinding};
use crate::diag;
use crate::syntax::ast::{self, Dec, TypeDec, TypeKind};
use std::rc::Rc;

impl Checker {
    /// Declares and resolves the `type` declarations among `decs` in the innermost scope.
    pub(super) fn type_decs<'a>(&mut self, decs: impl Iterator<Item = &'a Dec> + Clone) {
        let mut declared = Vec::new();
        for dec in decs.clone() {
            if let Dec::Type(t) = dec {
                let id = ConId(u32::try_from(self.out.cons.defs.len()).unwrap_or(u32::MAX));
                self.out.cons.defs.push(ConDef {
                    name: Rc::from(t.name.name.as_str()),
                    params: t.params.iter().map(|p| Rc::from(p.name.as_str())).collect(),
                    body: Type::Err,
                });
                let taken = self
                    .type_scopes
                    .last()
                    .is_some_and(|s| s.contains_key(&t.name.name));
                if taken {
                    self.diags
                        .push(diag::duplicate(t.name.span, &t.name.name, "block"));
                } else if let Some(scope) = self.type_scopes.last_mut() {
                    scope.insert(t.name.name.clone(), TypeBinding::Con(id));
                }
                declared.push((id, t));
            }
        }
        for (id, t) in declared {
            let body = self.type_body(t);
            if let Some(def) = self.out.cons.defs.get_mut(id.0 as usize) {
                def.body = body;
            }
            if self.scopes.len() == 1 {
                self.out.actor_types.push(id);
            }
        }
    }

    fn type_body(&mut self, t: &TypeDec) -> Type {
        self.type_scopes.push(
            t.params
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        p.name.clone(),
                        TypeBinding::Param(u32::try_from(i).unwrap_or(u32::MAX)),
                    )
                })
                .collect(),
        );
        let body = self.resolve_type(&t.body);
        self.type_scopes.pop();
        body
    }

    fn lookup_type(&self, name: &str) -> Option<TypeBinding> {
        if let Some((module, member)) = name.split_once('.') {
            // `M.T`: a type of a module declared (or imported) earlier.
            return self.module_types.get(module)?.get(member).cloned();
        }
        self.type_scopes
            .iter()
            .rev()
            .find_map(|s| s.get(name))
            .cloned()
    }

    /// `Prim.Types.Nat` (a built-in type named through the primitive module) as `Nat`;
    /// any other name unchanged.
    fn prim_type_name<'n>(&self, name: &'n str) -> &'n str {
        let mut parts = name.split('.');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(module), Some("Types"), Some(builtin), None)
                if self
                    .scopes
                    .first()
                    .is_some_and(|scope| matches!(scope.get(module), Some(Binding::Prim(_)))) =>
            {
                builtin
            }
            _ => name,
        }
    }

    /// Resolves a written type.
    pub(super) fn resolve_type(&mut self, ty: &ast::Type) -> Type {
        match &ty.kind {
            TypeKind::Name(name, args) => {
                let args: Vec<Type> = args.iter().map(|a| self.resolve_type(a)).collect();
                match self.lookup_type(name) {
                    Some(TypeBinding::Con(id)) => {
                        let arity = self.out.cons.get(id).map_or(0, |d| d.params.len());
                        if arity != args.len() {
                            self.diags
                                .push(diag::type_arity(ty.span, name, arity, args.len()));
                            return Type::Err;
                        }
                        return Type::Con(id, Rc::from(name.as_str()), args);
                    }
                    Some(TypeBinding::Param(i)) => return Type::Param(i, Rc::from(name.as_str())),
                    Some(TypeBinding::Class(t)) if !args.is_empty() => {
                        // A generic class's type at arguments: its variables, in declaration
                        // order, take the arguments.
                        let mut vars = Vec::new();
                        super::types::generic_vars(&t, &mut vars);
                        let bound = vars.into_iter().zip(args).collect();
                        return super::types::instantiate(&t, &bound);
                    }
                    Some(TypeBinding::Class(t)) => return t,
                    None => {}
                }
                match self.prim_type_name(name) {
                    "Nat" => Type::Nat,
                    "Int" => Type::Int,
                    "Bool" => Type::Bool,
                    "Text" => Type::Text,
                    "Null" => Type::Null,
                    "Any" => Type::Any,
                    "Error" => Type::Error,
                    "None" => Type::Non,
                    other => match OTHER_PRIMS.iter().find(|p| **p == other) {
                        Some(prim) => Type::OtherPrim(prim),
                        None => {
                            self.diags.push(diag::unbound_type(ty.span, name));
                            Type::Err
                        }
                    },
                }
            }
            TypeKind::Tuple(items) => {
                Type::Tuple(items.iter().map(|t| self.resolve_type(t)).collect())
            }
            TypeKind::Paren(inner) => self.resolve_type(inner),
            TypeKind::Option(inner) => Type::Option(Box::new(self.resolve_type(inner))),
            TypeKind::Array { mutable, elem } => {
                Type::Array(*mutable, Box::new(self.resolve_type(elem)))
            }
            TypeKind::Object(sort, fields) => {
                let mut resolved: Vec<Field> = fields
                    .iter()
                    .map(|(m, n, t)| Field {
                        name: n.clone(),
                        mutable: *m,
                        ty: self.resolve_type(t),
                    })
                    .collect();
                resolved.sort_by(|a, b| a.name.cmp(&b.name));
                Type::Obj(*sort, resolved)
            }
            TypeKind::Variant(tags) => Type::variant(
                tags.iter()
                    .map(|(n, t)| Tag {
                        name: n.clone(),
                        ty: t.as_ref().map_or_else(Type::unit, |t| self.resolve_type(t)),
                    })
                    .collect(),
            ),
            TypeKind::Async(inner) => Type::Async(Box::new(self.resolve_type(inner))),
            TypeKind::Func {
                sort,
                tparams,
                param,
                result,
            } => {
                self.type_scopes.push(std::collections::HashMap::new());
                self.bind_tparams(tparams);
                let params = self.resolve_params(param);
                let result = self.resolve_type(result);
                self.type_scopes.pop();
                Type::Func(FuncType {
                    sort: *sort,
                    system: false,
                    params,
                    result: Box::new(result),
                })
            }
        }
    }

    /// The parameter list of a function type: `(A, B) -> C` has two, `((A, B)) -> C` one.
    fn resolve_params(&mut self, param: &ast::Type) -> Vec<Type> {
        match &param.kind {
            ast::TypeKind::Tuple(items) => items.iter().map(|t| self.resolve_type(t)).collect(),
            ast::TypeKind::Paren(inner) => vec![self.resolve_type(inner)],
            _ => vec![self.resolve_type(param)],
        }
    }

    /// Makes a class name stand for its instances' type in the innermost scope.
    pub(super) fn bind_class_type(&mut self, name: &str, ty: Type) {
        if let Some(scope) = self.type_scopes.last_mut() {
            scope.insert(name.to_string(), TypeBinding::Class(ty));
        }
    }
}
