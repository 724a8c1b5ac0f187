//! Finding `initdb`, `pg_ctl` and `postgres` on the machine.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::EmbeddedError;

/// Environment variable naming the directory holding `initdb`, `pg_ctl` and `postgres`.
pub const BINDIR_ENV: &str = "CLAIMDESK_PG_BINDIR";

const REQUIRED_BINARIES: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

/// Picks the directory holding the server programs; see [`EmbeddedOptions::bin_dir`](super::EmbeddedOptions::bin_dir). An
/// existing cluster prefers the major version it was made with, since others cannot open it.
pub fn find_bin_dir(explicit: Option<&Path>, cluster: &Path) -> Result<PathBuf, EmbeddedError> {
    let mut searched = Vec::new();
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = explicit {
        candidates.push(dir.to_owned());
    } else if let Some(dir) = std::env::var_os(BINDIR_ENV) {
        candidates.push(dir.into());
    } else {
        let versions = Path::new("/usr/lib/postgresql");
        if let Ok(v) = fs::read_to_string(cluster.join("PG_VERSION")) {
            candidates.push(versions.join(v.trim()).join("bin"));
        }
        // Debian's pg_config may belong to the client package and point at a directory without
        // the server programs, hence the check below rather than trusting it.
        if let Ok(out) = std::process::Command::new("pg_config")
            .arg("--bindir")
            .output()
            && out.status.success()
        {
            let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if !dir.is_empty() {
                candidates.push(dir.into());
            }
        } else {
            searched.push("pg_config --bindir (not available)".to_owned());
        }
        let mut installed: Vec<(u32, PathBuf)> = fs::read_dir(versions)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let major = e.file_name().to_str()?.parse::<u32>().ok()?;
                Some((major, e.path().join("bin")))
            })
            .collect();
        installed.sort();
        candidates.extend(installed.into_iter().rev().map(|(_, dir)| dir));
        if candidates.is_empty() {
            searched.push(format!("{}/*/bin", versions.display()));
        }
    }
    for dir in candidates {
        if REQUIRED_BINARIES.iter().all(|b| dir.join(b).is_file()) {
            return Ok(dir);
        }
        searched.push(dir.display().to_string());
    }
    Err(EmbeddedError::BinariesNotFound {
        searched: searched.join(", "),
    })
}
