actor {
  stable var balance : Nat = 0;
  stable var label_ : Text = "start";

  public func add(n : Nat) : async Nat {
    balance += n;
    balance
  };
}
