#!/usr/bin/env bash
# Restore drill: proves that last night's dump can be restored and served. It restores the newest
# dump (or the one named) into a scratch database, applies the portal's migrations to it, checks
# that every migration of this release is recorded and that the data is there, optionally starts
# the built portal on it and asks GET /readyz, and drops the scratch database whatever happened.
# Run it after every backup change and on a schedule (monthly at least); README, "Backups and restore".
#
#   DRILL_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres deploy/backup/restore-drill.sh
#   DRILL_ADMIN_URL=... deploy/backup/restore-drill.sh /var/backups/putuo/dumps/putuo-20261207T013000Z.dump
#
# Settings (environment):
#   DRILL_ADMIN_URL     a server and role that may create and drop databases (required); the scratch
#                       database is made on that server, so use a server other than production's
#                       primary if its disk or CPU is short
#   BACKUP_DIR          where to find the newest dump when none is named (default /var/backups/putuo/dumps)
#   BACKUP_PREFIX       dump file name prefix (default putuo)
#   DRILL_DB            scratch database name (default putuo_drill_<time>); dropped at the end
#   DRILL_KEEP          1: keep the scratch database for inspection (default 0)
#   DRILL_MIN_INSTITUTIONS  fail when fewer institutions were restored (default 1)
#   DRILL_JOBS          pg_restore parallel jobs (default 2)
#   DRILL_PORTAL_PORT   when set: also start the built portal (dist/) on 127.0.0.1:<port> against the
#                       scratch database and require GET /readyz to answer 200 {"status":"ready",...}
#   DRILL_READY_TIMEOUT_S  how long to wait for that (default 60)
#   PORTAL_DIR          the portal's release folder (default: two folders above this script)
#   PORTAL_ENTRY        the built app to serve for the readiness check (default $PORTAL_DIR/dist/server/entry.mjs)
#   NODE                the Node.js to run it with (default $PORTAL_DIR/node_modules/.bin/node)
#   PG_BIN              folder of psql and pg_restore (default: found on PATH)
# Exit status 0 when every check passed; otherwise non-zero, with the reason on standard error.
set -euo pipefail

say() { echo "restore-drill: $*"; }
die() {
  echo "restore-drill: FAILED: $*" >&2
  exit 1
}

: "${DRILL_ADMIN_URL:?restore-drill: set DRILL_ADMIN_URL to a role that may create databases (postgres://user@host:5432/postgres)}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/putuo/dumps}"
BACKUP_PREFIX="${BACKUP_PREFIX:-putuo}"
DRILL_DB="${DRILL_DB:-putuo_drill_$(date -u +%Y%m%d%H%M%S)_$$}"
DRILL_KEEP="${DRILL_KEEP:-0}"
DRILL_MIN_INSTITUTIONS="${DRILL_MIN_INSTITUTIONS:-1}"
DRILL_JOBS="${DRILL_JOBS:-2}"
DRILL_PORTAL_PORT="${DRILL_PORTAL_PORT:-}"
DRILL_READY_TIMEOUT_S="${DRILL_READY_TIMEOUT_S:-60}"
PORTAL_DIR="${PORTAL_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
PORTAL_ENTRY="${PORTAL_ENTRY:-$PORTAL_DIR/dist/server/entry.mjs}"
NODE="${NODE:-$PORTAL_DIR/node_modules/.bin/node}"
PG_BIN="${PG_BIN:-}"
psql_cmd="${PG_BIN:+${PG_BIN%/}/}psql"
pg_restore_cmd="${PG_BIN:+${PG_BIN%/}/}pg_restore"

[[ "$DRILL_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "DRILL_DB must be lower case letters, digits and '_' (got '$DRILL_DB')"
[[ "$DRILL_JOBS" =~ ^[1-9][0-9]*$ ]] || die "DRILL_JOBS must be a whole number from 1"
[[ "$DRILL_MIN_INSTITUTIONS" =~ ^[0-9]+$ ]] || die "DRILL_MIN_INSTITUTIONS must be a whole number"
[[ -z "$DRILL_PORTAL_PORT" || "$DRILL_PORTAL_PORT" =~ ^[0-9]+$ ]] || die "DRILL_PORTAL_PORT must be a port number"
[[ "$DRILL_ADMIN_URL" =~ ^(postgres(ql)?://[^/?]+)(/[^?]*)?(\?.*)?$ ]] || die "DRILL_ADMIN_URL must be a postgres:// URL"
server_part="${BASH_REMATCH[1]}"
query_part="${BASH_REMATCH[4]}"
scratch_url="$server_part/$DRILL_DB$query_part"
command -v "$psql_cmd" >/dev/null || die "psql not found (set PG_BIN to the folder of the PostgreSQL programs)"
command -v "$pg_restore_cmd" >/dev/null || die "pg_restore not found (set PG_BIN)"
[[ -x "$NODE" ]] || die "no Node.js at $NODE (set NODE, or PORTAL_DIR to the portal's release folder)"
[[ -f "$PORTAL_DIR/src/cli/migrate.ts" ]] || die "$PORTAL_DIR is not the portal's folder (no src/cli/migrate.ts); set PORTAL_DIR"

# The dump: the one named, else the newest in BACKUP_DIR.
dump="${1:-}"
if [[ -z "$dump" ]]; then
  dump="$(find "$BACKUP_DIR" -maxdepth 1 -type f -name "$BACKUP_PREFIX-*.dump" -printf '%T@ %p\n' 2>/dev/null | sort -rn | head -n 1 | cut -d' ' -f2-)"
  [[ -n "$dump" ]] || die "no dump named $BACKUP_PREFIX-*.dump in $BACKUP_DIR (set BACKUP_DIR, or name the dump as the first argument)"
fi
[[ -r "$dump" ]] || die "cannot read the dump $dump"
say "dump $dump ($(du -h "$dump" | cut -f1), written $(date -u -r "$dump" '+%Y-%m-%d %H:%M UTC'))"
"$pg_restore_cmd" --list "$dump" >/dev/null 2>&1 || die "$dump is not a readable pg_dump custom-format archive (corrupt or truncated): pg_restore --list refused it"

admin() { "$psql_cmd" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --dbname="$DRILL_ADMIN_URL" "$@"; }
scratch() { "$psql_cmd" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --tuples-only --no-align --dbname="$scratch_url" "$@"; }

portal_pid=""
created=0
cleanup() {
  local status=$?
  if [[ -n "$portal_pid" ]]; then
    kill -TERM "$portal_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$portal_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$portal_pid" 2>/dev/null || true
  fi
  if [[ "$created" == 1 ]]; then
    if [[ "$DRILL_KEEP" == 1 ]]; then
      say "scratch database $DRILL_DB kept (DRILL_KEEP=1); drop it with: drop database \"$DRILL_DB\" with (force)"
    elif admin --command="drop database if exists \"$DRILL_DB\" with (force)" >/dev/null; then
      say "scratch database $DRILL_DB dropped"
    else
      echo "restore-drill: could not drop the scratch database $DRILL_DB; drop it by hand" >&2
      status=1
    fi
  fi
  exit "$status"
}
trap cleanup EXIT

started=$SECONDS
admin --command="create database \"$DRILL_DB\"" >/dev/null || die "cannot create the scratch database $DRILL_DB (does the role of DRILL_ADMIN_URL have CREATEDB?)"
created=1
say "restoring into scratch database $DRILL_DB"
"$pg_restore_cmd" --no-owner --no-privileges --exit-on-error --jobs="$DRILL_JOBS" --dbname="$scratch_url" "$dump" ||
  die "pg_restore could not restore $dump into $DRILL_DB (see its message above)"
say "restored in $((SECONDS - started)) s"

# Migrations: what the dump had, then this release's migrator, then every migration recorded.
expected="$(grep -c '"tag"' "$PORTAL_DIR/db/migrations/meta/_journal.json")"
applied_sql='select count(*) from drizzle.__drizzle_migrations'
before="$(scratch --command="$applied_sql" 2>/dev/null)" || die "the restored database has no drizzle.__drizzle_migrations table: not a dump of the portal's database"
say "the dump holds $before of this release's $expected migrations; running the portal's migrator"
(cd "$PORTAL_DIR" && env -u DATABASE_REPLICA_URL DATABASE_URL="$scratch_url" "$NODE" --import tsx src/cli/migrate.ts) ||
  die "the portal's migrations failed on the restored data (src/cli/migrate.ts)"
after="$(scratch --command="$applied_sql")"
[[ "$after" == "$expected" ]] || die "after migrating, $after migrations are recorded, this release has $expected"

# The data: rows of every table, and the registry not empty.
counts="$(scratch --field-separator='=' --command="
  select c.relname, (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from public.%I', c.relname), false, true, '')))[1]::text
  from pg_class c join pg_namespace s on s.oid = c.relnamespace
  where s.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname")"
[[ -n "$counts" ]] || die "the restored database has no tables in schema public"
while IFS= read -r line; do say "rows $line"; done <<<"$counts"
institutions="$(sed -n 's/^institutions=//p' <<<"$counts")"
[[ -n "$institutions" ]] || die "the restored database has no institutions table"
((institutions >= DRILL_MIN_INSTITUTIONS)) || die "only $institutions institutions restored (DRILL_MIN_INSTITUTIONS=$DRILL_MIN_INSTITUTIONS)"

# Readiness, when asked: the built portal on the scratch database must say it is ready.
if [[ -n "$DRILL_PORTAL_PORT" ]]; then
  entry="$PORTAL_ENTRY"
  [[ -f "$entry" ]] || die "no build at $entry (npm run build, or set PORTAL_ENTRY) to check readiness with"
  command -v curl >/dev/null || die "curl is needed for the readiness check"
  ready_url="http://127.0.0.1:$DRILL_PORTAL_PORT/readyz"
  log="$(mktemp)"
  (cd "$PORTAL_DIR" && exec env -u DATABASE_REPLICA_URL DATABASE_URL="$scratch_url" HOST=127.0.0.1 PORT="$DRILL_PORTAL_PORT" \
    WORKERS=off WEB_CONCURRENCY=1 NODE_ENV=production "$NODE" src/cli/serve.mjs "$entry") >"$log" 2>&1 &
  portal_pid=$!
  say "portal started on the scratch database (pid $portal_pid); asking $ready_url"
  body=""
  deadline=$((SECONDS + DRILL_READY_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    kill -0 "$portal_pid" 2>/dev/null || die "the portal exited before it was ready: $(tail -n 20 "$log")"
    if body="$(curl --silent --show-error --fail --max-time 2 "$ready_url" 2>/dev/null)"; then break; fi
    body=""
    sleep 0.5
  done
  [[ "$body" == *'"status":"ready"'* ]] || die "$ready_url did not answer 200 {\"status\":\"ready\"} within $DRILL_READY_TIMEOUT_S s (last answer: ${body:-none}); portal log: $(tail -n 20 "$log")"
  say "ready: $body"
  rm -f "$log"
fi

say "OK: $dump restores, migrates to $expected migrations, $institutions institutions, in $((SECONDS - started)) s"
