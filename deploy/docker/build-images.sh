#!/usr/bin/env bash
# Builds the images multiconnect-{coreapp,gateway,simulator} with podman from programs published on this
# machine, so no SDK image is needed: `dotnet publish` (framework-dependent, Release) into
# artifacts/publish/<role>/, then each Dockerfile with APP_SOURCE=published.
#
#   deploy/docker/build-images.sh                 # FROM the official runtime image (needs mcr.microsoft.com)
#   deploy/docker/build-images.sh --local-base    # FROM the image local-base.sh makes: no registry at all
#
# Options: --tag T (default: the Version in Directory.Build.props, the tag the manifests use).
# Prints each image with its size. With registry access, `docker build -f deploy/docker/<role>.Dockerfile .`
# compiles in the SDK image instead (deploy/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

tag=$(sed -nE 's:.*<Version>(.+)</Version>.*:\1:p' Directory.Build.props)
runtime_image=""
while [ $# -gt 0 ]; do
  case "$1" in
    --local-base) runtime_image=$(deploy/docker/local-base.sh) ;;
    --tag) tag="$2"; shift ;;
    *) echo "build-images.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

declare -A programs=([coreapp]=Multiconnect.CoreApp [gateway]=Multiconnect.Gateway [simulator]=Multiconnect.Simulator)
for role in coreapp gateway simulator; do
  program=${programs[$role]}
  rm -rf "artifacts/publish/$role"
  # Its own intermediate files (artifacts/build), apart from those of `dotnet build` and ./mc, which may run at the same time.
  dotnet publish "src/$program/$program.csproj" -c Release --artifacts-path artifacts/build -o "artifacts/publish/$role" -nologo -v quiet
  previous=$(podman image inspect --format '{{.Id}}' "multiconnect-$role:$tag" 2>/dev/null || true)
  # --format docker keeps HEALTHCHECK, which the OCI image format has no field for.
  podman build --quiet --format docker -f "deploy/docker/$role.Dockerfile" \
    --build-arg APP_SOURCE=published ${runtime_image:+--build-arg RUNTIME_IMAGE="$runtime_image"} \
    -t "multiconnect-$role:$tag" . >/dev/null
  # The image this one replaces, with the unnamed steps that led to it, unless a container still uses it.
  if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "multiconnect-$role:$tag")" ]; then
    podman rmi "$previous" >/dev/null 2>&1 || true
  fi
  podman image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "multiconnect-$role:$tag"
done
