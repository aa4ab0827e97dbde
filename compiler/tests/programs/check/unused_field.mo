// An unused private field is accepted with a warning; `_`-prefixed names are exempt.
actor {
  stable var neverRead : Nat = 0;
  stable var _quiet : Nat = 0;
  public query func get() : async Nat { 1 };
}
