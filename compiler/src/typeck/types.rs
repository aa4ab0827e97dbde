//! The checker's types and the table of type constructors (aliases).
//!
//! A type keeps the alias it was written with (`Con`, a constructor and its arguments), so
//! that messages and the stable signature can name it as moc does; [`Cons::expand`] unfolds
//! one alias when the structure matters. Subtyping, stability and printing live in their own
//! modules. Nothing here reports diagnostics.

use crate::syntax::ast::{FuncSort, ObjSort};
use std::rc::Rc;

/// Index into [`Cons`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ConId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Type {
    Nat,
    Int,
    Bool,
    Text,
    Null,
    Any,
    Error,
    /// The other primitive types (`Nat8`, ..., `Int64`, `Float`, `Char`, `Blob`, `Principal`).
    OtherPrim(&'static str),
    Tuple(Vec<Type>),
    Option(Box<Type>),
    /// `[T]` (false) or `[var T]` (true).
    Array(bool, Box<Type>),
    /// An object, record or actor type; fields sorted by name.
    Obj(ObjSort, Vec<Field>),
    /// Tags sorted by name; a tag without payload has the unit payload.
    Variant(Vec<Tag>),
    Func(FuncType),
    Async(Box<Type>),
    /// An alias applied to arguments, as written: `List<Nat>`.
    Con(ConId, Rc<str>, Vec<Type>),
    /// The `index`th parameter of the alias whose body this is.
    Param(u32, Rc<str>),
    /// The bottom type `None` (also the type of `return`).
    Non,
    /// The type of an expression that already has an error: it agrees with everything, so one
    /// mistake is reported once.
    Err,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Field {
    pub name: String,
    pub mutable: bool,
    pub ty: Type,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Tag {
    pub name: String,
    pub ty: Type,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct FuncType {
    pub sort: FuncSort,
    /// System functions print with `<system>`.
    pub system: bool,
    pub params: Vec<Type>,
    pub result: Box<Type>,
}

/// The primitive type names besides the ones with their own variant.
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

/// One type definition: `type Name<params> = body`.
#[derive(Clone, Debug)]
pub(crate) struct ConDef {
    pub name: Rc<str>,
    pub params: Vec<Rc<str>>,
    pub body: Type,
    /// Declared by a class (the type of its instances) rather than by `type`.
    pub class: bool,
}

/// Every type constructor of a program, indexed by [`ConId`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Cons {
    pub defs: Vec<ConDef>,
    /// The bound of each generic variable declared `<T <: Bound>`; the others are bounded by
    /// `Any`.
    pub bounds: std::collections::HashMap<u32, Type>,
}

impl Cons {
    pub fn get(&self, id: ConId) -> Option<&ConDef> {
        self.defs.get(id.0 as usize)
    }

    /// Unfolds aliases at the top until a structural type.
    pub fn expand(&self, ty: &Type) -> Type {
        let mut ty = ty.clone();
        // A definition such as `type T = T` would loop; the bound stops it.
        for _ in 0..64 {
            match &ty {
                Type::Con(id, _, args) => match self.get(*id) {
                    Some(def) => ty = subst(&def.body, args),
                    None => return Type::Err,
                },
                _ => return ty,
            }
        }
        Type::Err
    }
}

/// The first index of [`Type::Param`] that stands for a type parameter of a generic function
/// or class (a generic variable) rather than a parameter of an alias body; `subst` of alias
/// arguments never reaches these indices.
pub(crate) const GENERIC_BASE: u32 = 1 << 20;

/// Replaces generic variables by the types bound to them; unbound ones stay.
pub(crate) fn instantiate(ty: &Type, bound: &std::collections::HashMap<u32, Type>) -> Type {
    if bound.is_empty() {
        return ty.clone();
    }
    map(ty, &|t| match t {
        Type::Param(i, _) => bound.get(i).cloned(),
        _ => None,
    })
}

/// The generic variables occurring in a type, in ascending order (declaration order).
pub(crate) fn generic_vars(ty: &Type, out: &mut Vec<u32>) {
    let seen = std::cell::RefCell::new(Vec::new());
    let _ = map(ty, &|t| {
        if let Type::Param(i, _) = t {
            if *i >= GENERIC_BASE {
                seen.borrow_mut().push(*i);
            }
        }
        None
    });
    out.append(&mut seen.into_inner());
    out.sort_unstable();
    out.dedup();
}

/// Turns the generic variables `vars` into the parameters of a definition body: the `i`th
/// variable becomes `Param(i)`, so that [`subst`] can replace it. A class's type is built this
/// way from its instances' type, which mentions the class's own type parameters.
pub(crate) fn abstract_vars(ty: &Type, vars: &[u32]) -> Type {
    if vars.is_empty() {
        return ty.clone();
    }
    map(ty, &|t| match t {
        Type::Param(v, name) => vars
            .iter()
            .position(|w| w == v)
            .map(|i| Type::Param(u32::try_from(i).unwrap_or(u32::MAX), name.clone())),
        _ => None,
    })
}

/// The name a generic variable is written with in a type, if it occurs there.
pub(crate) fn var_name(ty: &Type, var: u32) -> Option<Rc<str>> {
    let found = std::cell::RefCell::new(None);
    let _ = map(ty, &|t| {
        if let Type::Param(i, name) = t {
            if *i == var {
                *found.borrow_mut() = Some(name.clone());
            }
        }
        None
    });
    found.into_inner()
}

/// Replaces the parameters of an alias body by the arguments.
pub(crate) fn subst(ty: &Type, args: &[Type]) -> Type {
    if args.is_empty() {
        return ty.clone();
    }
    map(ty, &|t| match t {
        Type::Param(i, _) => args.get(*i as usize).cloned(),
        _ => None,
    })
}

/// Rebuilds a type bottom-up, replacing every part for which `f` gives a replacement.
fn map(ty: &Type, f: &dyn Fn(&Type) -> Option<Type>) -> Type {
    if let Some(t) = f(ty) {
        return t;
    }
    let go = |t: &Type| map(t, f);
    match ty {
        Type::Tuple(items) => Type::Tuple(items.iter().map(go).collect()),
        Type::Option(t) => Type::Option(Box::new(go(t))),
        Type::Array(m, t) => Type::Array(*m, Box::new(go(t))),
        Type::Obj(sort, fields) => Type::Obj(
            *sort,
            fields
                .iter()
                .map(|fd| Field {
                    ty: go(&fd.ty),
                    ..fd.clone()
                })
                .collect(),
        ),
        Type::Variant(tags) => Type::Variant(
            tags.iter()
                .map(|t| Tag {
                    name: t.name.clone(),
                    ty: go(&t.ty),
                })
                .collect(),
        ),
        Type::Func(func) => Type::Func(FuncType {
            params: func.params.iter().map(go).collect(),
            result: Box::new(go(&func.result)),
            ..func.clone()
        }),
        Type::Async(t) => Type::Async(Box::new(go(t))),
        Type::Con(id, name, args) => Type::Con(*id, name.clone(), args.iter().map(go).collect()),
        other => other.clone(),
    }
}

/// What a look at an inferred type finds (see [`survey`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Survey {
    Fine,
    /// It holds the error type somewhere: a part of it was already reported.
    HoldsError,
    TooDeep,
    TooLarge,
}

/// Whether `ty` holds the error type, is deeper than `max_depth` levels (an alias counting
/// one) or has more than `max_size` parts, looked at with a stack of its own and no further
/// than those bounds.
pub(crate) fn survey(ty: &Type, max_depth: u32, max_size: usize) -> Survey {
    let mut pending = vec![(ty, 1u32)];
    let mut size = 0usize;
    while let Some((ty, depth)) = pending.pop() {
        size += 1;
        if depth > max_depth {
            return Survey::TooDeep;
        }
        if size > max_size {
            return Survey::TooLarge;
        }
        if *ty == Type::Err {
            return Survey::HoldsError;
        }
        let below = depth + 1;
        match ty {
            Type::Tuple(items) | Type::Con(_, _, items) => {
                pending.extend(items.iter().map(|t| (t, below)));
            }
            Type::Option(inner) | Type::Array(_, inner) | Type::Async(inner) => {
                pending.push((inner, below));
            }
            Type::Obj(_, fields) => pending.extend(fields.iter().map(|f| (&f.ty, below))),
            Type::Variant(tags) => pending.extend(tags.iter().map(|t| (&t.ty, below))),
            Type::Func(func) => {
                pending.extend(func.params.iter().map(|t| (t, below)));
                pending.push((&func.result, below));
            }
            _ => {}
        }
    }
    Survey::Fine
}

impl Type {
    pub fn unit() -> Type {
        Type::Tuple(Vec::new())
    }

    pub fn is_unit(&self) -> bool {
        matches!(self, Type::Tuple(items) if items.is_empty())
    }

    pub fn record(mut fields: Vec<Field>) -> Type {
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        Type::Obj(ObjSort::Object, fields)
    }

    pub fn variant(mut tags: Vec<Tag>) -> Type {
        tags.sort_by(|a, b| a.name.cmp(&b.name));
        Type::Variant(tags)
    }
}
