//! The flocks that let several processes share one data folder.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use super::error::EmbeddedError;
use super::error::io_err;

pub(super) fn open_lock_file(path: &Path) -> Result<File, EmbeddedError> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .map_err(io_err(format!("opening {}", path.display())))
}

/// Polls instead of blocking so no runtime thread is parked on `flock`, and so a stuck holder
/// yields an error rather than a hang.
pub(super) async fn lock_exclusive(path: &Path, wait: Duration) -> Result<File, EmbeddedError> {
    let file = open_lock_file(path)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(TryLockError::WouldBlock) => {
                return Err(EmbeddedError::LockTimeout {
                    path: path.to_owned(),
                    waited: wait,
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(io_err(format!("locking {}", path.display()))(e));
            }
        }
    }
}
