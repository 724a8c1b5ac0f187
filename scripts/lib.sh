# Sourced by the scripts in this folder (after they cd to the repository root).

# Builds the release binary and prints its path; honours CARGO_TARGET_DIR.
build_release() {
  cargo build --release --quiet >&2 || return
  printf '%s\n' "${CARGO_TARGET_DIR:-target}/release/claimdesk"
}

# Seeds `$3` on the server `$2` with `$4` articles x `$5` claims
# (scripts/seed-bench.py) unless it already holds them, and adds the bench
# editor (bench@claimdesk.local). `$1` is the claimdesk binary.
seed_bench_db() {
  local bin=$1 server=$2 db=$3 articles=$4 per=$5
  local url="$server/$db" want=$(($4 * $5)) have
  # Seeded claims only: benches may add their own.
  have=$(psql "$url" -Atqc "select count(*) from claims where id <= '01900000-0000-7000-9000-ffffffffffff'" 2>/dev/null || echo 0)
  if [[ $have != "$want" ]]; then
    echo "seeding $db with $articles articles x $per claims"
    psql "$server/postgres" -qc "drop database if exists $db" -c "create database $db"
    DATABASE_URL=$url $bin migrate
    time python3 scripts/seed-bench.py "$url" --articles "$articles" --per "$per"
  else
    DATABASE_URL=$url $bin migrate >/dev/null
  fi
  if [[ -z $(psql "$url" -Atqc "select 1 from users where email = 'bench@claimdesk.local'") ]]; then
    DATABASE_URL=$url CLAIMDESK_PASSWORD="bench password here" $bin user add --email bench@claimdesk.local --name Bench --role editor >/dev/null
  fi
}
