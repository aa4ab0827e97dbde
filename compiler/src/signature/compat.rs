//! Stable compatibility of two signatures: may a program whose stable signature is `new`
//! take over the stable variables of one whose signature is `old`?
//!
//! As moc: every variable kept must have a new type that is a supertype of its old type
//! (M0170 otherwise), and a stable variable that is not kept is a warning (M0169). `var`
//! versus `let` does not count. Type definitions are expanded on demand; recursive ones are
//! compared co-inductively (a pair of definitions under comparison is assumed related).

use super::most_parse::{self, MType, Signature};
use crate::diag::{self, Diagnostic};
use std::collections::HashSet;

pub(crate) fn compatible(old_text: &str, new_text: &str) -> Vec<Diagnostic> {
    let old = match most_parse::parse(old_text) {
        Ok(sig) => sig,
        Err(message) => return vec![diag::bad_signature("old", &message)],
    };
    let new = match most_parse::parse(new_text) {
        Ok(sig) => sig,
        Err(message) => return vec![diag::bad_signature("new", &message)],
    };
    let mut diagnostics = Vec::new();
    let mut checker = Sub {
        old: &old,
        new: &new,
        assumed: HashSet::new(),
    };
    for (name, _, old_ty) in &old.vars {
        let old_printed = format!("var {}", print(old_ty, &old, None));
        match new.vars.iter().find(|(n, _, _)| n == name) {
            None => diagnostics.push(diag::stable_discarded(name, &old_printed)),
            Some((_, _, new_ty)) => {
                if !checker.sub(old_ty, new_ty) {
                    let new_printed = format!("var {}", print(new_ty, &new, Some(&old)));
                    diagnostics.push(diag::stable_incompatible(name, &old_printed, &new_printed));
                }
            }
        }
    }
    diagnostics
}

struct Sub<'a> {
    old: &'a Signature,
    new: &'a Signature,
    /// Pairs of (old, new) definition applications assumed related while they are compared.
    assumed: HashSet<(String, String)>,
}

/// Replaces a definition's application by its body; primitives and unknown names stay.
fn expand(ty: &MType, sig: &Signature) -> MType {
    match ty {
        MType::Con(name, args) => match sig.defs.get(name) {
            Some(def) if def.params.len() == args.len() => substitute(&def.body, &def.params, args),
            _ => ty.clone(),
        },
        _ => ty.clone(),
    }
}

fn substitute(ty: &MType, params: &[String], args: &[MType]) -> MType {
    let go = |t: &MType| substitute(t, params, args);
    match ty {
        MType::Con(name, inner) if inner.is_empty() => {
            match params.iter().position(|p| p == name) {
                Some(i) => args[i].clone(),
                None => ty.clone(),
            }
        }
        MType::Con(name, inner) => MType::Con(name.clone(), inner.iter().map(go).collect()),
        MType::Tuple(items) => MType::Tuple(items.iter().map(go).collect()),
        MType::Option(t) => MType::Option(Box::new(go(t))),
        MType::Array(m, t) => MType::Array(*m, Box::new(go(t))),
        MType::Record(fields) => MType::Record(
            fields
                .iter()
                .map(|(m, n, t)| (*m, n.clone(), go(t)))
                .collect(),
        ),
        MType::Variant(tags) => {
            MType::Variant(tags.iter().map(|(n, t)| (n.clone(), go(t))).collect())
        }
        MType::Opaque(_) => ty.clone(),
    }
}

fn is_def(ty: &MType, sig: &Signature) -> bool {
    matches!(ty, MType::Con(name, _) if sig.defs.contains_key(name))
}

impl Sub<'_> {
    /// Whether a value of old type `a` can be read at new type `b`.
    fn sub(&mut self, a: &MType, b: &MType) -> bool {
        if is_def(a, self.old) || is_def(b, self.new) {
            let key = (format!("{a:?}"), format!("{b:?}"));
            if !self.assumed.insert(key) {
                return true;
            }
            let (ea, eb) = (expand(a, self.old), expand(b, self.new));
            return self.sub(&ea, &eb);
        }
        match (a, b) {
            (_, MType::Con(n, args)) if n == "Any" && args.is_empty() => true,
            (MType::Con(x, xs), MType::Con(y, ys)) if xs.is_empty() && ys.is_empty() => {
                x == y || (x == "Nat" && y == "Int") || x == "None"
            }
            (MType::Con(n, _), MType::Option(_)) if n == "Null" => true,
            (MType::Option(x), MType::Option(y)) => self.sub(x, y),
            (MType::Array(false, x), MType::Array(false, y)) => self.sub(x, y),
            (MType::Array(true, x), MType::Array(true, y)) => self.sub(x, y) && self.sub_back(x, y),
            (MType::Tuple(xs), MType::Tuple(ys)) => {
                xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| self.sub(x, y))
            }
            (MType::Record(xs), MType::Record(ys)) => ys.iter().all(|(mb, nb, tb)| {
                xs.iter().any(|(ma, na, ta)| {
                    na == nb && ma == mb && self.sub(ta, tb) && (!*ma || self.sub_back(ta, tb))
                })
            }),
            (MType::Variant(xs), MType::Variant(ys)) => xs
                .iter()
                .all(|(na, ta)| ys.iter().any(|(nb, tb)| na == nb && self.sub(ta, tb))),
            (MType::Opaque(x), MType::Opaque(y)) => x == y,
            _ => false,
        }
    }

    /// The reverse direction, for invariant (mutable) positions: the new type read as old.
    fn sub_back(&mut self, a: &MType, b: &MType) -> bool {
        let mut back = Sub {
            old: self.new,
            new: self.old,
            assumed: HashSet::new(),
        };
        back.sub(b, a)
    }
}

/// Prints a type in Motoko notation; definitions of the new signature whose names the old one
/// also defines get moc's `__1` suffix.
fn print(ty: &MType, sig: &Signature, rename_against: Option<&Signature>) -> String {
    let go = |t: &MType| print(t, sig, rename_against);
    match ty {
        MType::Con(name, args) => {
            let renamed = rename_against
                .is_some_and(|other| other.defs.contains_key(name) && sig.defs.contains_key(name));
            let name = if renamed {
                format!("{name}__1")
            } else {
                name.clone()
            };
            if args.is_empty() {
                name
            } else {
                format!(
                    "{name}<{}>",
                    args.iter().map(go).collect::<Vec<_>>().join(", ")
                )
            }
        }
        MType::Tuple(items) => format!("({})", items.iter().map(go).collect::<Vec<_>>().join(", ")),
        MType::Option(t) => match **t {
            MType::Opaque(_) => format!("?({})", go(t)),
            _ => format!("?{}", go(t)),
        },
        MType::Array(false, t) => format!("[{}]", go(t)),
        MType::Array(true, t) => format!("[var {}]", go(t)),
        MType::Record(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|(m, n, t)| format!("{}{n} : {}", if *m { "var " } else { "" }, go(t)))
                .collect();
            format!("{{{}}}", parts.join("; "))
        }
        MType::Variant(tags) => {
            let parts: Vec<String> = tags
                .iter()
                .map(|(n, t)| match t {
                    MType::Tuple(items) if items.is_empty() => format!("#{n}"),
                    _ => format!("#{n} : {}", go(t)),
                })
                .collect();
            format!("{{{}}}", parts.join("; "))
        }
        MType::Opaque(text) => text.clone(),
    }
}
