# Sourced by .ci/run (or by hand: `. scripts/throwaway-postgres.sh && ./omnivox test`): starts a throwaway
# PostgreSQL cluster in a temporary folder on a free local port, exports OMNIVOX_TEST_POSTGRES_URL/_USER/_PASSWORD for
# the PostgreSQL variant of the persistence tests, and stops and deletes the cluster when the calling shell exits.
# Needs PostgreSQL's server programs (Debian package `postgresql`). initdb refuses to run as root, so as root the
# cluster runs as the `postgres` system user that the Debian package creates.

omnivox_pg_start() {
  local bin
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    bin=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
  else
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "warning: PostgreSQL server programs not found; the PostgreSQL persistence tests will be skipped" >&2
    return 0
  fi

  local as=()
  OMNIVOX_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/omnivox-pg.XXXXXX")
  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "warning: running as root and there is no 'postgres' user; the PostgreSQL tests will be skipped" >&2
      rm -rf "$OMNIVOX_PG_DIR"
      return 0
    fi
    chown postgres: "$OMNIVOX_PG_DIR"
    chmod 700 "$OMNIVOX_PG_DIR"
    as=(runuser -u postgres --)
  fi

  # A free port: the first one nobody answers on.
  local port
  for port in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done

  "${as[@]}" "$bin/initdb" -D "$OMNIVOX_PG_DIR/data" -U omnivox --auth=trust -E UTF8 --no-locale >"$OMNIVOX_PG_DIR/initdb.log" 2>&1 \
    || { echo "initdb failed:" >&2; cat "$OMNIVOX_PG_DIR/initdb.log" >&2; return 1; }
  # Local TCP only, with the socket in the temporary folder (the system's socket folder may not be writable).
  "${as[@]}" "$bin/pg_ctl" -D "$OMNIVOX_PG_DIR/data" -l "$OMNIVOX_PG_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $OMNIVOX_PG_DIR -F" start >/dev/null \
    || { echo "PostgreSQL did not start:" >&2; cat "$OMNIVOX_PG_DIR/server.log" >&2; return 1; }
  OMNIVOX_PG_CTL=("${as[@]}" "$bin/pg_ctl")
  trap omnivox_pg_stop EXIT
  "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U omnivox omnivox_test

  export OMNIVOX_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/omnivox_test"
  export OMNIVOX_TEST_POSTGRES_USER=omnivox
  export OMNIVOX_TEST_POSTGRES_PASSWORD=
  echo "Throwaway PostgreSQL ($("$bin/postgres" --version)) at $OMNIVOX_TEST_POSTGRES_URL" >&2
}

omnivox_pg_stop() {
  if [ -n "${OMNIVOX_PG_DIR:-}" ] && [ -d "$OMNIVOX_PG_DIR/data" ]; then
    "${OMNIVOX_PG_CTL[@]}" -D "$OMNIVOX_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [ -n "${OMNIVOX_PG_DIR:-}" ] && rm -rf "$OMNIVOX_PG_DIR"
  OMNIVOX_PG_DIR=
}

omnivox_pg_start
