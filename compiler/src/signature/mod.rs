//! The two signatures of a compiled actor: the Candid service (`.did`) and the stable
//! signature (`.most`), both byte-for-byte as moc prints them for the supported types, and the
//! stable-compatibility check between two `.most` texts.
//!
//! [`Interface`] is the part of a checked program the signatures need; the printers never
//! look at the syntax tree or the IR.

pub(crate) mod candid;
pub(crate) mod compat;
pub(crate) mod most;
mod most_check;
mod most_parse;

use crate::syntax::ast::{self, Dec, Visibility};
use crate::typeck::types::{Cons, Type};
use crate::typeck::{Checked, FieldKind};

/// A public method as the signatures show it.
#[derive(Clone, Debug)]
pub(crate) struct MethodSig {
    pub name: String,
    pub query: bool,
    pub params: Vec<Type>,
    /// The declared result: `async T`, or `()` for a one-way method.
    pub result: Type,
}

/// A stable variable: name, `var` or not, type.
#[derive(Clone, Debug)]
pub(crate) struct StableVar {
    pub name: String,
    pub mutable: bool,
    pub ty: Type,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Interface {
    pub stable: Vec<StableVar>,
    pub methods: Vec<MethodSig>,
    /// The program's type constructors, which the types above refer to.
    pub cons: Cons,
}

impl Interface {
    pub fn of(program: &ast::Program, checked: &Checked) -> Interface {
        let mut interface = Interface {
            cons: checked.cons.clone(),
            ..Interface::default()
        };
        let ast::ProgBody::Actor(actor) = &program.body else {
            return interface;
        };
        for (field, info) in actor.fields.iter().zip(&checked.fields) {
            let Some(name) = &info.name else { continue };
            match (&info.kind, &field.dec) {
                (
                    FieldKind::Value {
                        mutable,
                        stable: true,
                        ty,
                    },
                    Dec::Value(_),
                ) => {
                    interface.stable.push(StableVar {
                        name: name.clone(),
                        mutable: *mutable,
                        ty: ty.clone(),
                    });
                }
                (
                    FieldKind::Func {
                        public: true, ty, ..
                    },
                    Dec::Func(_),
                ) if field.visibility == Visibility::Public => {
                    interface.methods.push(MethodSig {
                        name: name.clone(),
                        query: ty.sort == ast::FuncSort::Query,
                        params: ty.params.clone(),
                        result: (*ty.result).clone(),
                    });
                }
                _ => {}
            }
        }
        interface
            .stable
            .sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
        interface
            .methods
            .sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
        interface
    }
}
