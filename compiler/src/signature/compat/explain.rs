//! Explanations of stable-compatibility findings: the lines a user reads after moc's message
//! to learn which part of a variable's type breaks and why, or which data an upgrade drops.
//!
//! Each [`Mismatch`] becomes one sentence naming the variable, the place inside its type (as
//! a Motoko-like path: `users[_].age` for a field of an array's elements, `state#running` for
//! a variant payload, `log!.1` for the second component inside an option), the two types at
//! that place and the rule that rejects them. Definitions met on the way are printed after it,
//! since `User` in the old signature and `User` (printed `User__1`) in the new one may differ.
//! This module decides nothing: the verdict is the subtype check's.

use super::super::most_parse::{MType, Signature};
use super::subtype::{Mismatch, Problem, Side, Step, Sub};

/// The notes for a variable whose new type cannot consume its old one.
pub(crate) fn incompatible(
    name: &str,
    found: &[Mismatch],
    more: usize,
    old: &Signature,
    new: &Signature,
) -> Vec<String> {
    let printer = Printer { old, new };
    let mut notes = Vec::new();
    let mut aliases: Vec<(Side, String)> = Vec::new();
    for mismatch in found {
        notes.push(format!(
            "stable variable {name}: {}",
            printer.sentence(name, mismatch)
        ));
        for alias in &mismatch.aliases {
            if !aliases.contains(alias) {
                aliases.push(alias.clone());
            }
        }
    }
    if more > 0 {
        notes.push(format!(
            "stable variable {name}: and {more} more incompatible part{}",
            if more == 1 { "" } else { "s" }
        ));
    }
    if !aliases.is_empty() {
        let defs: Vec<String> = aliases
            .iter()
            .map(|(side, alias)| printer.definition(*side, alias))
            .collect();
        notes.push(format!("where {}", defs.join(", ")));
    }
    notes
}

/// The notes for a stable variable the new signature drops.
pub(crate) fn discarded(
    name: &str,
    old_ty: &MType,
    old: &Signature,
    new: &Signature,
) -> Vec<String> {
    let mut notes = vec![format!(
        "stable variable {name} of type {} is not a stable variable of the new program (removed, renamed or made flexible): the upgrade drops its data",
        print(old_ty, old, None)
    )];
    // A new variable that could hold the old data may be the same variable renamed; renaming
    // loses the data just the same, because stable variables are matched by name.
    for (candidate, _, new_ty) in &new.vars {
        let existed = old.vars.iter().any(|(n, _, _)| n == candidate);
        if !existed && Sub::new(old, new).sub(old_ty, new_ty) {
            notes.push(format!(
                "if {name} was renamed to {candidate}: stable variables are matched by name, so {candidate} starts from its initializer; keep the name {name} to keep the data"
            ));
        }
    }
    notes
}

struct Printer<'a> {
    old: &'a Signature,
    new: &'a Signature,
}

impl Printer<'_> {
    fn old(&self, ty: &MType) -> String {
        print(ty, self.old, None)
    }

    fn new(&self, ty: &MType) -> String {
        print(ty, self.new, Some(self.old))
    }

    fn sentence(&self, name: &str, mismatch: &Mismatch) -> String {
        let subject = if mismatch.path.is_empty() {
            "its type".to_string()
        } else {
            format!("`{}`", path(name, &mismatch.path))
        };
        // Where a field was added or a tag removed: nothing to say at the top level.
        let place = if mismatch.path.is_empty() {
            String::new()
        } else {
            format!(" to {subject}")
        };
        let from = if mismatch.path.is_empty() {
            String::new()
        } else {
            format!(" from {subject}")
        };
        let changed = |old: &MType, new: &MType| {
            format!(
                "{subject} changed from {} to {}",
                self.old(old),
                self.new(new)
            )
        };
        match &mismatch.problem {
            Problem::Prim { old, new } => format!(
                "{}, and {}",
                changed(old, new),
                prim_reason(&self.old(old), &self.new(new))
            ),
            Problem::OptionLifting { old, new } => format!(
                "{}: a stored value is not an option (no implicit option lifting)",
                changed(old, new)
            ),
            Problem::OptionDropped { old, new } => format!(
                "{}: a stored null has no value of type {}",
                changed(old, new),
                self.new(new)
            ),
            Problem::FieldAdded(field) => format!(
                "record field `{field}` was added{place}: stored records have no value for it"
            ),
            Problem::FieldMutability { old_mutable } => {
                let (was, is) = if *old_mutable {
                    ("a `var` field", "an immutable one")
                } else {
                    ("an immutable field", "a `var` one")
                };
                format!("{subject} changed from {was} to {is}: a field's mutability must stay the same")
            }
            Problem::TagRemoved(tag) => format!(
                "variant tag #{tag} was removed{from}: a stored #{tag} value could not be read"
            ),
            Problem::TupleArity { old, new } => format!(
                "{}: a tuple keeps its number of components ({} before, {} now)",
                changed(old, new),
                arity(old),
                arity(new)
            ),
            Problem::ArrayMutability { old, new } => format!(
                "{}: an array cannot change between mutable and immutable",
                changed(old, new)
            ),
            Problem::Invariant { old, new } => format!(
                "{}: mutable data (the elements of a `[var _]` array, a `var` field) is invariant, so its type must stay the same (subtyping in both directions), and {} is not a subtype of {}",
                changed(old, new),
                self.new(new),
                self.old(old)
            ),
            Problem::Shape { old, new } => format!(
                "{}: a stored {} cannot be read as {}",
                changed(old, new),
                kind(old),
                kind(new)
            ),
            Problem::Opaque { old, new } => format!(
                "{}: function and actor types must stay exactly as they are",
                changed(old, new)
            ),
        }
    }

    /// `type Name<params> = body`, named as the messages name it.
    fn definition(&self, side: Side, name: &str) -> String {
        let (sig, label, printed_name) = match side {
            Side::Old => (self.old, "old", name.to_string()),
            Side::New => {
                let shared = self.old.defs.contains_key(name);
                let printed = if shared {
                    format!("{name}__1")
                } else {
                    name.to_string()
                };
                (self.new, "new", printed)
            }
        };
        let Some(def) = sig.defs.get(name) else {
            return format!("{label} type {printed_name}");
        };
        let params = if def.params.is_empty() {
            String::new()
        } else {
            format!("<{}>", def.params.join(", "))
        };
        let body = match side {
            Side::Old => self.old(&def.body),
            Side::New => self.new(&def.body),
        };
        format!("{label} type {printed_name}{params} = {body}")
    }
}

/// The place of a mismatch as a Motoko-like expression rooted at the variable.
fn path(name: &str, steps: &[Step]) -> String {
    let mut out = name.to_string();
    for step in steps {
        match step {
            Step::Field(field) => {
                out.push('.');
                out.push_str(field);
            }
            Step::Tag(tag) => {
                out.push('#');
                out.push_str(tag);
            }
            Step::Element => out.push_str("[_]"),
            Step::Component(i) => out.push_str(&format!(".{i}")),
            Step::Some => out.push('!'),
        }
    }
    out
}

fn is_fixed_width(name: &str) -> bool {
    matches!(
        name,
        "Nat8" | "Nat16" | "Nat32" | "Nat64" | "Int8" | "Int16" | "Int32" | "Int64"
    )
}

/// Why one primitive type is not below another, in the user's terms.
fn prim_reason(old: &str, new: &str) -> String {
    let unbounded = |name: &str| name == "Nat" || name == "Int";
    match (old, new) {
        ("Int", "Nat") => "Int is not a subtype of Nat (a negative Int has no Nat value)".into(),
        (o, n) if is_fixed_width(o) && is_fixed_width(n) => {
            format!("{o} is not {n}: fixed-width types never widen implicitly")
        }
        (o, n) if is_fixed_width(o) && unbounded(n) => format!(
            "{o} is not a subtype of {n}: fixed-width types never convert implicitly, not even to {n}"
        ),
        (o, n) if unbounded(o) && is_fixed_width(n) => {
            format!("{o} is not a subtype of {n}: a stored {o} may not fit in {n}")
        }
        ("Null", n) => format!("Null is not a subtype of {n}: only an option type holds null"),
        (o, n) => format!("{o} is not a subtype of {n}: a stored {o} cannot be read as {n}"),
    }
}

fn arity(ty: &MType) -> usize {
    match ty {
        MType::Tuple(items) => items.len(),
        _ => 1,
    }
}

/// What a value of a type is, with its article, for "a stored X cannot be read as Y".
fn kind(ty: &MType) -> String {
    match ty {
        MType::Con(name, _) => name.clone(),
        MType::Tuple(items) if items.is_empty() => "()".to_string(),
        MType::Tuple(_) => "tuple".to_string(),
        MType::Option(_) => "option".to_string(),
        MType::Array(false, _) => "array".to_string(),
        MType::Array(true, _) => "mutable array".to_string(),
        MType::Record(_) => "record".to_string(),
        MType::Variant(_) => "variant".to_string(),
        MType::Opaque(_) => "function or actor reference".to_string(),
    }
}

/// Prints a type in Motoko notation; definitions of the new signature whose names the old one
/// also defines get moc's `__1` suffix.
pub(crate) fn print(ty: &MType, sig: &Signature, rename_against: Option<&Signature>) -> String {
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
