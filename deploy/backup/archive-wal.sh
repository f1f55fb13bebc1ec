#!/usr/bin/env bash
# PostgreSQL's archive_command for point-in-time recovery: stores one finished WAL segment in the
# archive folder, under a temporary name first and renamed once it is on disk, so that a segment
# in the archive is always whole. Exit 0 only when the segment is safely stored: PostgreSQL keeps
# the segment and retries until then, and never recycles one that was not archived.
#
# Install it where the postgres user can run it, and name it in postgresql.conf
# (deploy/postgresql/wal-archiving.conf):
#   install -o root -g root -m 755 deploy/backup/archive-wal.sh /usr/local/lib/putuo/archive-wal.sh
#   archive_command = '/usr/local/lib/putuo/archive-wal.sh %p %f /var/backups/putuo/wal'
#
# Arguments: %p (the segment's path, relative to the data folder), %f (its file name), and the
# archive folder (default /var/backups/putuo/wal, or WAL_ARCHIVE_DIR). The archive folder must be
# owned by postgres and should be on another disk than the database, copied off the machine
# (README, "Backups and restore").
set -euo pipefail

die() {
  echo "archive-wal: $*" >&2
  exit 1
}

[[ $# -ge 2 ]] || die "usage: archive-wal.sh %p %f [archive folder]"
segment="$1"
name="$2"
archive="${3:-${WAL_ARCHIVE_DIR:-/var/backups/putuo/wal}}"
[[ "$name" =~ ^[0-9A-F]{24}(\.partial|\.[0-9A-F]{8}\.backup|\.history)?$|^[0-9A-F]{8}\.history$ ]] || die "'$name' is not a WAL file name"
[[ -f "$segment" ]] || die "no file $segment (run from the data folder, as PostgreSQL does)"
[[ -d "$archive" ]] || die "archive folder $archive does not exist"

target="$archive/$name"
if [[ -e "$target" ]]; then
  # Archived before, and PostgreSQL asks again (it crashed before noting it): fine if identical.
  cmp --silent "$segment" "$target" && exit 0
  die "$target exists with other content; refusing to overwrite it (two clusters archiving into one folder?)"
fi
partial="$target.partial.$$"
trap 'rm -f "$partial"' EXIT
cp "$segment" "$partial" || die "cannot copy $segment to $archive"
sync "$partial" || die "cannot flush $partial to disk"
mv "$partial" "$target"
sync "$archive" 2>/dev/null || true
