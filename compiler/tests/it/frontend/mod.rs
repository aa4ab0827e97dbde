//! Tests of the front end: syntax, types, signatures, conformance.
