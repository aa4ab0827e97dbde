//! The syntax tree of one source file, as the parser builds it.
//!
//! Every node keeps its span; every expression and every binder has an id, so that later
//! stages (the type checker, lowering) can attach facts to nodes in side tables instead of
//! rebuilding the tree. The tree holds no types and no resolved names: that is the type
//! checker's output.

use crate::diag::Span;
use num_bigint::BigInt;
use std::cell::Cell;

/// Identifies an expression within one parsed program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

/// Identifies a binder (a parameter, a `let` or a `var`) within one parsed program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BindId(pub u32);

/// Hands out fresh ids while parsing.
#[derive(Default)]
pub struct IdGen {
    next: Cell<u32>,
}

impl IdGen {
    /// A generator whose first id is `first` (for a second file parsed into the same program).
    pub fn starting_at(first: u32) -> IdGen {
        IdGen {
            next: Cell::new(first),
        }
    }

    pub fn expr(&self) -> ExprId {
        ExprId(self.bump())
    }

    pub fn bind(&self) -> BindId {
        BindId(self.bump())
    }

    pub fn count(&self) -> u32 {
        self.next.get()
    }

    fn bump(&self) -> u32 {
        let n = self.next.get();
        self.next.set(n + 1);
        n
    }
}

#[derive(Clone, Debug)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Program {
    pub imports: Vec<Import>,
    pub body: ProgBody,
    /// The range moc gives the program's own block: the lone actor or module declaration,
    /// or, for a script, from its first declaration to the end of the text.
    pub span: Span,
    /// The names bound to the primitive module (`import Prim "mo:⛔"`), in this file or in a
    /// module it imports: import resolution fills it, the checker binds them.
    pub prim_aliases: Vec<String>,
    /// How many ids the parser handed out (sizes the side tables).
    pub id_count: u32,
}

#[derive(Clone, Debug)]
pub struct Import {
    pub name: Ident,
    pub path: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ProgBody {
    Actor(Actor),
    /// `module { ... }`: a library file (what `import` loads).
    Module(Vec<Field>),
    /// Anything else: a script (`minimo run`), whose declarations and expressions run in
    /// order; actors declared in it are objects of the script.
    Script(Vec<Field>),
    /// The parser could not recover a body.
    Missing,
}

#[derive(Clone, Debug)]
pub struct Actor {
    pub name: Option<Ident>,
    pub fields: Vec<Field>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stability {
    Stable,
    Flexible,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    Private,
    Public,
    System,
}

/// One declaration of an actor (or module) body, with its modifiers.
#[derive(Clone, Debug)]
pub struct Field {
    pub visibility: Visibility,
    pub stability: Option<(Stability, Span)>,
    pub dec: Dec,
    /// From the first modifier to the end of the declaration.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Dec {
    /// `let x = e` (mutable false) or `var x = e` (mutable true), with an optional annotation.
    Value(ValueDec),
    Func(FuncDec),
    Expr(Expr),
    /// `let p = e` with a pattern that is not a plain name.
    LetPat(LetPat),
    /// `type T<A, B> = ...`.
    Type(TypeDec),
    /// `class C(params) { fields }`.
    Class(ClassDec),
    /// `actor A { fields }` or `module M { fields }` declared inside a script or a body.
    Object(ObjDec),
    /// A record field written where a declaration was expected (`a = e`): the parser turns
    /// braces whose items are fields into a record literal, so one left here is an error.
    Field(ExpField, Span),
    /// A declaration the parser skipped after a syntax error.
    Error(Span),
}

#[derive(Clone, Debug)]
pub struct LetPat {
    pub pat: Pat,
    pub init: Expr,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct TypeDec {
    pub name: Ident,
    pub params: Vec<Ident>,
    pub body: Type,
    pub span: Span,
}

/// A named `actor`/`module`/`object` declaration (`actor Bank { ... }`).
#[derive(Clone, Debug)]
pub struct ObjDec {
    pub sort: ObjSort,
    pub name: Ident,
    pub bind: BindId,
    pub fields: Vec<Field>,
    pub span: Span,
    /// See [`Expr::height`].
    pub height: u32,
}

/// A type parameter of a generic function or class: `T` or `T <: Bound`.
#[derive(Clone, Debug)]
pub struct TypeParam {
    pub name: Ident,
    pub bound: Option<Type>,
}

#[derive(Clone, Debug)]
pub struct ClassDec {
    pub name: Ident,
    /// The constructor function's binder.
    pub bind: BindId,
    pub tparams: Vec<TypeParam>,
    pub params: Vec<Param>,
    pub fields: Vec<Field>,
    pub span: Span,
    /// See [`Expr::height`].
    pub height: u32,
}

/// The sort of an object type or literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjSort {
    Object,
    Actor,
    Module,
}

/// A pattern, as in `switch` cases, `let` and `for`.
#[derive(Clone, Debug)]
pub struct Pat {
    pub kind: PatKind,
    pub span: Span,
    /// See [`Expr::height`].
    pub height: u32,
}

#[derive(Clone, Debug)]
pub enum PatKind {
    Wild,
    Var(Ident, BindId),
    /// A literal: a number, text, character, float or boolean expression.
    Lit(Box<Expr>),
    Null,
    Tuple(Vec<Pat>),
    Some(Box<Pat>),
    Variant(Ident, Option<Box<Pat>>),
    /// `{ a = p; b }`: each field with its pattern (`b` alone binds `b`).
    Record(Vec<(Ident, Pat)>),
    Or(Box<Pat>, Box<Pat>),
    Annot(Box<Pat>, Type),
}

#[derive(Clone, Debug)]
pub struct Case {
    pub pat: Pat,
    pub body: Expr,
}

/// A field of a record literal: `a = e`, `var a = e`, `a : T = e`.
#[derive(Clone, Debug)]
pub struct ExpField {
    pub mutable: bool,
    pub name: Ident,
    pub annot: Option<Type>,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub struct ValueDec {
    pub mutable: bool,
    pub name: Ident,
    pub bind: BindId,
    pub annot: Option<Type>,
    pub init: Expr,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FuncSort {
    Local,
    /// `shared` (or a public method without a modifier).
    Shared,
    /// `query` or `shared query`.
    Query,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Ident,
    pub bind: BindId,
    pub annot: Option<Type>,
}

#[derive(Clone, Debug)]
pub struct FuncDec {
    /// `Some(sort)` when the declaration says `shared`/`query` itself.
    pub sort: Option<FuncSort>,
    /// The message context pattern of `shared (msg)` or `shared ({caller})`, when present.
    pub shared_pattern: Option<Pat>,
    pub name: Option<Ident>,
    /// The binder of a named function, through which uses of its name resolve.
    pub bind: BindId,
    pub tparams: Vec<TypeParam>,
    pub params: Vec<Param>,
    /// The span of the parameter pattern, parentheses included.
    pub params_span: Span,
    pub result: Option<Type>,
    pub body: Box<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub id: ExprId,
    pub kind: ExprKind,
    pub span: Span,
    /// How many levels of expressions, types, patterns, classes and objects this node and
    /// the deepest path below it span (1 for a leaf). The parser keeps it at most
    /// [`super::nesting::MAX_NESTING`], which bounds the recursion of every later pass.
    pub height: u32,
}

impl Expr {
    /// An expression built after parsing, whose height follows from its children's.
    pub fn new(id: ExprId, kind: ExprKind, span: Span) -> Expr {
        let height = super::nesting::expr_height(&kind);
        Expr {
            id,
            kind,
            span,
            height,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
    /// `^x` on a fixed-width type.
    BitNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Concat,
    WrapAdd,
    WrapSub,
    WrapMul,
    WrapPow,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Rotl,
    Rotr,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::Pow => "**",
            BinOp::Concat => "#",
            BinOp::WrapAdd => "+%",
            BinOp::WrapSub => "-%",
            BinOp::WrapMul => "*%",
            BinOp::WrapPow => "**%",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Rotl => "<<>",
            BinOp::Rotr => "<>>",
        }
    }
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

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A numeric literal; the flag is set when it was written with a sign (`-1`, `+1`),
    /// which makes it an `Int` literal as in moc.
    Num(BigInt, bool),
    Text(String),
    /// A text literal whose escapes leave bytes that are not UTF-8: well typed only as a
    /// `Blob` (moc's M0049 at any other type).
    Bytes(Vec<u8>),
    Bool(bool),
    Null,
    Var(Ident),
    /// `()` and `(a, b, ...)`.
    Tuple(Vec<Expr>),
    Proj(Box<Expr>, u32),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Option<Box<Expr>>),
    Block(Vec<Dec>),
    Assign(Box<Expr>, Box<Expr>),
    /// `x op= e`.
    OpAssign(BinOp, Box<Expr>, Box<Expr>),
    Return(Option<Box<Expr>>),
    /// A call with its explicit type arguments (`f<Nat>(x)`), possibly none.
    Call(Box<Expr>, Vec<Type>, Vec<Expr>),
    Ignore(Box<Expr>),
    Annot(Box<Expr>, Type),
    Func(Box<FuncDec>),
    /// A float literal as written.
    Float(String),
    Char(char),
    /// `?e`.
    Opt(Box<Expr>),
    /// `[a, b]` or `[var a, b]`.
    Array(bool, Vec<Expr>),
    /// `a[i]`.
    Index(Box<Expr>, Box<Expr>),
    /// `e.name`.
    Dot(Box<Expr>, Ident),
    /// `{ a = 1; var b = 2 }`.
    Record(Vec<ExpField>),
    /// `#tag` or `#tag e`.
    Variant(Ident, Option<Box<Expr>>),
    Switch(Box<Expr>, Vec<Case>),
    While(Box<Expr>, Box<Expr>),
    /// `for (p in e) body`.
    For(Box<Pat>, Box<Expr>, Box<Expr>),
    /// `object { fields }` (and the sort `actor`/`module` for nested ones).
    Object(ObjSort, Vec<Field>),
    Await(Box<Expr>),
    /// `loop body` and `loop body while cond`.
    Loop(Box<Expr>, Option<Box<Expr>>),
    /// `label l : T body` (the annotation is optional; boxed, as it is rare and large).
    Label(Ident, Option<Box<Type>>, Box<Expr>),
    /// `break l e` (`break l` breaks with unit; an unlabelled `break` has no label).
    Break(Option<Ident>, Option<Box<Expr>>),
    /// `continue l` (or unlabelled).
    Continue(Option<Ident>),
    Assert(Box<Expr>),
    DebugShow(Box<Expr>),
    /// `do ? { ... }`: `e!` inside leaves it with `null`.
    DoOpt(Box<Expr>),
    /// `e!`.
    Bang(Box<Expr>),
    /// `{ a and b with f = e }`: a record made of the fields of the bases `a`, `b` (in order),
    /// with the `with` fields added or overriding; `{ a with f = e }` has one base.
    Combine(Vec<Expr>, Vec<ExpField>),
    /// `actor "aaaaa-aa"` or `actor (t)`: an actor reference from its textual principal.
    ActorUrl(Box<Expr>),
    /// `throw e`: ends the enclosing `try` body or async function with the error `e`.
    Throw(Box<Expr>),
    /// `try body catch pat handler`: the handler runs when the body throws.
    Try(Box<Expr>, Box<Pat>, Box<Expr>),
}

#[derive(Clone, Debug)]
pub struct Type {
    pub kind: TypeKind,
    pub span: Span,
    /// See [`Expr::height`].
    pub height: u32,
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    /// A named type with its arguments: `Nat`, `Text`, `List<Nat>`...
    Name(String, Vec<Type>),
    Tuple(Vec<Type>),
    Option(Box<Type>),
    Array {
        mutable: bool,
        elem: Box<Type>,
    },
    /// An object type: `{ a : A; var b : B }`, `actor { m : shared () -> async () }`.
    Object(ObjSort, Vec<(bool, String, Type)>),
    /// `{ #a; #b : T }`; a tag without payload has `None`.
    Variant(Vec<(String, Option<Type>)>),
    Func {
        sort: FuncSort,
        tparams: Vec<TypeParam>,
        param: Box<Type>,
        result: Box<Type>,
    },
    Async(Box<Type>),
    /// `(T)`: kept so that `(A, B) -> C` and `((A, B)) -> C` stay apart.
    Paren(Box<Type>),
}
