// Types whose unfolding the back end cannot compile yet: each definition doubles the one
// before it, so D16 already stands for 131,071 parts; and one generic pair applied inside
// itself. moc compiles both (it shares the types); minimo says so in check, before build.
actor {
  type D0 = Nat;
  type D1 = (D0, D0);
  type D2 = (D1, D1);
  type D3 = (D2, D2);
  type D4 = (D3, D3);
  type D5 = (D4, D4);
  type D6 = (D5, D5);
  type D7 = (D6, D6);
  type D8 = (D7, D7);
  type D9 = (D8, D8);
  type D10 = (D9, D9);
  type D11 = (D10, D10);
  type D12 = (D11, D11);
  type D13 = (D12, D12);
  type D14 = (D13, D13);
  type D15 = (D14, D14);
  type D16 = (D15, D15);   // error: [U0001]
  type D17 = (D16, D16);
  type D18 = (D17, D17);
  type D19 = (D18, D18);
  type D20 = (D19, D19);
  public query func whole(d : D20) : async D20 { d };
  type Pair<T> = (T, T);
  public query func nested(p : Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Pair<Nat>>>>>>>>>>>>>>>>>>>>) : async () {};   // error: [U0001]
  public query func small(p : Pair<Pair<Nat>>) : async Nat { (p.0).0 };
}
