//! Functions on principals (the identities of users and canisters). The
//! textual form and the byte form are converted by primitives and by
//! `debug_show`, which prints a principal in its textual form; this module
//! computes no checksums itself and offers no ledger-account derivation.
import Prim "mo:⛔";
import Hash "Hash";
import Order "Order";

module {
  public type Principal = Prim.Types.Principal;

  public func fromActor(a : actor {}) : Principal = Prim.principalOfActor(a);

  /// Traps when `t` is not a valid textual principal.
  public func fromText(t : Text) : Principal = fromActor(actor (t));

  public func toText(p : Principal) : Text = debug_show (p);

  public func toBlob(p : Principal) : Blob = Prim.blobOfPrincipal(p);

  public func fromBlob(b : Blob) : Principal = Prim.principalOfBlob(b);

  /// The anonymous principal, `2vxsx-fae`, whose byte form is the single
  /// byte 4.
  public func anonymous() : Principal = Prim.principalOfBlob("\04");

  public func isAnonymous(p : Principal) : Bool = Prim.blobOfPrincipal(p) == ("\04" : Blob);

  /// A hash of the byte form, mixing each byte in with the multiply-by-33
  /// scheme that `Text.hash` uses.
  public func hash(principal : Principal) : Hash.Hash {
    var h : Nat32 = 5381;
    for (byte in Prim.blobOfPrincipal(principal).vals()) {
      h := (h << 5) +% h +% Prim.natToNat32(Prim.nat8ToNat(byte));
    };
    h;
  };

  public func equal(principal1 : Principal, principal2 : Principal) : Bool {
    principal1 == principal2;
  };

  public func notEqual(principal1 : Principal, principal2 : Principal) : Bool {
    principal1 != principal2;
  };

  public func less(principal1 : Principal, principal2 : Principal) : Bool {
    principal1 < principal2;
  };

  public func lessOrEqual(principal1 : Principal, principal2 : Principal) : Bool {
    principal1 <= principal2;
  };

  public func greater(principal1 : Principal, principal2 : Principal) : Bool {
    principal1 > principal2;
  };

  public func greaterOrEqual(principal1 : Principal, principal2 : Principal) : Bool {
    principal1 >= principal2;
  };

  public func compare(principal1 : Principal, principal2 : Principal) : Order.Order {
    if (principal1 < principal2) #less else if (principal1 == principal2) #equal else #greater;
  };
};
