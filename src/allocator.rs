//! The memory allocator the `policy-align` tool, the examples that time the pipeline and the
//! benches run on (feature `mimalloc`, on by default): [mimalloc](https://docs.rs/mimalloc),
//! tuned to hand memory back to the system soon after it is freed.
//!
//! The pipeline makes and drops many small strings and vectors: a comparison of the bundled
//! pair allocates about 15,000 times. With the system allocator (glibc) a fifth of a warm
//! comparison went to allocating and freeing; mimalloc takes a comparison from 2.4 ms to
//! 2.0 ms, and `diffuse` on 10,000 documents from about 18 s to about 16 s (2 cores, see the
//! README's speed section). The library itself never sets an allocator: a program that uses
//! the crate keeps its own unless it opts in, as the tool does:
//!
//! ```no_run
//! #[global_allocator]
//! static GLOBAL: policy_align::allocator::Allocator = policy_align::allocator::Allocator;
//!
//! fn main() {
//!     policy_align::allocator::tune();
//!     // …
//! }
//! ```

/// mimalloc, to be set as a program's global allocator (`#[global_allocator]`).
pub use mimalloc::MiMalloc as Allocator;

// mimalloc's option setter (mimalloc.h), linked with the allocator.
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_arena_eager_commit` in mimalloc.h: whether the memory reserved for an arena is
/// committed at once.
const ARENA_EAGER_COMMIT: std::ffi::c_int = 4;

/// `mi_option_purge_delay` in mimalloc.h: how long freed memory is kept before it is handed
/// back to the system, in milliseconds.
const PURGE_DELAY: std::ffi::c_int = 15;

/// Tunes mimalloc for the pipeline's runs: arenas committed as they are used, not at once, and
/// freed memory handed back after 5 ms rather than 10. On 10,000 documents, `diffuse` peaked
/// at 1,955 MiB with mimalloc's defaults and 1,808 MiB tuned (1,793-1,901 MiB with glibc), at
/// about the same speed. Call it first thing in `main`; it changes only how mimalloc behaves, and does
/// nothing to a program whose allocator is another.
pub fn tune() {
    // SAFETY: `mi_option_set` only stores an option's value; both options exist in every
    // mimalloc since 2.0, and mimalloc ignores a value it does not know.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, 5);
    }
}
