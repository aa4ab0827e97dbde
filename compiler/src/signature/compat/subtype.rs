//! The subtype relation of stable compatibility, with the reasons it fails.
//!
//! `old <: new` as moc decides it for stable signatures: covariant through immutable
//! structures, invariant through mutable ones (`var` fields, `[var T]`), records with more
//! fields below records with fewer, variants with fewer tags below more, `Null <: ?T`, no
//! implicit option lifting and no widening between fixed-width types. Definitions are
//! expanded on demand in their own signature (the old and the new signature are separate
//! namespaces), and recursive ones are compared co-inductively: a pair of definition
//! applications under comparison is assumed related. A failed comparison records where it
//! failed and why, as a [`Mismatch`]; it does not phrase anything (see `explain`).

use std::collections::HashSet;

use super::super::most_parse::{MType, Signature};

/// One step from a type into a part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Field(String),
    Tag(String),
    Element,
    /// 0-based, as Motoko's `.0` projection counts.
    Component(usize),
    /// The value inside an option.
    Some,
}

/// Why a part of the old type cannot be read at the new type. Old types belong to the old
/// signature, new types to the new one.
#[derive(Clone, Debug)]
pub(crate) enum Problem {
    /// Two primitive or otherwise named types, the old one not below the new one.
    Prim {
        old: MType,
        new: MType,
    },
    /// A non-option value would have to become an option.
    OptionLifting {
        old: MType,
        new: MType,
    },
    /// An option would have to become a non-option.
    OptionDropped {
        old: MType,
        new: MType,
    },
    FieldAdded(String),
    FieldMutability {
        old_mutable: bool,
    },
    TagRemoved(String),
    TupleArity {
        old: MType,
        new: MType,
    },
    ArrayMutability {
        old: MType,
        new: MType,
    },
    /// A mutable position whose type changed, though maybe only in a direction that would be
    /// fine for an immutable one.
    Invariant {
        old: MType,
        new: MType,
    },
    /// Different kinds of type altogether (a record became a variant, Text became Nat ...).
    Shape {
        old: MType,
        new: MType,
    },
    /// Function or actor types, compared as written.
    Opaque {
        old: MType,
        new: MType,
    },
}

/// Which signature a definition was expanded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Old,
    New,
}

#[derive(Clone, Debug)]
pub(crate) struct Mismatch {
    /// From the variable inwards.
    pub path: Vec<Step>,
    pub problem: Problem,
    /// The definitions expanded on the way to the problem, outermost first.
    pub aliases: Vec<(Side, String)>,
}

/// At most this many mismatches are kept per variable: more would bury the first ones.
const MAX_MISMATCHES: usize = 6;

pub(crate) struct Sub<'a> {
    old: &'a Signature,
    new: &'a Signature,
    /// Pairs of definition applications assumed related while they are compared, with the
    /// direction: `true` when this checker runs backwards (its `old` is the new signature),
    /// as it does for the second half of an invariance check. The set is shared by both
    /// directions, so that a recursive type through a mutable position terminates.
    assumed: HashSet<(bool, String, String)>,
    /// Whether `old` and `new` are swapped (see `assumed`).
    backwards: bool,
    path: Vec<Step>,
    aliases: Vec<(Side, String)>,
    pub found: Vec<Mismatch>,
    /// Mismatches beyond [`MAX_MISMATCHES`], counted only.
    pub more: usize,
}

impl<'a> Sub<'a> {
    /// A checker for one variable: assumptions never carry over from one variable to the
    /// next, so a failure seen under one variable cannot be assumed away under another.
    pub fn new(old: &'a Signature, new: &'a Signature) -> Sub<'a> {
        Sub {
            old,
            new,
            assumed: HashSet::new(),
            backwards: false,
            path: Vec::new(),
            aliases: Vec::new(),
            found: Vec::new(),
            more: 0,
        }
    }

    fn fail(&mut self, problem: Problem) -> bool {
        if self.found.len() < MAX_MISMATCHES {
            self.found.push(Mismatch {
                path: self.path.clone(),
                problem,
                aliases: self.aliases.clone(),
            });
        } else {
            self.more += 1;
        }
        false
    }

    fn inside(&mut self, step: Step, a: &MType, b: &MType) -> bool {
        self.path.push(step);
        let ok = self.sub(a, b);
        self.path.pop();
        ok
    }

    /// Whether a value of old type `a` can be read at new type `b`. Every part is compared
    /// (no short cut after the first failure), so that all problems are found; the answer
    /// is the same.
    pub fn sub(&mut self, a: &MType, b: &MType) -> bool {
        let a_def = def_name(a, self.old);
        let b_def = def_name(b, self.new);
        if a_def.is_some() || b_def.is_some() {
            let key = (self.backwards, format!("{a:?}"), format!("{b:?}"));
            if !self.assumed.insert(key) {
                return true;
            }
            let depth = self.aliases.len();
            if let Some(name) = a_def {
                self.aliases.push((Side::Old, name));
            }
            if let Some(name) = b_def {
                self.aliases.push((Side::New, name));
            }
            let (ea, eb) = (expand(a, self.old), expand(b, self.new));
            let ok = self.sub(&ea, &eb);
            self.aliases.truncate(depth);
            return ok;
        }
        match (a, b) {
            (_, MType::Con(n, args)) if n == "Any" && args.is_empty() => true,
            (MType::Con(n, args), _) if n == "None" && args.is_empty() => true,
            (MType::Con(x, xs), MType::Con(y, ys)) if xs.is_empty() && ys.is_empty() => {
                if x == y || (x == "Nat" && y == "Int") || x == "None" {
                    true
                } else {
                    self.fail(Problem::Prim {
                        old: a.clone(),
                        new: b.clone(),
                    })
                }
            }
            (MType::Con(n, _), MType::Option(_)) if n == "Null" => true,
            (MType::Option(x), MType::Option(y)) => self.inside(Step::Some, x, y),
            (_, MType::Option(_)) => self.fail(Problem::OptionLifting {
                old: a.clone(),
                new: b.clone(),
            }),
            (MType::Option(_), _) => self.fail(Problem::OptionDropped {
                old: a.clone(),
                new: b.clone(),
            }),
            (MType::Array(false, x), MType::Array(false, y)) => self.inside(Step::Element, x, y),
            (MType::Array(true, x), MType::Array(true, y)) => {
                self.path.push(Step::Element);
                let ok = self.invariant(x, y);
                self.path.pop();
                ok
            }
            (MType::Array(_, _), MType::Array(_, _)) => self.fail(Problem::ArrayMutability {
                old: a.clone(),
                new: b.clone(),
            }),
            (MType::Tuple(xs), MType::Tuple(ys)) => {
                if xs.len() != ys.len() {
                    return self.fail(Problem::TupleArity {
                        old: a.clone(),
                        new: b.clone(),
                    });
                }
                let mut ok = true;
                for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
                    ok &= self.inside(Step::Component(i), x, y);
                }
                ok
            }
            (MType::Record(xs), MType::Record(ys)) => {
                let mut ok = true;
                for (mb, nb, tb) in ys {
                    ok &= match xs.iter().find(|(_, na, _)| na == nb) {
                        None => self.fail(Problem::FieldAdded(nb.clone())),
                        Some((ma, _, _)) if ma != mb => {
                            self.path.push(Step::Field(nb.clone()));
                            let ok = self.fail(Problem::FieldMutability { old_mutable: *ma });
                            self.path.pop();
                            ok
                        }
                        Some((ma, _, ta)) => {
                            self.path.push(Step::Field(nb.clone()));
                            let ok = if *ma {
                                self.invariant(ta, tb)
                            } else {
                                self.sub(ta, tb)
                            };
                            self.path.pop();
                            ok
                        }
                    };
                }
                ok
            }
            (MType::Variant(xs), MType::Variant(ys)) => {
                let mut ok = true;
                for (na, ta) in xs {
                    ok &= match ys.iter().find(|(nb, _)| nb == na) {
                        None => self.fail(Problem::TagRemoved(na.clone())),
                        Some((_, tb)) => self.inside(Step::Tag(na.clone()), ta, tb),
                    };
                }
                ok
            }
            (MType::Opaque(x), MType::Opaque(y)) => {
                x == y
                    || self.fail(Problem::Opaque {
                        old: a.clone(),
                        new: b.clone(),
                    })
            }
            _ => self.fail(Problem::Shape {
                old: a.clone(),
                new: b.clone(),
            }),
        }
    }

    /// A mutable position: the old type must be below the new one and the new one below the
    /// old one. A forward failure is reported as such (it is the more basic problem); a
    /// failure only backwards is reported as invariance.
    fn invariant(&mut self, a: &MType, b: &MType) -> bool {
        if !self.sub(a, b) {
            return false;
        }
        let mut back = Sub::new(self.new, self.old);
        back.backwards = !self.backwards;
        back.assumed = std::mem::take(&mut self.assumed);
        let ok = back.sub(b, a);
        self.assumed = back.assumed;
        if ok {
            true
        } else {
            self.fail(Problem::Invariant {
                old: a.clone(),
                new: b.clone(),
            })
        }
    }
}

/// The name of the definition `ty` applies, if it is one of `sig`'s.
fn def_name(ty: &MType, sig: &Signature) -> Option<String> {
    match ty {
        MType::Con(name, _) if sig.defs.contains_key(name) => Some(name.clone()),
        _ => None,
    }
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
                Some(i) => args.get(i).cloned().unwrap_or_else(|| ty.clone()),
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
