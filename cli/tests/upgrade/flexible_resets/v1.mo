// `kept` is stable and survives an upgrade; `scratch` is flexible and starts again from 0.
actor {
  stable var kept : Nat = 0;
  var scratch : Nat = 0;

  public func bump() : async (Nat, Nat) {
    kept += 1;
    scratch += 1;
    (kept, scratch)
  };
}
