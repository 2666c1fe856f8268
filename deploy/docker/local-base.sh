#!/usr/bin/env bash
# Makes a runtime base image for deploy/docker/*.Dockerfile without any registry, and prints its name:
#
#   podman build --build-arg RUNTIME_IMAGE="$(deploy/docker/local-base.sh)" …
#
# It stands in for mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled where that registry cannot be
# reached: a Debian 12 minbase made by mmdebstrap from the Debian mirror, with what .NET needs of the
# system (ca-certificates, libssl3, tzdata), the ASP.NET Core runtime of this machine's .NET installation
# under /usr/share/dotnet, and the non-root user `app` (UID 1654) with the environment the official images
# set (APP_UID, ASPNETCORE_HTTP_PORTS, DOTNET_RUNNING_IN_CONTAINER). No ICU (libicu72, 36 MB): our programs
# run with InvariantGlobalization (Directory.Build.props), and the chiseled image has none either, so a
# program that came to need it fails here as it would there.
#
# The tag is a digest of this script and of the runtime's version, so an image already in podman's
# storage is reused as it stands, and a change of either makes a new one.
# Needs: podman, mmdebstrap (apt-get install podman mmdebstrap), dotnet; root, or a user that mmdebstrap's
# unshare mode works for.
set -euo pipefail

runtime_line=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" && $2 ~ /^10\./' | sort -V -k2,2 | tail -n 1)
if [ -z "$runtime_line" ]; then
  echo "local-base.sh: no ASP.NET Core 10 runtime in this machine's .NET installation (dotnet --list-runtimes)" >&2
  exit 1
fi
version=$(awk '{print $2}' <<<"$runtime_line")
dotnet_root=$(sed -E 's/.*\[(.*)\/shared\/Microsoft.AspNetCore.App\]$/\1/' <<<"$runtime_line")
fxr=$(ls "$dotnet_root/host/fxr" | sort -V | tail -n 1)
for part in "dotnet" "host/fxr/$fxr" "shared/Microsoft.NETCore.App/$version" "shared/Microsoft.AspNetCore.App/$version"; do
  if [ ! -e "$dotnet_root/$part" ]; then
    echo "local-base.sh: $dotnet_root/$part is missing" >&2
    exit 1
  fi
done

tag=$(cat "$0" <(echo "$version $fxr") | sha256sum | cut -c1-12)
image="localhost/multiconnect-runtime-base:$version-$tag"
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi

echo "local-base.sh: making $image (Debian bookworm minbase, ASP.NET Core $version from $dotnet_root)" >&2
# Copied into the chroot by the customize hook; a directory of this run, so the hook needs no host paths.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/dotnet/host/fxr" "$stage/dotnet/shared"
cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$stage/dotnet/"
cp -a "$dotnet_root/host/fxr/$fxr" "$stage/dotnet/host/fxr/"
for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
  mkdir -p "$stage/dotnet/shared/$framework"
  cp -a "$dotnet_root/shared/$framework/$version" "$stage/dotnet/shared/$framework/"
done

# Documentation, manual pages and translations are not installed (copyright files are kept). The
# merged-usr hook makes /bin, /lib and /sbin links itself, sparing the usrmerge package and the Perl it pulls in.
mmdebstrap --variant=minbase --include=ca-certificates,libssl3,tzdata \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook="cp -a '$stage/dotnet' \"\$1/usr/share/dotnet\" && ln -s /usr/share/dotnet/dotnet \"\$1/usr/bin/dotnet\"" \
  --customize-hook='echo "app:x:1654:1654::/home/app:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='echo "app:x:1654:" >> "$1/etc/group"' \
  --customize-hook='mkdir -p "$1/home/app" && chown 1654:1654 "$1/home/app"' \
  --quiet bookworm - |
  podman import --quiet \
    --change 'ENV APP_UID=1654' \
    --change 'ENV ASPNETCORE_HTTP_PORTS=8080' \
    --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
    --change "ENV DOTNET_VERSION=$version" \
    --change "ENV ASPNET_VERSION=$version" \
    --change 'WORKDIR /' \
    --message "Debian bookworm minbase with the ASP.NET Core $version runtime (deploy/docker/local-base.sh)" \
    - "$image" >/dev/null
echo "$image"
