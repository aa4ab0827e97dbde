// Non-stable types, named as written: objects with methods, local functions in records,
// generic instances.
actor {
  type Handler = { run : Nat -> Nat };
  type Box<T> = { value : T };

  stable var h : [Handler] = [];
  stable var b : Box<() -> ()> = { value = func () {} };
  stable var o = object { public func f() : Nat { 1 } };
  flexible var ok : Nat -> Nat = func x = x;
}
