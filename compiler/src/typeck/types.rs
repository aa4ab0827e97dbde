//! The checker's types: their printing in moc's notation, subtyping, and the stable and
//! shared predicates.
//!
//! The type language is wider than what minimo compiles (options, arrays, records, functions,
//! `async`, `Error`): the checker must name those types in its diagnostics. It holds no
//! aliases and no type variables.

use crate::syntax::ast::FuncSort;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Type {
    Nat,
    Int,
    Bool,
    Text,
    Null,
    Any,
    Error,
    /// A primitive type minimo knows by name but does not compile (`Nat8`, `Float`, ...).
    OtherPrim(&'static str),
    Tuple(Vec<Type>),
    Option(Box<Type>),
    Array(bool, Box<Type>),
    /// Fields sorted by name: (mutable, name, type).
    Record(Vec<(bool, String, Type)>),
    Func(FuncType),
    Async(Box<Type>),
    /// The type of `return`: no value, a subtype of everything.
    Non,
    /// The type of an expression that already has an error: it agrees with everything, so one
    /// mistake is reported once.
    Err,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FuncType {
    pub sort: FuncSort,
    /// System functions print with `<system>`.
    pub system: bool,
    pub params: Vec<Type>,
    pub result: Box<Type>,
}

/// The primitive type names minimo recognises but does not compile.
pub(crate) const OTHER_PRIMS: &[&str] = &[
    "Nat8",
    "Nat16",
    "Nat32",
    "Nat64",
    "Int8",
    "Int16",
    "Int32",
    "Int64",
    "Float",
    "Char",
    "Blob",
    "Principal",
];

impl Type {
    pub fn unit() -> Type {
        Type::Tuple(Vec::new())
    }

    pub fn is_unit(&self) -> bool {
        matches!(self, Type::Tuple(items) if items.is_empty())
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Nat | Type::Int)
    }

    /// Whether a value of `self` may be used where `other` is expected.
    pub fn sub(&self, other: &Type) -> bool {
        use Type::*;
        match (self, other) {
            (Err, _) | (_, Err) | (Non, _) | (_, Any) => true,
            (Nat, Int) => true,
            (Null, Option(_)) => true,
            (Tuple(a), Tuple(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.sub(y)),
            (Option(a), Option(b)) => a.sub(b),
            (Array(false, a), Array(false, b)) => a.sub(b),
            (Array(true, a), Array(true, b)) => a == b,
            (Record(a), Record(b)) => b.iter().all(|(mb, nb, tb)| {
                a.iter().any(|(ma, na, ta)| {
                    na == nb && ma == mb && if *ma { ta == tb } else { ta.sub(tb) }
                })
            }),
            (Func(f), Func(g)) => {
                f.sort == g.sort
                    && f.params.len() == g.params.len()
                    && g.params.iter().zip(&f.params).all(|(x, y)| x.sub(y))
                    && f.result.sub(&g.result)
            }
            (Async(a), Async(b)) => a.sub(b),
            (a, b) => a == b,
        }
    }

    /// The least common supertype, as far as minimo needs one (branches of an `if`).
    pub fn lub(&self, other: &Type) -> Type {
        if self.sub(other) {
            other.clone()
        } else if other.sub(self) {
            self.clone()
        } else {
            Type::Any
        }
    }

    /// Whether a stable variable may have this type.
    pub fn is_stable(&self) -> bool {
        use Type::*;
        match self {
            Nat | Int | Bool | Text | Null | Any | OtherPrim(_) | Non | Err => true,
            Error | Async(_) => false,
            Tuple(items) => items.iter().all(Type::is_stable),
            Option(t) | Array(_, t) => t.is_stable(),
            Record(fields) => fields.iter().all(|(_, _, t)| t.is_stable()),
            Func(f) => f.sort != FuncSort::Local,
        }
    }

    /// The first part of this type that cannot cross a message boundary, if any.
    pub fn non_shared_part(&self) -> Option<&Type> {
        use Type::*;
        match self {
            Nat | Int | Bool | Text | Null | Any | Error | OtherPrim(_) | Non | Err => None,
            Async(_) | Array(true, _) => Some(self),
            Tuple(items) => items.iter().find_map(Type::non_shared_part),
            Option(t) | Array(false, t) => t.non_shared_part(),
            Record(fields) => {
                if fields.iter().any(|(mutable, _, _)| *mutable) {
                    Some(self)
                } else {
                    fields.iter().find_map(|(_, _, t)| t.non_shared_part())
                }
            }
            Func(f) => (f.sort == FuncSort::Local).then_some(self),
        }
    }

    /// Whether printing this type after `?` or as a parameter needs parentheses.
    fn needs_parens(&self) -> bool {
        matches!(self, Type::Func(_) | Type::Async(_))
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, items: &[Type]) -> fmt::Result {
    f.write_str("(")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{item}")?;
    }
    f.write_str(")")
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Type::*;
        match self {
            Nat => f.write_str("Nat"),
            Int => f.write_str("Int"),
            Bool => f.write_str("Bool"),
            Text => f.write_str("Text"),
            Null => f.write_str("Null"),
            Any => f.write_str("Any"),
            Error => f.write_str("Error"),
            OtherPrim(name) => f.write_str(name),
            Non => f.write_str("None"),
            Err => f.write_str("???"),
            Tuple(items) if items.len() == 1 => write!(f, "({},)", items[0]),
            Tuple(items) => write_list(f, items),
            Option(t) if t.needs_parens() => write!(f, "?({t})"),
            Option(t) => write!(f, "?{t}"),
            Array(false, t) => write!(f, "[{t}]"),
            Array(true, t) => write!(f, "[var {t}]"),
            Record(fields) => {
                f.write_str("{")?;
                for (i, (mutable, name, t)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    let var = if *mutable { "var " } else { "" };
                    write!(f, "{var}{name} : {t}")?;
                }
                f.write_str("}")
            }
            Async(t) => write!(f, "async {t}"),
            Func(func) => {
                if func.system {
                    f.write_str("<system>")?;
                }
                match func.sort {
                    FuncSort::Local => {}
                    FuncSort::Shared => f.write_str("shared ")?,
                    FuncSort::Query => f.write_str("shared query ")?,
                }
                match func.params.as_slice() {
                    [single] if !matches!(single, Tuple(_)) && !single.needs_parens() => {
                        write!(f, "{single}")?
                    }
                    params => write_list(f, params)?,
                }
                write!(f, " -> {}", func.result)
            }
        }
    }
}
