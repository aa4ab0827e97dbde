// An import that leads nowhere is an error naming the import (M0009); the rest is not checked.
import Nope "mo:base/Nope";
import Local "lib/missing.mo";

actor {
  public query func f() : async Nat { 1 };
}
