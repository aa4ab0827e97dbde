// System functions with wrong types and an unknown one, all reported together.
actor {
  system func preupgrade() : Nat { 1 };
  system func postupgrade(n : Nat) {};
  system func upgrade() {};
}
