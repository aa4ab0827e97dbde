//! Printing the Candid service (`.did`) as moc does: Motoko types mapped to Candid (records
//! and variants with fields in Motoko's name order, as moc prints them, tuples as records of unnamed fields, `Char`
//! as `nat32`, `Any` as `reserved`), every alias the service mentions as a `type` definition
//! (in descending name order, as moc's map fold leaves them), methods sorted by name with
//! `query`/`oneway`, laid out with moc's boxes and breaks (see `pretty.rs`).
//!
//! It does not check that the types are shared: the checker did.

use super::{Interface, MethodSig};
use crate::format::{BoxKind, Doc};
use crate::syntax::ast::{FuncSort, ObjSort};
use crate::typeck::types::{ConId, Cons, Type};
use std::collections::BTreeMap;

/// Candid keywords, which must be quoted as field or method names (also what the CLI's scan
/// of Candid text tells from names of definitions).
pub const CANDID_KEYWORDS: &[&str] = &[
    "bool",
    "blob",
    "composite_query",
    "empty",
    "float32",
    "float64",
    "func",
    "import",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "nat",
    "nat8",
    "nat16",
    "nat32",
    "nat64",
    "null",
    "oneway",
    "opt",
    "principal",
    "query",
    "record",
    "reserved",
    "service",
    "text",
    "type",
    "variant",
    "vec",
];

/// A Candid type.
#[derive(Clone, Debug, PartialEq)]
enum Idl {
    Prim(&'static str),
    Var(String),
    Opt(Box<Idl>),
    Vec(Box<Idl>),
    /// Fields: (name, or `None` for a tuple component; type).
    Record(Vec<(Option<String>, Idl)>),
    Variant(Vec<(String, Idl)>),
    Func(Vec<Idl>, Vec<Idl>, Option<&'static str>),
    Service(Vec<(String, Idl)>),
}

struct Mapper<'a> {
    cons: &'a Cons,
    /// Candid name of each alias instance met, by (constructor, arguments).
    names: Vec<((ConId, Vec<Type>), String)>,
    defs: BTreeMap<String, Idl>,
}

impl Mapper<'_> {
    fn name_of(&mut self, id: ConId, base: &str, args: &[Type]) -> (String, bool) {
        let key = (id, args.to_vec());
        if let Some((_, name)) = self.names.iter().find(|(k, _)| *k == key) {
            return (name.clone(), false);
        }
        let mut name = base.to_string();
        let mut n = 0;
        while self.names.iter().any(|(_, existing)| *existing == name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        self.names.push((key, name.clone()));
        (name, true)
    }

    fn ty(&mut self, ty: &Type) -> Idl {
        match ty {
            Type::Nat => Idl::Prim("nat"),
            Type::Int => Idl::Prim("int"),
            Type::Bool => Idl::Prim("bool"),
            Type::Text => Idl::Prim("text"),
            Type::Null => Idl::Prim("null"),
            Type::Any => Idl::Prim("reserved"),
            Type::Non => Idl::Prim("empty"),
            Type::OtherPrim(p) => Idl::Prim(match *p {
                "Nat8" => "nat8",
                "Nat16" => "nat16",
                "Nat32" | "Char" => "nat32",
                "Nat64" => "nat64",
                "Int8" => "int8",
                "Int16" => "int16",
                "Int32" => "int32",
                "Int64" => "int64",
                "Float" => "float64",
                "Blob" => "blob",
                _ => "principal",
            }),
            Type::Tuple(items) => Idl::Record(items.iter().map(|t| (None, self.ty(t))).collect()),
            Type::Option(t) => Idl::Opt(Box::new(self.ty(t))),
            Type::Array(_, t) => Idl::Vec(Box::new(self.ty(t))),
            Type::Obj(ObjSort::Actor, fields) => {
                let mut methods: Vec<(String, Idl)> = fields
                    .iter()
                    .map(|f| (f.name.clone(), self.ty(&f.ty)))
                    .collect();
                methods.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                Idl::Service(methods)
            }
            Type::Obj(_, fields) => {
                let out: Vec<(Option<String>, Idl)> = fields
                    .iter()
                    .map(|f| (Some(f.name.clone()), self.ty(&f.ty)))
                    .collect();
                Idl::Record(out)
            }
            Type::Variant(tags) => {
                let out: Vec<(String, Idl)> = tags
                    .iter()
                    .map(|t| {
                        let payload = if t.ty.is_unit() {
                            Idl::Prim("null")
                        } else {
                            self.ty(&t.ty)
                        };
                        (t.name.clone(), payload)
                    })
                    .collect();
                Idl::Variant(out)
            }
            Type::Func(f) => {
                let params = f.params.iter().map(|t| self.ty(t)).collect();
                let (results, mode) = self.results(&f.result, f.sort == FuncSort::Query);
                Idl::Func(params, results, mode)
            }
            Type::Con(id, name, args) => {
                let (candid_name, fresh) = self.name_of(*id, name, args);
                if fresh {
                    let body = self.cons.expand(ty);
                    let idl = self.ty(&body);
                    self.defs.insert(candid_name.clone(), idl);
                }
                Idl::Var(candid_name)
            }
            Type::Async(t) => self.ty(t),
            Type::Error | Type::Param(..) | Type::Err => Idl::Prim("reserved"),
        }
    }

    /// The results of a shared function and its mode: `async T` replies, `()` is one-way.
    fn results(&mut self, result: &Type, query: bool) -> (Vec<Idl>, Option<&'static str>) {
        match result {
            Type::Async(inner) => {
                let items = match self.cons.expand(inner) {
                    Type::Tuple(items) => items.iter().map(|t| self.ty(t)).collect(),
                    _ => vec![self.ty(inner)],
                };
                (items, query.then_some("query"))
            }
            _ => (Vec::new(), Some("oneway")),
        }
    }
}

fn quoted(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain && !CANDID_KEYWORDS.contains(&name) {
        name.to_string()
    } else {
        format!("\"{name}\"")
    }
}

fn doc_ty(d: &mut Doc, t: &Idl) {
    d.open(BoxKind::HOV, 1);
    match t {
        Idl::Prim(p) => {
            d.text(p);
        }
        Idl::Var(v) => {
            d.text(v);
        }
        Idl::Opt(inner) => {
            d.text("opt").space();
            doc_ty(d, inner);
        }
        Idl::Vec(inner) => {
            d.text("vec").space();
            doc_ty(d, inner);
        }
        Idl::Record(fields) => {
            let fields: Vec<(Option<&str>, &Idl, bool)> = fields
                .iter()
                .map(|(n, t)| (n.as_deref(), t, false))
                .collect();
            doc_fields(d, "record", &fields);
        }
        Idl::Variant(tags) => {
            let fields: Vec<(Option<&str>, &Idl, bool)> = tags
                .iter()
                .map(|(n, t)| (Some(n.as_str()), t, *t == Idl::Prim("null")))
                .collect();
            doc_fields(d, "variant", &fields);
        }
        Idl::Func(params, results, mode) => {
            d.text("func").space();
            doc_func(d, params, results, *mode);
        }
        Idl::Service(methods) => {
            d.open(BoxKind::V, 2).text("service {");
            for (name, t) in methods {
                d.cut();
                doc_method(d, name, t);
                d.text(";");
            }
            d.brk(0, -2).text("}").close();
        }
    }
    d.close();
}

fn doc_fields(d: &mut Doc, keyword: &str, fields: &[(Option<&str>, &Idl, bool)]) {
    let kind = if fields.len() > 1 {
        BoxKind::V
    } else {
        BoxKind::HOV
    };
    d.open(kind, 2).text(&format!("{keyword} {{"));
    for (name, t, hide) in fields {
        d.cut();
        d.open(BoxKind::HOV, 1);
        match name {
            Some(name) => {
                d.text(&quoted(name));
                if !hide {
                    d.text(":").space();
                    doc_ty(d, t);
                }
            }
            None => doc_ty(d, t),
        }
        d.close();
        d.text(";");
    }
    d.brk(0, -2).text("}").close();
}

fn doc_args(d: &mut Doc, items: &[Idl]) {
    d.text("(");
    for (i, t) in items.iter().enumerate() {
        doc_ty(d, t);
        if i + 1 < items.len() {
            d.text(",").space();
        }
    }
    d.text(")");
}

fn doc_func(d: &mut Doc, params: &[Idl], results: &[Idl], mode: Option<&str>) {
    doc_args(d, params);
    d.text(" ->").space();
    doc_args(d, results);
    if let Some(mode) = mode {
        d.text(&format!(" {mode}"));
    }
}

fn doc_method(d: &mut Doc, name: &str, t: &Idl) {
    d.open(BoxKind::HOV, 1);
    d.text(&quoted(name)).text(":").space();
    match t {
        Idl::Func(params, results, mode) => doc_func(d, params, results, *mode),
        other => doc_ty(d, other),
    }
    d.close();
}

/// Whether a definition's body starts on a line of its own.
fn breaks_line(t: &Idl) -> bool {
    match t {
        Idl::Service(_) => true,
        Idl::Record(fields) => fields.len() > 1,
        Idl::Variant(tags) => tags.len() > 1,
        Idl::Opt(inner) | Idl::Vec(inner) => breaks_line(inner),
        _ => false,
    }
}

pub(crate) fn service(interface: &Interface) -> String {
    let mut mapper = Mapper {
        cons: &interface.cons,
        names: Vec::new(),
        defs: BTreeMap::new(),
    };
    let methods: Vec<(String, Idl)> = interface
        .methods
        .iter()
        .map(|m: &MethodSig| {
            let params = m.params.iter().map(|t| mapper.ty(t)).collect();
            let (results, mode) = mapper.results(&m.result, m.query);
            (m.name.clone(), Idl::Func(params, results, mode))
        })
        .collect();
    let mut d = Doc::default();
    d.open(BoxKind::V, 0);
    for (name, body) in mapper.defs.iter().rev() {
        d.open(BoxKind::V, 1);
        d.open(BoxKind::H, 0)
            .text("type")
            .space()
            .text(name)
            .space()
            .text("=")
            .space()
            .close();
        if breaks_line(body) {
            d.cut();
        }
        doc_ty(&mut d, body);
        d.close().text(";").cut();
    }
    d.open(BoxKind::V, 2);
    d.open(BoxKind::H, 0).text("service : {").close();
    for (name, t) in &methods {
        d.cut();
        doc_method(&mut d, name, t);
        d.text(";");
    }
    d.brk(0, -2).text("}").close().cut();
    d.close();
    d.render()
}
