//! Running the PostgreSQL programs, as the `postgres` system user when we are root.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;

use tokio::process::Command;

use super::account::SYSTEM_USER;
use super::error::EmbeddedError;
use super::error::io_err;

/// The account PostgreSQL programs run as: ourselves, or `postgres` when we are root.
#[derive(Clone, Copy, Debug)]
pub(super) enum RunAs {
    CurrentUser,
    System { uid: u32, gid: u32 },
}

/// The uid and gid of [`SYSTEM_USER`] when we are root (the user PostgreSQL will run as), `None`
/// when we are not; as root without that user, [`EmbeddedError::SystemUserMissing`].
pub(super) fn system_user() -> Result<Option<(u32, u32)>, EmbeddedError> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    let user = nix::unistd::User::from_name(SYSTEM_USER)
        .map_err(|e| io_err(format!("looking up user {SYSTEM_USER}"))(e.into()))?
        .ok_or(EmbeddedError::SystemUserMissing)?;
    Ok(Some((user.uid.as_raw(), user.gid.as_raw())))
}

impl RunAs {
    pub(super) fn detect(data_dir: &Path) -> Result<Self, EmbeddedError> {
        let Some((uid, gid)) = system_user()? else {
            return Ok(Self::CurrentUser);
        };
        // Only the permission bits: supplementary groups and ACLs are not considered, so a rare
        // setup that would work is refused with advice rather than failing later, obscurely.
        for dir in data_dir.ancestors() {
            let meta = fs::metadata(dir).map_err(io_err(format!("reading {}", dir.display())))?;
            let mode = meta.permissions().mode();
            let bit = if meta.uid() == uid {
                0o100
            } else if meta.gid() == gid {
                0o010
            } else {
                0o001
            };
            if mode & bit == 0 {
                return Err(EmbeddedError::NotTraversable {
                    dir: dir.to_owned(),
                    mode: mode & 0o7777,
                });
            }
        }
        Ok(Self::System { uid, gid })
    }
}

#[derive(Debug)]
pub(super) struct PgRunner {
    pub(super) bin_dir: PathBuf,
    pub(super) run_as: RunAs,
}

impl PgRunner {
    pub(super) async fn output<I, S>(&self, program: &str, args: I) -> Result<Output, EmbeddedError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let path = self.bin_dir.join(program);
        let mut cmd = Command::new(&path);
        cmd.args(args)
            // The caller's cwd (e.g. /root) may be closed to the postgres user.
            .current_dir("/")
            .env_remove("PGDATA")
            .env_remove("PGPORT")
            .env_remove("PGHOST")
            .stdin(std::process::Stdio::null());
        if let RunAs::System { uid, gid } = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        cmd.output()
            .await
            .map_err(io_err(format!("running {}", path.display())))
    }

    pub(super) async fn run<I, S>(&self, program: &str, args: I) -> Result<Output, EmbeddedError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let args: Vec<S> = args.into_iter().collect();
        let command = std::iter::once(program.to_owned())
            .chain(
                args.iter()
                    .map(|a| a.as_ref().to_string_lossy().into_owned()),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let out = self.output(program, args).await?;
        if out.status.success() {
            Ok(out)
        } else {
            Err(EmbeddedError::Command {
                command,
                status: out.status.to_string(),
                output: describe(&out),
            })
        }
    }

    /// Creates `dir` (if missing) with mode 0700, owned by the server's user.
    pub(super) fn make_private_dir(&self, dir: &Path) -> Result<(), EmbeddedError> {
        match fs::DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_err(format!("creating {}", dir.display()))(e)),
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(io_err(format!("chmod 700 {}", dir.display())))?;
        self.give(dir)
    }

    /// Hands a file or directory we created to the server's user.
    pub(super) fn give(&self, path: &Path) -> Result<(), EmbeddedError> {
        if let RunAs::System { uid, gid } = self.run_as {
            std::os::unix::fs::chown(path, Some(uid), Some(gid))
                .map_err(io_err(format!("chown {}", path.display())))?;
        }
        Ok(())
    }
}

pub(super) fn describe(out: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = text.trim();
    if text.is_empty() {
        format!("exit status {}", out.status)
    } else {
        text.to_owned()
    }
}
