"""A fresh database for a benchmark: a SQLite file in a folder, or a PostgreSQL database dropped
and created again on the local server (the benchmarks import this module from their folder)."""

from __future__ import annotations

from pathlib import Path

import psycopg

PG = "127.0.0.1:5432"


def fresh_urls(database: str, folder: Path, pg_database: str) -> tuple[str, str]:
    """(application URL, admin URL) of an empty database: `database` is sqlite or postgresql."""
    if database == "sqlite":
        url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
        return url, url
    drop_database(pg_database)
    with psycopg.connect(f"postgresql://postgres@{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{pg_database}"')
    return (
        f"postgresql+asyncpg://peihuo_app@{PG}/{pg_database}",
        f"postgresql+asyncpg://postgres@{PG}/{pg_database}",
    )


def drop_database(pg_database: str) -> None:
    """Drop a benchmark's PostgreSQL database (and its sessions) if it exists."""
    with psycopg.connect(f"postgresql://postgres@{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{pg_database}" WITH (FORCE)')
