// The stable variable widens from Nat to Int (Nat <: Int), a text variable is dropped and a
// new one is initialised by its declaration.
actor {
  stable var balance : Int = 0;
  stable var note : Text = "fresh";

  public func add(n : Int) : async (Int, Text) {
    balance += n;
    (balance, note)
  };
}
