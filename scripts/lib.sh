# Sourced by the scripts in this folder (after they cd to the repository root).

# Builds the release binary and prints its path; honours CARGO_TARGET_DIR.
build_release() {
  cargo build --release --quiet >&2 || return
  printf '%s\n' "${CARGO_TARGET_DIR:-target}/release/claimdesk"
}
