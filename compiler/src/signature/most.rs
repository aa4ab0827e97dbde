//! Printing the stable signature (`.most`) as moc does: a version line, the type definitions
//! the variables' types mention (sorted by name, generic ones with their parameters), then
//! the stable variables sorted by name in byte order, `stable var x : T` or `stable x : T`
//! for a `let`. A variable's outermost alias is expanded; aliases inside it stay. Long types
//! break across lines with moc's boxes (see `pretty.rs`).
//!
//! It does not decide which variables are stable; `Interface` holds those.

use super::Interface;
use crate::format::{BoxKind, Doc};
use crate::syntax::ast::ObjSort;
use crate::typeck::print::{self, Level};
use crate::typeck::types::{ConId, Cons, Type};
use std::collections::BTreeSet;

/// Collects the constructors a type mentions, and those their definitions mention.
fn collect(cons: &Cons, ty: &Type, found: &mut BTreeSet<ConId>) {
    match ty {
        Type::Con(id, _, args) => {
            if found.insert(*id) {
                if let Some(def) = cons.get(*id) {
                    collect(cons, &def.body, found);
                }
            }
            args.iter().for_each(|a| collect(cons, a, found));
        }
        Type::Tuple(items) => items.iter().for_each(|t| collect(cons, t, found)),
        Type::Option(t) | Type::Array(_, t) | Type::Async(t) => collect(cons, t, found),
        Type::Obj(_, fields) => fields.iter().for_each(|f| collect(cons, &f.ty, found)),
        Type::Variant(tags) => tags.iter().for_each(|t| collect(cons, &t.ty, found)),
        Type::Func(f) => {
            f.params.iter().for_each(|t| collect(cons, t, found));
            collect(cons, &f.result, found);
        }
        _ => {}
    }
}

/// A type as a document: records, objects and variants are boxes that break all their
/// fields or none; everything else is one piece of text.
pub(crate) fn doc_ty(d: &mut Doc, ty: &Type) {
    match ty {
        Type::Obj(sort, fields) if !fields.is_empty() => {
            let prefix = match sort {
                ObjSort::Object => "{",
                ObjSort::Actor => "actor {",
                ObjSort::Module => "module {",
            };
            d.open(BoxKind::HV, 2).text(prefix).cut();
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    d.text(";").space();
                }
                d.open(BoxKind::HOV, 2);
                let var = if f.mutable { "var " } else { "" };
                d.text(&format!("{var}{} :", f.name)).space();
                doc_ty(d, &f.ty);
                d.close();
            }
            d.brk(0, -2).text("}").close();
        }
        Type::Variant(tags) if !tags.is_empty() => {
            d.open(BoxKind::HV, 2).text("{").cut();
            for (i, t) in tags.iter().enumerate() {
                if i > 0 {
                    d.text(";").space();
                }
                if t.ty.is_unit() {
                    d.text(&format!("#{}", t.name));
                } else {
                    d.open(BoxKind::HOV, 2);
                    d.text(&format!("#{} :", t.name)).space();
                    doc_ty(d, &t.ty);
                    d.close();
                }
            }
            d.brk(0, -2).text("}").close();
        }
        Type::Option(inner) if print::level(inner) >= Level::Un => {
            d.open(BoxKind::HOV, 1).text("?");
            doc_ty(d, inner);
            d.close();
        }
        Type::Array(mutable, inner) => {
            d.open(BoxKind::HOV, 1)
                .text(if *mutable { "[var " } else { "[" });
            doc_ty(d, inner);
            d.text("]").close();
        }
        Type::Tuple(items) if items.len() > 1 => {
            d.open(BoxKind::HOV, 1).text("(");
            for (i, t) in items.iter().enumerate() {
                if i > 0 {
                    d.text(",").space();
                }
                doc_ty(d, t);
            }
            d.text(")").close();
        }
        other => {
            d.text(&other.to_string());
        }
    }
}

pub(crate) fn print(interface: &Interface) -> String {
    let cons = &interface.cons;
    let vars: Vec<(&str, bool, Type)> = interface
        .stable
        .iter()
        .map(|v| (v.name.as_str(), v.mutable, cons.expand(&v.ty)))
        .collect();
    let mut found = BTreeSet::new();
    for (_, _, ty) in &vars {
        collect(cons, ty, &mut found);
    }
    let mut defs: Vec<(String, Type)> = found
        .iter()
        .filter_map(|id| cons.get(*id))
        .map(|def| {
            let head = if def.params.is_empty() {
                def.name.to_string()
            } else {
                format!("{}<{}>", def.name, def.params.join(", "))
            };
            (head, def.body.clone())
        })
        .collect();
    defs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));

    let mut d = Doc::default();
    d.open(BoxKind::V, 0).text("// Version: 1.0.0").cut();
    for (head, body) in &defs {
        d.open(BoxKind::HOV, 2)
            .text(&format!("type {head} ="))
            .space();
        doc_ty(&mut d, body);
        d.text(";").close().cut();
    }
    d.open(BoxKind::V, 2).text("actor {").cut();
    for (i, (name, mutable, ty)) in vars.iter().enumerate() {
        if i > 0 {
            d.text(";").cut();
        }
        let keyword = if *mutable { "stable var" } else { "stable" };
        d.open(BoxKind::HOV, 2)
            .text(&format!("{keyword} {name} :"))
            .space();
        doc_ty(&mut d, ty);
        d.close();
    }
    d.brk(0, -2).text("};").close().cut();
    d.close();
    d.render()
}
