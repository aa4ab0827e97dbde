//! The state directory's lock: writers exclude everyone, readers share, a waiter is told whom
//! it waits for, and the lock ends with its holder.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use minimo_runtime::{Access, StateDir, Waiting, NOTICE_AFTER};

use crate::{install, vm, Counter};

fn open(root: &std::path::Path, access: Access) -> StateDir {
    StateDir::open_with(root, access, &mut |_| {}).expect("state dir")
}

#[test]
fn a_second_writer_waits_for_the_first_and_is_told_its_pid() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path().to_path_buf();
    let first = open(&root, Access::Write);
    let (opened, got) = mpsc::channel();
    let waiter = thread::spawn(move || {
        let mut notices: Vec<Waiting> = Vec::new();
        let second = StateDir::open_with(&root, Access::Write, &mut |waiting| {
            notices.push(waiting.clone())
        });
        opened.send(()).expect("the test waits");
        (second.is_ok(), notices)
    });
    // Still waiting well after the notice is due.
    assert!(
        got.recv_timeout(NOTICE_AFTER * 2).is_err(),
        "the second writer got in"
    );
    drop(first);
    let (ok, notices) = waiter.join().expect("the waiter ends");
    assert!(ok);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].holder, Some(std::process::id()));
    assert!(notices[0]
        .to_string()
        .contains("waiting for minimo process"));
}

#[test]
fn readers_share_the_lock() {
    let dir = tempfile::tempdir().expect("temporary directory");
    open(dir.path(), Access::Write);
    let _first = open(dir.path(), Access::Read);
    let mut waited = false;
    let _second =
        StateDir::open_with(dir.path(), Access::Read, &mut |_| waited = true).expect("state dir");
    assert!(!waited);
}

#[test]
fn a_writer_waits_for_a_reader() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path().to_path_buf();
    open(&root, Access::Write);
    let reader = open(&root, Access::Read);
    let (opened, got) = mpsc::channel();
    let writer = thread::spawn(move || {
        let writer = open(&root, Access::Write);
        opened.send(()).expect("the test waits");
        drop(writer);
    });
    assert!(
        got.recv_timeout(Duration::from_millis(300)).is_err(),
        "the writer got in"
    );
    drop(reader);
    got.recv_timeout(Duration::from_secs(10))
        .expect("the writer gets in once the reader is gone");
    writer.join().expect("the writer ends");
}

#[test]
fn a_directory_opened_for_reading_cannot_save() {
    let dir = tempfile::tempdir().expect("temporary directory");
    open(dir.path(), Access::Write);
    let state = open(dir.path(), Access::Read);
    let canister = install(&vm(), Counter::V1);
    let error = state.save("c", &canister).expect_err("the save is refused");
    assert!(error.to_string().contains("opened for reading"), "{error}");
}

#[test]
fn the_lock_file_names_its_writer_only_while_it_holds_the_lock() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let lock = dir.path().join("lock");
    let state = open(dir.path(), Access::Write);
    let text = std::fs::read_to_string(&lock).expect("lock file");
    assert_eq!(text, format!("pid {}\n", std::process::id()));
    drop(state);
    assert_eq!(std::fs::read_to_string(&lock).expect("lock file"), "");
}

#[test]
fn a_lock_file_that_is_a_link_is_refused() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").expect("victim");
    let root = dir.path().join("state");
    std::fs::create_dir(&root).expect("root");
    std::os::unix::fs::symlink(&victim, root.join("lock")).expect("link made");
    let error = StateDir::open(&root).err().expect("refused");
    assert_eq!(error.path, root.join("lock"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious"
    );
}
