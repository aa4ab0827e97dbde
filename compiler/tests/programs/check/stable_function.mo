// A local function type is not stable.
actor {
  stable var f : Nat -> Nat = func x = x;
  stable let g : (Nat, Text) -> Bool = func (n, t) = n > 0;
}
