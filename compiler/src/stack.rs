//! The stack the compiler's passes run on.
//!
//! The passes after the parser recurse on the syntax tree, the checker's types and the IR, so
//! the stack they need grows with the nesting of the program, which the parser bounds
//! (`syntax::nesting::MAX_NESTING`) and the signature parsers bound for theirs. The worst
//! case measured in a debug build is about 25 KiB of stack per level (nested function
//! expressions, through checking, lowering and code generation; most constructs need 5 to 13
//! KiB), so a program at the limit needs some 25 MiB: more than a test thread's 2 MiB or a
//! main thread's usual 8 MiB. Every public entry point of the crate therefore runs its work
//! on a thread of its own with [`STACK_BYTES`] of stack, which the operating system only
//! backs with memory as it is used, whatever thread calls it. This module does no work of its
//! own and does not decide any limit.

/// Ten times the worst case measured at the nesting limit.
pub(crate) const STACK_BYTES: usize = 256 << 20;

/// Runs `work` on a thread with [`STACK_BYTES`] of stack and returns its result; a panic in
/// it is resumed here. When the system refuses another thread, `work` runs on the caller's
/// stack, which is enough for every program that is not nested hundreds of levels deep.
pub(crate) fn with_compiler_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let slot = std::sync::Mutex::new(Some(work));
    let take = || slot.lock().ok().and_then(|mut guard| guard.take());
    let spawned = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("minimo-compiler".to_string())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || take().map(|work| work()));
        match thread {
            Ok(handle) => match handle.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        }
    });
    if let Some(result) = spawned {
        return result;
    }
    // The thread did not start, so the work is still in its slot.
    let work = take().expect("work that no thread took is still in its slot");
    work()
}
