// Version 2 traps in postupgrade (a natural subtraction below zero): the upgrade must be
// rolled back, leaving version 1's code and value in place.
actor {
  stable var value : Nat = 0;

  public func inc() : async Nat {
    value += 100;
    value
  };

  system func postupgrade() {
    value := value - 1000;
  };
}
