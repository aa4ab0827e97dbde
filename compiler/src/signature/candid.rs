//! Printing the Candid service (`.did`) as moc does: methods sorted by name, `query` and
//! `oneway` annotations, tuples as multi-line `record { ... }` blocks, and argument lists
//! broken at the 80th column with a three-space indent.
//!
//! Only the layout rules the supported types need are reproduced; named types (`type X = ...`
//! definitions) do not occur because minimo has no aliases yet.

use super::{Interface, MethodSig};
use crate::typeck::types::Type;

const MARGIN: usize = 80;

/// Candid keywords that must be quoted as field names.
const KEYWORDS: &[&str] = &[
    "bool",
    "blob",
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
    "composite_query",
];

struct Printer {
    out: String,
}

impl Printer {
    fn column(&self) -> usize {
        self.out.len() - self.out.rfind('\n').map_or(0, |i| i + 1)
    }

    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn ty(&mut self, ty: &Type) {
        match ty {
            Type::Tuple(items) => {
                let indent = self.column();
                if items.is_empty() {
                    self.push("record {}");
                    return;
                }
                self.push("record {\n");
                for item in items {
                    self.push(&" ".repeat(indent + 2));
                    self.ty(item);
                    self.push(";\n");
                }
                self.push(&" ".repeat(indent));
                self.push("}");
            }
            Type::Obj(_, fields) => {
                let indent = self.column();
                if fields.is_empty() {
                    self.push("record {}");
                    return;
                }
                self.push("record {\n");
                for crate::typeck::types::Field { name, ty: item, .. } in fields {
                    self.push(&" ".repeat(indent + 2));
                    if KEYWORDS.contains(&name.as_str()) {
                        self.push(&format!("\"{name}\": "));
                    } else {
                        self.push(&format!("{name}: "));
                    }
                    self.ty(item);
                    self.push(";\n");
                }
                self.push(&" ".repeat(indent));
                self.push("}");
            }
            Type::Option(inner) => {
                self.push("opt ");
                self.ty(inner);
            }
            Type::Array(_, inner) => {
                self.push("vec ");
                self.ty(inner);
            }
            other => {
                let text = simple(other);
                self.push(&text);
            }
        }
    }

    /// `(a, b, ...)`: a record item after the first, or an item that would pass the margin,
    /// starts a new line.
    fn list(&mut self, items: &[Type]) {
        self.push("(");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.push(",");
                let direct_record = matches!(item, Type::Tuple(ts) if !ts.is_empty())
                    || matches!(item, Type::Obj(_, fs) if !fs.is_empty());
                let width = one_line_width(item);
                if direct_record || self.column() + 1 + width + 1 > MARGIN {
                    self.push("\n   ");
                } else {
                    self.push(" ");
                }
            }
            self.ty(item);
        }
        self.push(")");
    }

    fn method(&mut self, method: &MethodSig) {
        self.push(&format!("  {}: ", method.name));
        self.list(&method.params);
        self.push(" -> ");
        match &method.result {
            Type::Async(inner) => {
                match &**inner {
                    Type::Tuple(items) => self.list(items),
                    single => self.list(std::slice::from_ref(single)),
                }
                if method.query {
                    self.push(" query");
                }
            }
            _ => self.push("() oneway"),
        }
        self.push(";\n");
    }
}

fn one_line_width(ty: &Type) -> usize {
    match ty {
        Type::Option(inner) => 4 + one_line_width(inner),
        Type::Array(_, inner) => 4 + one_line_width(inner),
        Type::Tuple(_) | Type::Obj(..) => 8,
        other => simple(other).len(),
    }
}

fn simple(ty: &Type) -> String {
    match ty {
        Type::Nat => "nat".to_string(),
        Type::Int => "int".to_string(),
        Type::Bool => "bool".to_string(),
        Type::Text => "text".to_string(),
        Type::Null => "null".to_string(),
        Type::Any => "reserved".to_string(),
        Type::OtherPrim(name) => match *name {
            "Float" => "float64".to_string(),
            "Char" => "nat32".to_string(),
            other => other.to_lowercase(),
        },
        other => format!("/* {other} */ reserved"),
    }
}

pub(crate) fn service(interface: &Interface) -> String {
    let mut printer = Printer {
        out: String::from("service : {\n"),
    };
    for method in &interface.methods {
        printer.method(method);
    }
    printer.push("}\n");
    printer.out
}
