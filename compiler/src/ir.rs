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

/// Index into [`Program::locations`]: a source range that a trap reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc(pub u32);

/// A label of the enclosing function, the target of [`ExprKind::Break`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LabelId(pub u32);

/// Index into [`Program::types`]: a named type, the only way a type refers to itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// The types the code generator needs to know: how a value is represented, compared,
/// printed, Candid-encoded and serialized into stable memory.
///
/// Types are monomorphic (generic definitions are instantiated by `lower`) and structural;
/// aliases are expanded except where a type refers to itself, which goes through
/// [`Ty::Named`] and [`Program::types`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// Arbitrary-precision natural number.
    Nat,
    /// Arbitrary-precision integer (same representation as `Nat`).
    Int,
    /// A fixed-width integer; arithmetic traps on overflow (the wrapping operators aside).
    Fixed(FixedTy),
    /// 64-bit IEEE 754 float.
    Float,
    Bool,
    /// A Unicode scalar value.
    Char,
    /// UTF-8 text.
    Text,
    /// Bytes.
    Blob,
    /// A principal (its bytes).
    Principal,
    /// The type of `null`.
    Null,
    /// The top type: any value, which nothing can inspect.
    Any,
    /// A tuple; the empty tuple is unit `()`.
    Tuple(Vec<Ty>),
    /// `?T`.
    Option(Box<Ty>),
    /// `[T]`.
    Array(Box<Ty>),
    /// `[var T]`.
    MutArray(Box<Ty>),
    /// `{ a : A; var b : B }`; fields sorted by [`idl_hash`] of their names, as in Candid.
    Record(Vec<Field>),
    /// `{ #a : A; #b }`; tags sorted by [`idl_hash`] of their names, as in Candid. A tag
    /// without payload has the unit payload.
    Variant(Vec<Tag>),
    /// A reference to [`Program::types`], for recursive types.
    Named(TypeId),
    /// A function value: a closure (see [`ExprKind::Closure`]). Neither shared nor stable.
    Func,
    /// A value of a type parameter. Generics are erased: every value is one word, and code
    /// that handles a `Param` never inspects it.
    Param,
    /// A mutable cell (see [`ExprKind::NewRef`]): how `lower` shares a `var` that a closure
    /// captures.
    Ref(Box<Ty>),
}

/// The fixed-width integer types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixedTy {
    Nat8,
    Nat16,
    Nat32,
    Nat64,
    Int8,
    Int16,
    Int32,
    Int64,
}

impl FixedTy {
    pub fn bits(self) -> u32 {
        match self {
            FixedTy::Nat8 | FixedTy::Int8 => 8,
            FixedTy::Nat16 | FixedTy::Int16 => 16,
            FixedTy::Nat32 | FixedTy::Int32 => 32,
            FixedTy::Nat64 | FixedTy::Int64 => 64,
        }
    }

    pub fn signed(self) -> bool {
        matches!(
            self,
            FixedTy::Int8 | FixedTy::Int16 | FixedTy::Int32 | FixedTy::Int64
        )
    }
}

/// A record field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    /// `var` field.
    pub mutable: bool,
}

/// A variant tag.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    pub name: String,
    /// The payload type; unit when the tag has none.
    pub ty: Ty,
}

/// A named type (the target of [`Ty::Named`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeDef {
    /// The source name with its instantiation, e.g. `List<Nat>`, for messages only.
    pub name: String,
    pub ty: Ty,
}

/// Candid's field hash of a name: `h = h * 223 + byte` over its UTF-8 bytes, modulo 2^32.
/// A name that is a decimal number (a tuple component) hashes to that number.
pub fn idl_hash(name: &str) -> u32 {
    if let Ok(number) = name.parse::<u32>() {
        return number;
    }
    name.bytes().fold(0u32, |hash, byte| {
        hash.wrapping_mul(223).wrapping_add(u32::from(byte))
    })
}

impl Ty {
    pub fn unit() -> Ty {
        Ty::Tuple(Vec::new())
    }

    pub fn is_unit(&self) -> bool {
        matches!(self, Ty::Tuple(items) if items.is_empty())
    }

    /// Motoko's `Error`: the pair of its code (moc's `ErrorCode` variant) and its message.
    pub fn error() -> Ty {
        let nat32 = || Ty::Fixed(FixedTy::Nat32);
        let mut tags: Vec<Tag> = [
            ("system_fatal", Ty::unit()),
            ("system_transient", Ty::unit()),
            ("destination_invalid", Ty::unit()),
            ("canister_reject", Ty::unit()),
            ("canister_error", Ty::unit()),
            ("future", nat32()),
            (
                "call_error",
                Ty::Record(vec![Field {
                    name: "err_code".to_string(),
                    ty: nat32(),
                    mutable: false,
                }]),
            ),
        ]
        .into_iter()
        .map(|(name, ty)| Tag {
            name: name.to_string(),
            ty,
        })
        .collect();
        tags.sort_by_key(|tag| idl_hash(&tag.name));
        Ty::Tuple(vec![Ty::Variant(tags), Ty::Text])
    }
}

impl Program {
    /// Follows [`Ty::Named`] references until a structural type.
    pub fn resolve<'a>(&'a self, mut ty: &'a Ty) -> &'a Ty {
        while let Ty::Named(id) = ty {
            ty = &self.types[id.0 as usize].ty;
        }
        ty
    }
}

/// A whole program: one actor.
#[derive(Clone, Debug)]
pub struct Program {
    /// The actor's name, if it has one (`actor Counter { ... }`).
    pub actor_name: Option<String>,
    /// The actor's fields, in declaration order.
    pub globals: Vec<Global>,
    /// Named types that [`Ty::Named`] refers to (recursive types).
    pub types: Vec<TypeDef>,
    /// Source ranges that traps report, as moc prints them: `file.mo:8.5-8.16`.
    pub locations: Vec<String>,
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
    /// Whether the function is the code of a closure: then `locals[0]` (a parameter, counted
    /// in `param_count`, of type [`Ty::Func`]) is the closure itself, through which
    /// [`ExprKind::Captured`] reads the captured values, and the function is called with
    /// [`ExprKind::CallClosure`]. Otherwise it is called directly with [`ExprKind::Call`].
    pub closure: bool,
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
    /// Binds the locals of a pattern; traps when the pattern does not match.
    LetPat(Pat, Expr),
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
    /// A fixed-width literal: the value's two's-complement bits, zero-extended to 64.
    Fixed(FixedTy, u64),
    Float(f64),
    Bool(bool),
    Char(char),
    Text(String),
    Blob(Vec<u8>),
    Null,
    /// `?e`.
    Some(Box<Expr>),
    Local(LocalId),
    Global(GlobalId),
    /// A tuple (the empty tuple is unit).
    Tuple(Vec<Expr>),
    /// The `index`th component of a tuple.
    Project(Box<Expr>, u32),
    /// An array literal; `expr.ty` says whether it is mutable.
    Array(Vec<Expr>),
    /// `a[i]`: traps when out of bounds.
    Index(Box<Expr>, Box<Expr>),
    /// `a[i] := v` on a mutable array.
    AssignIndex(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `a.size()`.
    ArraySize(Box<Expr>),
    /// A record literal, fields in any order (the record's type in `expr.ty` is sorted).
    Record(Vec<(String, Expr)>),
    /// `r.name`. The record may be of a subtype with more fields than its static type.
    Field(Box<Expr>, String),
    /// `r.name := v` on a `var` field.
    AssignField(Box<Expr>, String, Box<Expr>),
    /// `#tag e` (unit payload for `#tag`).
    Variant(String, Box<Expr>),
    /// Tries each case in order; traps when none matches.
    Switch(Box<Expr>, Vec<Case>),
    /// `while c body`.
    While(Box<Expr>, Box<Expr>),
    /// `for (x in s.vals())` and the like over an array, a text or a blob: `body` runs once
    /// per item with `item` holding it, counting with a raw machine index so that no iterator
    /// object, allocation or bignum check is needed.
    ForEach {
        seq: Box<Expr>,
        kind: SeqKind,
        item: LocalId,
        body: Box<Expr>,
    },
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
    /// A closure of `func` (whose `closure` flag is set) over the captured values, in the
    /// order [`ExprKind::Captured`] numbers them.
    Closure {
        func: FuncId,
        captures: Vec<Expr>,
    },
    /// The `index`th captured value of the closure whose code is running.
    Captured(u32),
    /// Overwrites the `index`th captured value of a closure: ties the knot when a function
    /// captures another that is declared after it in the same block.
    SetCapture {
        closure: Box<Expr>,
        index: u32,
        value: Box<Expr>,
    },
    /// Calls a function value with arguments (the closure itself is passed first).
    CallClosure(Box<Expr>, Vec<Expr>),
    /// A new mutable cell holding the value.
    NewRef(Box<Expr>),
    /// The value in a cell.
    Deref(Box<Expr>),
    /// Stores into a cell.
    AssignRef(Box<Expr>, Box<Expr>),
    /// `loop body`: repeats until a `Break` or `Return` leaves it.
    Loop(Box<Expr>),
    /// A block that `Break(label, v)` leaves with the value `v` (`label l : T e`; also how
    /// `break` and `continue` of loops are lowered).
    Labeled(LabelId, Box<Expr>),
    /// Leaves the enclosing `Labeled` block with that label, with a value.
    Break(LabelId, Box<Expr>),
    /// Traps with "assertion failure" when the condition is false.
    Assert(Box<Expr>),
    /// Traps with the text's message.
    Trap(Box<Expr>),
    /// The value's text as moc's `debug_show` gives it, at the value's type.
    DebugShow(Box<Expr>),
    /// A script's final value as moc's interpreter prints it, with the layout marks of
    /// `format::marks` (the host lays it out).
    PrettyShow(Box<Expr>),
    /// A primitive of the runtime (`Prim.x` in `mo:⛔`, and built-in methods such as
    /// `t.size()`), by name; `codegen::primitive_supported(name)` says which exist.
    Prim(String, Vec<Expr>),
    /// Arithmetic on a fixed-width type; traps on overflow except the wrapping operators.
    FixedBinary(FixedOp, FixedTy, Box<Expr>, Box<Expr>),
    /// Negation (traps on overflow), wrapping negation, or bitwise not.
    FixedUnary(FixedUnOp, FixedTy, Box<Expr>),
    FloatBinary(FloatOp, Box<Expr>, Box<Expr>),
    FloatNeg(Box<Expr>),
    /// The wrapped expression's own operation (not its operands) reports this location when
    /// it traps.
    Located(Loc, Box<Expr>),
    /// Ends the enclosing async function with an error (a value of type [`Ty::error`]): the
    /// error becomes the pending error and the function returns. A caller finds it with
    /// [`ExprKind::Await`]; a method's entry point rejects the message with its text.
    Throw(Box<Expr>),
    /// `await`: evaluates `value`; when the call in it ended with an error, moves the pending
    /// error into the local `error` and evaluates `on_error` instead (a `Break` to a handler,
    /// a `Throw` on to the caller, or a trap).
    Await {
        value: Box<Expr>,
        error: LocalId,
        on_error: Box<Expr>,
    },
}

/// One `case pat body` of a switch.
#[derive(Clone, Debug)]
pub struct Case {
    pub pat: Pat,
    pub body: Expr,
}

/// A pattern. Bindings are locals of the enclosing function.
#[derive(Clone, Debug)]
pub enum Pat {
    /// `_`.
    Wild,
    /// `x` (binds, always matches).
    Bind(LocalId),
    /// A literal (or any constant expression) compared by equality at the scrutinee's type.
    Literal(Expr),
    Tuple(Vec<Pat>),
    /// `null`.
    Null,
    /// `?p`.
    Some(Box<Pat>),
    /// `#tag p` (`#tag` has the pattern `Wild`).
    Variant(String, Box<Pat>),
    /// `{ a = p; b }`: the named fields, each matched against its pattern.
    Record(Vec<(String, Pat)>),
    /// `p1 or p2`; alternatives bind no variables.
    Or(Vec<Pat>),
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
pub enum FixedOp {
    Add,
    Sub,
    Mul,
    /// Traps on division by zero (and on `MIN / -1` for signed types).
    Div,
    Rem,
    Pow,
    /// `+%`: wrapping.
    WrapAdd,
    /// `-%`
    WrapSub,
    /// `*%`
    WrapMul,
    /// `**%`
    WrapPow,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `<<`
    Shl,
    /// `>>` (arithmetic for signed types)
    Shr,
    /// `<<>>`
    Rotl,
    /// `<>>`
    Rotr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixedUnOp {
    /// `-x` on a signed type; traps on `-MIN`.
    Neg,
    /// `-%x`
    WrapNeg,
    /// `^x`
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
}

/// What a [`ExprKind::ForEach`] walks over, and what each item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeqKind {
    /// An array's elements (`a.vals()`).
    ArrayVals,
    /// An array's indices, as `Nat` (`a.keys()`).
    ArrayKeys,
    /// A text's characters (`t.chars()`), decoded from UTF-8.
    TextChars,
    /// A blob's bytes, as `Nat8` (`b.vals()`).
    BlobBytes,
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
