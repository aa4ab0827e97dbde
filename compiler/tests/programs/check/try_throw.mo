// `throw` and `try` belong in async functions (M0039 elsewhere); the thrown value and the
// catch pattern are of type Error, and a `try` has the join of its body's and handler's types.
import Error "mo:base/Error";

actor {
  var count = 0;

  public func ok() : async Int {
    let n : Int = try { count += 1; 1 } catch (e) { -1 };
    try {
      throw Error.reject("no");
    } catch (_) {};
    n
  };

  func local() : Nat {
    throw Error.reject("not async");
  };

  func local_try() : Nat {
    try { 1 } catch (e) { 2 }
  };

  public func wrong_type() : async () {
    throw "oops";
  };

  public func wrong_pattern() : async () {
    try {} catch (#oops) {};
  };
}
