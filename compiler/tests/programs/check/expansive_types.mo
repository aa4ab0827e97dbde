// A recursive definition may pass its parameter on only as a whole argument (moc's M0156):
// `L<L<T>>` would make every unfolding meet a larger type, and checking would never end.
type L<T> = ?(T, L<L<T>>);
type Fine<T> = ?(T, Fine<T>);
let fine : Fine<Nat> = ?(1, null);
