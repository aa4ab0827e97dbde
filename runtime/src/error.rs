//! Errors of the VM: the Internet Computer's reject codes for failed messages, the VM's own
//! setup errors, and the host functions' trap type.
//!
//! A failed message becomes a [`CallError`] whose code and wording follow the Internet Computer
//! (`IC0502`, `Canister <id> trapped: ...`). The trap reason is recovered from the error value
//! (`wasmtime::Trap` or [`HostTrap`] via `downcast_ref`), never by parsing display text. This file
//! does not decide *when* a message fails; `canister.rs` and `host.rs` do.

use std::fmt;

/// The Internet Computer's error codes that this VM can produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// IC0502: the Wasm code trapped (unreachable, division by zero, out of bounds, ...).
    CanisterTrapped,
    /// IC0503: the canister called `ic0.trap`.
    CanisterCalledTrap,
    /// IC0504: the canister broke the System API's rules (e.g. replied twice).
    CanisterContractViolation,
    /// IC0505: the module is not a valid canister module.
    CanisterInvalidWasm,
    /// IC0506: an update or query returned without replying or rejecting.
    CanisterDidNotReply,
    /// IC0508: the canister is stopped.
    CanisterStopped,
    /// IC0509: the canister is stopping.
    CanisterStopping,
    /// IC0521: wasmtime failed in a way that is not a trap.
    CanisterWasmEngineError,
    /// IC0522: the message ran out of instructions.
    CanisterInstructionLimitExceeded,
    /// IC0536: the module exports no such method.
    CanisterMethodNotFound,
    /// IC0537: the canister has no module installed.
    CanisterWasmModuleNotFound,
    /// The message was refused before it reached the canister: its argument is larger than the
    /// Internet Computer accepts. The replica refuses such a request at its HTTP endpoint, with
    /// status 413 (Payload Too Large), so there is no IC05xx code for it.
    RequestTooLarge,
}

impl ErrorCode {
    /// The numeric part of the code, e.g. 502 (413, the HTTP status, for
    /// [`ErrorCode::RequestTooLarge`]).
    pub fn number(self) -> u16 {
        match self {
            ErrorCode::CanisterTrapped => 502,
            ErrorCode::CanisterCalledTrap => 503,
            ErrorCode::CanisterContractViolation => 504,
            ErrorCode::CanisterInvalidWasm => 505,
            ErrorCode::CanisterDidNotReply => 506,
            ErrorCode::CanisterStopped => 508,
            ErrorCode::CanisterStopping => 509,
            ErrorCode::CanisterWasmEngineError => 521,
            ErrorCode::CanisterInstructionLimitExceeded => 522,
            ErrorCode::CanisterMethodNotFound => 536,
            ErrorCode::CanisterWasmModuleNotFound => 537,
            ErrorCode::RequestTooLarge => 413,
        }
    }
}

impl fmt::Display for ErrorCode {
    /// Writes the code as the Internet Computer prints it, e.g. `IC0502`, and a refused request
    /// as an agent shows the HTTP status, `413 (Payload Too Large)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorCode::RequestTooLarge => write!(f, "{} (Payload Too Large)", self.number()),
            _ => write!(f, "IC{:04}", self.number()),
        }
    }
}

/// A failed message: an error code and the Internet Computer's message for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallError {
    pub code: ErrorCode,
    pub message: String,
}

impl CallError {
    pub(crate) fn new(code: ErrorCode, message: String) -> CallError {
        CallError { code, message }
    }

    pub(crate) fn stopped(id: &str) -> CallError {
        CallError::new(
            ErrorCode::CanisterStopped,
            format!("Canister {id} is stopped"),
        )
    }

    pub(crate) fn stopping(id: &str) -> CallError {
        CallError::new(
            ErrorCode::CanisterStopping,
            format!("Canister {id} is stopping"),
        )
    }

    /// IC0537, for a message to a canister that has no module (also usable by a caller that
    /// has no canister at all under that id).
    pub fn no_module(id: &str) -> CallError {
        CallError::new(
            ErrorCode::CanisterWasmModuleNotFound,
            format!(
                "Attempted to execute a message on canister {id}, but the canister contains no Wasm module."
            ),
        )
    }

    pub(crate) fn no_method(id: &str, kind: &str, method: &str) -> CallError {
        CallError::new(
            ErrorCode::CanisterMethodNotFound,
            format!("Canister {id} has no {kind} method '{method}'"),
        )
    }

    pub(crate) fn did_not_reply(id: &str) -> CallError {
        CallError::new(
            ErrorCode::CanisterDidNotReply,
            format!("Canister {id} did not produce a response"),
        )
    }

    pub(crate) fn invalid_wasm(id: &str, reason: &str) -> CallError {
        CallError::new(
            ErrorCode::CanisterInvalidWasm,
            format!("Canister {id}'s Wasm module is not valid: {reason}"),
        )
    }

    /// The refusal of a message whose argument is over the size limit, worded as the replica's
    /// HTTP endpoint words it (the request id is the method here: this VM has no request ids).
    pub(crate) fn request_too_large(id: &str, method: &str, size: usize, limit: u64) -> CallError {
        CallError::new(
            ErrorCode::RequestTooLarge,
            format!(
                "Request to {method} of canister {id} is too large. Message byte size {size} is larger than the max allowed {limit}."
            ),
        )
    }

    /// Turns the error of a Wasm call (or of an instantiation) into the IC's error for it.
    pub(crate) fn from_execution(id: &str, error: &wasmtime::Error) -> CallError {
        if let Some(host) = error.downcast_ref::<HostTrap>() {
            return match host {
                HostTrap::Explicit(message) => CallError::new(
                    ErrorCode::CanisterCalledTrap,
                    format!("Canister {id} trapped explicitly: {message}"),
                ),
                HostTrap::ContractViolation(message) => CallError::new(
                    ErrorCode::CanisterContractViolation,
                    format!("Canister {id} violated contract: {message}"),
                ),
                HostTrap::HeapOutOfBounds => trapped(id, "heap out of bounds"),
                HostTrap::StableOutOfBounds => trapped(id, "stable memory out of bounds"),
                HostTrap::NoExportedMemory => trapped(
                    id,
                    "the module accesses its heap through the System API but exports no memory",
                ),
            };
        }
        if let Some(trap) = error.downcast_ref::<wasmtime::Trap>() {
            use wasmtime::Trap;
            let reason = match trap {
                Trap::OutOfFuel => {
                    return CallError::new(
                        ErrorCode::CanisterInstructionLimitExceeded,
                        format!(
                            "Canister {id} exceeded the instruction limit for single message execution."
                        ),
                    )
                }
                Trap::StackOverflow => "stack overflow".to_string(),
                Trap::MemoryOutOfBounds => "heap out of bounds".to_string(),
                Trap::HeapMisaligned => "misaligned memory access".to_string(),
                Trap::TableOutOfBounds => "table out of bounds".to_string(),
                Trap::IndirectCallToNull => "indirect call to null".to_string(),
                Trap::BadSignature => "indirect call signature mismatch".to_string(),
                Trap::IntegerOverflow => "integer overflow".to_string(),
                Trap::IntegerDivisionByZero => "integer division by 0".to_string(),
                Trap::BadConversionToInteger => "invalid conversion to integer".to_string(),
                Trap::UnreachableCodeReached => "unreachable".to_string(),
                // Wasmtime's own description of the remaining trap codes is documented text.
                other => other.to_string(),
            };
            return trapped(id, &reason);
        }
        CallError::new(
            ErrorCode::CanisterWasmEngineError,
            format!("Canister {id} encountered a Wasm engine error: {error:#}"),
        )
    }
}

fn trapped(id: &str, reason: &str) -> CallError {
    CallError::new(
        ErrorCode::CanisterTrapped,
        format!("Canister {id} trapped: {reason}"),
    )
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for CallError {}

/// Why a host function stopped the running message. Carried inside a `wasmtime::Error` and
/// recovered with `downcast_ref`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HostTrap {
    /// `ic0.trap` with this message.
    Explicit(String),
    /// A System API rule was broken; the text says which.
    ContractViolation(String),
    /// A heap range given to the System API lies outside linear memory.
    HeapOutOfBounds,
    /// A stable memory range lies outside the stable memory's current size.
    StableOutOfBounds,
    /// The module calls a heap-accessing function but exports no memory named `memory`.
    NoExportedMemory,
}

impl fmt::Display for HostTrap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostTrap::Explicit(message) => write!(f, "explicit trap: {message}"),
            HostTrap::ContractViolation(message) => write!(f, "contract violation: {message}"),
            HostTrap::HeapOutOfBounds => write!(f, "heap out of bounds"),
            HostTrap::StableOutOfBounds => write!(f, "stable memory out of bounds"),
            HostTrap::NoExportedMemory => write!(f, "no exported memory"),
        }
    }
}

impl std::error::Error for HostTrap {}

/// An error setting up the VM itself (not a failed message).
#[derive(Debug)]
pub enum VmError {
    /// wasmtime rejected the engine configuration.
    Engine(String),
    /// The module cache directory could not be created.
    Cache {
        path: std::path::PathBuf,
        error: std::io::Error,
    },
    /// The canister id is not a valid textual principal.
    InvalidCanisterId(String),
}

impl fmt::Display for VmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VmError::Engine(message) => write!(f, "cannot configure the Wasm engine: {message}"),
            VmError::Cache { path, error } => {
                write!(f, "cannot use module cache {}: {error}", path.display())
            }
            VmError::InvalidCanisterId(message) => write!(f, "invalid canister id: {message}"),
        }
    }
}

impl std::error::Error for VmError {}
