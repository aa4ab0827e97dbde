//! The type definitions of a parsed stable signature, checked before two signatures are
//! compared, as moc checks them (a `.most` file may come from anywhere: an installed module's
//! custom section, a hand-edited file).
//!
//! The same three properties as a program's definitions (see `typeck::definitions`), on the
//! signature's own types: productive (M0157), not expansive (M0156: the comparison would meet
//! ever larger types and never end), and not unfolding deeper than the nesting limit (U0002:
//! the comparison recurses once per level of the unfolded types). The parser bounds how deep
//! each definition is written; this bounds chains of definitions. Every walk is iterative over
//! definitions and recursive only over one written body.

use super::most_parse::{MType, Signature};
use crate::diag::{self, Diagnostic};
use crate::graph::{self, strongly_connected};
use crate::syntax::nesting::MAX_NESTING;
use std::collections::{HashMap, HashSet};

/// The problems of one signature's definitions (`which` is "old" or "new"), at most one kind.
pub(crate) fn check(sig: &Signature, which: &str) -> Vec<Diagnostic> {
    let names: Vec<&str> = sig.defs.keys().map(String::as_str).collect();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(k, n)| (*n, k)).collect();
    let found = non_productive(sig, &names, &index)
        .or_else(|| expansive(sig, &names, &index))
        .unwrap_or_else(|| too_deep(sig, &names, &index));
    found
        .into_iter()
        .map(|mut d| {
            d.notes.push(format!(
                "in the type definitions of the {which} stable signature"
            ));
            d
        })
        .collect()
}

/// What unfolding a definition at its top reaches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Head {
    Productive,
    Nonproductive,
    Param(usize),
}

/// A definition's parameter named by a type, if it is one.
fn param_index(sig: &Signature, def: &str, ty: &MType) -> Option<usize> {
    match ty {
        MType::Con(name, args) if args.is_empty() => {
            sig.defs.get(def)?.params.iter().position(|p| p == name)
        }
        _ => None,
    }
}

fn non_productive(
    sig: &Signature,
    names: &[&str],
    index: &HashMap<&str, usize>,
) -> Option<Vec<Diagnostic>> {
    let mut heads: Vec<Option<Head>> = vec![None; names.len()];
    for root in 0..names.len() {
        if heads[root].is_some() {
            continue;
        }
        // Each frame: a definition and the type its unfolding has reached so far.
        let mut frames: Vec<(usize, MType)> = vec![(root, sig.defs[names[root]].body.clone())];
        let mut open = HashSet::from([root]);
        while let Some((def, reached)) = frames.last_mut() {
            let done = if let Some(i) = param_index(sig, names[*def], reached) {
                Some(Head::Param(i))
            } else {
                match reached {
                    MType::Con(name, args) => match index.get(name.as_str()) {
                        Some(&next) => match heads[next] {
                            Some(Head::Param(n)) => {
                                *reached =
                                    args.get(n).cloned().unwrap_or(MType::Opaque(String::new()));
                                None
                            }
                            Some(head) => Some(head),
                            None if open.contains(&next) => {
                                heads[next] = Some(Head::Nonproductive);
                                Some(Head::Nonproductive)
                            }
                            None => {
                                open.insert(next);
                                frames.push((next, sig.defs[names[next]].body.clone()));
                                None
                            }
                        },
                        // A primitive, or a name the signature does not define.
                        None => Some(Head::Productive),
                    },
                    _ => Some(Head::Productive),
                }
            };
            if let Some(head) = done {
                if let Some((def, _)) = frames.pop() {
                    open.remove(&def);
                    heads[def] = Some(head);
                }
            }
        }
    }
    let bad: Vec<String> = names
        .iter()
        .zip(&heads)
        .filter(|(_, head)| **head == Some(Head::Nonproductive))
        .map(|(name, _)| name.to_string())
        .collect();
    (!bad.is_empty()).then(|| vec![diag::non_productive(None, &bad)])
}

/// An edge of moc's expansiveness graph between parameters (see `typeck::definitions`).
struct Edge {
    from: usize,
    to: usize,
    expansive: bool,
}

fn expansive(
    sig: &Signature,
    names: &[&str],
    index: &HashMap<&str, usize>,
) -> Option<Vec<Diagnostic>> {
    let mut first = Vec::with_capacity(names.len());
    let mut count = 0;
    for name in names {
        first.push(count);
        count += sig.defs[*name].params.len();
    }
    let mut edges = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let mut walk = EdgeWalk {
            sig,
            def: name,
            index,
            first: &first,
            from: first[k],
            edges: &mut edges,
        };
        walk.typ(&sig.defs[*name].body, &[], &[]);
    }
    let plain: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
    let component = strongly_connected(count, &plain);
    let owner = |vertex: usize| {
        let k = first.partition_point(|&f| f <= vertex) - 1;
        (k, vertex - first[k])
    };
    let edge = edges
        .iter()
        .filter(|e| e.expansive && component[e.from] == component[e.to])
        .min_by_key(|e| (owner(e.from), owner(e.to)))?;
    let ((k, i), (target, _)) = (owner(edge.from), owner(edge.to));
    let def = &sig.defs[names[k]];
    let x = def.params.get(i).map_or("", String::as_str);
    let marks: Vec<String> = (0..sig.defs[names[target]].params.len())
        .map(|j| {
            if j == i {
                format!("-{x}-")
            } else {
                "_".to_string()
            }
        })
        .collect();
    let params = if def.params.is_empty() {
        String::new()
    } else {
        format!("<{}>", def.params.join(", "))
    };
    let message = format!(
        ":\n  type {}{params} = {}\nis expansive, because {x} occurs as an indirect argument of \
         recursive type {}<{}>.\n({x} would be allowed as an immediate argument, but cannot be \
         part of a larger type expression.)",
        names[k],
        super::compat::print_type(&def.body, sig),
        names[target],
        marks.join(",")
    );
    Some(vec![diag::expansive(None, &message)])
}

struct EdgeWalk<'a> {
    sig: &'a Signature,
    /// The definition whose body this is.
    def: &'a str,
    index: &'a HashMap<&'a str, usize>,
    first: &'a [usize],
    from: usize,
    edges: &'a mut Vec<Edge>,
}

impl EdgeWalk<'_> {
    fn typ(&mut self, ty: &MType, exp: &[usize], non: &[usize]) {
        if let Some(i) = param_index(self.sig, self.def, ty) {
            for (targets, expansive) in [(exp, true), (non, false)] {
                for &to in targets {
                    self.edges.push(Edge {
                        from: self.from + i,
                        to,
                        expansive,
                    });
                }
            }
            return;
        }
        let wider: Vec<usize> = exp.iter().chain(non).copied().collect();
        match ty {
            MType::Con(name, args) => match self.index.get(name.as_str()) {
                Some(&k) => {
                    for (j, arg) in args.iter().enumerate() {
                        self.typ(arg, &wider, &[self.first[k] + j]);
                    }
                }
                None => args.iter().for_each(|arg| self.typ(arg, &wider, &[])),
            },
            MType::Tuple(items) => items.iter().for_each(|item| self.typ(item, &wider, &[])),
            MType::Option(inner) | MType::Array(_, inner) => self.typ(inner, &wider, &[]),
            MType::Record(fields) => {
                for (_, _, field) in fields {
                    self.typ(field, &wider, &[]);
                }
            }
            MType::Variant(tags) => tags.iter().for_each(|(_, tag)| self.typ(tag, &wider, &[])),
            MType::Opaque(_) => {}
        }
    }
}

/// U0002 for definitions whose unfolding goes deeper than the nesting limit: a definition
/// counts its body's height, a definition it names counting with its own depth, and the
/// definitions of a recursive group the sum of their bodies.
fn too_deep(sig: &Signature, names: &[&str], index: &HashMap<&str, usize>) -> Vec<Diagnostic> {
    let mut edges = Vec::new();
    for (k, name) in names.iter().enumerate() {
        each_name(&sig.defs[*name].body, &mut |named| {
            if let Some(&j) = index.get(named) {
                edges.push((k, j));
            }
        });
    }
    let groups = graph::groups(names.len(), &edges);
    let mut depth = vec![1u32; names.len()];
    let mut found = Vec::new();
    for (c, group) in groups.members.iter().enumerate() {
        let own: Vec<u32> = group
            .iter()
            .map(|k| {
                let depth_of = |named: &str| match index.get(named) {
                    Some(j) if groups.of[*j] == c => Some(1),
                    Some(j) => Some(depth[*j]),
                    None => None,
                };
                height(sig, names[*k], &sig.defs[names[*k]].body, &depth_of)
            })
            .collect();
        let total = if groups.recursive[c] {
            own.iter().fold(0u32, |sum, d| sum.saturating_add(*d))
        } else {
            own.first().copied().unwrap_or(1)
        };
        for k in group {
            if total > MAX_NESTING {
                // Reported once: what names it is not reported again for its sake.
                found.push((*k, diag::unfolds_too_deeply(None, names[*k], MAX_NESTING)));
                depth[*k] = 1;
            } else {
                depth[*k] = total;
            }
        }
    }
    found.sort_by_key(|(k, _)| *k);
    found.into_iter().map(|(_, d)| d).collect()
}

/// Calls `f` with every name a type mentions.
fn each_name<'t>(ty: &'t MType, f: &mut dyn FnMut(&'t str)) {
    match ty {
        MType::Con(name, args) => {
            f(name);
            args.iter().for_each(|arg| each_name(arg, f));
        }
        MType::Tuple(items) => items.iter().for_each(|item| each_name(item, f)),
        MType::Option(inner) | MType::Array(_, inner) => each_name(inner, f),
        MType::Record(fields) => fields.iter().for_each(|(_, _, t)| each_name(t, f)),
        MType::Variant(tags) => tags.iter().for_each(|(_, t)| each_name(t, f)),
        MType::Opaque(_) => {}
    }
}

/// How deep a definition's body goes once the definitions it names are unfolded
/// (`depth_of` gives theirs; `None` for a name the signature does not define).
fn height(sig: &Signature, def: &str, ty: &MType, depth_of: &dyn Fn(&str) -> Option<u32>) -> u32 {
    if param_index(sig, def, ty).is_some() {
        return 0;
    }
    let below = |types: &mut dyn Iterator<Item = &MType>| {
        types
            .map(|t| height(sig, def, t, depth_of))
            .max()
            .unwrap_or(0)
    };
    match ty {
        MType::Con(name, args) => {
            let inside = below(&mut args.iter());
            match depth_of(name) {
                Some(d) => d.saturating_add(inside),
                None => inside.saturating_add(1),
            }
        }
        MType::Tuple(items) => below(&mut items.iter()).saturating_add(1),
        MType::Option(inner) | MType::Array(_, inner) => {
            height(sig, def, inner, depth_of).saturating_add(1)
        }
        MType::Record(fields) => below(&mut fields.iter().map(|(_, _, t)| t)).saturating_add(1),
        MType::Variant(tags) => below(&mut tags.iter().map(|(_, t)| t)).saturating_add(1),
        MType::Opaque(_) => 1,
    }
}
