//! Advisory inter-process lock on the data directory.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

/// Name of the lock file inside the data directory.
pub const LOCK_FILE: &str = "annotations.lock";

/// How long to wait for another instance before giving up.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(15);

/// Holds the exclusive lock until dropped (the OS also releases it if the
/// process dies, so a crash never leaves the store locked).
#[derive(Debug)]
pub struct DirLock {
    file: File,
}

impl DirLock {
    /// Takes the lock on `dir`, waiting up to `LOCK_TIMEOUT`.
    pub fn acquire(dir: &Path) -> io::Result<DirLock> {
        Self::acquire_within(dir, LOCK_TIMEOUT)
    }

    /// Takes the lock on `dir`, waiting up to `timeout`.
    pub fn acquire_within(dir: &Path, timeout: Duration) -> io::Result<DirLock> {
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        let deadline = Instant::now() + timeout;
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(DirLock { file }),
                Err(TryLockError::Error(e)) => return Err(e),
                Err(TryLockError::WouldBlock) if Instant::now() >= deadline => {
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!(
                            "another plenary has held {} for over {:.1} s",
                            path.display(),
                            timeout.as_secs_f64()
                        ),
                    ));
                }
                Err(TryLockError::WouldBlock) => {
                    thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(2));
                }
            }
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first is tidier.
        let _ = self.file.unlock();
    }
}
