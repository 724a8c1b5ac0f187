//! The server log, `<data_dir>/pg.log`: rotated at each start, and its tail quoted when a
//! start fails.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::error::io_err;
use super::{EmbeddedError, EmbeddedPostgres};

impl EmbeddedPostgres {
    /// Rotates the log if it is past [`LOG_ROTATE_BYTES`] and creates it for the server's user:
    /// pg_ctl opens the log as that user, and it may not create files in data_dir. Readable by
    /// that user alone (and root): it quotes failed statements and connection details.
    pub(super) fn prepare_log(&self) -> Result<PathBuf, EmbeddedError> {
        let log = self.log_file();
        rotate_log(&log, LOG_ROTATE_BYTES)
            .map_err(io_err(format!("rotating {}", log.display())))?;
        OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&log)
            .map_err(io_err(format!("creating {}", log.display())))?;
        // `mode` only applies to a new file; a log an older version made is closed here.
        fs::set_permissions(&log, fs::Permissions::from_mode(0o600))
            .map_err(io_err(format!("chmod 600 {}", log.display())))?;
        self.pg.give(&log)?;
        Ok(log)
    }
}

pub(super) fn log_tail(path: &Path, lines: usize) -> String {
    let read = || -> io::Result<String> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        file.seek(SeekFrom::Start(len.saturating_sub(16 * 1024)))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };
    match read() {
        Ok(text) => {
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(e) => format!("(could not read the log: {e})"),
    }
}

/// The server appends to one log for as long as the data folder lives; each
/// start keeps at most one old generation, so the two stay bounded by about
/// twice this plus what one run writes.
const LOG_ROTATE_BYTES: u64 = 16 * 1024 * 1024;

/// Moves `log` to `<log>.1` (replacing an older one) when it is past `max`.
fn rotate_log(log: &Path, max: u64) -> std::io::Result<()> {
    match fs::metadata(log) {
        Ok(m) if m.len() > max => {
            let mut old = log.as_os_str().to_owned();
            old.push(".1");
            fs::rename(log, PathBuf::from(old))
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_past_its_limit_moves_aside_at_start() {
        let dir = std::env::temp_dir().join(format!("claimdesk-logrot-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let log = dir.join("pg.log");
        let old = dir.join("pg.log.1");
        rotate_log(&log, 10).unwrap();
        assert!(!log.exists() && !old.exists(), "no log, nothing to do");
        fs::write(&log, "0123456789").unwrap();
        rotate_log(&log, 10).unwrap();
        assert!(log.exists() && !old.exists(), "at the limit it stays");
        fs::write(&log, "0123456789A").unwrap();
        fs::write(&old, "older").unwrap();
        rotate_log(&log, 10).unwrap();
        assert!(!log.exists());
        assert_eq!(fs::read_to_string(&old).unwrap(), "0123456789A");
        fs::remove_dir_all(&dir).unwrap();
    }
}
