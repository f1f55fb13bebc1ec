#!/usr/bin/env bash
# Nightly logical backup of the portal's database: pg_dump in the custom format (-Fc: compressed,
# restored selectively and in parallel by pg_restore), written under a temporary name, checked
# with `pg_restore --list`, then renamed, so a dump that exists is a whole one. Dumps older than
# BACKUP_KEEP_DAYS are deleted, but never the newest BACKUP_KEEP_MIN.
#
# A dump restores the database as it was at the start of the dump. Point-in-time recovery (to any
# moment between dumps) needs the physical side: deploy/backup/base-backup.sh and WAL archiving
# (deploy/postgresql/wal-archiving.conf); README, "Backups and restore".
#
# Run by deploy/systemd/putuo-backup.timer every night; by hand:
#   DATABASE_URL=postgres://putuo_backup@127.0.0.1:5432/putuo BACKUP_DIR=/var/backups/putuo/dumps deploy/backup/pg-backup.sh
#
# Settings (environment):
#   DATABASE_URL       the database to dump (required); a role that can read every table
#   BACKUP_DIR         where dumps go (default /var/backups/putuo/dumps)
#   BACKUP_KEEP_DAYS   delete dumps older than this many days (default 14)
#   BACKUP_KEEP_MIN    but always keep at least this many newest dumps (default 7)
#   BACKUP_PREFIX      file name prefix (default putuo)
#   PG_BIN             folder of pg_dump and pg_restore (default: found on PATH)
# Prints the path of the new dump on the last line; exits non-zero on any failure.
set -euo pipefail

die() {
  echo "pg-backup: $*" >&2
  exit 1
}

: "${DATABASE_URL:?pg-backup: set DATABASE_URL to the database to dump (postgres://user@host:5432/db)}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/putuo/dumps}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
BACKUP_KEEP_MIN="${BACKUP_KEEP_MIN:-7}"
BACKUP_PREFIX="${BACKUP_PREFIX:-putuo}"
PG_BIN="${PG_BIN:-}"

pg_dump_cmd="${PG_BIN:+${PG_BIN%/}/}pg_dump"
pg_restore_cmd="${PG_BIN:+${PG_BIN%/}/}pg_restore"
command -v "$pg_dump_cmd" >/dev/null || die "pg_dump not found (set PG_BIN to the folder of the PostgreSQL programs)"
command -v "$pg_restore_cmd" >/dev/null || die "pg_restore not found (set PG_BIN to the folder of the PostgreSQL programs)"
[[ "$BACKUP_KEEP_DAYS" =~ ^[0-9]+$ ]] || die "BACKUP_KEEP_DAYS must be a whole number of days, not '$BACKUP_KEEP_DAYS'"
[[ "$BACKUP_KEEP_MIN" =~ ^[0-9]+$ ]] || die "BACKUP_KEEP_MIN must be a whole number, not '$BACKUP_KEEP_MIN'"
[[ "$BACKUP_PREFIX" =~ ^[A-Za-z0-9._-]+$ ]] || die "BACKUP_PREFIX may hold letters, digits, '.', '_' and '-' only"

umask 077
mkdir -p "$BACKUP_DIR" || die "cannot create $BACKUP_DIR"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$BACKUP_DIR/$BACKUP_PREFIX-$stamp.dump"
partial="$final.partial"
[[ ! -e "$final" ]] || die "$final exists already (two backups in the same second?); not overwritten"
trap 'rm -f "$partial"' EXIT

started=$SECONDS
echo "pg-backup: dumping to $final"
# --no-owner/--no-privileges: a restore into a scratch database (the drill) or onto a new server
# must not need the production roles; the portal's role is granted afresh there.
"$pg_dump_cmd" --format=custom --compress=6 --no-owner --no-privileges --file="$partial" --dbname="$DATABASE_URL" ||
  die "pg_dump failed; no dump written (the previous ones are kept)"
"$pg_restore_cmd" --list "$partial" >/dev/null || die "the new dump cannot be read back by pg_restore --list; not kept"
mv "$partial" "$final"
sync "$final" 2>/dev/null || true
size="$(du -h "$final" | cut -f1)"
echo "pg-backup: done in $((SECONDS - started)) s, $size"

# Retention: newest first; the first BACKUP_KEEP_MIN always stay, the rest go once old enough.
mapfile -t dumps < <(find "$BACKUP_DIR" -maxdepth 1 -type f -name "$BACKUP_PREFIX-*.dump" -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
removed=0
for ((i = BACKUP_KEEP_MIN; i < ${#dumps[@]}; i++)); do
  if [[ -n "$(find "${dumps[i]}" -maxdepth 0 -mmin "+$((BACKUP_KEEP_DAYS * 1440))")" ]]; then
    rm -f -- "${dumps[i]}"
    removed=$((removed + 1))
  fi
done
echo "pg-backup: ${#dumps[@]} dumps in $BACKUP_DIR before retention, $removed older than $BACKUP_KEEP_DAYS days removed"
echo "$final"
