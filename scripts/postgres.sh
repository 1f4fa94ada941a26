#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests against a real engine (issue 14.5).
#
#   scripts/postgres.sh run -- COMMAND...   start a server, run COMMAND with its address in
#                                           the environment, stop the server (always: on
#                                           success, failure, Ctrl-C or kill), exit as COMMAND
#
# The server comes from Debian's postgresql package (installed with apt-get when missing,
# as root), lives in a temporary folder, listens on 127.0.0.1 only, on a free port, with
# one user that logs in with a password (scram-sha-256). COMMAND sees:
#   KPI_LENS_TEST_PGHOST, KPI_LENS_TEST_PGPORT, KPI_LENS_TEST_PGUSER,
#   KPI_LENS_TEST_PGPASSWORD, KPI_LENS_TEST_PGDATABASE
# (names of KPI Lens' own, so that nothing else on the machine picks them up as PG* would).
set -euo pipefail

if [[ "${1:-}" != run || "${2:-}" != -- || $# -lt 3 ]]; then
  echo "usage: scripts/postgres.sh run -- COMMAND..." >&2
  exit 2
fi
shift 2

bindir() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$initdb" ]] && dirname "$initdb"
}

BIN=$(bindir || true)
if [[ -z "$BIN" ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "postgres.sh: PostgreSQL is not installed; install it with: sudo apt-get install postgresql" >&2
    exit 1
  fi
  echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql </dev/null >/dev/null
  BIN=$(bindir)
fi

# initdb and postgres refuse to run as root: as root, the server runs as Debian's postgres user.
as_server() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

DIR=$(mktemp -d /tmp/kpi-lens-pg.XXXXXX)
chmod 755 "$DIR"
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
PASSWORD=$(node -e 'console.log(require("crypto").randomBytes(18).toString("base64url"))')
USER_NAME=kpi_lens
DATABASE=kpi_lens_test
[[ $(id -u) -eq 0 ]] && chown postgres "$DIR"

stop() {
  local code=$?
  trap - EXIT INT TERM
  if [[ -f "$DIR/data/postmaster.pid" ]]; then
    as_server "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  exit "$code"
}
child=
forward() {
  [[ -n "$child" ]] && kill "-$1" "$child" 2>/dev/null
  exit "$2"
}
trap stop EXIT
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM

printf '%s\n' "$PASSWORD" >"$DIR/pwfile"
[[ $(id -u) -eq 0 ]] && chown postgres "$DIR/pwfile"
as_server "$BIN/initdb" -D "$DIR/data" -U "$USER_NAME" --pwfile="$DIR/pwfile" \
  --auth=scram-sha-256 --encoding=UTF8 --locale=C >"$DIR/initdb.log" 2>&1 || {
  cat "$DIR/initdb.log" >&2
  exit 1
}
rm -f "$DIR/pwfile"
as_server "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -k $DIR -c fsync=off" start >/dev/null || {
  cat "$DIR/server.log" >&2
  exit 1
}
PGPASSWORD="$PASSWORD" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE $DATABASE" >/dev/null

export KPI_LENS_TEST_PGHOST=127.0.0.1
export KPI_LENS_TEST_PGPORT="$PORT"
export KPI_LENS_TEST_PGUSER="$USER_NAME"
export KPI_LENS_TEST_PGPASSWORD="$PASSWORD"
export KPI_LENS_TEST_PGDATABASE="$DATABASE"
echo "postgres.sh: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2

# Not exec: the traps must outlive COMMAND to stop the server. COMMAND runs in the
# background so that a signal interrupts `wait` at once (bash runs a trap only after a
# foreground command ends); the signal is passed on to COMMAND.
set +e
"$@" <&0 &
child=$!
wait "$child"
code=$?
set -e
exit "$code"
