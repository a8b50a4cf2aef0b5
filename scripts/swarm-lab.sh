#!/usr/bin/env bash
# A real 3-node Docker Swarm on this machine: three dockerd nodes in containers (local/dind),
# one manager (node1) and two workers, on one internal network; no registry, nothing pulled.
#
#   scripts/swarm-lab.sh up [IMAGE...]   nodes, swarm, and the images loaded on every node
#                                        (local/jre17 local/mariadb local/haproxy and IMAGE...);
#                                        idempotent: what is there already is kept
#   scripts/swarm-lab.sh images IMAGE... loads images from this host's engine on every node
#                                        (skipped on a node that has the same image id)
#   scripts/swarm-lab.sh status          the nodes as the manager lists them; exit 1 when down
#   scripts/swarm-lab.sh down            removes every container, volume and network it made
#   scripts/swarm-lab.sh env             prints `export DOCKER_HOST=...` for the manager
#
# Every object it makes carries the label swarmlab=1; `down` removes by that label.
# Nodes: containers swarmlab-node1..3 (hostnames node1..3) at 172.30.77.11..13 (tcp:2375, no TLS: reachable from this host only,
# the network is --internal). Each node mounts the volume swarmlab-shared at /srv/shared: one
# directory every node sees, as an NFS mount would be on real hosts (stacks bind-mount it).
# This kernel has no IPVS: no routing mesh, so stacks use endpoint_mode dnsrr and publish in
# host mode (see docs in README, "Beyond one machine").
# env: SWARMLAB_NODES (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
unset DOCKER_HOST DOCKER_CONTEXT   # this host's engine; the nodes are reached with -H

NODES=${SWARMLAB_NODES:-3}
NET=swarmlab-net
SUBNET=172.30.77
LABEL=swarmlab=1
MANAGER=tcp://$SUBNET.11:2375
BASE_IMAGES=(local/jre17 local/mariadb local/haproxy)

say() { printf 'swarm-lab: %s\n' "$*" >&2; }
node_ip() { echo "$SUBNET.1$1"; }
on() { local n=$1; shift; docker -H "tcp://$(node_ip "$n"):2375" "$@"; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }

wait_until() { # wait_until SECONDS WHAT CMD...
  local limit=$1 what=$2 i; shift 2
  for ((i = 0; i < limit * 4; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  say "$what: not within $limit s"; return 3
}

nodes_up() {
  docker image inspect local/dind >/dev/null 2>&1 || scripts/docker-offline.sh dind
  docker network inspect $NET >/dev/null 2>&1 ||
    docker network create --internal --subnet $SUBNET.0/24 --label $LABEL $NET >/dev/null
  docker volume create --label $LABEL swarmlab-shared >/dev/null
  local i
  for ((i = 1; i <= NODES; i++)); do
    local name=swarmlab-node$i
    if [ "$(docker inspect --format '{{.State.Running}}' $name 2>/dev/null)" = true ]; then continue; fi
    if docker inspect $name >/dev/null 2>&1; then docker start $name >/dev/null; continue; fi
    docker volume create --label $LABEL $name >/dev/null
    # --privileged fails on this host (no CAP_SYS_RESOURCE in the bounding set): all other caps
    docker run -d --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined \
      --security-opt apparmor=unconfined --security-opt systempaths=unconfined --device-cgroup-rule 'a *:* rwm' \
      --name $name --hostname node$i --label $LABEL --network $NET --ip "$(node_ip $i)" \
      -v $name:/var/lib/docker -v swarmlab-shared:/srv/shared \
      -e DIND_NO_DNS=1 -e DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 \
      local/dind --insecure-registry $SUBNET.0/24 >/dev/null
  done
  for ((i = 1; i <= NODES; i++)); do wait_until 60 "dockerd of node$i" on $i info; done
  chmod 1777 "$(docker volume inspect --format '{{.Mountpoint}}' swarmlab-shared)"
}

swarm_up() {
  if [ "$(on 1 info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
    on 1 swarm init --advertise-addr "$(node_ip 1)" >/dev/null
  fi
  local token i
  token=$(on 1 swarm join-token -q worker)
  for ((i = 2; i <= NODES; i++)); do
    if [ "$(on $i info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
      on $i swarm join --advertise-addr "$(node_ip $i)" --token "$token" "$(node_ip 1):2377" >/dev/null
    fi
  done
  ready() { [ "$(on 1 node ls --format '{{.Status}}' | grep -c '^Ready$')" -ge "$NODES" ]; }
  wait_until 60 "all $NODES nodes Ready" ready
}

load_images() { # the whole tar is streamed every time, so a node that has the same id is skipped
  local img pids=() i want id missing
  for img in "$@"; do docker image inspect "$img" >/dev/null 2>&1 ||
    { say "image $img is not on this host; build it first (scripts/docker-offline.sh images)"; return 3; }; done
  for ((i = 1; i <= NODES; i++)); do
    missing=()
    for img in "$@"; do
      want=$(docker image inspect --format '{{.Id}}' "$img")
      id=$(on $i image inspect --format '{{.Id}}' "$img" 2>/dev/null || true)
      [ "$id" = "$want" ] || missing+=("$img")
    done
    if ((${#missing[@]})); then
      (docker save "${missing[@]}" | on $i load -q >/dev/null) &
      pids+=($!)
    fi
  done
  local rc=0 pid
  for pid in "${pids[@]}"; do wait "$pid" || rc=3; done
  ((rc == 0)) || say "loading images on the nodes failed"
  return $rc
}

status() {
  if ! docker inspect swarmlab-node1 >/dev/null 2>&1; then echo "swarm-lab: down"; return 1; fi
  on 1 node ls --format '{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}' 2>/dev/null ||
    { echo "swarm-lab: nodes exist but the manager does not answer"; return 1; }
}

down() {
  local ids
  ids=$(docker ps -aq --filter label=$LABEL)
  [ -z "$ids" ] || docker rm -f -v $ids >/dev/null
  ids=$(docker volume ls -q --filter label=$LABEL)
  [ -z "$ids" ] || docker volume rm $ids >/dev/null
  ids=$(docker network ls -q --filter label=$LABEL)
  [ -z "$ids" ] || docker network rm $ids >/dev/null
  local left
  left=$( { docker ps -aq --filter label=$LABEL; docker volume ls -q --filter label=$LABEL;
            docker network ls -q --filter label=$LABEL; } | wc -l)
  [ "$left" = 0 ] || { say "$left objects labelled $LABEL remain"; return 3; }
}

cmd=${1:-}
[ $# -gt 0 ] && shift
t0=$(date +%s.%N)
case $cmd in
  up)
    nodes_up; say "nodes up ($(elapsed "$t0") s)"
    swarm_up; say "swarm of $NODES nodes ($(elapsed "$t0") s)"
    load_images "${BASE_IMAGES[@]}" "$@"; say "images on every node ($(elapsed "$t0") s); DOCKER_HOST=$MANAGER"
    ;;
  images) load_images "$@"; say "images on every node ($(elapsed "$t0") s)" ;;
  status) status ;;
  down) down; say "down: nothing labelled $LABEL is left ($(elapsed "$t0") s)" ;;
  env) echo "export DOCKER_HOST=$MANAGER" ;;
  *) say "unknown command '$cmd'; expected up, images, status, down or env"; exit 2 ;;
esac
