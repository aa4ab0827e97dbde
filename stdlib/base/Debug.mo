//! Printing for debugging and deliberate traps. Output goes wherever the
//! runtime sends debug messages (stdout in script mode); this module does not
//! format values itself: use `debug_show` for that.
import Prim "mo:⛔";

module {
  /// Prints `text` followed by a newline.
  public func print(text : Text) {
    Prim.debugPrint(text);
  };

  /// Stops execution with `errorMessage` as the trap's reason.
  public func trap(errorMessage : Text) : None {
    Prim.trap(errorMessage);
  };
};
