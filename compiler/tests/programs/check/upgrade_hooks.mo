// Well-typed upgrade hooks and flexible fields.
actor {
  stable var upgrades = 0;
  flexible var scratch : Nat = 0;
  system func preupgrade() { upgrades += 1 };
  system func postupgrade() { scratch := upgrades };
  public query func count() : async Nat { upgrades + scratch };
}
