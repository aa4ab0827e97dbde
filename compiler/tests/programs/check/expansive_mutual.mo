// Two definitions that pass a parameter to each other, once inside an option: moc names the
// definition whose argument holds the parameter inside a larger type.
actor {
  type A<T> = ?B<T>;
  type B<U> = ?(A<?U>, Nat);
  type P<X, Y> = ?P<Y, [X]>;
};
