// Definitions that unfold to themselves name no type at all (moc's M0157).
let x = do {
  type A = B;
  type B = A;
  type Fine = ?Fine;
  1
};
