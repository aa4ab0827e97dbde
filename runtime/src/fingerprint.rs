//! A canister's fingerprint: one digest of everything a message may change, so that a test or
//! a fuzz harness can state "a failed message left the canister exactly as it was" without
//! reaching into the VM's private state.
//!
//! The digest covers the status, the installed module's hash, the heap (linear memory, byte
//! for byte, and every exported mutable global by name) and stable memory (its size and every
//! page that holds a non-zero byte). It is a comparison key only: it is not stored anywhere and
//! its layout may change; the state directory has its own format (`state_file.rs`).

use sha2::{Digest, Sha256};

use crate::canister::Canister;
use crate::engine::hex;
use crate::snapshot::GlobalValue;

impl Canister {
    /// A digest of the canister's status, module, heap and stable memory, in hexadecimal: two
    /// canisters with the same fingerprint answer every later message alike.
    pub fn fingerprint(&self) -> String {
        let mut digest = Sha256::new();
        digest.update(self.status.as_str());
        let Some(code) = self.code.as_ref() else {
            digest.update(b"no module");
            return hex(&digest.finalize());
        };
        digest.update(code.hash);
        let heap = code.heap();
        digest.update((heap.len() as u64).to_le_bytes());
        digest.update(heap);
        for (name, value) in &code.globals {
            // Lengths go first so that no two different lists of names hash alike.
            digest.update((name.len() as u64).to_le_bytes());
            digest.update(name.as_bytes());
            match *value {
                GlobalValue::I32(v) => digest.update(i64::from(v).to_le_bytes()),
                GlobalValue::I64(v) => digest.update(v.to_le_bytes()),
                GlobalValue::F32(v) => digest.update(u64::from(v).to_le_bytes()),
                GlobalValue::F64(v) => digest.update(v.to_le_bytes()),
                GlobalValue::V128(v) => digest.update(v.to_le_bytes()),
            }
        }
        let stable = &code.live.store.data().stable;
        digest.update(stable.size_pages().to_le_bytes());
        for (index, page) in stable.nonzero_pages() {
            digest.update(index.0.to_le_bytes());
            digest.update(page);
        }
        hex(&digest.finalize())
    }
}
