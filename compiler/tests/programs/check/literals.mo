// Literals of every primitive type, typed by annotation as moc does.
actor {
  stable var a : Nat8 = 255;
  stable var b : Int16 = -300;
  stable var c : Float = 0.5;
  stable var d : Char = 'z';
  stable var e : Blob = "\00\01";
  stable var f : Null = null;
  stable var g : Int64 = 0;

  public query func get() : async (Nat8, Int16, Float, Char, Blob, Null, Int64) {
    (a, b, c, d, e, f, g)
  };
}
