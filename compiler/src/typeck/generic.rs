//! Calls of generic functions: instantiation of the type parameters, explicit (`f<Nat>(x)`)
//! or inferred from the arguments.
//!
//! Type parameters are generic variables (`Type::Param` at or above `GENERIC_BASE`), bound in
//! scope by `Checker::bind_tparams`. Inference matches each argument's type against its
//! parameter's type, widening a variable's binding when a later argument needs a supertype
//! (`Nat` then `Int` gives `Int`); function literals without annotations are checked last,
//! against their instantiated parameter types, and their bodies bind the result variables.
//! A type parameter's bound (`<T <: Nat>`) is checked against the instantiation: M0046 for an
//! explicit type argument, M0098 for an inferred one. This is not moc's full bidirectional
//! inference: variables that no argument determines stay uninstantiated.

use super::types::{self, FuncType, Type};
use super::Checker;
use crate::diag;
use crate::syntax::ast::{self, Expr, ExprKind, FuncDec, FuncSort};
use std::collections::HashMap;

impl Checker {
    /// Whether calling a function of this type instantiates generic variables.
    pub(super) fn is_generic(&self, func: &FuncType) -> bool {
        !self.call_vars(func).is_empty()
    }

    /// The generic variables of a function type, in declaration order.
    fn call_vars(&self, func: &FuncType) -> Vec<u32> {
        let mut vars = Vec::new();
        for param in &func.params {
            types::generic_vars(param, &mut vars);
        }
        types::generic_vars(&func.result, &mut vars);
        vars
    }

    pub(super) fn generic_call(
        &mut self,
        e: &Expr,
        func: &FuncType,
        inst: &[ast::Type],
        args: &[Expr],
    ) -> Type {
        let vars = self.call_vars(func);
        let params: Vec<Type> = match func.params.as_slice() {
            [single] if args.len() != 1 => match self.expand(single) {
                Type::Tuple(items) if items.len() == args.len() => items,
                _ => func.params.clone(),
            },
            _ => func.params.clone(),
        };
        if params.len() != args.len() {
            for arg in args {
                self.infer(arg);
            }
            let expected = Type::Tuple(func.params.clone());
            self.diags.push(diag::type_mismatch(
                e.span,
                &format!("{} arguments", args.len()),
                &self.show(&expected),
            ));
            return Type::Err;
        }
        let mut bound: HashMap<u32, Type> = HashMap::new();
        if !inst.is_empty() {
            let tys: Vec<Type> = inst.iter().map(|t| self.resolve_type(t)).collect();
            for (var, ty) in vars.iter().zip(tys) {
                bound.insert(*var, ty);
            }
            for (var, written) in vars.iter().zip(inst) {
                let (Some(arg), Some(limit)) = (bound.get(var), self.out.cons.bounds.get(var))
                else {
                    continue;
                };
                let limit = types::instantiate(limit, &bound);
                if !self.sub(arg, &limit) {
                    let (arg, limit) = (self.show(arg), self.show(&limit));
                    self.diags
                        .push(diag::bound_violation(written.span, &arg, &limit));
                }
            }
            for (arg, param) in args.iter().zip(&params) {
                let expected = types::instantiate(param, &bound);
                self.check(arg, &expected);
            }
            return types::instantiate(&func.result, &bound);
        }
        // First the arguments that have a type of their own, then the function literals.
        let mut later = Vec::new();
        for (arg, param) in args.iter().zip(&params) {
            if Self::is_open_lambda(arg) {
                later.push((arg, param));
                continue;
            }
            let actual = self.infer(arg);
            self.unify(param, &actual, &vars, &mut bound);
        }
        for (arg, param) in later {
            let expected = types::instantiate(param, &bound);
            let ExprKind::Func(f) = &arg.kind else {
                continue;
            };
            let actual = self.lambda_infer(arg, f, &expected);
            self.unify(param, &actual, &vars, &mut bound);
        }
        if self.inferred_above_bound(e, func, &vars, &bound, args) {
            return types::instantiate(&func.result, &bound);
        }
        // The inferred arguments must fit their instantiated parameters.
        for (arg, param) in args.iter().zip(&params) {
            let expected = types::instantiate(param, &bound);
            let actual = self.out.type_of(arg.id);
            if !self.sub(&actual, &expected) {
                self.diags.push(diag::type_mismatch(
                    arg.span,
                    &self.show(&actual),
                    &self.show(&expected),
                ));
            }
        }
        types::instantiate(&func.result, &bound)
    }

    /// Reports (M0098) the first inferred variable whose type is not below its bound.
    fn inferred_above_bound(
        &mut self,
        e: &Expr,
        func: &FuncType,
        vars: &[u32],
        bound: &HashMap<u32, Type>,
        args: &[Expr],
    ) -> bool {
        for var in vars {
            let (Some(lower), Some(limit)) = (bound.get(var), self.out.cons.bounds.get(var)) else {
                continue;
            };
            let limit = types::instantiate(limit, bound);
            if self.sub(lower, &limit) {
                continue;
            }
            let whole = Type::Func(func.clone());
            let name = types::var_name(&whole, *var).unwrap_or_else(|| "T".into());
            let arg_tys: Vec<Type> = args.iter().map(|a| self.out.type_of(a.id)).collect();
            let arg = match arg_tys.as_slice() {
                [single] => single.to_string(),
                many => Type::Tuple(many.to_vec()).to_string(),
            };
            self.diags.push(diag::over_constrained(
                e.span,
                &self.generic_func_text(func, vars),
                &arg,
                &name,
                &lower.to_string(),
                &limit.to_string(),
            ));
            return true;
        }
        false
    }

    /// A generic function's type with its parameters and their bounds: `<T <: Nat>T -> T`.
    fn generic_func_text(&self, func: &FuncType, vars: &[u32]) -> String {
        let whole = Type::Func(func.clone());
        let params: Vec<String> = vars
            .iter()
            .map(|v| {
                let name = types::var_name(&whole, *v).unwrap_or_else(|| "T".into());
                match self.out.cons.bounds.get(v) {
                    Some(b) => format!("{name} <: {b}"),
                    None => name.to_string(),
                }
            })
            .collect();
        format!("<{}>{whole}", params.join(", "))
    }

    /// A function literal with an unannotated parameter or result: its type depends on the
    /// instantiation.
    fn is_open_lambda(arg: &Expr) -> bool {
        match &arg.kind {
            ExprKind::Func(f) => f.result.is_none() || f.params.iter().any(|p| p.annot.is_none()),
            _ => false,
        }
    }

    /// A function literal checked against a parameter type whose result may still hold
    /// variables: the parameters come from the expected type, the result from the body.
    fn lambda_infer(&mut self, arg: &Expr, f: &FuncDec, expected: &Type) -> Type {
        let mut ty = self.func_type(f, FuncSort::Local);
        let expected = match self.expand(expected) {
            Type::Func(func) if func.params.len() == f.params.len() => Some(func),
            _ => None,
        };
        // `func (k, v) = k` where `A -> B` has `A = (K, V)`: one tuple parameter.
        let spread = match expected.as_ref().map(|e| e.params.as_slice()) {
            Some([single]) if f.params.len() > 1 => match self.expand(single) {
                Type::Tuple(items) if items.len() == f.params.len() => Some(single.clone()),
                _ => None,
            },
            _ => None,
        };
        let expected = match (&spread, expected) {
            (Some(_), Some(func)) => {
                for (i, param) in f.params.iter().enumerate() {
                    if let (None, Type::Tuple(items)) = (&param.annot, self.expand(&func.params[0]))
                    {
                        ty.params[i] = items[i].clone();
                    }
                }
                Some(FuncType {
                    params: ty.params.clone(),
                    ..func
                })
            }
            (_, expected) => {
                if let Some(expected) = &expected {
                    for (i, param) in f.params.iter().enumerate() {
                        if param.annot.is_none() {
                            ty.params[i] = expected.params[i].clone();
                        }
                    }
                }
                expected
            }
        };
        let open_result = f.result.is_none()
            && expected.as_ref().is_some_and(|func| {
                let mut vars = Vec::new();
                types::generic_vars(&func.result, &mut vars);
                vars.iter().any(|v| !self.in_scope_var(*v))
            });
        if f.result.is_none() && !open_result {
            if let Some(expected) = &expected {
                ty.result = expected.result.clone();
            }
        }
        if open_result {
            ty.result = Box::new(self.func_body_infer(f, &ty));
        } else {
            self.func_body(f, &ty);
        }
        if let Some(tuple) = spread {
            ty.params = vec![tuple];
        }
        let ty = Type::Func(ty);
        self.record(arg.id, &ty);
        ty
    }

    /// Whether a generic variable belongs to a function whose body encloses this code.
    fn in_scope_var(&self, var: u32) -> bool {
        self.type_scopes.iter().any(|scope| {
            scope
                .values()
                .any(|b| matches!(b, super::TypeBinding::Param(i) if *i == var))
        })
    }

    /// Binds the variables of `param` so that `actual` fits it.
    fn unify(&self, param: &Type, actual: &Type, vars: &[u32], bound: &mut HashMap<u32, Type>) {
        match (param, actual) {
            (_, Type::Err) => {}
            (Type::Param(i, _), _) if vars.contains(i) => match bound.get(i) {
                None => {
                    if *actual != Type::Non {
                        bound.insert(*i, actual.clone());
                    }
                }
                Some(old) => {
                    if self.sub(old, actual) && !self.sub(actual, old) {
                        bound.insert(*i, actual.clone());
                    }
                }
            },
            (Type::Con(a, _, xs), Type::Con(b, _, ys)) if a == b && xs.len() == ys.len() => {
                for (x, y) in xs.iter().zip(ys) {
                    self.unify(x, y, vars, bound);
                }
            }
            (Type::Con(..), _) | (_, Type::Con(..)) => {
                let (p, a) = (self.expand(param), self.expand(actual));
                if !matches!(p, Type::Con(..)) && !matches!(a, Type::Con(..)) {
                    self.unify(&p, &a, vars, bound);
                }
            }
            (Type::Option(p), Type::Option(a)) | (Type::Async(p), Type::Async(a)) => {
                self.unify(p, a, vars, bound)
            }
            (Type::Array(_, p), Type::Array(_, a)) => self.unify(p, a, vars, bound),
            (Type::Tuple(ps), Type::Tuple(xs)) if ps.len() == xs.len() => {
                for (p, a) in ps.iter().zip(xs) {
                    self.unify(p, a, vars, bound);
                }
            }
            (Type::Func(p), Type::Func(a)) if p.params.len() == a.params.len() => {
                for (p, a) in p.params.iter().zip(&a.params) {
                    self.unify(p, a, vars, bound);
                }
                self.unify(&p.result, &a.result, vars, bound);
            }
            (Type::Obj(_, ps), Type::Obj(_, xs)) => {
                for p in ps {
                    if let Some(a) = xs.iter().find(|x| x.name == p.name) {
                        self.unify(&p.ty, &a.ty, vars, bound);
                    }
                }
            }
            (Type::Variant(ps), Type::Variant(xs)) => {
                for p in ps {
                    if let Some(a) = xs.iter().find(|x| x.name == p.name) {
                        self.unify(&p.ty, &a.ty, vars, bound);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    fn errors(source: &str) -> Vec<String> {
        crate::check("test.mo", source)
            .into_iter()
            .filter(|d| d.severity == crate::Severity::Error)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect()
    }

    #[test]
    fn instantiation_is_inferred_from_the_arguments() {
        let source = "func first<A, B>(a : A, b : B) : A { a };\nlet n : Nat = first(1, \"x\");";
        assert_eq!(errors(source), Vec::<String>::new());
    }

    #[test]
    fn explicit_instantiation_fixes_the_parameter_types() {
        let source = "func id<T>(x : T) : T { x };\nlet t : Text = id<Nat>(1);";
        assert_eq!(errors(source).len(), 1, "{:?}", errors(source));
    }

    #[test]
    fn function_literals_take_the_instantiated_parameter_types() {
        let source = "func apply<A, B>(x : A, f : A -> B) : B { f(x) };\n\
                      let t : Text = apply(2, func n = debug_show (n + 1));";
        assert_eq!(errors(source), Vec::<String>::new());
    }

    #[test]
    fn a_type_parameter_is_not_a_number() {
        let source = "func twice<T>(x : T) : T { x + x };";
        assert_eq!(errors(source).len(), 1, "{:?}", errors(source));
    }

    #[test]
    fn a_generic_class_is_instantiated_by_its_type_arguments() {
        let source = "class Box<T>(v : T) { public func get() : T { v } };\n\
                      let b : Box<Nat> = Box<Nat>(3);\nlet n : Nat = b.get();";
        assert_eq!(errors(source), Vec::<String>::new());
    }
}
