// Generic and recursive aliases: the stable signature prints them as moc does.
actor {
  type List<T> = ?(T, List<T>);
  type Tree = { #leaf; #node : { left : Tree; key : Nat; right : Tree } };
  type Pair<A, B> = (A, B);

  stable var items : List<Text> = null;
  stable var tree : Tree = #leaf;
  stable var pairs : [Pair<Nat, List<Int>>] = [];

  public func push(t : Text) : async () { items := ?(t, items) };
  public query func top() : async ?Text {
    switch items { case null null; case (?(h, _)) ?h }
  };
}
