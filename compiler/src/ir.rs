//! The intermediate representation between the type checker and the code generator.
//!
//! `lower` produces it from the typed program; `codegen` consumes it. Everything here is
//! resolved: variables are `LocalId`s or `GlobalId`s, calls name a `FuncId`, every operator says
//! which type it works on, and compound assignments are already desugared. There are no spans
//! and no source names except where the output needs them (method names, stable field names).
//! The IR deliberately carries no Motoko surface syntax and no type aliases.

use num_bigint::{BigInt, BigUint};

/// Index into [`Program::funcs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

/// Index into [`Func::locals`] of the enclosing function (parameters come first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub u32);

/// Index into [`Program::globals`]: one actor field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlobalId(pub u32);

/// The types the code generator needs to know: how a value is represented, compared,
/// printed, Candid-encoded and serialized into stable memory.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// Arbitrary-precision natural number.
    Nat,
    /// Arbitrary-precision integer (same representation as `Nat`).
    Int,
    Bool,
    /// UTF-8 text.
    Text,
    /// A tuple; the empty tuple is unit `()`.
    Tuple(Vec<Ty>),
}

impl Ty {
    pub fn unit() -> Ty {
        Ty::Tuple(Vec::new())
    }

    pub fn is_unit(&self) -> bool {
        matches!(self, Ty::Tuple(items) if items.is_empty())
    }
}

/// A whole program: one actor.
#[derive(Clone, Debug)]
pub struct Program {
    /// The actor's name, if it has one (`actor Counter { ... }`).
    pub actor_name: Option<String>,
    /// The actor's fields, in declaration order.
    pub globals: Vec<Global>,
    /// Every function: public methods, private functions and system functions.
    pub funcs: Vec<Func>,
    /// The actor body in source order: field initialisations and expression statements.
    /// Run by `canister_init`, and by `canister_post_upgrade` with the initialisation of every
    /// stable field that was restored from stable memory skipped.
    pub body: Vec<Stmt>,
    /// Locals used by `body` (its `let`s and blocks), indexed by `LocalId`.
    pub body_locals: Vec<Ty>,
    /// The public methods, in source order.
    pub methods: Vec<Method>,
    /// `system func preupgrade`, run by `canister_pre_upgrade` before serialization.
    pub preupgrade: Option<FuncId>,
    /// `system func postupgrade`, run by `canister_post_upgrade` after the body.
    pub postupgrade: Option<FuncId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stability {
    /// Kept across upgrades through stable memory.
    Stable,
    /// Re-initialised by its declaration after an upgrade.
    Flexible,
}

/// One actor field.
#[derive(Clone, Debug)]
pub struct Global {
    /// The source name: the key under which a stable field is stored.
    pub name: String,
    pub ty: Ty,
    pub stability: Stability,
    /// `var` (true) or `let` (false).
    pub mutable: bool,
}

#[derive(Clone, Debug)]
pub struct Func {
    /// The source name, for the name section and traps.
    pub name: String,
    /// How many of the first `locals` are parameters.
    pub param_count: u32,
    /// Parameters first, then every other local, indexed by `LocalId`.
    pub locals: Vec<Ty>,
    pub result: Ty,
    pub body: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    Update,
    Query,
}

/// A public method: exported as `canister_update NAME` or `canister_query NAME`.
#[derive(Clone, Debug)]
pub struct Method {
    pub name: String,
    pub kind: MethodKind,
    pub func: FuncId,
    /// The Candid arguments, one per parameter of `func`.
    pub params: Vec<Ty>,
    /// The Candid results: `async T` gives `[T]`, `async ()` gives `[]`, and
    /// `async (A, B)` gives `[A, B]` (then `func` returns the tuple).
    pub results: Vec<Ty>,
}

#[derive(Clone, Debug)]
pub enum Stmt {
    /// Evaluates the initialiser of an actor field and stores it.
    InitGlobal(GlobalId, Expr),
    /// Binds a local.
    Let(LocalId, Expr),
    /// Evaluates an expression for its effect and drops the value.
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    /// The type of the value the expression produces.
    pub ty: Ty,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Nat(BigUint),
    Int(BigInt),
    Bool(bool),
    Text(String),
    Local(LocalId),
    Global(GlobalId),
    /// A tuple (the empty tuple is unit).
    Tuple(Vec<Expr>),
    /// The `index`th component of a tuple.
    Project(Box<Expr>, u32),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// A comparison; both operands have the same type (`Nat` operands compared as `Int` are
    /// fine: the representations agree).
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    /// Short-circuit `and`.
    And(Box<Expr>, Box<Expr>),
    /// Short-circuit `or`.
    Or(Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Block(Vec<Stmt>, Box<Expr>),
    AssignLocal(LocalId, Box<Expr>),
    AssignGlobal(GlobalId, Box<Expr>),
    /// A direct call of a known function.
    Call(FuncId, Vec<Expr>),
    /// Returns from the enclosing function.
    Return(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// Integer negation (`-x` on `Int`, or on a `Nat` promoted to `Int`).
    IntNeg,
    BoolNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    NatAdd,
    /// Traps when the result would be negative.
    NatSub,
    NatMul,
    /// Traps on division by zero.
    NatDiv,
    NatRem,
    NatPow,
    IntAdd,
    IntSub,
    IntMul,
    /// Truncating division (as moc), traps on division by zero.
    IntDiv,
    /// Remainder with the sign of the dividend (as moc), traps on division by zero.
    IntRem,
    /// Traps on a negative exponent.
    IntPow,
    /// `#` on `Text`.
    TextConcat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}
