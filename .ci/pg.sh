# shellcheck shell=bash
# A throw-away PostgreSQL server for the hub tests (package hub).
#
#   source .ci/pg.sh && pg_start    # installs Debian's postgresql if missing,
#                                   # starts a private cluster, exports
#                                   # KYNANGSO_TEST_PG (a superuser DSN)
#   go test ./hub ./cli
#   pg_stop                         # stops it and removes its folder
#
# The cluster lives in a temporary folder, listens only on a Unix socket in
# that folder (no TCP port, so parallel runs never collide) and is owned by
# the postgres user: initdb refuses to run as root, and CI runs as root.
# Each test creates and drops its own database, so the cluster holds
# nothing of value.

pg_bindir() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		[[ -x $d/initdb ]] && { echo "$d"; return 0; }
	done
	return 1
}

pg_start() {
	if ! pg_bindir >/dev/null; then
		echo "pg.sh: installing postgresql (Debian package)" >&2
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || {
			echo "pg.sh: could not install postgresql" >&2
			return 1
		}
	fi
	local bin run=()
	bin=$(pg_bindir) || return 1
	# As root, run the server as postgres (initdb and postgres refuse root).
	if [[ $(id -u) -eq 0 ]]; then
		id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
		run=(runuser -u postgres --)
	fi
	PG_TEST_DIR=$(mktemp -d /tmp/kynangso-pg.XXXXXX) || return 1
	export PG_TEST_DIR
	chmod 0755 "$PG_TEST_DIR"
	[[ ${#run[@]} -gt 0 ]] && chown postgres "$PG_TEST_DIR"
	"${run[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 || {
		echo "pg.sh: initdb failed:" >&2
		cat "$PG_TEST_DIR/initdb.log" >&2
		return 1
	}
	# Small and quick: the tests make many short-lived databases. fsync is
	# off because the cluster is thrown away; never do this on a real hub.
	cat >>"$PG_TEST_DIR/data/postgresql.conf" <<-EOF
		listen_addresses = ''
		unix_socket_directories = '$PG_TEST_DIR'
		max_connections = 200
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		shared_buffers = 256MB
		max_wal_size = 4GB
		checkpoint_timeout = 30min
	EOF
	"${run[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 start >/dev/null || {
		echo "pg.sh: the server did not start:" >&2
		cat "$PG_TEST_DIR/server.log" >&2
		return 1
	}
	export KYNANGSO_TEST_PG="postgres://postgres@/postgres?host=$PG_TEST_DIR&sslmode=disable"
	echo "pg.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running in $PG_TEST_DIR" >&2
}

pg_stop() {
	[[ -n ${PG_TEST_DIR:-} && -d $PG_TEST_DIR ]] || return 0
	local bin run=()
	bin=$(pg_bindir) || return 1
	[[ $(id -u) -eq 0 ]] && run=(runuser -u postgres --)
	"${run[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_TEST_DIR"
	unset PG_TEST_DIR KYNANGSO_TEST_PG
}
