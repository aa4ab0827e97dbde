//! Written types to checker types, and `type` declarations.
//!
//! A scope's type declarations are entered in two steps, so that they may refer to each other
//! and to themselves in any order: every name gets a constructor first, then every body is
//! resolved with the definition's parameters in scope. Applications keep the alias
//! (`Con`). A class declares a constructor too, named in the same step: its body, the type of
//! the class's instances, is filled in when the class is checked (see `obj.rs`). Nothing here
//! checks expressions.

use super::types::{ConDef, ConId, Field, FuncType, Tag, Type, OTHER_PRIMS};
use super::{Binding, Checker, TypeBinding};
use crate::diag;
use crate::syntax::ast::{self, Dec, TypeDec, TypeKind};
use std::rc::Rc;

impl Checker {
    /// Declares and resolves the `type` declarations among `decs` in the innermost scope, and
    /// declares the type of every class among them (its body comes with the class's check).
    pub(super) fn type_decs<'a>(&mut self, decs: impl Iterator<Item = &'a Dec> + Clone) {
        let mut declared = Vec::new();
        for dec in decs.clone() {
            match dec {
                Dec::Type(t) => {
                    let params = t.params.iter().map(|p| Rc::from(p.name.as_str())).collect();
                    let id = self.new_con(&t.name.name, params, false);
                    self.bind_con(&t.name, id);
                    declared.push((id, t));
                }
                Dec::Class(c) => {
                    let params = c.tparams.iter().map(|p| Rc::from(p.name.name.as_str()));
                    let id = self.new_con(&c.name.name, params.collect(), true);
                    self.bind_con(&c.name, id);
                    self.class_cons.insert((c.span.start, c.span.end), id);
                }
                _ => {}
            }
        }
        for &(id, t) in &declared {
            let body = self.type_body(t);
            self.set_con_body(id, body);
            if self.scopes.len() == 1 {
                self.out.actor_types.push(id);
            }
        }
        self.check_definitions(&declared, self.block_span);
    }

    /// A new type constructor whose body is not known yet.
    pub(super) fn new_con(&mut self, name: &str, params: Vec<Rc<str>>, class: bool) -> ConId {
        let id = ConId(u32::try_from(self.out.cons.defs.len()).unwrap_or(u32::MAX));
        self.out.cons.defs.push(ConDef {
            name: Rc::from(name),
            params,
            body: Type::Err,
            class,
        });
        id
    }

    pub(super) fn set_con_body(&mut self, id: ConId, body: Type) {
        if let Some(def) = self.out.cons.defs.get_mut(id.0 as usize) {
            def.body = body;
        }
    }

    /// Names a constructor in the innermost scope; a name declared twice there is M0051.
    pub(super) fn bind_con(&mut self, name: &ast::Ident, id: ConId) {
        let taken = self
            .type_scopes
            .last()
            .is_some_and(|s| s.contains_key(&name.name));
        if taken {
            self.diags
                .push(diag::duplicate(name.span, &name.name, "block"));
        } else if let Some(scope) = self.type_scopes.last_mut() {
            scope.insert(name.name.clone(), TypeBinding::Con(id));
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

    /// Resolves a written type; the outermost call also bounds how many parts it unfolds to
    /// (`unfolded_size`), once for the whole type.
    pub(super) fn resolve_type(&mut self, ty: &ast::Type) -> Type {
        self.resolving_types += 1;
        let resolved = self.resolve_type_parts(ty);
        self.resolving_types -= 1;
        if self.resolving_types == 0 {
            self.bounded_written_type(resolved, ty.span)
        } else {
            resolved
        }
    }

    fn resolve_type_parts(&mut self, ty: &ast::Type) -> Type {
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
                        // `M.T` is named `T`, as moc names a constructor by its declaration.
                        let name = match self.out.cons.get(id) {
                            Some(def) if name.contains('.') => def.name.clone(),
                            _ => Rc::from(name.as_str()),
                        };
                        return Type::Con(id, name, args);
                    }
                    Some(TypeBinding::Param(i)) => return Type::Param(i, Rc::from(name.as_str())),
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
}
