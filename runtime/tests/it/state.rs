//! The state directory: round trips, sparse storage, crash safety and corrupt files.

use std::fs;
use std::path::{Path, PathBuf};

use minimo_runtime::{principal, StateDir, Status};

use crate::{counters, install, number, vm, Counter, ID};

fn generation(root: &Path, name: &str) -> PathBuf {
    let dir = root.join("canisters").join(name);
    let current = fs::read_to_string(dir.join("CURRENT")).expect("CURRENT");
    dir.join(current.trim())
}

#[test]
fn saved_canister_loads_in_a_fresh_vm_with_heap_and_stable_memory() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    {
        let vm = vm();
        let mut canister = install(&vm, Counter::V1);
        canister.update(&vm, "inc", b"");
        canister.update(&vm, "inc", b"");
        canister.update(&vm, "grow", b"");
        canister.stop();
        state.save("counter", &canister).expect("saved");
    }
    let vm = vm();
    let mut canister = state
        .load(&vm, "counter")
        .expect("loads")
        .expect("was saved");
    assert_eq!(canister.id(), ID);
    assert_eq!(canister.status(), Status::Stopped);
    canister.start();
    assert_eq!(counters(&vm, &mut canister), (2, 2, 2));
    assert_eq!(number(&canister.query(&vm, "memory_pages", b"")), 2);
    assert_eq!(number(&canister.update(&vm, "inc", b"")), 3);
    assert_eq!(state.names().expect("names"), vec!["counter"]);
}

#[test]
fn loading_a_name_never_saved_gives_none() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    assert!(state.load(&vm(), "nothing").expect("no error").is_none());
}

#[test]
fn saving_again_replaces_the_old_generation() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    state.save("c", &canister).expect("saved");
    canister.update(&vm, "inc", b"");
    state.save("c", &canister).expect("saved");
    let folders = fs::read_dir(dir.path().join("canisters/c"))
        .expect("canister folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .count();
    assert_eq!(folders, 1);
    let mut loaded = state.load(&vm, "c").expect("loads").expect("saved");
    assert_eq!(counters(&vm, &mut loaded), (1, 1, 1));
}

#[test]
fn an_uncommitted_generation_is_ignored() {
    // A crash after writing a new generation but before renaming CURRENT leaves a stray
    // folder; the committed state is what loads, and the next save still works.
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    state.save("c", &canister).expect("saved");
    let stray = dir.path().join("canisters/c/g99");
    fs::create_dir(&stray).expect("stray folder");
    fs::write(stray.join("meta.txt"), "half written").expect("stray file");
    let mut loaded = state.load(&vm, "c").expect("loads").expect("saved");
    assert_eq!(counters(&vm, &mut loaded), (1, 1, 1));
    loaded.update(&vm, "inc", b"");
    state
        .save("c", &loaded)
        .expect("saved over the stray generation");
    let mut again = state.load(&vm, "c").expect("loads").expect("saved");
    assert_eq!(counters(&vm, &mut again), (2, 2, 2));
}

#[test]
fn corrupt_state_file_gives_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    state.save("c", &canister).expect("saved");
    let stable = generation(dir.path(), "c").join("stable.pages");
    let mut bytes = fs::read(&stable).expect("stable file");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    fs::write(&stable, &bytes).expect("corrupted");
    let error = state.load(&vm, "c").err().expect("corruption is detected");
    assert_eq!(error.path, stable);
    assert!(error.to_string().contains("stable.pages"), "{error}");
}

#[test]
fn truncated_state_file_gives_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    let vm = vm();
    let canister = install(&vm, Counter::V1);
    state.save("c", &canister).expect("saved");
    for file in ["heap.pages", "meta.txt"] {
        let path = generation(dir.path(), "c").join(file);
        let original = fs::read(&path).expect("file");
        fs::write(&path, &original[..original.len() / 2]).expect("truncated");
        let error = state.load(&vm, "c").err().expect("truncation is detected");
        assert_eq!(error.path, path, "{error}");
        fs::write(&path, &original).expect("restored");
    }
}

#[test]
fn stable_memory_is_stored_sparsely() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    assert_eq!(number(&canister.update(&vm, "big_stable", b"")), 16384);
    assert_eq!(canister.stable_memory_size(), 1 << 30);
    state.save("c", &canister).expect("saved");
    let size = fs::metadata(generation(dir.path(), "c").join("stable.pages"))
        .expect("stable file")
        .len();
    assert!(size < 200_000, "stable.pages is {size} bytes");
    let loaded = state.load(&vm, "c").expect("loads").expect("saved");
    assert_eq!(loaded.stable_memory_size(), 1 << 30);
}

#[test]
fn invalid_canister_name_is_an_error() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    assert!(state.load(&vm(), "../escape").is_err());
}

#[test]
fn next_canister_id_skips_ids_in_use() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state = StateDir::open(dir.path()).expect("state dir");
    assert_eq!(
        state.next_canister_id().expect("id"),
        principal::canister_id_text(0)
    );
    let vm = vm();
    let canister = install(&vm, Counter::V1);
    state.save("c", &canister).expect("saved");
    assert_eq!(
        state.next_canister_id().expect("id"),
        principal::canister_id_text(1)
    );
}
