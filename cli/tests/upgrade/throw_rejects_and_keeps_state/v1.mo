// A thrown error rejects the message with its text, but unlike a trap it keeps the state
// changes made before the throw; a `try` in the same method catches it instead.
import Error "mo:base/Error";

actor Counter {
  stable var value = 0;

  public func inc_then_throw() : async Nat {
    value += 1;
    if (value > 0) throw Error.reject("value is now " # debug_show value);
    value
  };

  public func inc_then_catch() : async Text {
    try {
      value += 10;
      throw Error.reject("caught here");
    } catch (e) {
      Error.message(e) # " with code " # debug_show (Error.code(e))
    }
  };

  public query func get() : async Nat {
    value
  };
}
