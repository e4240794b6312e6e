"""`python -m nrm.core.dbcheck URL`: exit 0 when that PostgreSQL answers (used by make test)."""

from __future__ import annotations

import sys

import dj_database_url
import psycopg


def reachable(url: str) -> bool:
    config = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=config["HOST"] or "127.0.0.1",
            port=int(config["PORT"] or 5432),
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname=config["NAME"] or "postgres",
            connect_timeout=3,
        ):
            return True
    except psycopg.Error:
        return False


if __name__ == "__main__":
    sys.exit(0 if len(sys.argv) == 2 and reachable(sys.argv[1]) else 1)
