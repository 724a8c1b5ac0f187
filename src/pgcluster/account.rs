//! Who the server runs as.

/// The OS account PostgreSQL runs as when we are root (Debian's package creates it).
pub(super) const SYSTEM_USER: &str = "postgres";
