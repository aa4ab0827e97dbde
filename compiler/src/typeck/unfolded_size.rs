//! How large a type becomes once the back end unfolds its definitions, bounded before lowering.
//!
//! The checker keeps an alias applied to arguments as written (`Con`), so its types stay as
//! small as the source; lowering unfolds every definition that is not recursive into the IR's
//! structural types, and the code generator names and walks those. A few lines can make that
//! exponential: `type D1 = (D0, D0); type D2 = (D1, D1); ...`, or one `type P<T> = (T, T)`
//! applied inside itself thirty times, would unfold to billions of parts, and the back end
//! would run out of time or memory. So the checker measures, without unfolding anything, how
//! many parts each definition and each written type stands for, and reports one over
//! [`MAX_UNFOLDED_SIZE`] as a construct minimo does not compile yet (U0001, DESIGN decision
//! 13: `check` says it, `build` never meets it).
//!
//! A definition's size is a linear form in the sizes of its parameters (`P<T> = (T, T)` is
//! 1 + 2 × |T|), computed once per definition, sinks first, from the forms of the definitions
//! it names; a reference inside its own recursive group counts one part, since lowering keeps
//! recursive types named. Arithmetic saturates. This file reports only sizes; depth is
//! `definitions.rs`'s.

use super::types::{ConId, Type, GENERIC_BASE};
use super::Checker;
use crate::diag::{self, Span};
use crate::graph;
use crate::syntax::ast::TypeDec;
use std::collections::{HashMap, HashSet};

/// The most parts a type may unfold to: real programs' types have hundreds; the back end
/// compiles a type of this size in about a second.
pub(crate) const MAX_UNFOLDED_SIZE: u64 = 100_000;

/// `base + Σ per_param[i] × |argument i|`: the parts a definition unfolds to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct SizeForm {
    base: u64,
    per_param: Vec<u64>,
}

impl SizeForm {
    fn constant(parts: u64) -> SizeForm {
        SizeForm {
            base: parts,
            per_param: Vec::new(),
        }
    }

    fn param(index: usize) -> SizeForm {
        let mut per_param = vec![0; index + 1];
        per_param[index] = 1;
        SizeForm { base: 0, per_param }
    }

    fn add_scaled(&mut self, other: &SizeForm, factor: u64) {
        self.base = self.base.saturating_add(other.base.saturating_mul(factor));
        if self.per_param.len() < other.per_param.len() {
            self.per_param.resize(other.per_param.len(), 0);
        }
        for (mine, theirs) in self.per_param.iter_mut().zip(&other.per_param) {
            *mine = mine.saturating_add(theirs.saturating_mul(factor));
        }
    }

    /// The form of this definition applied to arguments of the given forms.
    fn apply(&self, args: &[SizeForm]) -> SizeForm {
        let mut applied = SizeForm::constant(self.base);
        for (factor, arg) in self.per_param.iter().zip(args) {
            if *factor > 0 {
                applied.add_scaled(arg, *factor);
            }
        }
        applied
    }
}

impl Checker {
    /// The form of `ty`, a definition's body or a written type; `local` tells the definitions
    /// of the recursive group being measured, which count one part each. Recursive only over
    /// the written type, which the parser bounds.
    fn size_form(&self, ty: &Type, local: &dyn Fn(ConId) -> bool) -> SizeForm {
        let mut form = SizeForm::constant(1);
        let mut add = |child: &Type| form.add_scaled(&self.size_form(child, local), 1);
        match ty {
            Type::Param(i, _) if *i < GENERIC_BASE => return SizeForm::param(*i as usize),
            Type::Con(id, _, args) => {
                if local(*id) {
                    return SizeForm::constant(1);
                }
                let args: Vec<SizeForm> = args.iter().map(|a| self.size_form(a, local)).collect();
                return match self.size_forms.get(id) {
                    Some(definition) => definition.apply(&args),
                    None => {
                        // A class's type or a definition not measured: its arguments count.
                        let mut form = SizeForm::constant(1);
                        args.iter().for_each(|arg| form.add_scaled(arg, 1));
                        form
                    }
                };
            }
            Type::Tuple(items) => items.iter().for_each(&mut add),
            Type::Option(inner) | Type::Array(_, inner) | Type::Async(inner) => add(inner),
            Type::Obj(_, fields) => fields.iter().for_each(|field| add(&field.ty)),
            Type::Variant(tags) => tags.iter().for_each(|tag| add(&tag.ty)),
            Type::Func(func) => {
                func.params.iter().for_each(&mut add);
                add(&func.result);
            }
            _ => {}
        }
        form
    }

    /// U0001 for a written type that unfolds to more than [`MAX_UNFOLDED_SIZE`] parts; the
    /// type to go on with (the error type then).
    pub(super) fn bounded_written_type(&mut self, ty: Type, span: Span) -> Type {
        let parts = self.size_form(&ty, &|_| false).base;
        if parts <= MAX_UNFOLDED_SIZE {
            return ty;
        }
        self.diags.push(diag::unsupported(
            span,
            &format!("a type that unfolds to more than {MAX_UNFOLDED_SIZE} parts"),
        ));
        Type::Err
    }

    /// Measures a block's definitions, sinks first; one that unfolds to more than
    /// [`MAX_UNFOLDED_SIZE`] parts is U0001 at its name and its body becomes the error type.
    pub(super) fn check_unfolded_size(&mut self, defs: &[(ConId, &TypeDec)]) {
        let cons: Vec<ConId> = defs.iter().map(|(id, _)| *id).collect();
        let index: HashMap<ConId, usize> =
            cons.iter().enumerate().map(|(k, id)| (*id, k)).collect();
        let bodies: Vec<Type> = cons
            .iter()
            .map(|id| self.out.cons.get(*id).map_or(Type::Err, |d| d.body.clone()))
            .collect();
        let mut edges = Vec::new();
        for (k, body) in bodies.iter().enumerate() {
            super::definitions::named_cons(body, &mut |id| {
                if let Some(&j) = index.get(&id) {
                    edges.push((k, j));
                }
            });
        }
        let groups = graph::groups(cons.len(), &edges);
        for group in &groups.members {
            let own: HashSet<ConId> = group.iter().map(|k| cons[*k]).collect();
            let forms: Vec<SizeForm> = group
                .iter()
                .map(|k| self.size_form(&bodies[*k], &|id| own.contains(&id)))
                .collect();
            for (k, form) in group.iter().zip(forms) {
                let (id, dec) = defs[*k];
                if form.base > MAX_UNFOLDED_SIZE {
                    self.diags.push(diag::unsupported(
                        dec.name.span,
                        &format!(
                            "type {}, which unfolds to more than {MAX_UNFOLDED_SIZE} parts,",
                            dec.name.name
                        ),
                    ));
                    self.set_con_body(id, Type::Err);
                    self.size_forms.insert(id, SizeForm::constant(1));
                } else {
                    self.size_forms.insert(id, form);
                }
            }
        }
    }
}
