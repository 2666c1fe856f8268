#!/usr/bin/env bash
# Makes a PostgreSQL image without any registry, for the container cluster (cluster.sh --postgres-image), and
# prints its name: Debian 12 minbase with postgresql-15 from the Debian mirror, made by mmdebstrap like
# deploy/docker/local-base.sh, and postgres-entrypoint.sh, which gives it the interface of the official
# postgres image that cluster.sh uses (POSTGRES_PASSWORD, PGDATA, port 5432, pg_isready on PATH).
# The tag is a digest of this script and of the entry point: an image already made is reused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tag=$(cat "$0" "$here/postgres-entrypoint.sh" | sha256sum | cut -c1-12)
image="localhost/multiconnect-postgres:15-$tag"
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi

echo "local-postgres.sh: making $image (Debian bookworm minbase with postgresql-15)" >&2
# The package makes a cluster `main` when installed; the entry point makes its own in PGDATA instead.
mmdebstrap --variant=minbase --include=postgresql-15 \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='chroot "$1" pg_dropcluster 15 main' \
  --customize-hook="install -m 0755 '$here/postgres-entrypoint.sh' \"\$1/usr/local/bin/postgres-entrypoint\"" \
  --customize-hook='install -d -m 0700 "$1/var/lib/postgresql/data" && chroot "$1" chown postgres:postgres /var/lib/postgresql/data' \
  --quiet bookworm - 2>/dev/null |
  podman import --quiet \
    --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'USER postgres' \
    --change 'EXPOSE 5432' \
    --change 'STOPSIGNAL SIGINT' \
    --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]' \
    --message "Debian bookworm minbase with PostgreSQL 15 (deploy/podman/local-postgres.sh)" \
    - "$image" >/dev/null
echo "$image"
