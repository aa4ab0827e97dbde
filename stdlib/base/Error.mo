//! Error values: what `throw` raises and `try ... catch` receives. An error
//! made here is a rejection by the program itself (`#canister_reject`); errors
//! of other codes come from the system. This module does not throw anything:
//! write `throw Error.reject("...")` in an async function.
import Prim "mo:⛔";

module {
  /// The type of errors, the built-in `Error`.
  public type Error = Prim.Types.Error;

  /// Why an error happened, as the Internet Computer's reject codes say.
  public type ErrorCode = {
    #system_fatal;
    #system_transient;
    #destination_invalid;
    #canister_reject;
    #canister_error;
    #future : Nat32;
    #call_error : { err_code : Nat32 };
  };

  /// An error with code `#canister_reject` and this message.
  public func reject(message : Text) : Error {
    Prim.error(message);
  };

  /// The error's code.
  public func code(error : Error) : ErrorCode {
    Prim.errorCode(error);
  };

  /// The error's message.
  public func message(error : Error) : Text {
    Prim.errorMessage(error);
  };
};
