//! How big an input the harnesses try. Larger inputs are skipped rather than failed.
//!
//! Two known problems are being fixed separately and would otherwise drown every other
//! finding: deeply nested input overflows the stack of the recursive front end and signature
//! parsers (thousands of levels), and some type definitions make the checker run for very long.
//! So inputs stay at most [`MAX_TEXT_BYTES`] long and [`MAX_NESTING`] deep, far below both; once
//! the front end has its own nesting limits these bounds can grow.

/// The longest text (program, signature, script) a harness runs.
pub const MAX_TEXT_BYTES: usize = 4096;

/// The deepest nesting a harness runs, as [`nesting`] estimates it.
pub const MAX_NESTING: usize = 256;

/// Whether `text` is within both bounds.
pub fn within(text: &str) -> bool {
    text.len() <= MAX_TEXT_BYTES && nesting(text) <= MAX_NESTING
}

/// An estimate, from characters alone, of how deep the syntax tree of `text` can be: the
/// bracket depth plus, at the deepest level, how many operators and brackets follow each other
/// there (a chain `1+1+...`, `a.b.c...` or `f()()...` is one level of brackets but a deep tree).
/// It overestimates freely: it only has to stay above the real depth.
pub fn nesting(text: &str) -> usize {
    let mut depth = 0usize;
    // Per open bracket level, the operators and openings seen at that level so far.
    let mut chain = vec![0usize];
    let mut deepest = 0;
    for c in text.chars() {
        match c {
            '(' | '[' | '{' | '<' => {
                if let Some(count) = chain.last_mut() {
                    *count += 1;
                }
                depth += 1;
                chain.push(0);
            }
            ')' | ']' | '}' | '>' => {
                depth = depth.saturating_sub(1);
                if chain.len() > 1 {
                    chain.pop();
                }
            }
            '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '.' | '?' | '!' | '#' | '=' => {
                if let Some(count) = chain.last_mut() {
                    *count += 1;
                }
            }
            _ => {}
        }
        deepest = deepest.max(depth + chain.last().copied().unwrap_or(0));
    }
    deepest
}
