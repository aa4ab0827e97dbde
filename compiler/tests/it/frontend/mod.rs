//! Tests of the front end: syntax, types, signatures, conformance.

mod conformance;
mod lowering;
mod programs;
