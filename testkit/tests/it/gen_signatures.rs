//! A small grammar of data types for proptest, printed both as a stable signature (`.most`,
//! Motoko syntax) and as a Candid service (`.did`), and pairs of signatures that share names,
//! so that the compatibility checks compare related types rather than strangers.
//!
//! Types may name the two definitions `T0` and `T1`, recursively and even unguarded
//! (`type T0 = T0`, which both readers must refuse); definitions take no type parameters, so
//! no expansive type arises.

use proptest::prelude::*;

#[derive(Clone, Debug)]
pub enum Type {
    /// A primitive: its Motoko and Candid names.
    Prim(&'static str, &'static str),
    Opt(Box<Type>),
    /// An array, mutable or not (Candid has no mutability: a `vec`).
    Array(bool, Box<Type>),
    Tuple(Vec<Type>),
    /// Fields: name, mutable, type.
    Record(Vec<(String, bool, Type)>),
    /// Cases: name and payload (`#a` has none).
    Variant(Vec<(String, Option<Type>)>),
    Named(u8),
}

const PRIMS: &[(&str, &str)] = &[
    ("Nat", "nat"),
    ("Int", "int"),
    ("Nat8", "nat8"),
    ("Nat16", "nat16"),
    ("Nat32", "nat32"),
    ("Nat64", "nat64"),
    ("Int8", "int8"),
    ("Int64", "int64"),
    ("Bool", "bool"),
    ("Text", "text"),
    ("Blob", "blob"),
    ("Float", "float64"),
    ("Principal", "principal"),
    ("Null", "null"),
    ("Char", "nat32"),
];

pub fn data_type() -> impl Strategy<Value = Type> {
    let leaf = prop_oneof![
        8 => prop::sample::select(PRIMS).prop_map(|(m, c)| Type::Prim(m, c)),
        1 => (0u8..2).prop_map(Type::Named),
    ];
    leaf.prop_recursive(3, 16, 3, |inner| {
        let name = prop::sample::select(&["a", "b", "c", "count", "name", "0"][..]);
        prop_oneof![
            inner.clone().prop_map(|t| Type::Opt(Box::new(t))),
            (any::<bool>(), inner.clone()).prop_map(|(m, t)| Type::Array(m, Box::new(t))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Type::Tuple),
            prop::collection::vec((name.clone(), any::<bool>(), inner.clone()), 0..4).prop_map(
                |fields| Type::Record(
                    dedup(fields, |f| f.0.to_string())
                        .into_iter()
                        .map(|(n, m, t)| (n.to_string(), m, t))
                        .collect()
                )
            ),
            prop::collection::vec((name, prop::option::of(inner)), 1..4).prop_map(|cases| {
                Type::Variant(
                    dedup(cases, |c| c.0.to_string())
                        .into_iter()
                        .map(|(n, t)| (n.to_string(), t))
                        .collect(),
                )
            }),
        ]
    })
}

/// Keeps the first of each name: both languages refuse duplicate field names outright, which
/// one test of that is enough for.
fn dedup<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(key(item)))
        .collect()
}

impl Type {
    pub fn motoko(&self) -> String {
        match self {
            Type::Prim(m, _) => m.to_string(),
            Type::Opt(t) => format!("?{}", t.motoko()),
            Type::Array(true, t) => format!("[var {}]", t.motoko()),
            Type::Array(false, t) => format!("[{}]", t.motoko()),
            Type::Tuple(items) => format!(
                "({})",
                items
                    .iter()
                    .map(Type::motoko)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Type::Record(fields) => format!(
                "{{{}}}",
                fields
                    .iter()
                    .map(|(n, m, t)| format!(
                        "{}{} : {}",
                        if *m { "var " } else { "" },
                        motoko_name(n),
                        t.motoko()
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Type::Variant(cases) => format!(
                "{{{}}}",
                cases
                    .iter()
                    .map(|(n, t)| match t {
                        Some(t) => format!("#{} : {}", motoko_name(n), t.motoko()),
                        None => format!("#{}", motoko_name(n)),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Type::Named(i) => format!("T{i}"),
        }
    }

    pub fn candid(&self) -> String {
        match self {
            Type::Prim(_, c) => c.to_string(),
            Type::Opt(t) => format!("opt {}", t.candid()),
            Type::Array(_, t) => format!("vec {}", t.candid()),
            Type::Tuple(items) => format!(
                "record {{ {} }}",
                items
                    .iter()
                    .map(Type::candid)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Type::Record(fields) => format!(
                "record {{ {} }}",
                fields
                    .iter()
                    .map(|(n, _, t)| format!("{n} : {}", t.candid()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Type::Variant(cases) => format!(
                "variant {{ {} }}",
                cases
                    .iter()
                    .map(|(n, t)| match t {
                        Some(t) => format!("{n} : {}", t.candid()),
                        None => n.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Type::Named(i) => format!("T{i}"),
        }
    }
}

/// A Motoko field name: `0` is not an identifier, so it is written as moc writes a field whose
/// Candid name is a number.
fn motoko_name(name: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}_")
    } else {
        name.to_string()
    }
}

/// Two definitions and up to four variables (or methods).
#[derive(Clone, Debug)]
pub struct Signature {
    pub defs: Vec<Type>,
    pub vars: Vec<(bool, Type)>,
}

pub fn signature() -> impl Strategy<Value = Signature> {
    (
        prop::collection::vec(data_type(), 2),
        prop::collection::vec((any::<bool>(), data_type()), 0..4),
    )
        .prop_map(|(defs, vars)| Signature { defs, vars })
}

impl Signature {
    /// As a `.most` file.
    pub fn most(&self) -> String {
        let mut out = String::from("// Version: 1.0.0\n");
        for (i, def) in self.defs.iter().enumerate() {
            out.push_str(&format!("type T{i} = {};\n", def.motoko()));
        }
        let vars: Vec<String> = self
            .vars
            .iter()
            .enumerate()
            .map(|(i, (var, t))| {
                format!(
                    "  stable {}x{i} : {}",
                    if *var { "var " } else { "" },
                    t.motoko()
                )
            })
            .collect();
        out.push_str(&format!("actor {{\n{}\n}};\n", vars.join(";\n")));
        out
    }

    /// As a `.did` file: each variable becomes a method taking and returning its type.
    pub fn did(&self) -> String {
        let mut out = String::new();
        for (i, def) in self.defs.iter().enumerate() {
            out.push_str(&format!("type T{i} = {};\n", def.candid()));
        }
        out.push_str("service : {\n");
        for (i, (query, t)) in self.vars.iter().enumerate() {
            let t = t.candid();
            let mode = if *query { " query" } else { "" };
            out.push_str(&format!("  x{i} : ({t}) -> ({t}){mode};\n"));
        }
        out.push_str("}\n");
        out
    }
}

/// An old signature and a new one related to it: the same, one with a variable dropped, one
/// with a variable's type replaced, one with variables added, or an unrelated one.
pub fn signature_pair() -> impl Strategy<Value = (Signature, Signature)> {
    (signature(), signature(), 0u8..5).prop_map(|(old, other, how)| {
        let mut new = old.clone();
        match how {
            0 => {}
            1 => {
                new.vars.pop();
            }
            2 => {
                if let (Some(first), Some(replacement)) = (new.vars.first_mut(), other.vars.first())
                {
                    first.1 = replacement.1.clone();
                }
            }
            3 => new.vars.extend(other.vars.iter().cloned()),
            _ => new = other,
        }
        (old, new)
    })
}
