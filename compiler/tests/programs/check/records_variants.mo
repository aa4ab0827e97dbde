// Records, variants and switch: types kept as written in the signatures.
actor {
  type Shape = { #circle : Nat; #rect : { w : Nat; h : Nat }; #dot };
  type Named = { name : Text; var shape : Shape };

  stable var shapes : [Named] = [];
  stable var last : Shape = #dot;

  func area(s : Shape) : Nat {
    switch s {
      case (#circle r) 3 * r * r;
      case (#rect { w; h }) w * h;
      case (#dot) 0;
    }
  };

  public func add(name : Text, s : Shape) : async Nat {
    let n : Named = { name = name; var shape = s };
    last := s;
    area(n.shape)
  };

  public query func get() : async Shape { last };
}
