//! The `Result<Ok, Err>` variant for computations that can fail, with the
//! usual combinators. Errors are values here: nothing in this module traps
//! except `assertOk`/`assertErr`.
import Prim "mo:⛔";
import Order "Order";

module {
  public type Result<Ok, Err> = { #ok : Ok; #err : Err };

  public func equal<Ok, Err>(
    eqOk : (Ok, Ok) -> Bool,
    eqErr : (Err, Err) -> Bool,
    r1 : Result<Ok, Err>,
    r2 : Result<Ok, Err>,
  ) : Bool {
    switch (r1, r2) {
      case (#ok(o1), #ok(o2)) eqOk(o1, o2);
      case (#err(e1), #err(e2)) eqErr(e1, e2);
      case _ false;
    };
  };

  /// Every `#ok` orders before every `#err`.
  public func compare<Ok, Err>(
    compareOk : (Ok, Ok) -> Order.Order,
    compareErr : (Err, Err) -> Order.Order,
    r1 : Result<Ok, Err>,
    r2 : Result<Ok, Err>,
  ) : Order.Order {
    switch (r1, r2) {
      case (#ok(o1), #ok(o2)) compareOk(o1, o2);
      case (#err(e1), #err(e2)) compareErr(e1, e2);
      case (#ok(_), _) #less;
      case (#err(_), _) #greater;
    };
  };

  public func chain<R1, R2, Error>(
    x : Result<R1, Error>,
    y : R1 -> Result<R2, Error>,
  ) : Result<R2, Error> {
    switch x { case (#err(e)) #err(e); case (#ok(r)) y(r) };
  };

  public func flatten<Ok, Error>(result : Result<Result<Ok, Error>, Error>) : Result<Ok, Error> {
    switch result { case (#ok(inner)) inner; case (#err(e)) #err(e) };
  };

  public func mapOk<Ok1, Ok2, Error>(x : Result<Ok1, Error>, f : Ok1 -> Ok2) : Result<Ok2, Error> {
    switch x { case (#ok(r)) #ok(f(r)); case (#err(e)) #err(e) };
  };

  public func mapErr<Ok, Error1, Error2>(x : Result<Ok, Error1>, f : Error1 -> Error2) : Result<Ok, Error2> {
    switch x { case (#ok(r)) #ok(r); case (#err(e)) #err(f(e)) };
  };

  public func fromOption<R, E>(x : ?R, err : E) : Result<R, E> {
    switch x { case (?x_) #ok(x_); case null #err(err) };
  };

  public func toOption<R, E>(r : Result<R, E>) : ?R {
    switch r { case (#ok(x)) ?x; case (#err(_)) null };
  };

  public func iterate<Ok, Err>(res : Result<Ok, Err>, f : Ok -> ()) {
    switch res { case (#ok(ok)) f(ok); case _ {} };
  };

  public func isOk(r : Result<Any, Any>) : Bool {
    switch r { case (#ok(_)) true; case (#err(_)) false };
  };

  public func isErr(r : Result<Any, Any>) : Bool {
    switch r { case (#ok(_)) false; case (#err(_)) true };
  };

  public func assertOk(r : Result<Any, Any>) {
    switch r { case (#err(_)) Prim.trap("Result.assertOk()"); case _ {} };
  };

  public func assertErr(r : Result<Any, Any>) {
    switch r { case (#ok(_)) Prim.trap("Result.assertErr()"); case _ {} };
  };

  /// Converts between the `Result` variant and the `#Ok`/`#Err` spelling of
  /// other libraries.
  public func fromUpper<Ok, Err>(result : { #Ok : Ok; #Err : Err }) : Result<Ok, Err> {
    switch result { case (#Ok(ok)) #ok(ok); case (#Err(err)) #err(err) };
  };

  public func toUpper<Ok, Err>(result : Result<Ok, Err>) : { #Ok : Ok; #Err : Err } {
    switch result { case (#ok(ok)) #Ok(ok); case (#err(err)) #Err(err) };
  };
};
