#!/bin/sh
# The application's role, with a password: it owns no table (the migrations grant it what it
# needs and put its tenants' rows under row-level security). Runs once, on an empty volume.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE peihuo_app LOGIN PASSWORD :'password';
SQL
