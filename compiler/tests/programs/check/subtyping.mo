// Subtyping: Nat below Int, records in width, variants with fewer tags, options and Null.
actor {
  type Wide = { a : Int; b : Text };
  stable var w : { a : Int } = { a = 1; b = "extra" };
  stable var v : { #x; #y : Int } = #x;
  stable var o : ?Int = null;
  stable var arr : [Int] = [1, 2, 3];
  stable var bad : [var Int] = [var 1];

  public func set(n : Nat) : async () {
    v := #y n;
    o := ?n;
    let wide : Wide = { a = n; b = "" };
    w := wide;
    let nats : [var Nat] = [var 1];
    bad := nats;
  };
}
