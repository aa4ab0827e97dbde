//! Functions on optional values `?T`. Everything here is ordinary pattern
//! matching; the only primitive is the trap of `unwrap`.
import Prim "mo:⛔";

module {
  /// The content of `x`, or `default` when `x` is `null`.
  public func get<T>(x : ?T, default : T) : T {
    switch x { case null default; case (?x_) x_ };
  };

  public func getMapped<A, B>(x : ?A, f : A -> B, default : B) : B {
    switch x { case null default; case (?x_) f(x_) };
  };

  public func map<A, B>(x : ?A, f : A -> B) : ?B {
    switch x { case null null; case (?x_) ?f(x_) };
  };

  public func iterate<A>(x : ?A, f : A -> ()) {
    switch x { case null {}; case (?x_) f(x_) };
  };

  public func apply<A, B>(x : ?A, f : ?(A -> B)) : ?B {
    switch (f, x) {
      case (?f_, ?x_) ?f_(x_);
      case _ null;
    };
  };

  public func chain<A, B>(x : ?A, f : A -> ?B) : ?B {
    switch x { case null null; case (?x_) f(x_) };
  };

  public func flatten<A>(x : ??A) : ?A {
    switch x { case null null; case (?x_) x_ };
  };

  public func make<A>(x : A) : ?A { ?x };

  public func isSome(x : ?Any) : Bool {
    switch x { case null false; case _ true };
  };

  public func isNull(x : ?Any) : Bool {
    switch x { case null true; case _ false };
  };

  public func equal<A>(x : ?A, y : ?A, eq : (A, A) -> Bool) : Bool {
    switch (x, y) {
      case (null, null) true;
      case (?x_, ?y_) eq(x_, y_);
      case _ false;
    };
  };

  /// Traps when `x` is `null`.
  public func assertSome(x : ?Any) {
    switch x { case null Prim.trap("Option.assertSome()"); case _ {} };
  };

  /// Traps when `x` is not `null`.
  public func assertNull(x : ?Any) {
    switch x { case null {}; case _ Prim.trap("Option.assertNull()") };
  };

  /// The content of `x`; traps when `x` is `null`.
  public func unwrap<T>(x : ?T) : T {
    switch x { case null Prim.trap("Option.unwrap()"); case (?x_) x_ };
  };
};
