#!/usr/bin/env bash
# Weekly physical base backup, the starting point of point-in-time recovery: pg_basebackup of the
# whole cluster as compressed tar files (base.tar.gz, pg_wal.tar.gz, backup_manifest) into a dated
# folder, its archives read back whole (gzip -t; pg_verifybackup checks tar format only from
# PostgreSQL 18 on). Then base backups beyond the newest BASE_KEEP are removed, and the WAL
# archive is cleaned of segments older than the oldest base backup kept (pg_archivecleanup): any
# moment from that backup's start until now can be recovered (README, "Backups and restore").
#
#   BACKUP_URL=postgres://putuo_backup@127.0.0.1:5432/postgres deploy/backup/base-backup.sh
#
# Settings (environment):
#   BACKUP_URL        a role with the REPLICATION attribute (pg_hba.conf: a "replication" line for it)
#   BASE_DIR          where base backups go (default /var/backups/putuo/base)
#   BASE_KEEP         base backups to keep (default 2: this week's and last week's)
#   WAL_ARCHIVE_DIR   the archive_command's folder to clean (default /var/backups/putuo/wal; empty: no cleaning)
#   PG_BIN            folder of pg_basebackup and pg_archivecleanup (default: on PATH)
set -euo pipefail

die() {
  echo "base-backup: $*" >&2
  exit 1
}

: "${BACKUP_URL:?base-backup: set BACKUP_URL (a role with REPLICATION, postgres://user@host:5432/postgres)}"
BASE_DIR="${BASE_DIR:-/var/backups/putuo/base}"
BASE_KEEP="${BASE_KEEP:-2}"
WAL_ARCHIVE_DIR="${WAL_ARCHIVE_DIR-/var/backups/putuo/wal}"
PG_BIN="${PG_BIN:-}"
bin() { echo "${PG_BIN:+${PG_BIN%/}/}$1"; }
for program in pg_basebackup pg_archivecleanup; do
  command -v "$(bin "$program")" >/dev/null || die "$program not found (set PG_BIN to the folder of the PostgreSQL programs)"
done
[[ "$BASE_KEEP" =~ ^[1-9][0-9]*$ ]] || die "BASE_KEEP must be a whole number from 1, not '$BASE_KEEP'"

umask 077
mkdir -p "$BASE_DIR" || die "cannot create $BASE_DIR"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BASE_DIR/base-$stamp"
partial="$target.partial"
trap 'rm -rf "$partial"' EXIT

started=$SECONDS
echo "base-backup: copying the cluster to $target"
"$(bin pg_basebackup)" --dbname="$BACKUP_URL" --pgdata="$partial" --format=tar --gzip --wal-method=stream --checkpoint=fast --label="putuo $stamp" ||
  die "pg_basebackup failed; nothing kept"
for archive in base.tar.gz pg_wal.tar.gz; do
  gzip --test "$partial/$archive" 2>/dev/null || die "$archive of the new base backup cannot be read back; not kept"
done
[[ -s "$partial/backup_manifest" ]] || die "the new base backup has no backup_manifest; not kept"
tar -xzOf "$partial/base.tar.gz" backup_label >/dev/null 2>&1 || die "the new base backup has no backup_label; not kept"
mv "$partial" "$target"
echo "base-backup: done in $((SECONDS - started)) s, $(du -sh "$target" | cut -f1)"

mapfile -t backups < <(find "$BASE_DIR" -mindepth 1 -maxdepth 1 -type d -name 'base-*' ! -name '*.partial' | sort -r)
for ((i = BASE_KEEP; i < ${#backups[@]}; i++)); do
  echo "base-backup: removing ${backups[i]} (keeping the newest $BASE_KEEP)"
  rm -rf -- "${backups[i]}"
done

if [[ -n "$WAL_ARCHIVE_DIR" && -d "$WAL_ARCHIVE_DIR" ]]; then
  oldest="${backups[$((${#backups[@]} < BASE_KEEP ? ${#backups[@]} - 1 : BASE_KEEP - 1))]}"
  # backup_label: "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)".
  first_wal="$(tar -xzOf "$oldest/base.tar.gz" backup_label | sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]\{24\}\))$/\1/p')"
  [[ -n "$first_wal" ]] || die "cannot read the start WAL file from $oldest/base.tar.gz (backup_label)"
  "$(bin pg_archivecleanup)" "$WAL_ARCHIVE_DIR" "$first_wal" || die "pg_archivecleanup failed in $WAL_ARCHIVE_DIR"
  echo "base-backup: WAL archive cleaned up to $first_wal, the start of the oldest base backup kept ($oldest)"
fi
echo "$target"
