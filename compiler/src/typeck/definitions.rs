//! A block's type definitions checked as a group, once their bodies are resolved and before
//! anything unfolds them.
//!
//! Three properties, in moc's order, the first failure ending the group's check:
//! - productive (M0157): unfolding a definition reaches a type, not itself (`type T = T`);
//! - not expansive (M0156): a recursive definition may pass its parameters on only as whole
//!   arguments, never inside a larger type (`type L<T> = ?(T, L<L<T>>)` would make subtyping
//!   meet ever larger types and never end). The rule is the one of Kennedy and Pierce that moc
//!   uses: a graph whose vertices are the parameters, with an edge from a parameter to each
//!   argument position it occurs in, marked when it occurs inside that argument; a marked edge
//!   inside a strongly connected component makes the group expansive;
//! - not nested deeper than [`MAX_NESTING`] when unfolded (U0002): the parser bounds how deep
//!   a type is written, and this bounds how deep a chain of definitions makes it, so that no
//!   pass that unfolds aliases recurses deeper than a small multiple of the limit.
//!
//! A definition that fails has its body replaced by the error type, so that no later pass
//! unfolds it. Every walk here is iterative over definitions and recursive only over the
//! written body of one definition, which the parser bounds.

use super::types::{ConId, Type, GENERIC_BASE};
use super::Checker;
use crate::diag::{self, Span};
use crate::graph::{self, strongly_connected};
use crate::syntax::ast::TypeDec;
use crate::syntax::nesting::MAX_NESTING;
use std::collections::{HashMap, HashSet};

/// What unfolding a definition at its top reaches (moc's `Productive` analysis).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Head {
    /// A type with a structure of its own.
    Productive,
    /// Itself again.
    Nonproductive,
    /// Its parameter with this index.
    Param(u32),
}

impl Checker {
    /// Checks the definitions a block declares (`defs`, resolved), reporting at `at`, the
    /// block's range, as moc does.
    pub(super) fn check_definitions(&mut self, defs: &[(ConId, &TypeDec)], at: Span) {
        if defs.is_empty() {
            return;
        }
        let cons: Vec<ConId> = defs.iter().map(|(id, _)| *id).collect();
        if !self.check_productive(&cons, at) {
            return;
        }
        if !self.check_expansive(&cons, at) {
            return;
        }
        self.check_unfolded_depth(defs);
        self.check_unfolded_size(defs);
    }

    fn body(&self, id: ConId) -> Type {
        self.out
            .cons
            .get(id)
            .map_or(Type::Err, |def| def.body.clone())
    }

    /// M0157 for the definitions that unfold to themselves; false when there are some.
    fn check_productive(&mut self, cons: &[ConId], at: Span) -> bool {
        let mut bad: Vec<ConId> = Vec::new();
        for &id in cons {
            if self.head(id) == Head::Nonproductive {
                bad.push(id);
            }
        }
        if bad.is_empty() {
            return true;
        }
        let mut names: Vec<String> = bad.iter().map(|id| self.con_name(*id)).collect();
        names.sort();
        self.diags.push(diag::non_productive(Some(at), &names));
        self.neutralize(&bad);
        false
    }

    /// What a definition unfolds to at its top, remembered per definition. The chain of
    /// definitions is followed with a stack of its own, so a long chain of aliases costs no
    /// stack.
    fn head(&mut self, root: ConId) -> Head {
        if let Some(head) = self.heads.get(&root) {
            return *head;
        }
        // Each frame: a definition and the type its unfolding has reached so far.
        let mut frames: Vec<(ConId, Type)> = vec![(root, self.body(root))];
        let mut open: HashSet<ConId> = HashSet::from([root]);
        loop {
            let Some((_, reached)) = frames.last_mut() else {
                return Head::Productive;
            };
            let done = match reached {
                Type::Param(i, _) if *i < GENERIC_BASE => Some(Head::Param(*i)),
                Type::Con(next, _, args) => match self.heads.get(next).copied() {
                    // `next` unfolds to its parameter `n`: go on with that argument.
                    Some(Head::Param(n)) => {
                        *reached = args.get(n as usize).cloned().unwrap_or(Type::Err);
                        None
                    }
                    Some(head) => Some(head),
                    None if open.contains(next) => {
                        self.heads.insert(*next, Head::Nonproductive);
                        Some(Head::Nonproductive)
                    }
                    None => {
                        let next = *next;
                        open.insert(next);
                        frames.push((next, self.body(next)));
                        None
                    }
                },
                _ => Some(Head::Productive),
            };
            if let Some(head) = done {
                if let Some((id, _)) = frames.pop() {
                    open.remove(&id);
                    self.heads.insert(id, head);
                    if frames.is_empty() {
                        return head;
                    }
                }
            }
        }
    }

    fn con_name(&self, id: ConId) -> String {
        self.out
            .cons
            .get(id)
            .map_or_else(String::new, |def| def.name.to_string())
    }

    /// No later pass unfolds these definitions.
    fn neutralize(&mut self, cons: &[ConId]) {
        for &id in cons {
            self.set_con_body(id, Type::Err);
            self.heads.insert(id, Head::Productive);
        }
    }

    /// M0156 when the group is expansive; false then.
    fn check_expansive(&mut self, cons: &[ConId], at: Span) -> bool {
        // Vertex `first[c] + i` is parameter `i` of the `c`th definition.
        let mut first = Vec::with_capacity(cons.len());
        let mut count = 0usize;
        let index: HashMap<ConId, usize> =
            cons.iter().enumerate().map(|(k, id)| (*id, k)).collect();
        for &id in cons {
            first.push(count);
            count += self.out.cons.get(id).map_or(0, |def| def.params.len());
        }
        let mut edges = Vec::new();
        for (k, &id) in cons.iter().enumerate() {
            let body = self.body(id);
            let mut walk = EdgeWalk {
                index: &index,
                first: &first,
                from: first[k],
                edges: &mut edges,
            };
            walk.typ(&body, &[], &[]);
        }
        let plain: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
        let component = strongly_connected(count, &plain);
        // The vertex a parameter index stands for, and back.
        let owner = |vertex: usize| -> (usize, usize) {
            let k = first.partition_point(|&f| f <= vertex) - 1;
            (k, vertex - first[k])
        };
        let order_key = |vertex: usize| {
            let (k, i) = owner(vertex);
            (self.con_name(cons[k]), k, i)
        };
        let culprit = edges
            .iter()
            .filter(|e| e.expansive && component[e.from] == component[e.to])
            .min_by_key(|e| (order_key(e.from), order_key(e.to)));
        let Some(edge) = culprit else {
            return true;
        };
        let (k, i) = owner(edge.from);
        let (target, _) = owner(edge.to);
        let message = self.expansive_message(cons[k], i, cons[target]);
        self.diags.push(diag::expansive(Some(at), &message));
        // Every definition of a component with an expansive edge is set aside.
        let bad_components: HashSet<usize> = edges
            .iter()
            .filter(|e| e.expansive && component[e.from] == component[e.to])
            .map(|e| component[e.from])
            .collect();
        let bad: Vec<ConId> = (0..count)
            .filter(|v| bad_components.contains(&component[*v]))
            .map(|v| cons[owner(v).0])
            .collect();
        self.neutralize(&bad);
        false
    }

    /// moc's explanation: the definition, the parameter, and the definition it is passed to
    /// inside a larger type (moc marks the parameter's own position in that definition's
    /// parameter list, which this keeps).
    fn expansive_message(&self, con: ConId, param: usize, target: ConId) -> String {
        let Some(def) = self.out.cons.get(con) else {
            return String::new();
        };
        let params = if def.params.is_empty() {
            String::new()
        } else {
            format!("<{}>", def.params.join(", "))
        };
        let x = def.params.get(param).map_or("", |p| p.as_ref());
        let target_params = self.out.cons.get(target).map_or(0, |d| d.params.len());
        let marks: Vec<String> = (0..target_params)
            .map(|k| {
                if k == param {
                    format!("-{x}-")
                } else {
                    "_".to_string()
                }
            })
            .collect();
        format!(
            ":\n  type {}{params} = {}\nis expansive, because {x} occurs as an indirect argument of \
             recursive type {}<{}>.\n({x} would be allowed as an immediate argument, but cannot \
             be part of a larger type expression.)",
            def.name,
            def.body,
            self.con_name(target),
            marks.join(",")
        )
    }

    /// U0002 for definitions that unfold deeper than the nesting limit. The depth of a
    /// definition is that of its body, a definition it names counting with its own depth; the
    /// definitions of a recursive group count the sum of their bodies, as deep as an
    /// unfolding goes before it meets a definition it is already unfolding.
    fn check_unfolded_depth(&mut self, defs: &[(ConId, &TypeDec)]) {
        let cons: Vec<ConId> = defs.iter().map(|(id, _)| *id).collect();
        let index: HashMap<ConId, usize> =
            cons.iter().enumerate().map(|(k, id)| (*id, k)).collect();
        let bodies: Vec<Type> = cons.iter().map(|id| self.body(*id)).collect();
        let mut edges = Vec::new();
        for (k, body) in bodies.iter().enumerate() {
            named_cons(body, &mut |id| {
                if let Some(&j) = index.get(&id) {
                    edges.push((k, j));
                }
            });
        }
        // Groups come sinks first, so each one's dependencies are done before it.
        let groups = graph::groups(cons.len(), &edges);
        for (c, group) in groups.members.iter().enumerate() {
            let own: Vec<u32> = group
                .iter()
                .map(|k| {
                    unfolded_height(&bodies[*k], &|id| {
                        if index.get(&id).is_some_and(|j| groups.of[*j] == c) {
                            1
                        } else {
                            self.unfold_depth.get(&id).copied().unwrap_or(1)
                        }
                    })
                })
                .collect();
            let depth = if groups.recursive[c] {
                own.iter().fold(0u32, |sum, d| sum.saturating_add(*d))
            } else {
                own.first().copied().unwrap_or(1)
            };
            for k in group {
                let (id, dec) = defs[*k];
                if depth > MAX_NESTING {
                    self.diags.push(diag::unfolds_too_deeply(
                        Some(dec.name.span),
                        &dec.name.name,
                        MAX_NESTING,
                    ));
                    self.set_con_body(id, Type::Err);
                    self.unfold_depth.insert(id, 1);
                } else {
                    self.unfold_depth.insert(id, depth);
                }
            }
        }
    }
}

/// An edge of the expansiveness graph.
struct Edge {
    from: usize,
    to: usize,
    /// The parameter occurs inside the argument, not as the argument itself.
    expansive: bool,
}

/// Collects the edges that one definition's body contributes (moc's `edges_typ`).
struct EdgeWalk<'a> {
    index: &'a HashMap<ConId, usize>,
    first: &'a [usize],
    /// The vertex of the body's parameter 0.
    from: usize,
    edges: &'a mut Vec<Edge>,
}

impl EdgeWalk<'_> {
    /// `exp`: argument positions the type is inside of; `non`: the position it is directly.
    fn typ(&mut self, ty: &Type, exp: &[usize], non: &[usize]) {
        let wider: Vec<usize> = exp.iter().chain(non).copied().collect();
        match ty {
            Type::Param(i, _) if *i < GENERIC_BASE => {
                let from = self.from + *i as usize;
                for &to in exp {
                    self.edges.push(Edge {
                        from,
                        to,
                        expansive: true,
                    });
                }
                for &to in non {
                    self.edges.push(Edge {
                        from,
                        to,
                        expansive: false,
                    });
                }
            }
            Type::Con(id, _, args) => match self.index.get(id) {
                Some(&k) => {
                    for (j, arg) in args.iter().enumerate() {
                        self.typ(arg, &wider, &[self.first[k] + j]);
                    }
                }
                // A definition of an enclosing block is taken as not expansive.
                None => {
                    for arg in args {
                        self.typ(arg, &wider, &[]);
                    }
                }
            },
            Type::Tuple(items) => {
                for item in items {
                    self.typ(item, &wider, &[]);
                }
            }
            Type::Option(inner) | Type::Array(_, inner) | Type::Async(inner) => {
                self.typ(inner, &wider, &[]);
            }
            Type::Obj(_, fields) => {
                for field in fields {
                    self.typ(&field.ty, &wider, &[]);
                }
            }
            Type::Variant(tags) => {
                for tag in tags {
                    self.typ(&tag.ty, &wider, &[]);
                }
            }
            Type::Func(func) => {
                for param in &func.params {
                    self.typ(param, &wider, &[]);
                }
                self.typ(&func.result, &wider, &[]);
            }
            _ => {}
        }
    }
}

/// Calls `f` with every definition a type names.
pub(super) fn named_cons(ty: &Type, f: &mut dyn FnMut(ConId)) {
    each_child(ty, &mut |child| named_cons(child, f));
    if let Type::Con(id, _, _) = ty {
        f(*id);
    }
}

/// Calls `f` with each type directly inside `ty`.
fn each_child(ty: &Type, f: &mut dyn FnMut(&Type)) {
    match ty {
        Type::Tuple(items) => items.iter().for_each(f),
        Type::Option(inner) | Type::Array(_, inner) | Type::Async(inner) => f(inner),
        Type::Obj(_, fields) => fields.iter().for_each(|field| f(&field.ty)),
        Type::Variant(tags) => tags.iter().for_each(|tag| f(&tag.ty)),
        Type::Func(func) => {
            func.params.iter().for_each(&mut *f);
            f(&func.result);
        }
        Type::Con(_, _, args) => args.iter().for_each(f),
        _ => {}
    }
}

/// How deep a type goes once the definitions it names are unfolded, each counting
/// `depth_of` (their arguments add to it, as they are substituted inside).
fn unfolded_height(ty: &Type, depth_of: &dyn Fn(ConId) -> u32) -> u32 {
    let mut below = 0u32;
    each_child(ty, &mut |child| {
        below = below.max(unfolded_height(child, depth_of))
    });
    match ty {
        Type::Param(i, _) if *i < GENERIC_BASE => 0,
        Type::Con(id, _, _) => depth_of(*id).saturating_add(below),
        _ => below.saturating_add(1),
    }
}
