//! The three-way comparison result used by every `compare` function of the
//! base library. It holds no comparison logic of its own: each module compares
//! its own values.
module {
  public type Order = { #less; #equal; #greater };

  public func isLess(order : Order) : Bool {
    switch order { case (#less) true; case _ false };
  };

  public func isEqual(order : Order) : Bool {
    switch order { case (#equal) true; case _ false };
  };

  public func isGreater(order : Order) : Bool {
    switch order { case (#greater) true; case _ false };
  };

  public func equal(order1 : Order, order2 : Order) : Bool {
    switch (order1, order2) {
      case (#less, #less) true;
      case (#equal, #equal) true;
      case (#greater, #greater) true;
      case _ false;
    };
  };
};
