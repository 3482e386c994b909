# shellcheck shell=bash
# A throw-away PostgreSQL server for the hub tests (package hub, cli's hub
# commands). pg_start (.ci/pg.sh) installs Debian's postgresql when missing,
# starts a private cluster and exports KYNANGSO_TEST_PG (and
# KYNANGSO_TEST_PG_TLS); with CI=true a hub test without a server fails.
source .ci/pg.sh
setup_step "postgresql for the hub tests" pg_start
at_exit pg_stop
