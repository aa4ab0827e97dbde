//! Name resolution and type checking of a parsed program.
//!
//! [`check`] walks the syntax tree once and records what later stages need in side tables
//! keyed by the tree's ids: the type of every expression, the operand type of every operator,
//! and what every name refers to. It reports moc's errors and carries on after each one (a
//! failing expression gets the error type, which agrees with everything). It does not change
//! the tree and does not decide how anything is compiled.

mod decl;
mod expr;
pub(crate) mod types;

use crate::diag::Diagnostic;
use crate::syntax::ast::{self, BindId, ExprId, FuncSort};
use std::collections::HashMap;
use types::Type;

/// What a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Res {
    /// The actor field with this index in [`Checked::fields`].
    Field(usize),
    /// A parameter or a local `let`/`var`.
    Local(BindId),
}

/// One actor field as the checker sees it.
#[derive(Clone, Debug)]
pub(crate) struct FieldInfo {
    pub name: Option<String>,
    pub kind: FieldKind,
}

#[derive(Clone, Debug)]
pub(crate) enum FieldKind {
    Value {
        mutable: bool,
        stable: bool,
        ty: Type,
    },
    Func {
        public: bool,
        system: bool,
        ty: types::FuncType,
    },
    Expr,
    /// A field the parser could not read, or a duplicate.
    Skipped,
}

/// The checker's results, keyed by the syntax tree's ids.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// Per actor field, in declaration order (same indices as the actor's `fields`).
    pub fields: Vec<FieldInfo>,
    /// The type of each expression, indexed by `ExprId`.
    pub expr_types: Vec<Option<Type>>,
    /// The type an operator works at (`Binary`, `Compare`, `OpAssign`, unary `-`).
    pub operand_types: HashMap<ExprId, Type>,
    /// What each variable reference (and assignment target) refers to.
    pub resolution: HashMap<ExprId, Res>,
    /// The type of each local binder.
    pub bind_types: HashMap<BindId, Type>,
}

impl Checked {
    pub fn type_of(&self, id: ExprId) -> Type {
        self.expr_types
            .get(id.0 as usize)
            .cloned()
            .flatten()
            .unwrap_or(Type::Err)
    }
}

/// A name in scope.
#[derive(Clone, Debug)]
enum Binding {
    Field(usize),
    Local {
        bind: BindId,
        mutable: bool,
        ty: Type,
    },
}

struct Checker {
    diags: Vec<Diagnostic>,
    out: Checked,
    scopes: Vec<HashMap<String, Binding>>,
    /// The type `return` must produce, inside a function.
    ret: Option<Type>,
    /// Which actor fields are read somewhere (for the unused-field warning).
    used: Vec<bool>,
}

/// Type-checks a program: the side tables and every diagnostic (errors and warnings).
pub(crate) fn check(program: &ast::Program) -> (Checked, Vec<Diagnostic>) {
    let mut checker = Checker {
        diags: Vec::new(),
        out: Checked {
            expr_types: vec![None; program.id_count as usize],
            ..Checked::default()
        },
        scopes: vec![HashMap::new()],
        ret: None,
        used: Vec::new(),
    };
    for import in &program.imports {
        checker.diags.push(crate::diag::unsupported(
            import.span,
            &format!("import {} \"{}\"", import.name.name, import.path),
        ));
    }
    match &program.body {
        ast::ProgBody::Actor(actor) => checker.actor(actor),
        ast::ProgBody::Module(fields) => checker.module(fields),
        ast::ProgBody::Missing => {}
    }
    (checker.out, checker.diags)
}

impl Checker {
    fn lookup(&mut self, name: &str) -> Option<Binding> {
        let binding = self
            .scopes
            .iter()
            .rev()
            .find_map(|scope| scope.get(name))
            .cloned();
        if let Some(Binding::Field(index)) = binding {
            if let Some(used) = self.used.get_mut(index) {
                *used = true;
            }
        }
        binding
    }

    fn bind_local(&mut self, name: &str, bind: BindId, mutable: bool, ty: Type) {
        self.out.bind_types.insert(bind, ty.clone());
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name.to_string(), Binding::Local { bind, mutable, ty });
        }
    }

    fn record(&mut self, id: ExprId, ty: &Type) {
        if let Some(slot) = self.out.expr_types.get_mut(id.0 as usize) {
            *slot = Some(ty.clone());
        }
    }

    /// Resolves a written type.
    fn resolve_type(&mut self, ty: &ast::Type) -> Type {
        use ast::TypeKind;
        match &ty.kind {
            TypeKind::Name(name) => match name.as_str() {
                "Nat" => Type::Nat,
                "Int" => Type::Int,
                "Bool" => Type::Bool,
                "Text" => Type::Text,
                "Null" => Type::Null,
                "Any" => Type::Any,
                "Error" => Type::Error,
                "None" => Type::Non,
                other => match types::OTHER_PRIMS.iter().find(|p| **p == other) {
                    Some(prim) => Type::OtherPrim(prim),
                    None => {
                        self.diags.push(crate::diag::unbound_type(ty.span, name));
                        Type::Err
                    }
                },
            },
            TypeKind::Tuple(items) => {
                Type::Tuple(items.iter().map(|t| self.resolve_type(t)).collect())
            }
            TypeKind::Paren(inner) => self.resolve_type(inner),
            TypeKind::Option(inner) => Type::Option(Box::new(self.resolve_type(inner))),
            TypeKind::Array { mutable, elem } => {
                Type::Array(*mutable, Box::new(self.resolve_type(elem)))
            }
            TypeKind::Record(fields) => {
                let mut resolved: Vec<(bool, String, Type)> = fields
                    .iter()
                    .map(|(m, n, t)| (*m, n.clone(), self.resolve_type(t)))
                    .collect();
                resolved.sort_by(|a, b| a.1.cmp(&b.1));
                Type::Record(resolved)
            }
            TypeKind::Async(inner) => Type::Async(Box::new(self.resolve_type(inner))),
            TypeKind::Func {
                sort,
                param,
                result,
            } => {
                let params = self.resolve_params(param);
                let result = self.resolve_type(result);
                Type::Func(types::FuncType {
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

    /// The type of a function declaration from its annotations (result `()` when omitted).
    fn func_type(&mut self, func: &ast::FuncDec, default_sort: FuncSort) -> types::FuncType {
        let params = func
            .params
            .iter()
            .map(|p| match &p.annot {
                Some(t) => self.resolve_type(t),
                None => Type::Err,
            })
            .collect();
        let result = match &func.result {
            Some(t) => self.resolve_type(t),
            None => Type::unit(),
        };
        types::FuncType {
            sort: func.sort.unwrap_or(default_sort),
            system: false,
            params,
            result: Box::new(result),
        }
    }
}
