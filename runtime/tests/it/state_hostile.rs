//! The state directory against links, special files and huge files put into it: each is
//! refused with an error naming the entry, nothing outside the directory is written, and no
//! read hangs or allocates without bound.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use minimo_runtime::StateDir;

use crate::{counters, install, vm, Counter};

/// A state directory holding canister `c` (counter at 1), and a folder beside it standing for
/// "outside the state directory".
struct Fixture {
    _temp: tempfile::TempDir,
    root: PathBuf,
    outside: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let temp = tempfile::tempdir().expect("temporary directory");
        let root = temp.path().join("state");
        let outside = temp.path().join("outside");
        fs::create_dir(&outside).expect("outside folder");
        let state = StateDir::open(&root).expect("state dir");
        let vm = vm();
        let mut canister = install(&vm, Counter::V1);
        canister.update(&vm, "inc", b"");
        state.save("c", &canister).expect("saved");
        Fixture {
            _temp: temp,
            root,
            outside,
        }
    }

    fn canister_folder(&self) -> PathBuf {
        self.root.join("canisters/c")
    }

    fn generation(&self) -> PathBuf {
        let current = fs::read_to_string(self.canister_folder().join("CURRENT")).expect("CURRENT");
        self.canister_folder().join(current.trim())
    }

    /// A file outside the state directory, whose content must never change.
    fn victim(&self) -> PathBuf {
        let path = self.outside.join("precious.txt");
        fs::write(&path, "precious").expect("victim file");
        path
    }

    /// Replaces `path` by a link to `target`.
    fn link(&self, path: &Path, target: &Path) {
        if path.is_dir() {
            fs::remove_dir_all(path).expect("removed");
        } else if fs::symlink_metadata(path).is_ok() {
            fs::remove_file(path).expect("removed");
        }
        symlink(target, path).expect("link made");
    }

    fn load_error(&self) -> String {
        let state = StateDir::open(&self.root).expect("state dir");
        let started = Instant::now();
        let error = state.load(&vm(), "c").err().expect("the load is refused");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the load took long"
        );
        error.to_string()
    }
}

#[test]
fn a_link_at_a_temporary_current_is_refused_and_its_target_is_untouched() {
    let fixture = Fixture::new();
    let victim = fixture.victim();
    let temporary = fixture.canister_folder().join("CURRENT.tmp");
    fixture.link(&temporary, &victim);
    let state = StateDir::open(&fixture.root).expect("state dir");
    let vm = vm();
    let error = state.load(&vm, "c").err().expect("the load is refused");
    assert_eq!(error.path, temporary, "{error}");
    assert!(error.to_string().contains("symbolic link"), "{error}");
    let canister = install(&vm, Counter::V1);
    let error = state.save("c", &canister).expect_err("the save is refused");
    assert_eq!(error.path, temporary, "{error}");
    assert_eq!(fs::read_to_string(&victim).expect("victim"), "precious");
}

#[test]
fn a_state_file_linked_outside_is_refused_and_its_target_is_untouched() {
    let fixture = Fixture::new();
    let victim = fixture.victim();
    let meta = fixture.generation().join("meta.txt");
    fixture.link(&meta, &victim);
    let error = fixture.load_error();
    assert!(error.contains("meta.txt"), "{error}");
    assert!(error.contains("symbolic link"), "{error}");
    assert_eq!(fs::read_to_string(&victim).expect("victim"), "precious");
}

#[test]
fn a_state_file_linked_to_dev_zero_is_an_error_not_a_hang() {
    let fixture = Fixture::new();
    // An endless file where a text is expected: reading it whole would never end.
    let meta = fixture.generation().join("meta.txt");
    fixture.link(&meta, Path::new("/dev/zero"));
    let error = fixture.load_error();
    assert!(error.contains("meta.txt"), "{error}");
}

#[test]
fn a_state_file_that_is_a_fifo_is_an_error_not_a_hang() {
    let fixture = Fixture::new();
    let module = fixture.generation().join("module.wasm");
    fs::remove_file(&module).expect("removed");
    let made = std::process::Command::new("mkfifo")
        .arg(&module)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let error = fixture.load_error();
    assert!(error.contains("module.wasm"), "{error}");
    assert!(error.contains("FIFO"), "{error}");
}

#[test]
fn a_current_that_is_a_device_is_an_error_not_a_hang() {
    let fixture = Fixture::new();
    fixture.link(
        &fixture.canister_folder().join("CURRENT"),
        Path::new("/dev/zero"),
    );
    let error = fixture.load_error();
    assert!(error.contains("CURRENT"), "{error}");
}

#[test]
fn a_state_file_larger_than_its_limit_is_refused_before_it_is_read() {
    let fixture = Fixture::new();
    // A sparse file: 200 MiB long by its metadata, nothing on the disk.
    let module = fixture.generation().join("module.wasm");
    fs::File::options()
        .write(true)
        .open(&module)
        .and_then(|file| file.set_len(200 << 20))
        .expect("grown");
    let error = fixture.load_error();
    assert!(error.contains("module.wasm"), "{error}");
    assert!(error.contains("larger than"), "{error}");
}

#[test]
fn a_pages_file_announcing_more_than_the_vm_allows_is_refused() {
    let fixture = Fixture::new();
    let stable = fixture.generation().join("stable.pages");
    let mut bytes = fs::read(&stable).expect("stable file");
    // The memory's size in pages follows the 15-byte magic.
    bytes[15..23].copy_from_slice(&u64::MAX.to_le_bytes());
    fs::write(&stable, &bytes).expect("written");
    let error = fixture.load_error();
    assert!(error.contains("stable.pages"), "{error}");
    assert!(error.contains("exceeds the VM's limit"), "{error}");
}

#[test]
fn a_linked_generation_folder_is_refused() {
    let fixture = Fixture::new();
    let generation = fixture.generation();
    let copy = fixture.outside.join("copy");
    fs::rename(&generation, &copy).expect("moved out");
    symlink(&copy, &generation).expect("link made");
    let error = fixture.load_error();
    assert!(error.contains(&*generation.to_string_lossy()), "{error}");
    assert!(error.contains("symbolic link"), "{error}");
}

#[test]
fn a_linked_canister_folder_is_refused() {
    let fixture = Fixture::new();
    let folder = fixture.canister_folder();
    let copy = fixture.outside.join("c");
    fs::rename(&folder, &copy).expect("moved out");
    symlink(&copy, &folder).expect("link made");
    let state = StateDir::open(&fixture.root).expect("state dir");
    let error = state.names().expect_err("listing is refused");
    assert_eq!(error.path, folder, "{error}");
    let error = state.load(&vm(), "c").err().expect("the load is refused");
    assert_eq!(error.path, folder, "{error}");
}

#[test]
fn a_linked_state_directory_root_is_followed() {
    // The root is the user's to place: `.minimo` may point at a folder elsewhere.
    let fixture = Fixture::new();
    let link = fixture.outside.join("state-link");
    symlink(&fixture.root, &link).expect("link made");
    let state = StateDir::open(&link).expect("state dir");
    let vm = vm();
    let mut canister = state.load(&vm, "c").expect("loads").expect("saved");
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn a_state_directory_that_is_a_file_is_refused_naming_it() {
    let fixture = Fixture::new();
    let file = fixture.outside.join("not-a-folder");
    fs::write(&file, "data").expect("file written");
    let error = StateDir::open(&file).err().expect("refused");
    assert_eq!(error.path, file, "{error}");
    assert!(error.problem.contains("not a directory"), "{error}");
    assert_eq!(fs::read_to_string(&file).expect("still there"), "data");
}

#[test]
fn a_directory_written_before_the_lock_existed_loads_and_saves() {
    // Earlier versions wrote no lock file and used one `CURRENT.tmp`, which a crash could
    // leave behind.
    let fixture = Fixture::new();
    fs::remove_file(fixture.root.join("lock")).expect("lock file removed");
    let leftover = fixture.canister_folder().join("CURRENT.tmp");
    fs::write(&leftover, "g1\n").expect("leftover");
    let state = StateDir::open(&fixture.root).expect("state dir");
    let vm = vm();
    let mut canister = state.load(&vm, "c").expect("loads").expect("saved");
    canister.update(&vm, "inc", b"");
    state.save("c", &canister).expect("saved");
    assert!(
        !leftover.exists(),
        "the leftover temporary file is cleaned up"
    );
    let mut again = state.load(&vm, "c").expect("loads").expect("saved");
    assert_eq!(counters(&vm, &mut again), (2, 2, 2));
}

#[test]
fn a_save_never_reuses_a_generation_number_and_deletes_the_older_ones() {
    let fixture = Fixture::new();
    let folder = fixture.canister_folder();
    let committed = fixture.generation();
    // A folder left by a crashed writer, numbered above the committed one.
    let stray = folder.join("g7");
    fs::create_dir(&stray).expect("stray folder");
    let state = StateDir::open(&fixture.root).expect("state dir");
    let vm = vm();
    let canister = state.load(&vm, "c").expect("loads").expect("saved");
    state.save("c", &canister).expect("saved");
    assert_eq!(
        fixture.generation(),
        folder.join("g8"),
        "never reuses a number"
    );
    assert!(
        !committed.exists() && !stray.exists(),
        "older generations are gone"
    );
}
