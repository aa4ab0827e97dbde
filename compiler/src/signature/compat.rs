//! Stable compatibility of two signatures: may a program whose stable signature is `new`
//! take over the stable variables of one whose signature is `old`?
//!
//! As moc: every variable kept must have a new type that is a supertype of its old type
//! (M0170 otherwise), and a stable variable that is not kept is a warning (M0169). `var`
//! versus `let` does not count. Type definitions are expanded on demand; recursive ones are
//! compared co-inductively (a pair of definitions under comparison is assumed related).
//!
//! Each diagnostic carries moc's code and moc's message exactly (the conformance corpus
//! compares them), and in its notes an explanation a user can act on: which part of the type
//! breaks and why, or which data the upgrade drops. The relation lives in `subtype`, the
//! wording in `explain`; this file only walks the variables.

mod explain;
mod subtype;

use super::most_check;
use super::most_parse::{self, MType, Signature};
use crate::diag::{self, Diagnostic};
use explain::print;
use subtype::Sub;

/// A signature's type in Motoko notation, as the messages show it.
pub(crate) fn print_type(ty: &most_parse::MType, sig: &most_parse::Signature) -> String {
    print(ty, sig, None)
}

pub(crate) fn compatible(old_text: &str, new_text: &str) -> Vec<Diagnostic> {
    let old = match most_parse::parse(old_text) {
        Ok(sig) => sig,
        Err(message) => return vec![diag::bad_signature("old", &message)],
    };
    let new = match most_parse::parse(new_text) {
        Ok(sig) => sig,
        Err(message) => return vec![diag::bad_signature("new", &message)],
    };
    for (which, sig) in [("old", &old), ("new", &new)] {
        if let Some(message) = malformed(sig) {
            return vec![diag::bad_signature(which, &message)];
        }
    }
    // Definitions that are not productive, are expansive or unfold too deeply would make the
    // comparison below loop or recurse without bound; as moc, the first signature with such
    // definitions is the one reported.
    for (sig, which) in [(&old, "old"), (&new, "new")] {
        let problems = most_check::check(sig, which);
        if !problems.is_empty() {
            return problems;
        }
    }
    let mut diagnostics = Vec::new();
    for (name, _, old_ty) in &old.vars {
        let old_printed = format!("var {}", print(old_ty, &old, None));
        match new.vars.iter().find(|(n, _, _)| n == name) {
            None => {
                let mut d = diag::stable_discarded(name, &old_printed);
                d.notes = explain::discarded(name, old_ty, &old, &new);
                diagnostics.push(d);
            }
            Some((_, _, new_ty)) => {
                let mut checker = Sub::new(&old, &new);
                if !checker.sub(old_ty, new_ty) {
                    let new_printed = format!("var {}", print(new_ty, &new, Some(&old)));
                    let mut d = diag::stable_incompatible(name, &old_printed, &new_printed);
                    d.notes = explain::incompatible(name, &checker.found, checker.more, &old, &new);
                    diagnostics.push(d);
                }
            }
        }
    }
    diagnostics
}

/// Why `sig` cannot be compared, if it cannot: a variable declared twice, a field or tag
/// written twice in one type (which of the two would be compared is anyone's guess), or a
/// type applied to arguments that `sig` does not define with that many parameters (no type is
/// compatible with an unknown one, not even itself). Such a signature is refused as not a
/// stable signature. Unapplied names are left alone: they are primitives, parameters, or
/// moc's own names, which compare by name.
fn malformed(sig: &Signature) -> Option<String> {
    if let Some(name) = first_duplicate(sig.vars.iter().map(|(name, _, _)| name)) {
        return Some(format!("stable variable {name} is declared twice"));
    }
    let mut pending: Vec<&MType> = sig.vars.iter().map(|(_, _, ty)| ty).collect();
    pending.extend(sig.defs.values().map(|def| &def.body));
    // A work list rather than recursion: the types are as deep as the text.
    while let Some(ty) = pending.pop() {
        match ty {
            MType::Con(name, args) if !args.is_empty() => {
                match sig.defs.get(name) {
                    None => return Some(format!("type {name} is not defined")),
                    Some(def) if def.params.len() != args.len() => {
                        return Some(format!(
                            "type {name} takes {} type arguments, not {}",
                            def.params.len(),
                            args.len()
                        ))
                    }
                    Some(_) => {}
                }
                pending.extend(args);
            }
            MType::Con(..) | MType::Opaque(_) => {}
            MType::Tuple(items) => pending.extend(items),
            MType::Option(inner) | MType::Array(_, inner) => pending.push(inner),
            MType::Record(fields) => {
                if let Some(name) = first_duplicate(fields.iter().map(|(_, name, _)| name)) {
                    return Some(format!("field {name} appears twice in one record type"));
                }
                pending.extend(fields.iter().map(|(_, _, ty)| ty));
            }
            MType::Variant(tags) => {
                if let Some(name) = first_duplicate(tags.iter().map(|(name, _)| name)) {
                    return Some(format!("tag #{name} appears twice in one variant type"));
                }
                pending.extend(tags.iter().map(|(_, ty)| ty));
            }
        }
    }
    None
}

fn first_duplicate<'a>(names: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    let mut seen = std::collections::BTreeSet::new();
    names.into_iter().find(|name| !seen.insert(*name))
}
