//! Objects, classes and local functions: typed so that `minimo check` gives moc's verdict on
//! programs that use them, although lowering does not compile them yet.
//!
//! An object literal's type lists its public fields (methods as function-typed fields); a
//! class declares a type constructor for that type (generic in the class's type parameters,
//! possibly recursive) and a constructor function of the same name. `stable`/`flexible`
//! inside an object or class is M0132. Nothing here is lowered.

use super::types::{self, Field, FuncType, Type};
use super::Checker;
use crate::diag;
use crate::syntax::ast::{
    self, ClassDec, Dec, Field as AstField, FuncDec, FuncSort, ObjSort, Visibility,
};
use std::rc::Rc;

impl Checker {
    /// Enters the local functions and classes among `decs` (in the innermost scope), so that
    /// they may be used before their declaration.
    pub(super) fn declare_local_funcs(&mut self, decs: &[Dec]) {
        for dec in decs {
            match dec {
                Dec::Func(f) => {
                    let ty = self.func_type(f, FuncSort::Local);
                    self.local_funcs
                        .insert((f.span.start, f.span.end), ty.clone());
                    if let Some(name) = &f.name {
                        self.bind_local(&name.name, f.bind, false, Type::Func(ty));
                    }
                }
                Dec::Class(c) => self.declare_class(c),
                _ => {}
            }
        }
    }

    /// Checks a local function's body against the type it was declared with.
    pub(super) fn local_func_body(&mut self, f: &FuncDec) {
        let ty = match self.local_funcs.get(&(f.span.start, f.span.end)) {
            Some(ty) => ty.clone(),
            None => self.func_type(f, FuncSort::Local),
        };
        self.func_body(f, &ty);
    }

    /// A class: a type constructor of the same name whose body is its instances' type (the
    /// public fields), and a constructor function returning that type. The type may mention
    /// itself (`append : Buffer<X> -> ()`); it stays named, and subtyping compares such types
    /// coinductively.
    pub(super) fn declare_class(&mut self, c: &ClassDec) {
        let con = match self.class_cons.get(&(c.span.start, c.span.end)) {
            Some(id) => *id,
            None => {
                // A class that no `type_decs` saw: named where it is declared.
                let params = c.tparams.iter().map(|p| Rc::from(p.name.name.as_str()));
                let id = self.new_con(&c.name.name, params.collect(), true);
                self.bind_con(&c.name, id);
                self.class_cons.insert((c.span.start, c.span.end), id);
                id
            }
        };
        // The type parameters stay in scope for the parameters and the whole body.
        self.type_scopes.push(std::collections::HashMap::new());
        self.bind_tparams(&c.tparams);
        let vars: Vec<u32> = c.tparams.iter().map(|p| self.generic_var(p)).collect();
        let own = Type::Con(
            con,
            Rc::from(c.name.name.as_str()),
            c.tparams
                .iter()
                .zip(&vars)
                .map(|(p, v)| Type::Param(*v, Rc::from(p.name.name.as_str())))
                .collect(),
        );
        let params: Vec<Type> = c
            .params
            .iter()
            .map(|p| match &p.annot {
                Some(t) => self.resolve_type(t),
                None => Type::Err,
            })
            .collect();
        let constructor = Type::Func(FuncType {
            sort: FuncSort::Local,
            system: false,
            params,
            result: Box::new(own),
        });
        self.push_scope();
        self.depth += 1;
        if let Type::Func(f) = &constructor {
            for (p, t) in c.params.iter().zip(&f.params) {
                self.bind_local(&p.name.name, p.bind, false, t.clone());
            }
        }
        // Inside its own body the class is known by its declared methods and annotated
        // fields (what `Pair<Q, P>(q, p)` or `other.size()` in a method of the class needs).
        let signature = self.class_signature(&c.fields);
        self.set_con_body(con, types::abstract_vars(&signature, &vars));
        self.bind_local(&c.name.name, c.bind, false, constructor.clone());
        let ty = self.object_body(ObjSort::Object, &c.fields, Some(c.span));
        self.depth -= 1;
        self.pop_scope();
        self.type_scopes.pop();
        self.set_con_body(con, types::abstract_vars(&ty, &vars));
        self.bind_local(&c.name.name, c.bind, false, constructor);
    }

    /// The type of a class's instances from its declarations alone: public functions with
    /// their declared types, public fields with annotations.
    fn class_signature(&mut self, fields: &[AstField]) -> Type {
        let mut public = Vec::new();
        for field in fields {
            if field.visibility != Visibility::Public {
                continue;
            }
            match &field.dec {
                Dec::Func(f) => {
                    let Some(name) = &f.name else { continue };
                    let ty = self.func_type(f, FuncSort::Local);
                    public.push(Field {
                        name: name.name.clone(),
                        mutable: false,
                        ty: Type::Func(ty),
                    });
                }
                Dec::Value(v) => {
                    let Some(annot) = &v.annot else { continue };
                    let ty = self.resolve_type(annot);
                    public.push(Field {
                        name: v.name.name.clone(),
                        mutable: v.mutable,
                        ty,
                    });
                }
                _ => {}
            }
        }
        public.sort_by(|a, b| a.name.cmp(&b.name));
        Type::Obj(ObjSort::Object, public)
    }

    /// The fields of an object literal or class body, checked in a scope of their own; the
    /// result is the type of the object (its public fields). `own` is the range moc reports
    /// the body's type definitions at when it is not the enclosing block's (an object
    /// literal's are the enclosing block's).
    pub(super) fn object_body(
        &mut self,
        sort: ObjSort,
        fields: &[AstField],
        own: Option<crate::diag::Span>,
    ) -> Type {
        let enclosing = self.block_span;
        if let Some(span) = own {
            self.block_span = span;
        }
        let ty = self.object_fields(sort, fields);
        self.block_span = enclosing;
        ty
    }

    fn object_fields(&mut self, sort: ObjSort, fields: &[AstField]) -> Type {
        // An actor's or module's own fields run outside any async function.
        let saved_cap = self.error_cap;
        if sort != ObjSort::Object {
            self.error_cap = false;
        }
        self.push_scope();
        self.type_decs(fields.iter().map(|f| &f.dec));
        let mut public = Vec::new();
        for field in fields {
            if let Some((_, span)) = field.stability {
                if sort != ObjSort::Actor {
                    self.diags.push(diag::misplaced_stability(span));
                }
            }
            if let Dec::Func(f) = &field.dec {
                let default = if sort == ObjSort::Actor && field.visibility == Visibility::Public {
                    FuncSort::Shared
                } else {
                    FuncSort::Local
                };
                let ty = self.func_type(f, f.sort.unwrap_or(default));
                self.local_funcs
                    .insert((f.span.start, f.span.end), ty.clone());
                if let Some(name) = &f.name {
                    self.bind_local(&name.name, f.bind, false, Type::Func(ty.clone()));
                    if field.visibility == Visibility::Public {
                        public.push(Field {
                            name: name.name.clone(),
                            mutable: false,
                            ty: Type::Func(ty),
                        });
                    }
                }
            }
            if let Dec::Class(c) = &field.dec {
                self.declare_class(c);
                // A public class is a field too: its constructor.
                if field.visibility == Visibility::Public {
                    if let Some(ty) = self.out.bind_types.get(&c.bind).cloned() {
                        public.push(Field {
                            name: c.name.name.clone(),
                            mutable: false,
                            ty,
                        });
                    }
                }
            }
        }
        for field in fields {
            match &field.dec {
                Dec::Value(v) => {
                    let ty = match &v.annot {
                        Some(annot) => {
                            let t = self.resolve_type(annot);
                            self.check(&v.init, &t);
                            t
                        }
                        None => {
                            let inferred = self.infer(&v.init);
                            self.inferred_binding(&v.name, inferred)
                        }
                    };
                    let ty = self.let_bound(ty, v.mutable);
                    self.bind_local(&v.name.name, v.bind, v.mutable, ty.clone());
                    if field.visibility == Visibility::Public {
                        public.push(Field {
                            name: v.name.name.clone(),
                            mutable: v.mutable,
                            ty,
                        });
                    }
                }
                Dec::LetPat(l) => {
                    let ty = self.infer(&l.init);
                    self.pat(&l.pat, &ty);
                }
                Dec::Expr(e) => self.check(e, &Type::unit()),
                Dec::Field(_, span) => self.diags.push(diag::field_outside_record(*span)),
                _ => {}
            }
        }
        for field in fields {
            if let Dec::Func(f) = &field.dec {
                self.local_func_body(f);
            }
        }
        if sort == ObjSort::Module {
            self.last_module_types = self.type_scopes.last().cloned().unwrap_or_default();
        }
        self.pop_scope();
        self.error_cap = saved_cap;
        public.sort_by(|a, b| a.name.cmp(&b.name));
        Type::Obj(sort, public)
    }
}

/// How many declarations at the start are modules (a module declaration, a field whose value
/// is a module expression, or an alias of one of these): the imports, which depend on nothing
/// after them.
pub(super) fn leading_modules<'a>(decs: impl Iterator<Item = &'a Dec>) -> usize {
    let mut names: Vec<&str> = Vec::new();
    for dec in decs {
        let name = match dec {
            Dec::Object(o) if o.sort == ObjSort::Module => &o.name.name,
            Dec::Value(v) => match &v.init.kind {
                ast::ExprKind::Object(ObjSort::Module, _) => &v.name.name,
                ast::ExprKind::Var(x) if names.contains(&x.name.as_str()) => &v.name.name,
                _ => break,
            },
            _ => break,
        };
        names.push(name);
    }
    names.len()
}
