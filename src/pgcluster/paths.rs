//! Which paths PostgreSQL can be handed: the data folder and the socket directory.

use std::path::Path;

use super::error::EmbeddedError;

/// `sun_path` is 108 bytes on Linux, including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;

/// pg_ctl pastes the data directory into a shell command line in double quotes, and the socket
/// directory goes into a quoted config value; refuse what would break out of either.
pub(super) fn check_path_chars(path: &Path) -> Result<(), EmbeddedError> {
    let Some(s) = path.to_str() else {
        return Err(EmbeddedError::UnsupportedPath {
            path: path.to_owned(),
            reason: "not valid UTF-8",
        });
    };
    if s.chars()
        .any(|c| matches!(c, '"' | '\'' | '\\' | '$' | '`' | '\n' | '\r'))
    {
        return Err(EmbeddedError::UnsupportedPath {
            path: path.to_owned(),
            reason: "contains a quote, backslash, `$`, backquote or newline",
        });
    }
    Ok(())
}

/// `sun_path` caps the length, and `unix_socket_directories` is a list split on spaces and commas.
pub(super) fn socket_dir_usable(dir: &Path, port: u16) -> bool {
    let fits = dir.join(format!(".s.PGSQL.{port}")).as_os_str().len() <= MAX_SOCKET_PATH;
    fits && !dir
        .to_string_lossy()
        .contains(|c: char| c.is_whitespace() || c == ',')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pgcluster::PORT;
    use std::path::PathBuf;

    #[test]
    fn long_or_spaced_socket_dirs_are_not_used() {
        assert!(socket_dir_usable(Path::new("/work/app/var/run"), PORT));
        assert!(!socket_dir_usable(Path::new("/work/my app/var/run"), PORT));
        let long = PathBuf::from(format!("/{}", "d".repeat(100)));
        assert!(!socket_dir_usable(&long, PORT));
    }

    #[test]
    fn shell_and_config_metacharacters_are_refused() {
        assert!(check_path_chars(Path::new("/srv/claim desk/var")).is_ok());
        for bad in ["/srv/a\"b", "/srv/a'b", "/srv/$HOME", "/srv/a`b`"] {
            assert!(matches!(
                check_path_chars(Path::new(bad)),
                Err(EmbeddedError::UnsupportedPath { .. })
            ));
        }
    }
}
