#!/usr/bin/env bash
# The container cluster: PostgreSQL, the migration Job, the simulator, CoreApps and gateways as podman
# containers on a network of their own. Each of our containers is started as the staging overlay starts
# its pod: the overlay is rendered (`kubectl kustomize deploy/k8s/overlays/staging`) and
# podman-run-args.jq turns its pod spec into `podman run` arguments: the image, the env (with the pod's
# name and IP, the Secrets made here and the rendered ConfigMap), the user, a read-only root filesystem,
# the dropped capabilities, no privilege escalation, emptyDir volumes, the memory limit. Services resolve
# by name on the network, as cluster DNS would; the API and the simulator are published on 127.0.0.1.
#
#   deploy/podman/cluster.sh up [--name NAME] [--coreapps N] [--gateways N] [--postgres-image IMAGE]
#   deploy/podman/cluster.sh env [--name NAME]     # shell assignments for curl: eval "$(deploy/podman/cluster.sh env)"
#   deploy/podman/cluster.sh down [--name NAME]    # removes every container, the network and the volume
#
# NAME (default mc) prefixes every container (NAME-multiconnect-coreapp-0, …) and names the network.
# The images are the ones the manifests name (multiconnect-coreapp:0.1.0, …): deploy/docker/build-images.sh
# builds them. PostgreSQL's image defaults to the official one; deploy/podman/local-postgres.sh makes one
# without registry access. Needs podman, kubectl, jq and curl. deploy/README.md says more.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/podman"

command="${1:-}"
[ $# -gt 0 ] && shift
name=mc
coreapps=3
gateways=1
postgres_image="docker.io/library/postgres:15"
while [ $# -gt 0 ]; do
  case "$1" in
    --name) name="$2"; shift ;;
    --coreapps) coreapps="$2"; shift ;;
    --gateways) gateways="$2"; shift ;;
    --postgres-image) postgres_image="$2"; shift ;;
    *) echo "cluster.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if ! [[ "$coreapps" =~ ^([1-9]|1[0-6])$ && "$gateways" =~ ^[1-8]$ ]]; then
  echo "cluster.sh: --coreapps must be from 1 to 16 and --gateways from 1 to 8" >&2
  exit 2
fi
if ! [[ "$name" =~ ^[a-z0-9][a-z0-9-]{0,30}$ ]]; then
  echo "cluster.sh: --name must be lower-case letters, digits and dashes" >&2
  exit 2
fi
started=""
state="${MULTICONNECT_HOME:-$root/.multiconnect}/containers/$name"
label="io.multiconnect.cluster=$name"

# Fails at once, showing its log, when the container of one of these pods has stopped.
require_running() {
  local pod
  for pod in "$@"; do
    if [ "$(podman inspect --format '{{.State.Running}}' "$name-$pod")" != true ]; then
      echo "cluster.sh: $name-$pod stopped:" >&2
      podman logs --tail 30 "$name-$pod" >&2
      exit 1
    fi
  done
}

# Waits until the health check of a pod's container passes, at most $2 seconds.
wait_healthy() {
  local pod="$1" deadline=$((SECONDS + $2))
  until podman healthcheck run "$name-$pod" >/dev/null 2>&1; do
    require_running "$pod"
    [ $SECONDS -lt $deadline ] || { echo "cluster.sh: gave up after ${2}s waiting for $name-$pod's health check" >&2; exit 1; }
    sleep 0.5
  done
}

random_hex() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# podman: its errors about systemd timers for health checks, where systemd does not run, are harmless and
# left out. Its output goes through a file: a detached container's conmon keeps the descriptors it was
# given, and a pipe would never end for whoever reads this script's output.
quiet_podman() {
  local status=0
  podman "$@" </dev/null >"$state/podman.out" 2>"$state/podman.err" || status=$?
  cat "$state/podman.out"
  grep -v 'systemd' "$state/podman.err" >&2 || true
  return $status
}

down() {
  local containers
  containers=$(podman ps -aq --filter "label=$label")
  if [ -n "$containers" ]; then
    # shellcheck disable=SC2086
    podman rm -f -t 0 $containers 2>&1 >/dev/null | { grep -v 'systemd' >&2 || true; }
  fi
  if podman network exists "$name"; then podman network rm "$name" >/dev/null; fi
  if podman volume exists "$name-postgres"; then podman volume rm "$name-postgres" >/dev/null; fi
  rm -rf "$state"
}

# Starts one pod of a workload: $1 workload, $2 pod name, $3 IP, then extra podman options.
run_pod() {
  local workload="$1" pod="$2" ip="$3"
  shift 3
  local lines args=()
  # Whole or not at all: jq stops at the first thing it cannot translate, after printing what came before.
  lines=$(jq -r --arg workload "$workload" --arg pod "$pod" --arg ip "$ip" --argjson secrets "$secrets" \
    -f "$here/podman-run-args.jq" "$state/overlay.json")
  mapfile -t args <<<"$lines"
  quiet_podman run --name "$name-$pod" --label "$label" --network "$name" "$@" "${args[@]}"
}

http_port() { podman port "$name-$1" | sed -nE 's/^[0-9]+\/tcp -> 127\.0\.0\.1:([0-9]+)$/\1/p' | head -n 1; }

up() {
  for tool in podman kubectl jq curl; do
    command -v "$tool" >/dev/null || { echo "cluster.sh: $tool is not installed" >&2; exit 1; }
  done
  if podman network exists "$name" || [ -n "$(podman ps -aq --filter "label=$label")" ]; then
    echo "cluster.sh: a cluster named $name exists; remove it with: $0 down --name $name" >&2
    exit 1
  fi
  mkdir -p "$state"
  chmod 700 "$state"
  trap '[ -n "$started" ] || { echo "cluster.sh: up failed; removing what it made" >&2; down; }' EXIT

  # Every object the overlay renders, as JSON. kubectl prints objects as JSON when it edits them locally;
  # removing an annotation that none of them has edits nothing.
  kubectl kustomize "$root/deploy/k8s/overlays/staging" |
    kubectl annotate --local -f - multiconnect.invalid/none- -o json | jq -s . > "$state/overlay.json"
  for image in $(jq -r '.[] | select(.kind == "Deployment" or .kind == "StatefulSet" or .kind == "Job") | .spec.template.spec.containers[].image' "$state/overlay.json" | sort -u); do
    podman image exists "$image" || { echo "cluster.sh: no image $image; build it with deploy/docker/build-images.sh" >&2; exit 1; }
  done

  # The operator's Secrets, made up here and kept in the state directory (owner only).
  local postgres_password admin_password simulator_token
  postgres_password=$(random_hex)
  admin_password=$(random_hex)
  simulator_token=$(random_hex)
  # No GSS encryption: without Kerberos it only makes .NET look for libgssapi_krb5, which neither base image has.
  secrets=$(jq -n --arg cs "Host=postgres;Port=5432;Username=postgres;Password=$postgres_password;Database=multiconnect;GSS Encryption Mode=Disable" \
    --arg admin "$admin_password" --arg token "$simulator_token" \
    '{"multiconnect-postgres/connection-string": $cs, "multiconnect-admin/password": $admin, "multiconnect-simulator/admin-token": $token}')

  podman network create --label "$label" "$name" >/dev/null
  local subnet prefix
  subnet=$(podman network inspect "$name" --format '{{range .Subnets}}{{.Subnet}}{{"\n"}}{{end}}' | grep -m1 -E '^[0-9.]+/24$' || true)
  [ -n "$subnet" ] || { echo "cluster.sh: the network $name has no IPv4 /24 subnet" >&2; exit 1; }
  prefix="${subnet%.*/24}"

  echo "cluster.sh: PostgreSQL ($postgres_image)" >&2
  podman volume create --label "$label" "$name-postgres" >/dev/null
  quiet_podman run -d --name "$name-postgres" --label "$label" --network "$name" --ip "$prefix.2" --network-alias postgres \
    -v "$name-postgres:/var/lib/postgresql/data" -e POSTGRES_PASSWORD="$postgres_password" -p 127.0.0.1::5432 \
    --health-cmd 'pg_isready -h 127.0.0.1 -U postgres' "$postgres_image" >/dev/null
  wait_healthy postgres 60
  podman exec -e PGPASSWORD="$postgres_password" "$name-postgres" psql -h 127.0.0.1 -U postgres -q -c 'CREATE DATABASE multiconnect' >/dev/null

  echo "cluster.sh: the migration Job" >&2
  run_pod multiconnect-migrate multiconnect-migrate-0 "$prefix.3" --rm >&2

  echo "cluster.sh: the simulator, $coreapps CoreApps, $gateways gateways" >&2
  run_pod multiconnect-simulator multiconnect-simulator-0 "$prefix.4" -d >/dev/null
  local pods=(multiconnect-simulator-0)
  for ((i = 0; i < coreapps; i++)); do
    run_pod multiconnect-coreapp "multiconnect-coreapp-$i" "$prefix.$((10 + i))" -d >/dev/null
    pods+=("multiconnect-coreapp-$i")
  done
  for ((i = 0; i < gateways; i++)); do
    run_pod multiconnect-gateway "multiconnect-gateway-$i" "$prefix.$((100 + i))" -d >/dev/null
    pods+=("multiconnect-gateway-$i")
  done
  {
    echo "NETWORK=$name"
    echo "SIMULATOR=http://127.0.0.1:$(http_port multiconnect-simulator-0)"
    echo "SIMULATOR_TOKEN=$simulator_token"
    echo "PASSWORD=$admin_password"
    for ((i = 0; i < gateways; i++)); do
      echo "API$([ "$i" -gt 0 ] && echo "_$((i + 1))")=http://127.0.0.1:$(http_port "multiconnect-gateway-$i")"
    done
    echo "POSTGRES='Host=127.0.0.1;Port=$(podman port "$name-postgres" 5432/tcp | sed 's/.*://');Username=postgres;Password=$postgres_password;Database=multiconnect'"
  } > "$state/env"
  chmod 600 "$state/env"
  # shellcheck disable=SC1091
  api=$(. "$state/env" && echo "$API")
  # Ready when every gateway lets the admin in, which it does once it reaches a CoreApp. A curl is cheap;
  # each health check starts a .NET process in its container, so they are run once this holds.
  local deadline=$((SECONDS + 120))
  for ((i = 0; i < gateways; i++)); do
    until curl -sf -o /dev/null -u "admin:$admin_password" -X POST "http://127.0.0.1:$(http_port "multiconnect-gateway-$i")/v1/users/login"; do
      require_running "${pods[@]}"
      [ $SECONDS -lt $deadline ] || { echo "cluster.sh: gave up after 120s waiting for multiconnect-gateway-$i to let the admin in" >&2; exit 1; }
      sleep 0.5
    done
  done
  for pod in "${pods[@]}"; do
    wait_healthy "$pod" 30
  done
  started=yes
  echo "cluster.sh: $name is up; API $api. eval \"\$($0 env --name $name)\" sets API, SIMULATOR, PASSWORD, SIMULATOR_TOKEN, POSTGRES" >&2
}

case "$command" in
  up) up ;;
  down) down ;;
  env)
    [ -f "$state/env" ] || { echo "cluster.sh: no cluster named $name is up" >&2; exit 1; }
    cat "$state/env"
    ;;
  *) echo "usage: $0 up|env|down [--name NAME] [--coreapps N] [--gateways N] [--postgres-image IMAGE]" >&2; exit 2 ;;
esac
