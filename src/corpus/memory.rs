//! Giving memory freed by the analysis back to the system.
//!
//! The analysis of a large document allocates on several threads and frees
//! most of it when it is done (tokens, candidate lists, the corpus step's
//! working sets). glibc's allocator keeps such memory in per-thread arenas
//! for reuse, so without a trim the process's private memory stays near
//! its peak for as long as the reader is open.

/// Large blocks (from [`LARGE_BLOCK`] up) get pages of their own from the
/// system, given back as soon as they are freed.
///
/// glibc starts the same way, but each time such a block is freed it raises
/// that bound to the block's size (up to 32 MB). After the first large
/// list is freed, the next ones of that size (a document piece's tokens,
/// its mentions, a turn list) are carved from the heap arenas, whose freed
/// memory is kept for reuse: with several threads allocating, private
/// memory stayed a third above what was in use. Fixing the bound keeps it
/// where it starts. Called once, before any thread starts.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` takes no pointer; setting the threshold only
    // changes where later allocations come from.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE_BLOCK as libc::c_int);
    }
}

/// The size from which a block is mapped on its own (see [`tune_allocator`]).
pub const LARGE_BLOCK: usize = 1024 * 1024;

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
