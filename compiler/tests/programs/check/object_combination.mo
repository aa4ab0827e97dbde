// Object combination: `and` merges records, `with` adds or overrides fields. A field two
// bases share must be overridden, and so must a `var` field of a base.
let base = { name = "widget"; price = 10 };
let extra = { color = "blue"; price = 11 };
let counter = { var count = 0; name = "c" };
let merged = { base and extra with price = 12 };
let clash = { base and extra with color = "red" };
let copied = { counter with name = "d" };
let reset = { counter with var count = 1 };
let punned = { merged; note = "n" };
(merged.price, reset.count, punned.merged.color, clash, copied)
