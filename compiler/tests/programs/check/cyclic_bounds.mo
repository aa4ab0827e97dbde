// Bounds that lead back to themselves (moc's M0043; without the check, subtyping would chase
// them forever). moc prints the parameters with a stamp (`A__9`); minimo prints the name.
func f<A <: B, B <: C, C <: A>(a : A, b : B, c : C) {
  let _ : () = a;
};
func h<A <: Nat, B <: A>(b : B) : Nat { b };
