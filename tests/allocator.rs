//! Large blocks are given back to the system when freed, however large the
//! blocks freed before them (its own test binary: the allocator's counters
//! are process-wide).

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn a_large_block_is_mapped_on_its_own_after_a_larger_one_was_freed() {
    fn mapped() -> usize {
        // SAFETY: mallinfo2 only reads the allocator's counters.
        unsafe { libc::mallinfo2().hblkhd }
    }
    plenary::corpus::tune_allocator();
    let big = plenary::corpus::LARGE_BLOCK * 16;
    // A large list freed: glibc's own rule would now keep blocks up to its
    // size in the heap, where freed memory stays with the process.
    // `black_box`: an optimised build would otherwise never allocate them.
    let first = std::hint::black_box(vec![1u8; big]);
    assert!(mapped() >= big);
    drop(first);
    let before = mapped();
    let second = std::hint::black_box(vec![2u8; big / 2]);
    assert!(
        mapped() >= before + big / 2,
        "a {} MB block came from the heap",
        big / 2 / 1_000_000
    );
    drop(second);
    assert_eq!(mapped(), before, "the block was given back when freed");
}
