// Actor references and shared function types are stable and shared.
actor {
  type Ledger = actor {
    balance : shared query Text -> async Nat;
    transfer : shared (Text, Nat) -> async ();
  };

  stable var ledger : ?Ledger = null;
  stable var hook : ?(shared Nat -> async ()) = null;

  public func setLedger(l : Ledger) : async () { ledger := ?l };
  public func fire(n : Nat) : () { ignore n };
}
