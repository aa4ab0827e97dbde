//! The nesting limit of the syntax tree, enforced while the parser builds it.
//!
//! Every later pass (the checker, lowering, the code generator, the printers, and the drop of
//! the tree itself) recurses on the tree's structure, so the depth of the tree bounds the
//! depth of their recursion. The grammar's actions build every expression, type, pattern,
//! class and object through a [`Builder`], which computes the node's height from its
//! children's (each node stores its own, so this is one step per node, never a walk) and
//! replaces a node that would be higher than [`MAX_NESTING`] by a placeholder. The first node
//! that crosses the limit is reported with its range; the placeholder is itself too high, so
//! every node around it is replaced too and reported no more, and no node above the limit
//! ever exists, not even for a moment on the parser's stack. The parser then stops reading
//! the file (see [`Builder::gave_up`]): what follows a construct that deep is not worth the
//! time it takes to parse, and the errors its end would cause are not the user's. The
//! placeholders are never checked: a file with a syntax error stops before the checker.
//!
//! This module does not decide how much stack the passes need per level: the compiler's
//! entry points run them on a thread whose stack is sized for this limit (see
//! `crate::stack`).

use super::ast::{
    ClassDec, Dec, Expr, ExprId, ExprKind, FuncDec, IdGen, ObjDec, Pat, PatKind, Type, TypeKind,
};
use crate::diag::{self, Diagnostic, Span};
use std::cell::RefCell;

/// The most levels of expressions, types, patterns, classes and objects a source file may
/// nest. Far beyond what people write (moc's own interpreter gives up at a few hundred
/// levels), and low enough that the passes after the parser fit in the stack they run on.
pub(crate) const MAX_NESTING: u32 = 1_000;

/// The height of a placeholder for a node nested too deeply: over the limit, so that each
/// node around it is replaced in turn, and not the height at which a report is made.
const REPLACED: u32 = MAX_NESTING + 1;

/// What kind of node crossed the limit (it names the construct in the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Construct {
    Expression,
    Type,
    Pattern,
    Declaration,
}

impl Construct {
    fn name(self) -> &'static str {
        match self {
            Construct::Expression => "expression",
            Construct::Type => "type",
            Construct::Pattern => "pattern",
            Construct::Declaration => "declaration",
        }
    }
}

/// Builds the nodes of one parse: fresh ids, heights, and the nodes nested too deeply.
#[derive(Default)]
pub(crate) struct Builder {
    pub ids: IdGen,
    too_deep: RefCell<Vec<(Span, Construct)>>,
}

impl Builder {
    /// Whether a node crossed the limit: the parser reads no further tokens then.
    pub fn gave_up(&self) -> bool {
        !self.too_deep.borrow().is_empty()
    }
}

impl Builder {
    pub fn new(ids: IdGen) -> Builder {
        Builder {
            ids,
            too_deep: RefCell::new(Vec::new()),
        }
    }

    /// The syntax errors for the nodes that crossed the limit, in the order they were built.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.too_deep
            .borrow()
            .iter()
            .map(|(span, construct)| diag::nested_too_deeply(*span, construct.name(), MAX_NESTING))
            .collect()
    }

    /// The height of a node whose children reach `below`, or `None` when it is too high; the
    /// node that crosses the limit first is recorded.
    fn admit(&self, below: u32, span: Span, construct: Construct) -> Option<u32> {
        if below < MAX_NESTING {
            return Some(below + 1);
        }
        if below == MAX_NESTING {
            self.too_deep.borrow_mut().push((span, construct));
        }
        None
    }

    pub fn expr(&self, kind: ExprKind, span: Span) -> Expr {
        let id = self.ids.expr();
        match self.admit(expr_children(&kind), span, Construct::Expression) {
            Some(height) => Expr {
                id,
                kind,
                span,
                height,
            },
            None => placeholder(id, span),
        }
    }

    pub fn ty(&self, kind: TypeKind, span: Span) -> Type {
        match self.admit(type_children(&kind), span, Construct::Type) {
            Some(height) => Type { kind, span, height },
            None => Type {
                kind: TypeKind::Tuple(Vec::new()),
                span,
                height: REPLACED,
            },
        }
    }

    pub fn pat(&self, kind: PatKind, span: Span) -> Pat {
        match self.admit(pat_children(&kind), span, Construct::Pattern) {
            Some(height) => Pat { kind, span, height },
            None => Pat {
                kind: PatKind::Wild,
                span,
                height: REPLACED,
            },
        }
    }

    /// A class declaration with its height, or a placeholder declaration.
    pub fn class(&self, class: ClassDec) -> Dec {
        match self.admit(class_children(&class), class.span, Construct::Declaration) {
            Some(height) => Dec::Class(ClassDec { height, ..class }),
            None => Dec::Expr(placeholder(self.ids.expr(), class.span)),
        }
    }

    /// An actor, module or object declaration with its height, or a placeholder declaration.
    pub fn object(&self, object: ObjDec) -> Dec {
        match self.admit(
            object_children(&object),
            object.span,
            Construct::Declaration,
        ) {
            Some(height) => Dec::Object(ObjDec { height, ..object }),
            None => Dec::Expr(placeholder(self.ids.expr(), object.span)),
        }
    }
}

/// Stands for a node nested too deeply: the unit value, over the limit.
fn placeholder(id: ExprId, span: Span) -> Expr {
    Expr {
        id,
        kind: ExprKind::Tuple(Vec::new()),
        span,
        height: REPLACED,
    }
}

/// The height of an expression built after parsing (import resolution's declarations),
/// which the limit does not apply to: they wrap parsed nodes one level deep.
pub(crate) fn expr_height(kind: &ExprKind) -> u32 {
    expr_children(kind).saturating_add(1)
}

/// The height of an object declaration built after parsing (see [`expr_height`]).
pub(crate) fn object_height(object: &ObjDec) -> u32 {
    object_children(object).saturating_add(1)
}

/// The greatest of some heights (0 for none).
fn most(heights: impl IntoIterator<Item = u32>) -> u32 {
    heights.into_iter().max().unwrap_or(0)
}

fn of<T>(node: Option<&T>, height: impl Fn(&T) -> u32) -> u32 {
    node.map_or(0, height)
}

fn e(expr: &Expr) -> u32 {
    expr.height
}

fn t(ty: &Type) -> u32 {
    ty.height
}

/// How high the children of an expression reach: the stored heights of the nodes directly
/// below it, looking through the declarations, cases and fields that hold them.
fn expr_children(kind: &ExprKind) -> u32 {
    use ExprKind::*;
    match kind {
        Num(..) | Text(_) | Bytes(_) | Bool(_) | Null | Var(_) | Float(_) | Char(_)
        | Continue(_) => 0,
        Tuple(items) | Array(_, items) => most(items.iter().map(e)),
        Proj(a, _)
        | Unary(_, a)
        | Ignore(a)
        | Opt(a)
        | Dot(a, _)
        | Await(a)
        | Assert(a)
        | DebugShow(a)
        | DoOpt(a)
        | Bang(a)
        | ActorUrl(a)
        | Throw(a) => a.height,
        Binary(_, a, b)
        | Compare(_, a, b)
        | And(a, b)
        | Or(a, b)
        | Assign(a, b)
        | OpAssign(_, a, b)
        | Index(a, b)
        | While(a, b) => a.height.max(b.height),
        If(c, then, otherwise) => most([c.height, then.height, of(otherwise.as_deref(), e)]),
        Block(decs) => most(decs.iter().map(dec_height)),
        Return(value) | Break(_, value) => of(value.as_deref(), e),
        Call(f, types, args) => most([
            f.height,
            most(types.iter().map(t)),
            most(args.iter().map(e)),
        ]),
        Annot(a, ty) => a.height.max(ty.height),
        Func(func) => func_height(func),
        Record(fields) => most(fields.iter().map(exp_field_height)),
        Variant(_, payload) => of(payload.as_deref(), e),
        Switch(scrutinee, cases) => most(
            std::iter::once(scrutinee.height).chain(
                cases
                    .iter()
                    .map(|case| case.pat.height.max(case.body.height)),
            ),
        ),
        For(pat, iter, body) => most([pat.height, iter.height, body.height]),
        Object(_, fields) => most(fields.iter().map(|field| dec_height(&field.dec))),
        Loop(body, cond) => body.height.max(of(cond.as_deref(), e)),
        Label(_, annot, body) => body.height.max(of(annot.as_deref(), t)),
        Combine(bases, fields) => {
            most(bases.iter().map(e)).max(most(fields.iter().map(exp_field_height)))
        }
        Try(body, pat, handler) => most([body.height, pat.height, handler.height]),
    }
}

fn exp_field_height(field: &super::ast::ExpField) -> u32 {
    field.value.height.max(of(field.annot.as_ref(), t))
}

fn type_children(kind: &TypeKind) -> u32 {
    match kind {
        TypeKind::Name(_, args) | TypeKind::Tuple(args) => most(args.iter().map(t)),
        TypeKind::Option(inner) | TypeKind::Async(inner) | TypeKind::Paren(inner) => inner.height,
        TypeKind::Array { elem, .. } => elem.height,
        TypeKind::Object(_, fields) => most(fields.iter().map(|(_, _, ty)| ty.height)),
        TypeKind::Variant(tags) => most(tags.iter().map(|(_, ty)| of(ty.as_ref(), t))),
        TypeKind::Func {
            tparams,
            param,
            result,
            ..
        } => most([tparams_height(tparams), param.height, result.height]),
    }
}

fn pat_children(kind: &PatKind) -> u32 {
    match kind {
        PatKind::Wild | PatKind::Var(..) | PatKind::Null => 0,
        PatKind::Lit(lit) => lit.height,
        PatKind::Tuple(items) => most(items.iter().map(|p| p.height)),
        PatKind::Some(inner) => inner.height,
        PatKind::Variant(_, payload) => of(payload.as_deref(), |p| p.height),
        PatKind::Record(fields) => most(fields.iter().map(|(_, p)| p.height)),
        PatKind::Or(a, b) => a.height.max(b.height),
        PatKind::Annot(inner, ty) => inner.height.max(ty.height),
    }
}

fn tparams_height(tparams: &[super::ast::TypeParam]) -> u32 {
    most(tparams.iter().map(|p| of(p.bound.as_ref(), t)))
}

fn params_height(params: &[super::ast::Param]) -> u32 {
    most(params.iter().map(|p| of(p.annot.as_ref(), t)))
}

fn func_height(func: &FuncDec) -> u32 {
    most([
        of(func.shared_pattern.as_ref(), |p| p.height),
        tparams_height(&func.tparams),
        params_height(&func.params),
        of(func.result.as_ref(), t),
        func.body.height,
    ])
}

fn class_children(class: &ClassDec) -> u32 {
    most([
        tparams_height(&class.tparams),
        params_height(&class.params),
        most(class.fields.iter().map(|field| dec_height(&field.dec))),
    ])
}

fn object_children(object: &ObjDec) -> u32 {
    most(object.fields.iter().map(|field| dec_height(&field.dec)))
}

/// A declaration is no level of its own: it reaches as high as the nodes it holds (a class or
/// an object declaration is a node, with its stored height).
fn dec_height(dec: &Dec) -> u32 {
    match dec {
        Dec::Value(value) => value.init.height.max(of(value.annot.as_ref(), t)),
        Dec::Func(func) => func_height(func),
        Dec::Expr(expr) => expr.height,
        Dec::LetPat(letpat) => letpat.pat.height.max(letpat.init.height),
        Dec::Type(typedec) => typedec.body.height,
        Dec::Class(class) => class.height,
        Dec::Object(object) => object.height,
        Dec::Field(field, _) => exp_field_height(field),
        Dec::Error(_) => 0,
    }
}
