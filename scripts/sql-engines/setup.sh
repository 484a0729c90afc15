#!/usr/bin/env bash
# Sets up what the SQL engine checks need (scripts/sql-engines/run.py): PostgreSQL and OpenJDK 17
# from Debian (through scripts/setup.sh), and a git-ignored venv `.venv-sql` with the pinned DuckDB,
# PySpark and psycopg of requirements.txt. Safe to run again: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup.sh postgresql openjdk-17-jre-headless python3-venv

VENV=.venv-sql
REQUIREMENTS=scripts/sql-engines/requirements.txt
if [[ ! -x $VENV/bin/python ]] || ! cmp -s "$REQUIREMENTS" "$VENV/requirements.txt"; then
    echo "sql-engines: creating $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQUIREMENTS"
    cp "$REQUIREMENTS" "$VENV/requirements.txt"
fi
