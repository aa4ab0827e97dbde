//! Import resolution: `import X "..."` declarations become module declarations of the program.
//!
//! Each imported module (`mo:base/Name` from the embedded base library, or a file the
//! [`crate::Loader`] supplies) is parsed into the same id space as the importing program and
//! declared once, before the program's own declarations, dependencies first, under its own
//! name (`Debug`, or the file's stem); an import under another name adds `let Alias = Name`.
//! `import Prim "mo:⛔"` (or `"mo:prim"`) binds no module here: the name is recorded in
//! [`Program::prim_aliases`] and the checker gives it the primitives. This module does no IO
//! of its own and does not check what the modules contain.

use super::ast::{
    Dec, Expr, ExprKind, Field, FuncDec, IdGen, Ident, ObjDec, ObjSort, Param, ProgBody, Program,
    TypeKind, ValueDec, Visibility,
};
use crate::diag::{self, Diagnostic, Severity, Span};

include!(concat!(env!("OUT_DIR"), "/base_library.rs"));

/// The source of a `mo:base` module, by its name (`"Debug"`).
pub(crate) fn base_module(name: &str) -> Option<&'static str> {
    BASE_MODULES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, source)| *source)
}

/// Where an import path leads.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Prim,
    Base(String),
    File(String),
}

/// Classifies an import path; `within_base` makes relative paths name base modules.
fn target(path: &str, within_base: bool) -> Target {
    if path == "mo:⛔" || path == "mo:prim" {
        Target::Prim
    } else if let Some(name) = path.strip_prefix("mo:base/") {
        Target::Base(name.trim_end_matches(".mo").to_string())
    } else if within_base {
        Target::Base(path.trim_end_matches(".mo").to_string())
    } else {
        Target::File(path.to_string())
    }
}

/// The name a module is declared under: the base module's name, or the file's stem.
fn canonical_name(target: &Target) -> String {
    match target {
        Target::Prim => "Prim".to_string(),
        Target::Base(name) => name.clone(),
        Target::File(path) => {
            let file = path.rsplit('/').next().unwrap_or(path);
            file.trim_end_matches(".mo").to_string()
        }
    }
}

struct Resolver<'a> {
    loader: Option<&'a dyn crate::Loader>,
    next_id: u32,
    /// The modules declared so far, in dependency order.
    done: Vec<(Target, Field)>,
    /// The modules being loaded (to report cycles instead of looping).
    loading: Vec<Target>,
    prim_aliases: Vec<String>,
    diags: Vec<Diagnostic>,
}

/// Resolves the program's imports in place: module declarations go before the program's own
/// declarations, and the import list is emptied. Returns the errors of imports that could not
/// be resolved (an unknown module, a file that cannot be read or does not parse, a cycle).
pub(crate) fn resolve(
    program: &mut Program,
    loader: Option<&dyn crate::Loader>,
) -> Vec<Diagnostic> {
    let mut resolver = Resolver {
        loader,
        next_id: program.id_count,
        done: Vec::new(),
        loading: Vec::new(),
        prim_aliases: Vec::new(),
        diags: Vec::new(),
    };
    let imports = std::mem::take(&mut program.imports);
    let mut aliases = Vec::new();
    for import in &imports {
        let target = target(&import.path, false);
        if target == Target::Prim {
            resolver.prim_aliases.push(import.name.name.clone());
            continue;
        }
        if resolver.load(&target, import.span) {
            let name = canonical_name(&target);
            if name != import.name.name {
                aliases.push((import.name.clone(), name, import.span));
            }
        }
    }
    let mut prelude: Vec<Field> = resolver.done.drain(..).map(|(_, field)| field).collect();
    let ids = IdGen::starting_at(resolver.next_id);
    for (alias, name, span) in aliases {
        prelude.push(alias_field(&ids, alias, name, span));
    }
    program.id_count = ids.count();
    program.prim_aliases = resolver.prim_aliases;
    if !prelude.is_empty() {
        match &mut program.body {
            ProgBody::Script(fields) | ProgBody::Module(fields) => {
                prelude.append(fields);
                *fields = prelude;
            }
            ProgBody::Actor(actor) => {
                // An actor body holds fields, not module declarations: each module becomes a
                // private `let` of a module expression.
                for field in &mut prelude {
                    let dec = std::mem::replace(&mut field.dec, Dec::Error(field.span));
                    field.dec = match dec {
                        Dec::Object(module) => {
                            let ids = IdGen::starting_at(program.id_count);
                            let init = Expr::new(
                                ids.expr(),
                                ExprKind::Object(ObjSort::Module, module.fields),
                                module.span,
                            );
                            program.id_count = ids.count();
                            Dec::Value(ValueDec {
                                mutable: false,
                                name: module.name,
                                bind: module.bind,
                                annot: None,
                                init,
                                span: module.span,
                            })
                        }
                        other => other,
                    };
                }
                prelude.append(&mut actor.fields);
                actor.fields = prelude;
            }
            ProgBody::Missing => {}
        }
    }
    resolver.diags
}

/// `let alias = name;`, for a module imported under a name other than its own.
fn alias_field(ids: &IdGen, alias: Ident, name: String, span: Span) -> Field {
    let init = Expr::new(ids.expr(), ExprKind::Var(Ident { name, span }), span);
    Field {
        visibility: Visibility::Private,
        stability: None,
        dec: Dec::Value(ValueDec {
            mutable: false,
            name: alias,
            bind: ids.bind(),
            annot: None,
            init,
            span,
        }),
        span,
    }
}

impl Resolver<'_> {
    /// Declares the module (and first what it imports); false when it cannot be loaded.
    fn load(&mut self, target: &Target, span: Span) -> bool {
        if self.done.iter().any(|(known, _)| known == target) {
            return true;
        }
        if self.loading.contains(target) {
            self.diags.push(diag::import_error(
                span,
                format!("import cycle through {}", canonical_name(target)),
            ));
            return false;
        }
        let source = match target {
            Target::Prim => return true,
            Target::Base(name) => match base_module(name) {
                Some(source) => source.to_string(),
                None => {
                    self.diags.push(diag::import_error(
                        span,
                        format!("package base has no module {name}"),
                    ));
                    return false;
                }
            },
            Target::File(path) => match self.loader.map(|loader| loader.load(path)) {
                Some(Ok(source)) => source,
                Some(Err(reason)) => {
                    self.diags.push(diag::import_error(
                        span,
                        format!("file \"{path}\" cannot be read: {reason}"),
                    ));
                    return false;
                }
                None => {
                    self.diags.push(diag::import_error(
                        span,
                        format!("file \"{path}\" cannot be imported here"),
                    ));
                    return false;
                }
            },
        };
        let (module, errors) = super::parse_at(&source, self.next_id);
        self.next_id = module.id_count;
        if let Some(first) = errors.iter().find(|d| d.severity == Severity::Error) {
            let at = first
                .span
                .map(|s| diag::range(&source, s))
                .unwrap_or_default();
            self.diags.push(diag::import_error(
                span,
                format!(
                    "module {} does not parse: {} at {at}",
                    canonical_name(target),
                    first.message
                ),
            ));
            return false;
        }
        let ProgBody::Module(mut fields) = module.body else {
            self.diags.push(diag::import_error(
                span,
                format!("{} is not a module", canonical_name(target)),
            ));
            return false;
        };
        self.loading.push(target.clone());
        let within_base = matches!(target, Target::Base(_));
        let ids = IdGen::starting_at(self.next_id);
        let mut aliases = Vec::new();
        for import in &module.imports {
            let dep = self::target(&import.path, within_base);
            if dep == Target::Prim {
                if !self.prim_aliases.contains(&import.name.name) {
                    self.prim_aliases.push(import.name.name.clone());
                }
                continue;
            }
            // Positions inside another file mean nothing in the importing program's source:
            // problems with indirect imports are reported at the program's own import.
            if self.load(&dep, span) {
                let name = canonical_name(&dep);
                if name != import.name.name {
                    aliases.push((import.name.clone(), name, span));
                }
            }
        }
        self.loading.pop();
        let ids = IdGen::starting_at(ids.count().max(self.next_id));
        for field in &mut fields {
            match &mut field.dec {
                Dec::Value(value) => wrap_primitive(&ids, &mut value.init, &self.prim_aliases),
                // `func f(t : Text) : Text = map(t, Prim.charToLower)`.
                Dec::Func(func) => {
                    if let ExprKind::Call(_, _, args) = &mut func.body.kind {
                        for arg in args {
                            wrap_primitive(&ids, arg, &self.prim_aliases);
                        }
                    }
                }
                _ => {}
            }
        }
        let mut body: Vec<Field> = aliases
            .into_iter()
            .map(|(alias, name, span)| alias_field(&ids, alias, name, span))
            .collect();
        body.append(&mut fields);
        let name = Ident {
            name: canonical_name(target),
            span,
        };
        let mut module = ObjDec {
            sort: ObjSort::Module,
            name,
            bind: ids.bind(),
            fields: body,
            span,
            height: 0,
        };
        module.height = super::nesting::object_height(&module);
        let field = Field {
            visibility: Visibility::Private,
            stability: None,
            dec: Dec::Object(module),
            span,
        };
        self.next_id = ids.count();
        self.done.push((target.clone(), field));
        true
    }
}

/// `let f : T = Prim.x` (a primitive used as a value, as the base library does) becomes
/// `let f : T = func (a0, ...) = Prim.x(a0, ...)`: primitives are only ever called, and the
/// annotation gives the literal its parameter and result types.
fn wrap_primitive(ids: &IdGen, init: &mut Expr, prim_aliases: &[String]) {
    let ExprKind::Dot(module, name) = &init.kind else {
        return;
    };
    let ExprKind::Var(module_name) = &module.kind else {
        return;
    };
    if !prim_aliases.contains(&module_name.name) {
        return;
    }
    let Some(arity) = primitive_arity(&name.name) else {
        return;
    };
    let span = init.span;
    let params: Vec<Param> = (0..arity)
        .map(|i| Param {
            name: Ident {
                name: format!("prim_arg{i}"),
                span,
            },
            bind: ids.bind(),
            annot: None,
        })
        .collect();
    let args = params
        .iter()
        .map(|p| Expr::new(ids.expr(), ExprKind::Var(p.name.clone()), span))
        .collect();
    let callee = std::mem::replace(init, Expr::new(ids.expr(), ExprKind::Null, span));
    let body = Expr::new(
        ids.expr(),
        ExprKind::Call(Box::new(callee), Vec::new(), args),
        span,
    );
    let func = FuncDec {
        sort: None,
        shared_pattern: None,
        name: None,
        bind: ids.bind(),
        tparams: Vec::new(),
        params,
        params_span: span,
        result: None,
        body: Box::new(body),
        span,
    };
    init.kind = ExprKind::Func(Box::new(func));
    init.height = super::nesting::expr_height(&init.kind);
}

/// How many arguments a primitive takes, from its type in `codegen::PRIMITIVES` (or the
/// checker's table of primitives the code generator does not implement yet).
fn primitive_arity(name: &str) -> Option<usize> {
    let (_, text) = crate::codegen::PRIMITIVES
        .iter()
        .chain(crate::typeck::PRIMITIVES_PENDING)
        .find(|(known, _)| *known == name)?;
    let ty = super::parse_type(text)?;
    let TypeKind::Func { param, .. } = ty.kind else {
        return None;
    };
    Some(match param.kind {
        TypeKind::Tuple(items) => items.len(),
        _ => 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Files(&'static [(&'static str, &'static str)]);

    impl crate::Loader for Files {
        fn load(&self, path: &str) -> Result<String, String> {
            self.0
                .iter()
                .find(|(name, _)| *name == path)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| format!("no file {path}"))
        }
    }

    fn resolved(source: &str, loader: Option<&dyn crate::Loader>) -> (Program, Vec<Diagnostic>) {
        let (mut program, errors) = super::super::parse(source);
        assert!(errors.is_empty(), "{errors:?}");
        let diags = resolve(&mut program, loader);
        (program, diags)
    }

    fn declared_names(program: &Program) -> Vec<String> {
        let ProgBody::Script(fields) = &program.body else {
            return Vec::new();
        };
        fields
            .iter()
            .filter_map(|f| match &f.dec {
                Dec::Object(o) => Some(o.name.name.clone()),
                Dec::Value(v) => Some(v.name.name.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_base_module_is_embedded() {
        for name in ["Debug", "Array", "HashMap", "Iter", "Text", "Order"] {
            assert!(base_module(name).is_some(), "{name}");
        }
    }

    #[test]
    fn a_base_import_declares_its_dependencies_first_and_once() {
        let (program, diags) = resolved(
            "import Array \"mo:base/Array\";\nimport O \"mo:base/Order\";\nlet x = 1;",
            None,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let names = declared_names(&program);
        let order = names.iter().position(|n| n == "Order");
        let array = names.iter().position(|n| n == "Array");
        assert!(order < array, "{names:?}");
        assert_eq!(names.iter().filter(|n| *n == "Order").count(), 1);
        assert!(
            names.contains(&"O".to_string()),
            "the alias is declared: {names:?}"
        );
        assert!(program.imports.is_empty());
    }

    #[test]
    fn the_primitive_module_is_recorded_not_declared() {
        let (program, diags) = resolved("import P \"mo:⛔\";\nlet x = 1;", None);
        assert!(diags.is_empty());
        assert_eq!(program.prim_aliases, vec!["P".to_string()]);
        assert_eq!(declared_names(&program), vec!["x".to_string()]);
    }

    #[test]
    fn an_unknown_base_module_is_an_error() {
        let (_, diags) = resolved("import N \"mo:base/Nope\";\nlet x = 1;", None);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "M0009");
    }

    #[test]
    fn a_relative_import_comes_from_the_loader() {
        let files = Files(&[("lib.mo", "module { public let one = 1; }")]);
        let (program, diags) = resolved("import L \"lib.mo\";\nlet x = L.one;", Some(&files));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            declared_names(&program)[..2],
            ["lib".to_string(), "L".to_string()]
        );
        let (_, diags) = resolved("import L \"other.mo\";\nlet x = 1;", Some(&files));
        assert_eq!(diags[0].code, "M0009");
    }

    #[test]
    fn a_primitive_used_as_a_value_becomes_a_function() {
        let files = Files(&[(
            "lib.mo",
            "import P \"mo:prim\";\nmodule { public let abs : Int -> Nat = P.abs; }",
        )]);
        let (program, _) = resolved("import L \"lib.mo\";\nlet x = 1;", Some(&files));
        let ProgBody::Script(fields) = &program.body else {
            panic!("a script");
        };
        let Dec::Object(module) = &fields[0].dec else {
            panic!("the module first");
        };
        let Dec::Value(abs) = &module.fields[0].dec else {
            panic!("the let");
        };
        assert!(matches!(abs.init.kind, ExprKind::Func(_)));
    }
}
