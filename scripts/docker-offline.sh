#!/usr/bin/env bash
# Docker engine, Compose v2 and registry-free base images for scalecheck's compose example,
# on Debian 12 (bookworm) as root, with no container registry: only Debian's mirror.
#
#   scripts/docker-offline.sh [install] [start] [images] [dind]   (default: the first three)
#
# install: docker.io + mmdebstrap from bookworm; the Compose v2 plugin from trixie's
#          docker-compose .deb (bookworm's docker-compose is v1), via a private apt state.
# start:   dockerd without systemd (setsid), polled until it answers.
# images:  local/base (mmdebstrap essential + apt, no docs), then one layer each:
#          local/jre17 (openjdk-17-jre-headless, curl), local/mariadb (mariadb-server and an
#          entrypoint that honours MARIADB_*_FILE secrets), local/postgres (see below),
#          local/haproxy. Installed inside --network none containers from .debs the host
#          fetched; nothing is ever pulled.
# local/postgres: bookworm's postgresql (15) with an entrypoint that does what services rely
#          on in the official postgres image: POSTGRES_USER (default postgres, a superuser),
#          POSTGRES_PASSWORD_FILE or POSTGRES_PASSWORD (required), POSTGRES_DB (default: the
#          user), PGDATA /var/lib/postgresql/data initialised on first start (UTF8, C.UTF-8),
#          pg_hba `local all all trust` + `host all all all scram-sha-256`, listen_addresses
#          '*', logs on stderr, postgres exec'd as PID 1 as the postgres user. ENTRYPOINT
#          pg-entrypoint, CMD postgres: `command: postgres -c max_connections=200` works, any
#          other command (psql, pg_isready) runs as given. The server binaries are on PATH.
#          STOPSIGNAL SIGINT (fast shutdown), as in the official image.
#          Not done: /docker-entrypoint-initdb.d, POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD.
# dind:    local/dind (docker.io inside local/base, with an entrypoint that runs dockerd on
#          unix and tcp:2375 without TLS): the nodes of scripts/swarm-lab.sh.
# env: WORK (default ~/.cache/scalecheck/docker-offline), FORCE=1 rebuilds the images,
#      MIRROR (default: the system's Debian mirror), DOCKERD_LOG (default /var/log/dockerd.log).
set -euo pipefail

WORK=${WORK:-$HOME/.cache/scalecheck/docker-offline}
SUITE=bookworm
MIRROR=${MIRROR:-$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)}
[ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian
DOCKERD_LOG=${DOCKERD_LOG:-/var/log/dockerd.log}
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$WORK"

say() { printf 'docker-offline: %s\n' "$*" >&2; }

install_engine() {
  local pkgs=()
  command -v dockerd >/dev/null || pkgs+=(docker.io)
  command -v mmdebstrap >/dev/null || pkgs+=(mmdebstrap)
  if ((${#pkgs[@]})); then
    say "installing ${pkgs[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  fi
  if ! docker compose version >/dev/null 2>&1; then
    say "installing the Compose v2 plugin from trixie's docker-compose package"
    local d=$WORK/trixie
    mkdir -p "$d/lists/partial" "$d/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" >"$d/sources.list"
    local o=(-o Dir::Etc::SourceList="$d/sources.list" -o Dir::Etc::SourceParts=/nonexistent
             -o Dir::State::Lists="$d/lists" -o Dir::Cache="$d" -o Dir::Cache::archives="$d/archives"
             -o APT::Sandbox::User=root)
    apt-get "${o[@]}" update -qq
    (cd "$d" && apt-get "${o[@]}" download docker-compose)
    rm -rf "$d/x" && dpkg-deb -x "$d"/docker-compose_*_amd64.deb "$d/x"
    install -D -m 0755 "$d/x/usr/libexec/docker/cli-plugins/docker-compose" \
      /usr/local/lib/docker/cli-plugins/docker-compose
  fi
  docker compose version >&2
}

start_dockerd() {
  if docker info >/dev/null 2>&1; then
    say "dockerd already answers"
    return
  fi
  pgrep -x dockerd >/dev/null || setsid -f dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null
  local i
  for i in $(seq 1 240); do docker info >/dev/null 2>&1 && break; sleep 0.25; done
  docker info >/dev/null 2>&1 || { tail -20 "$DOCKERD_LOG" >&2; say "dockerd did not answer within 60 s"; return 3; }
  say "dockerd answers: $(docker version --format '{{.Server.Version}}')"
}

SLIM='path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
path-exclude=/usr/share/lintian/*'

have_image() { [ -z "${FORCE:-}" ] && docker image inspect "$1" >/dev/null 2>&1; }

build_base() {
  local b=$WORK/base
  rm -rf "$b/lists" && mkdir -p "$b/lists" "$WORK/cache"
  printf '%s\n' "$SLIM" >"$b/01-slim"
  say "building local/base with mmdebstrap ($SUITE from $MIRROR)"
  # merged-usr hook: without it essential pulls usrmerge and perl (~50 MB). The doc excludes
  # go in as a dpkg config file (a setup hook), not --dpkgopt, which is ~20 s slower.
  mmdebstrap --variant=essential --include=apt \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --setup-hook='mkdir -p "$1/etc/dpkg/dpkg.cfg.d" "$1/var/cache/apt/archives"' \
    --setup-hook="copy-in $b/01-slim /etc/dpkg/dpkg.cfg.d/" \
    --setup-hook="sync-in $WORK/cache /var/cache/apt/archives/" \
    --skip=essential/unlink \
    --essential-hook='mkdir -p "$1"/usr/share/man/man1 "$1"/usr/share/man/man5 "$1"/usr/share/man/man7 "$1"/usr/share/man/man8' \
    --customize-hook="sync-out /var/cache/apt/archives $WORK/cache" \
    --customize-hook="sync-out /var/lib/apt/lists $b/lists" \
    --customize-hook="copy-out /var/lib/dpkg/status $b/" \
    --customize-hook="copy-out /etc/apt/sources.list $b/" \
    --customize-hook='cd "$1" &&
        find usr/share/doc -mindepth 1 ! -type d ! -name copyright -delete &&
        find usr/share/doc -mindepth 1 -type d -empty -delete &&
        find usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} + &&
        find usr/share/man -mindepth 1 ! -type d -delete &&
        rm -rf usr/share/info/* usr/share/lintian/* var/cache/debconf/*-old var/lib/dpkg/*-old' \
    "$SUITE" - 2>"$b/mmdebstrap.log" |
    docker import --change 'CMD ["bash"]' - local/base >/dev/null
}

build_layer() { # build_layer TAG "PKGS" "POST-SHELL" 'CMD-JSON' ['ENTRYPOINT [...]' 'ENV K=V' ...]
  local tag=$1 pkgs=$2 post=$3 cmd=$4 b=$WORK/base cid rc=0 change changes
  changes=(--change "CMD $cmd")
  for change in "${@:5}"; do changes+=(--change "$change"); done
  say "building $tag ($pkgs)"
  apt-get -qq -o Dir::Etc::SourceList="$b/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
    -o Dir::State::Lists="$b/lists" -o Dir::State::status="$b/status" \
    -o Dir::Cache="$b" -o Dir::Cache::archives="$WORK/cache" -o APT::Sandbox::User=root \
    -o APT::Install-Recommends=false install -y --download-only $pkgs >/dev/null
  cid=$(docker create --network none \
    -v "$WORK/cache:/var/cache/apt/archives:ro" -v "$b/lists:/var/lib/apt/lists:ro" \
    -v "$WORK/files:/mnt/files:ro" local/base sh -ec "
      printf '#!/bin/sh\\nexit 101\\n' >/usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      apt-get -qq -o Debug::NoLocking=1 install -y --no-install-recommends --no-download $pkgs \
        >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
      $post
      rm -rf /tmp/apt.log /var/cache/apt/*.bin /var/cache/debconf/*-old /var/lib/dpkg/*-old \
        /var/log/apt /var/log/dpkg.log /var/log/alternatives.log")
  docker start -a "$cid" || rc=$?
  [ $rc = 0 ] && docker commit "${changes[@]}" "$cid" "$tag" >/dev/null
  docker rm "$cid" >/dev/null
  return $rc
}

write_db_entrypoint() {
  mkdir -p "$WORK/files"
  cat >"$WORK/files/db-entrypoint" <<'EOF'
#!/bin/sh
# A small MariaDB entrypoint: initialise the data directory on first start (database, user,
# password from MARIADB_PASSWORD_FILE or MARIADB_PASSWORD), then exec mariadbd as PID 1.
# root uses socket authentication: only a process inside the container can be root.
set -eu
: "${MARIADB_DATABASE:=app}" "${MARIADB_USER:=app}"
if [ -n "${MARIADB_PASSWORD_FILE:-}" ]; then MARIADB_PASSWORD=$(cat "$MARIADB_PASSWORD_FILE"); fi
: "${MARIADB_PASSWORD:?set MARIADB_PASSWORD_FILE (or MARIADB_PASSWORD)}"
DATADIR=/var/lib/mysql
mkdir -p /run/mysqld "$DATADIR"
chown mysql:mysql /run/mysqld "$DATADIR"
if [ ! -d "$DATADIR/mysql" ]; then
  echo "db-entrypoint: initialising $DATADIR"
  mariadb-install-db --user=mysql --datadir="$DATADIR" --skip-test-db \
    --auth-root-authentication-method=socket >/dev/null
  umask 077
  escaped=$(printf '%s' "$MARIADB_PASSWORD" | sed "s/'/''/g")
  cat >/run/mysqld/init.sql <<SQL
CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;
CREATE USER IF NOT EXISTS '$MARIADB_USER'@'%' IDENTIFIED BY '$escaped';
GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$MARIADB_USER'@'%';
SQL
  chown mysql /run/mysqld/init.sql
  set -- --init-file=/run/mysqld/init.sql "$@"
fi
exec mariadbd --user=mysql --datadir="$DATADIR" --bind-address=0.0.0.0 \
  --skip-name-resolve --log-error= "$@"
EOF
  chmod 755 "$WORK/files/db-entrypoint"
}

write_pg_entrypoint() {
  mkdir -p "$WORK/files"
  cat >"$WORK/files/pg-entrypoint" <<'EOF'
#!/bin/sh
# A small PostgreSQL entrypoint with the official image's interface: on first start initdb
# (POSTGRES_USER as the superuser, password from POSTGRES_PASSWORD_FILE or POSTGRES_PASSWORD)
# and POSTGRES_DB created; then postgres exec'd as PID 1 as the postgres user. Any command
# that is not postgres (or its options) runs as given.
set -eu
[ $# -gt 0 ] || set -- postgres
case $1 in -*) set -- postgres "$@" ;; esac
[ "$1" = postgres ] || exec "$@"
shift
: "${POSTGRES_USER:=postgres}"
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE"); fi
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD_FILE (or POSTGRES_PASSWORD)}"
: "${POSTGRES_DB:=$POSTGRES_USER}" "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
chmod 2775 /run/postgresql
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "pg-entrypoint: initialising $PGDATA" >&2
  pwfile=$(mktemp /run/postgresql/pwfile.XXXXXX)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  as_postgres initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  printf '\nhost all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    # a server on a private socket only, so pg_isready cannot see it as the real one
    init=/run/postgresql/init
    mkdir -p "$init" && chown postgres:postgres "$init"
    as_postgres pg_ctl --silent --wait --timeout=60 \
      -o "-c listen_addresses='' -c unix_socket_directories=$init" start >&2
    psql -X -q -v ON_ERROR_STOP=1 -v db="$POSTGRES_DB" -h "$init" -U "$POSTGRES_USER" -d postgres >&2 <<'SQL'
CREATE DATABASE :"db";
SQL
    as_postgres pg_ctl --silent --wait --timeout=60 -m fast stop >&2
    rmdir "$init"
  fi
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres "$@"
EOF
  chmod 755 "$WORK/files/pg-entrypoint"
}

images() {
  local rebuild=
  if ! have_image local/base || [ ! -s "$WORK/base/status" ]; then build_base; rebuild=1; fi
  write_db_entrypoint
  write_pg_entrypoint
  if [ -n "$rebuild" ] || ! have_image local/jre17; then
    build_layer local/jre17 "openjdk-17-jre-headless curl ca-certificates" ":" '["bash"]'
  fi
  if [ -n "$rebuild" ] || ! have_image local/mariadb; then
    build_layer local/mariadb "mariadb-server" \
      "rm -rf /var/lib/mysql/*; install -m 0755 /mnt/files/db-entrypoint /usr/local/bin/" \
      '["/usr/local/bin/db-entrypoint"]'
  fi
  if [ -n "$rebuild" ] || ! have_image local/postgres; then
    # postinst creates a 15/main cluster (not started: policy-rc.d); the entrypoint makes its own
    build_layer local/postgres "postgresql" \
      "rm -rf /var/lib/postgresql/* /etc/postgresql/*/main
       for f in /usr/lib/postgresql/*/bin/*; do ln -sf \"\$f\" /usr/local/bin/; done
       install -m 0755 /mnt/files/pg-entrypoint /usr/local/bin/" \
      '["postgres"]' 'ENTRYPOINT ["/usr/local/bin/pg-entrypoint"]' 'ENV PGDATA=/var/lib/postgresql/data'
    # SIGINT is PostgreSQL's fast shutdown (SIGTERM waits for every client to leave), as in the
    # official image; docker commit cannot set STOPSIGNAL, a one-line build on top can
    printf 'FROM local/postgres\nSTOPSIGNAL SIGINT\n' | DOCKER_BUILDKIT=0 docker build -q -t local/postgres - >/dev/null
  fi
  if [ -n "$rebuild" ] || ! have_image local/haproxy; then
    build_layer local/haproxy "haproxy" ":" '["haproxy","-W","-db","-f","/usr/local/etc/haproxy/haproxy.cfg"]'
  fi
  docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^local/' >&2 || true
}

write_dind_entrypoint() {
  mkdir -p "$WORK/files"
  cat >"$WORK/files/dind-entrypoint" <<'EOF2'
#!/bin/sh
# A Docker engine inside a container that is not --privileged (that fails on these hosts):
# /sys and the cgroup mounts are made writable, then dockerd runs on its socket and tcp:2375.
# --tls=false: without it dockerd waits 15 s at start-up before binding tcp without TLS.
set -eu
rm -f /var/run/docker.pid
if grep -qE '^[^ ]+ /sys [^ ]+ ro[, ]' /proc/mounts; then
  mount -o remount,rw /sys
  for d in /sys/fs/cgroup/*; do [ -d "$d" ] && mount -o remount,rw,bind "$d" "$d" 2>/dev/null || true; done
fi
# no DNS: a registry lookup fails at once instead of timing out
if [ "${DIND_NO_DNS:-}" = 1 ]; then echo 'nameserver 127.0.0.1' >/etc/resolv.conf; fi
exec dockerd --storage-driver=overlay2 --host=unix:///var/run/docker.sock --host=tcp://0.0.0.0:2375 --tls=false "$@"
EOF2
  chmod 755 "$WORK/files/dind-entrypoint"
}

dind() {
  have_image local/base && [ -s "$WORK/base/status" ] || build_base
  write_dind_entrypoint
  if ! have_image local/dind; then
    build_layer local/dind "docker.io iproute2 iptables mount curl procps tini" \
      "install -m 0755 /mnt/files/dind-entrypoint /usr/local/bin/" '[]' \
      'ENTRYPOINT ["/usr/bin/tini","--","/usr/local/bin/dind-entrypoint"]' 'VOLUME /var/lib/docker'
  fi
}

[ $# -gt 0 ] || set -- install start images
for step in "$@"; do
  t0=$(date +%s.%N)
  case $step in
    install) install_engine ;;
    start)   start_dockerd ;;
    images)  images ;;
    dind)    dind ;;
    *) say "unknown step '$step'; expected install, start, images or dind"; exit 2 ;;
  esac
  say "$step took $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
done
