//! Tests of the front end: syntax, types, signatures, conformance.

mod conformance;
mod programs;
