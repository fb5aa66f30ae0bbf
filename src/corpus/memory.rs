//! Giving memory freed by the analysis back to the system.
//!
//! The analysis of a large document allocates on several threads and frees
//! most of it when it is done (tokens, candidate lists, the corpus step's
//! working sets). glibc's allocator keeps such memory in per-thread arenas
//! for reuse, so without a trim the process's private memory stays near
//! its peak for as long as the reader is open.

/// Returns free heap pages to the system where the allocator keeps them
/// (glibc); elsewhere does nothing. Costs a walk over the free lists.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory that is already free; it
    // is thread-safe and takes no pointer.
    unsafe {
        libc::malloc_trim(0);
    }
}
