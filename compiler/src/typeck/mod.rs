//! Name resolution and type checking of a parsed program.
//!
//! [`check`] walks the syntax tree once and records what later stages need in side tables
//! keyed by the tree's ids: the type of every expression, the operand type of every operator,
//! and what every name refers to. It reports moc's errors and carries on after each one (a
//! failing expression gets the error type, which agrees with everything). It does not change
//! the tree and does not decide how anything is compiled.

pub(crate) mod combine;
pub(crate) mod context;
mod control;
mod data;
mod decl;
mod definitions;
mod error;
mod expr;
mod generic;
mod obj;
mod pat;
pub(crate) mod print;
mod scope_print;
mod stable;
mod subtype;
mod typedec;
pub(crate) mod types;
mod unfolded_size;

use crate::diag::Diagnostic;
use crate::syntax::ast::{self, BindId, ExprId, FuncSort};
use std::collections::HashMap;
use types::{ConId, Cons, Type};

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
    /// Every type constructor (alias) of the program.
    pub cons: Cons,
    /// The type definitions of the actor body, in source order.
    pub actor_types: Vec<ConId>,
    /// The `var`s that a function other than the one declaring them reads or writes: lowering
    /// keeps each in a cell that the closures share.
    pub captured: std::collections::HashSet<BindId>,
    /// The type of a script's final expression, when it has one (what `minimo run` prints).
    pub script_result: Option<Type>,
    /// The labels of `label`, `break` and `continue`, resolved: each `break`/`continue`
    /// expression to the id of the expression it leaves (a `label`, or a loop).
    pub jumps: HashMap<ExprId, ExprId>,
    /// The variable references that name the primitive module: lowering turns `Prim.x(args)`
    /// into the primitive `x`.
    pub prim_uses: std::collections::HashSet<ExprId>,
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
    /// The primitive module (`import Prim "mo:⛔"`), with its type.
    Prim(Type),
}

/// A type name in scope.
#[derive(Clone, Debug)]
enum TypeBinding {
    Con(ConId),
    /// The `index`th parameter of the definition being resolved.
    Param(u32),
}

struct Checker {
    diags: Vec<Diagnostic>,
    out: Checked,
    scopes: Vec<HashMap<String, Binding>>,
    type_scopes: Vec<HashMap<String, TypeBinding>>,
    /// The type `return` must produce, inside a function.
    ret: Option<Type>,
    /// Whether `throw` and `try` may appear here: in an async function's body, and at the top
    /// level of a script (moc's interpreter allows them there), not in a local function.
    error_cap: bool,
    /// Which actor fields are read somewhere (for the unused-field warning).
    used: Vec<bool>,
    /// The types of local functions and methods, keyed by their declaration's span.
    local_funcs: HashMap<(u32, u32), types::FuncType>,
    /// How many functions enclose the code being checked.
    depth: u32,
    /// The function depth at which each local was declared.
    bind_depth: HashMap<BindId, u32>,
    /// The enclosing labels and loops, innermost last: name (none for a loop), the id of the
    /// expression, its result type, and whether it is a loop (what `continue` may target).
    labels: Vec<(Option<String>, ExprId, Type, bool)>,
    /// The generic variable of each type parameter (see [`Checker::bind_tparams`]).
    generic_ids: HashMap<(u32, u32, String), u32>,
    /// The types (aliases and classes) each module declares, by the module's name, for
    /// `M.T`; an alias `let N = M` of a module shares them.
    module_types: HashMap<String, HashMap<String, TypeBinding>>,
    /// The type constructor of each class, keyed by the class declaration's span.
    class_cons: HashMap<(u32, u32), ConId>,
    /// The types of the module body checked last (see `object_body`).
    last_module_types: HashMap<String, TypeBinding>,
    /// The range of the innermost program, block, class, actor or module whose type
    /// definitions are being checked: moc reports problems of the group there.
    block_span: crate::diag::Span,
    /// What each definition unfolds to at its top (see `definitions`).
    heads: HashMap<ConId, definitions::Head>,
    /// How deep each definition goes when unfolded (see `definitions`).
    unfold_depth: HashMap<ConId, u32>,
    /// How many parts each definition unfolds to (see `unfolded_size`).
    size_forms: HashMap<ConId, unfolded_size::SizeForm>,
    /// How many `resolve_type` calls are under way: the outermost one measures its type.
    resolving_types: u32,
}

/// The most levels an inferred declaration type may nest (an alias counts one; its own
/// unfolding is bounded by its definition's check): the nesting limit of written code.
const MAX_INFERRED_DEPTH: u32 = crate::syntax::nesting::MAX_NESTING;

/// The most parts an inferred declaration type may have: far more than any module's or
/// object's type, and little enough that a type doubling at each declaration stops while
/// it still fits in memory.
const MAX_INFERRED_SIZE: usize = 250_000;

/// Primitives of the base library's contract (`stdlib/PRIMITIVES.md`) that the code generator
/// does not implement yet, with their types: the library modules that mention them still
/// check, and a call traps at run time with the code generator's "not supported yet".
pub(crate) const PRIMITIVES_PENDING: &[(&str, &str)] = &[
    ("charToUpper", "Char -> Char"),
    ("charToLower", "Char -> Char"),
    ("charIsWhitespace", "Char -> Bool"),
    ("charIsLowercase", "Char -> Bool"),
    ("charIsUppercase", "Char -> Bool"),
    ("charIsAlphabetic", "Char -> Bool"),
    ("floatToFormattedText", "(Float, Nat8, Nat8) -> Text"),
    ("sin", "Float -> Float"),
    ("cos", "Float -> Float"),
    ("tan", "Float -> Float"),
    ("arcsin", "Float -> Float"),
    ("arccos", "Float -> Float"),
    ("arctan", "Float -> Float"),
    ("arctan2", "(Float, Float) -> Float"),
    ("principalOfActor", "actor {} -> Principal"),
];

/// Type-checks a program: the side tables and every diagnostic (errors and warnings).
pub(crate) fn check(program: &ast::Program) -> (Checked, Vec<Diagnostic>) {
    let mut checker = Checker {
        diags: Vec::new(),
        out: Checked {
            expr_types: vec![None; program.id_count as usize],
            ..Checked::default()
        },
        scopes: vec![HashMap::new()],
        type_scopes: vec![HashMap::new()],
        ret: None,
        error_cap: matches!(program.body, ast::ProgBody::Script(_)),
        used: Vec::new(),
        local_funcs: HashMap::new(),
        depth: 0,
        bind_depth: HashMap::new(),
        labels: Vec::new(),
        generic_ids: HashMap::new(),
        module_types: HashMap::new(),
        last_module_types: HashMap::new(),
        class_cons: HashMap::new(),
        block_span: program.span,
        heads: HashMap::new(),
        unfold_depth: HashMap::new(),
        size_forms: HashMap::new(),
        resolving_types: 0,
    };
    for import in &program.imports {
        checker.diags.push(crate::diag::unsupported(
            import.span,
            &format!("import {} \"{}\"", import.name.name, import.path),
        ));
    }
    if !program.prim_aliases.is_empty() {
        let prim = checker.prim_module_type();
        for alias in &program.prim_aliases {
            if let Some(scope) = checker.scopes.first_mut() {
                scope.insert(alias.clone(), Binding::Prim(prim.clone()));
            }
        }
    }
    match &program.body {
        ast::ProgBody::Actor(actor) => checker.actor(actor),
        ast::ProgBody::Module(fields) => checker.module(fields),
        ast::ProgBody::Script(fields) => checker.script(fields, program.span),
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
        let ty = self.let_bound(ty, mutable);
        self.out.bind_types.insert(bind, ty.clone());
        self.bind_depth.insert(bind, self.depth);
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name.to_string(), Binding::Local { bind, mutable, ty });
        }
    }

    /// The type of the primitive module: a module with one field per primitive the code
    /// generator implements, typed from its table.
    fn prim_module_type(&mut self) -> Type {
        let mut fields = Vec::new();
        let pending = PRIMITIVES_PENDING
            .iter()
            .filter(|(name, _)| !crate::codegen::primitive_supported(name));
        for (name, text) in crate::codegen::PRIMITIVES.iter().chain(pending) {
            let Some(ast_ty) = crate::syntax::parse_type(text) else {
                continue;
            };
            let before = self.diags.len();
            let ty = self.resolve_type(&ast_ty);
            if self.diags.len() != before {
                self.diags.truncate(before);
                continue;
            }
            fields.push(types::Field {
                name: (*name).to_string(),
                mutable: false,
                ty,
            });
        }
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        Type::Obj(ast::ObjSort::Module, fields)
    }

    /// Binds type parameters in the innermost type scope as generic variables. Each parameter
    /// keeps one variable however often its declaration is visited (the type of a function
    /// and its body must agree), keyed by the parameter's position in the source.
    fn bind_tparams(&mut self, tparams: &[ast::TypeParam]) {
        for tparam in tparams {
            let key = (
                tparam.name.span.start,
                tparam.name.span.end,
                tparam.name.name.clone(),
            );
            let next = types::GENERIC_BASE + self.generic_ids.len() as u32;
            let id = *self.generic_ids.entry(key).or_insert(next);
            if let Some(scope) = self.type_scopes.last_mut() {
                scope.insert(tparam.name.name.clone(), TypeBinding::Param(id));
            }
        }
        // Bounds may mention any parameter of the list; each is resolved once, however often
        // its declaration is visited, so that a mistake in it is reported once.
        let mut resolved = false;
        for tparam in tparams {
            let id = self.generic_var(tparam);
            if let Some(bound) = &tparam.bound {
                if !self.out.cons.bounds.contains_key(&id) {
                    let ty = self.resolve_type(bound);
                    self.out.cons.bounds.insert(id, ty);
                    resolved = true;
                }
            }
        }
        if resolved {
            self.check_acyclic_bounds(tparams);
        }
    }

    /// M0043 for the first parameter whose bound leads back to the list's parameters more
    /// often than there are parameters (`<A <: B, B <: A>`), as moc chases them. Such bounds
    /// become the error type, so that nothing chases them forever and nothing else is
    /// reported about them.
    fn check_acyclic_bounds(&mut self, tparams: &[ast::TypeParam]) {
        let vars: Vec<u32> = tparams.iter().map(|p| self.generic_var(p)).collect();
        let mut reported = false;
        let mut cyclic = Vec::new();
        for (tparam, &var) in tparams.iter().zip(&vars) {
            let mut chain: Vec<String> = Vec::new();
            let mut current = var;
            while chain.len() <= vars.len() {
                let next = self
                    .out
                    .cons
                    .bounds
                    .get(&current)
                    .map(|bound| self.expand(bound));
                match next {
                    Some(Type::Param(v, name)) if vars.contains(&v) => {
                        chain.push(name.to_string());
                        current = v;
                    }
                    _ => break,
                }
            }
            if chain.len() <= vars.len() {
                continue;
            }
            cyclic.push(var);
            if !reported {
                reported = true;
                chain.reverse();
                let span = match &tparam.bound {
                    Some(bound) => tparam.name.span.to(bound.span),
                    None => tparam.name.span,
                };
                self.diags
                    .push(crate::diag::cyclic_bounds(span, &tparam.name.name, &chain));
            }
        }
        for var in cyclic {
            self.out.cons.bounds.insert(var, Type::Err);
        }
    }

    /// The generic variable of a type parameter bound by [`Checker::bind_tparams`].
    fn generic_var(&self, tparam: &ast::TypeParam) -> u32 {
        let key = (
            tparam.name.span.start,
            tparam.name.span.end,
            tparam.name.name.clone(),
        );
        self.generic_ids.get(&key).copied().unwrap_or(u32::MAX)
    }

    fn push_scope(&mut self) {
        self.scopes.push(HashMap::new());
        self.type_scopes.push(HashMap::new());
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
        self.type_scopes.pop();
    }

    /// The type a name is bound at: as moc, a `let` (or pattern) variable has its type's
    /// outermost aliases unfolded (`let p : P = ...; p` has type `{x : Nat; y : Nat}`,
    /// which the script printer shows), a `var` keeps the alias it was declared with.
    fn let_bound(&self, ty: Type, mutable: bool) -> Type {
        if mutable || !matches!(ty, Type::Con(..)) {
            return ty;
        }
        match self.expand(&ty) {
            Type::Err => ty,
            unfolded => unfolded,
        }
    }

    /// The type inferred for a declaration without annotation, if it stays within the bounds
    /// every inferred type is kept in; the error type (and U0003) otherwise. Declarations are
    /// the one way a type grows past what is written (`let x1 = ?x0; let x2 = ?x1; ...` nests
    /// one level a line, `let x2 = (x1, x1)` doubles), and every pass walks types whole. A
    /// type that holds the error type is the error type, so that a chain of declarations
    /// after a reported one does not grow again.
    fn inferred_binding(&mut self, name: &ast::Ident, ty: Type) -> Type {
        let problem = match types::survey(&ty, MAX_INFERRED_DEPTH, MAX_INFERRED_SIZE) {
            types::Survey::Fine => return ty,
            types::Survey::HoldsError => return Type::Err,
            types::Survey::TooDeep => {
                format!("nested too deeply (more than {MAX_INFERRED_DEPTH} levels)")
            }
            types::Survey::TooLarge => {
                format!("too large (more than {MAX_INFERRED_SIZE} parts)")
            }
        };
        self.diags.push(crate::diag::inferred_type_too_big(
            name.span, &name.name, &problem,
        ));
        Type::Err
    }

    /// Unfolds aliases at the top of a type.
    fn expand(&self, ty: &Type) -> Type {
        self.out.cons.expand(ty)
    }

    /// A type as a mismatch message shows it (see [`print::expanded`]).
    fn show(&self, ty: &Type) -> String {
        print::expanded(&self.out.cons, ty)
    }

    fn sub(&self, a: &Type, b: &Type) -> bool {
        self.out.cons.sub(a, b)
    }

    fn record(&mut self, id: ExprId, ty: &Type) {
        if let Some(slot) = self.out.expr_types.get_mut(id.0 as usize) {
            *slot = Some(ty.clone());
        }
    }

    /// The type of a function declaration from its annotations (result `()` when omitted).
    fn func_type(&mut self, func: &ast::FuncDec, default_sort: FuncSort) -> types::FuncType {
        self.type_scopes.push(HashMap::new());
        self.bind_tparams(&func.tparams);
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
        self.type_scopes.pop();
        types::FuncType {
            sort: func.sort.unwrap_or(default_sort),
            system: false,
            params,
            result: Box::new(result),
        }
    }
}
