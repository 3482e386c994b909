# shellcheck shell=bash
# A throw-away PostgreSQL server for the hub tests (package hub).
#
#   source .ci/pg.sh && pg_start    # installs Debian's postgresql if missing,
#                                   # starts a private cluster, exports
#                                   # KYNANGSO_TEST_PG (a superuser DSN)
#   go test ./hub ./cli
#   pg_stop                         # stops it and removes its folder
#
# The cluster lives in a temporary folder and is owned by the postgres user
# (initdb refuses to run as root, and CI runs as root). The tests reach it
# on a Unix socket in that folder; it also listens on a loopback port with a
# throw-away certificate, for the TLS test (KYNANGSO_TEST_PG_TLS, a DSN with
# sslmode=require), when openssl is there.
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
	# A certificate for the TLS test (sslmode=require over loopback TCP).
	local tls=0
	if command -v openssl >/dev/null && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
		-keyout "$PG_TEST_DIR/data/server.key" -out "$PG_TEST_DIR/data/server.crt" >/dev/null 2>&1; then
		chmod 600 "$PG_TEST_DIR/data/server.key"
		[[ ${#run[@]} -gt 0 ]] && chown postgres "$PG_TEST_DIR/data/server.key" "$PG_TEST_DIR/data/server.crt"
		tls=1
	fi
	# Small and quick: the tests make many short-lived databases. fsync is
	# off because the cluster is thrown away; never do this on a real hub.
	cat >>"$PG_TEST_DIR/data/postgresql.conf" <<-EOF
		unix_socket_directories = '$PG_TEST_DIR'
		max_connections = 200
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		shared_buffers = 256MB
		max_wal_size = 4GB
		checkpoint_timeout = 30min
	EOF
	if [[ $tls -eq 1 ]]; then
		printf "ssl = on\nlisten_addresses = '127.0.0.1'\n" >>"$PG_TEST_DIR/data/postgresql.conf"
	else
		echo "listen_addresses = ''" >>"$PG_TEST_DIR/data/postgresql.conf"
	fi
	# A loopback port nobody else uses: try a few from one derived from our
	# process id.
	local port=$((20000 + ($$ * 7) % 20000)) try
	for try in 1 2 3 4 5 6 7 8; do
		echo "port = $port" >>"$PG_TEST_DIR/data/postgresql.conf"
		if "${run[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 start >/dev/null; then
			break
		fi
		[[ $try -eq 8 ]] && {
			echo "pg.sh: the server did not start:" >&2
			cat "$PG_TEST_DIR/server.log" >&2
			return 1
		}
		port=$((port + 101))
	done
	export KYNANGSO_TEST_PG="postgres://postgres@/postgres?host=$PG_TEST_DIR&port=$port&sslmode=disable"
	if [[ $tls -eq 1 ]]; then
		export KYNANGSO_TEST_PG_TLS="postgres://postgres@127.0.0.1:$port/postgres?sslmode=require"
	fi
	echo "pg.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running in $PG_TEST_DIR" >&2
}

pg_stop() {
	[[ -n ${PG_TEST_DIR:-} && -d $PG_TEST_DIR ]] || return 0
	local bin run=()
	bin=$(pg_bindir) || return 1
	[[ $(id -u) -eq 0 ]] && run=(runuser -u postgres --)
	"${run[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_TEST_DIR"
	unset PG_TEST_DIR KYNANGSO_TEST_PG KYNANGSO_TEST_PG_TLS
}
