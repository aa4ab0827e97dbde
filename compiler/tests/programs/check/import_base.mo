import Debug "mo:base/Debug";

actor {
  public func hi() : async Text { "hi" };
}
