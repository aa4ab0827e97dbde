/* Text concatenation, escapes, comparisons and boolean operators.
   /* Comments nest. */ */
actor {
  var greeting : Text = "hello\n\u{1F600}";
  public query func greet(name : Text, loud : Bool) : async Text {
    if (loud and not (name == "")) { greeting # ", " # name # "!" } else greeting
  };
  public func shout(t : Text) : async () { greeting #= t };
}
