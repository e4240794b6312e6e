"""Benchmark of `nrm import ctdc` (issue 13, "Speed and memory").

Writes a generated CTDC file in the 2020 layout (64 columns, the heavier of the two) of N
rows (default 1,000,000), then on PostgreSQL, in a database of its own
(`nrm_bench_exchange`, dropped afterwards):

1. times PostgreSQL's `COPY` of that same file into a bare table of 64 text columns;
2. times the importer (`ctdc_import`: decoding, validation of every cell, normalisation,
   one transaction, COPY of the normalised rows) and its peak memory.

Prints both times, their ratio and the peak memory. Targets: import < 60 s, peak memory
< 500 MB, ratio <= 3. `--check` exits with status 1 when a figure misses its target.
Without a reachable PostgreSQL it runs on SQLite and prints no ratio.

    .venv/bin/python bench/exchange_import.py [--rows N] [--check]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_deadlines import DEFAULT_URL, _conninfo, _with_database

DATABASE = "nrm_bench_exchange"
IMPORT_TARGET_S = 60.0
MEMORY_TARGET_MB = 500.0
RATIO_TARGET = 3.0


def write_file(path: Path, rows: int) -> None:
    """N rows drawn from 20,000 generated rows: realistic variety, written fast."""
    import csv
    import io

    from nrm.exchange import synthetic

    rng = random.Random(2020)
    header = synthetic.ctdc_2020_header()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for _ in range(20_000):
        writer.writerow(synthetic.ctdc_2020_row(rng, rng.choice(("-99", "")), header))
    pool = buffer.getvalue().splitlines(keepends=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(header)
        for start in range(0, rows, 50_000):
            handle.write("".join(rng.choices(pool, k=min(50_000, rows - start))))


def postgres_url() -> str | None:
    import psycopg

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    try:
        with psycopg.connect(_conninfo(_with_database(url, "postgres")), connect_timeout=3):
            return url
    except psycopg.OperationalError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    default_rows = int(os.environ.get("NRM_BENCH_ROWS", 1_000_000))
    parser.add_argument("--rows", type=int, default=default_rows)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    url = postgres_url()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ctdc-2020.csv"
        started = time.perf_counter()
        write_file(path, args.rows)
        size_mb = path.stat().st_size / 1e6
        print(f"  generated {args.rows:,} rows ({size_mb:.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        if url is None:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            return run(path, args, copy_seconds=None)
        import psycopg

        admin = _conninfo(_with_database(url, "postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {DATABASE}")
        try:
            bench_url = _with_database(url, DATABASE)
            copy_seconds = copy_baseline(bench_url, path)
            os.environ["DATABASE_URL"] = bench_url
            return run(path, args, copy_seconds=copy_seconds)
        finally:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def copy_baseline(url: str, path: Path) -> float:
    """PostgreSQL COPY of the same file into a bare table of text columns."""
    import psycopg

    from nrm.exchange import synthetic

    columns = len(synthetic.ctdc_2020_header())
    with psycopg.connect(_conninfo(url)) as connection:
        connection.execute(
            "CREATE TABLE bare (" + ", ".join(f"c{i} text" for i in range(columns)) + ")"
        )
        connection.commit()
        started = time.perf_counter()
        with connection.cursor() as cursor, cursor.copy(
            "COPY bare FROM STDIN WITH (FORMAT csv, HEADER true)"
        ) as copy, path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        connection.commit()
        seconds = time.perf_counter() - started
        connection.execute("DROP TABLE bare")
        connection.commit()
    print(f"  PostgreSQL COPY into a bare table: {seconds:.1f} s", flush=True)
    return seconds


def run(path: Path, args: argparse.Namespace, *, copy_seconds: float | None) -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "nrm.settings_test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from nrm.exchange.actions import ctdc_import
    from nrm.exchange.models import CtdcRecord

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    report = ctdc_import(actor=None, actor_label="bench", path=path)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stored = CtdcRecord.objects.count()
    print(f"  nrm import ctdc: {report.rows:,} rows, {len(report.errors)} errors, "
          f"{stored:,} stored in {seconds:.1f} s ({report.rows / seconds:,.0f} rows/s; "
          f"target < {IMPORT_TARGET_S:.0f} s)")
    print(f"  peak memory of the process: {peak_mb:.0f} MB (target < {MEMORY_TARGET_MB:.0f} MB)")
    ok = report.ok and stored == report.rows and seconds < IMPORT_TARGET_S
    ok = ok and peak_mb < MEMORY_TARGET_MB
    if copy_seconds is not None:
        ratio = seconds / copy_seconds
        print(
            f"  ratio to PostgreSQL COPY of the same file: {ratio:.2f} "
            f"(target <= {RATIO_TARGET:.0f})"
        )
        ok = ok and ratio <= RATIO_TARGET
    else:
        print("  PostgreSQL not reachable: ran on SQLite, no COPY ratio.")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
