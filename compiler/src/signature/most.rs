//! Printing the stable signature (`.most`) as moc does: a version line, then the stable
//! variables sorted by name in byte order, `stable var x : T` or `stable x : T` for a `let`.
//!
//! Types are printed in Motoko notation on one line; moc's breaking of lines longer than its
//! margin is not reproduced (no supported program comes near it).

use super::Interface;

pub(crate) fn print(interface: &Interface) -> String {
    let mut out = String::from("// Version: 1.0.0\nactor {\n");
    if interface.stable.is_empty() {
        out.push_str("  \n");
    }
    let lines: Vec<String> = interface
        .stable
        .iter()
        .map(|var| {
            let keyword = if var.mutable { "stable var" } else { "stable" };
            format!("  {keyword} {} : {}", var.name, var.ty)
        })
        .collect();
    out.push_str(&lines.join(";\n"));
    if !lines.is_empty() {
        out.push('\n');
    }
    out.push_str("};\n");
    out
}
