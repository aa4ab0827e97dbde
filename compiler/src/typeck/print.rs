//! Printing types in moc's notation, on one line, as moc's messages show them: aliases by
//! name with their arguments (`List<Nat -> Nat>`), fields and tags in name order, parentheses
//! only where the precedence of the notation needs them. The layout of long types across lines
//! (the `.most` file) is the signature printer's business, not this module's.

use super::types::{Cons, FuncType, Type};
use crate::syntax::ast::{FuncSort, ObjSort};
use std::fmt::{self, Write as _};

/// How tightly a position binds: a type printed at a position that binds tighter than the
/// type's own form is parenthesised.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// Function types and anything else.
    Full,
    /// `async T`, `actor {...}`.
    Pre,
    /// `?T`.
    Un,
    /// Names, tuples, arrays, records, variants.
    Nullary,
}

pub(crate) fn level(ty: &Type) -> Level {
    match ty {
        Type::Func(_) => Level::Full,
        Type::Async(_) | Type::Obj(ObjSort::Actor | ObjSort::Module, _) => Level::Pre,
        Type::Option(_) => Level::Un,
        _ => Level::Nullary,
    }
}

pub(crate) fn write_at(out: &mut String, ty: &Type, at: Level) {
    if level(ty) < at {
        out.push('(');
        write_ty(out, ty);
        out.push(')');
    } else {
        write_ty(out, ty);
    }
}

fn list(out: &mut String, items: &[Type]) {
    out.push('(');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_ty(out, item);
    }
    if items.len() == 1 {
        out.push(',');
    }
    out.push(')');
}

pub(crate) fn sort_prefix(sort: FuncSort) -> &'static str {
    match sort {
        FuncSort::Local => "",
        FuncSort::Shared => "shared ",
        FuncSort::Query => "shared query ",
    }
}

/// The parameter side of a function type: one non-tuple parameter stands alone.
pub(crate) fn write_dom(out: &mut String, params: &[Type]) {
    match params {
        [single] if !matches!(single, Type::Tuple(_)) => write_at(out, single, Level::Un),
        [single] => {
            out.push('(');
            write_ty(out, single);
            out.push(')');
        }
        params => {
            out.push('(');
            for (i, p) in params.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_ty(out, p);
            }
            out.push(')');
        }
    }
}

fn write_func(out: &mut String, func: &FuncType) {
    if func.system {
        out.push_str("<system>");
    }
    out.push_str(sort_prefix(func.sort));
    write_dom(out, &func.params);
    out.push_str(" -> ");
    match &*func.result {
        Type::Async(inner) => {
            out.push_str("async ");
            write_at(out, inner, Level::Pre);
        }
        other => write_ty(out, other),
    }
}

pub(crate) fn write_ty(out: &mut String, ty: &Type) {
    match ty {
        Type::Nat => out.push_str("Nat"),
        Type::Int => out.push_str("Int"),
        Type::Bool => out.push_str("Bool"),
        Type::Text => out.push_str("Text"),
        Type::Null => out.push_str("Null"),
        Type::Any => out.push_str("Any"),
        Type::Error => out.push_str("Error"),
        Type::OtherPrim(name) => out.push_str(name),
        Type::Non => out.push_str("None"),
        Type::Err => out.push_str("???"),
        Type::Param(_, name) => out.push_str(name),
        Type::Con(_, name, args) => {
            out.push_str(name);
            if !args.is_empty() {
                out.push('<');
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_ty(out, a);
                }
                out.push('>');
            }
        }
        Type::Tuple(items) => list(out, items),
        Type::Option(t) => {
            out.push('?');
            write_at(out, t, Level::Un);
        }
        Type::Array(mutable, t) => {
            out.push_str(if *mutable { "[var " } else { "[" });
            write_ty(out, t);
            out.push(']');
        }
        Type::Obj(sort, fields) => {
            match sort {
                ObjSort::Object => {}
                ObjSort::Actor => out.push_str("actor "),
                ObjSort::Module => out.push_str("module "),
            }
            out.push('{');
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                out.push_str(&field_text(&f.name, f.mutable, &f.ty));
            }
            out.push('}');
        }
        Type::Variant(tags) if tags.is_empty() => out.push_str("{#}"),
        Type::Variant(tags) => {
            out.push('{');
            for (i, t) in tags.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                out.push_str(&tag_text(&t.name, &t.ty));
            }
            out.push('}');
        }
        Type::Func(func) => write_func(out, func),
        Type::Async(t) => {
            out.push_str("async ");
            write_at(out, t, Level::Pre);
        }
    }
}

/// `name : T` or `var name : T`.
pub(crate) fn field_text(name: &str, mutable: bool, ty: &Type) -> String {
    let mut out = String::new();
    if mutable {
        out.push_str("var ");
    }
    let _ = write!(out, "{name} : ");
    write_ty(&mut out, ty);
    out
}

/// `#tag` or `#tag : T`.
pub(crate) fn tag_text(name: &str, ty: &Type) -> String {
    if ty.is_unit() {
        return format!("#{name}");
    }
    let mut out = format!("#{name} : ");
    write_ty(&mut out, ty);
    out
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_ty(&mut out, self);
        f.write_str(&out)
    }
}

/// A type as moc's messages about a mismatch show it: an alias (or class type) whose
/// definition is not a primitive type is followed by its unfolding, `Cell<Nat> = {get : () ->
/// Nat}`; the unfolding keeps the names inside it, so a recursive type prints finitely.
pub(crate) fn expanded(cons: &Cons, ty: &Type) -> String {
    let Type::Con(..) = ty else {
        return ty.to_string();
    };
    match cons.expand(ty) {
        Type::Nat
        | Type::Int
        | Type::Bool
        | Type::Text
        | Type::Null
        | Type::Error
        | Type::OtherPrim(_)
        | Type::Any
        | Type::Non
        | Type::Err => ty.to_string(),
        body => format!("{ty} = {body}"),
    }
}
