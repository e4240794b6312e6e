"""Benchmark of the rapporteur's annual report on PostgreSQL (issue 12, "Speed").

Creates its own database (`nrm_bench_statistics`) on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/test), migrates it and fills the statistics release
table with SQL (`generate_series`, no Python loop): the units of N persons (default
1,000,000) over ten years, every figure of the catalogue in proportion (presumed victims
referred and accompanied, distinct persons after linkage, persons met with indicators,
documents and documents after a gap, suspects, case files, decisions, judgments, sentences,
assets, allocations, inspections by focus and outcome, referrals by source and time to
answer, hotline contacts), about 13 million rows, each year's units written together as a
refresh writes them; a figure without a volume stops the run. Then, in
the same run, it times

1. the annual report of the last year (`report_build` + the JSON rendering: every table
   and series of the catalogue, with disclosure control), target < 5 s;
2. hand-written GROUP BY queries that compute the same tables from the same rows (one per
   table and per series, through a plain cursor, nothing else; the report itself reads all
   the tables of a figure in one GROUPING SETS statement and all series in one query),

prints both (median of several rounds) and their ratio, target <= 3, and drops the database.

What it does not time: the refresh (the extraction of one year's units from the other
apps' records), which runs once per year and release, not per report.

    .venv/bin/python bench/statistics_report.py [--persons N] [--rounds N] [--check]

NRM_BENCH_PERSONS sets N for a quick check (NRM_BENCH_DATABASE its database's name);
NRM_BENCH_KEEP=1 keeps the database, and NRM_BENCH_REUSE=1 then times it again without
seeding.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

# NRM_BENCH_DATABASE: another name, so that a quick check never drops a kept benchmark.
BENCH_DATABASE = os.environ.get("NRM_BENCH_DATABASE", "nrm_bench_statistics")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
REPORT_TARGET_S = 5.0
RATIO_TARGET = 3.0
LAST_YEAR = 2025
YEARS = 10

# Units per person, by figure (orders of magnitude of the Belgian chain).
VOLUMES: dict[str, float] = {
    "presumed_victims_referred": 1.0,
    "persons_met_with_indicators": 0.9,
    "status_documents": 1.2,
    "suspects": 0.4,
    "case_files_opened": 0.4,
    "prosecution_decisions": 0.5,
    "defendants_judged": 0.15,
    "sentences": 0.12,
    "assets_frozen": 0.03,
    "assets_confiscated": 0.02,
    "compensation_allocated": 0.03,
    "inspections": 0.25,
    "referrals": 1.2,
    "hotline_contacts": 0.5,
    # The figures of the second round, in the demo history's proportions
    # (`nrm/demo/history.py`): a person is accompanied for two years or more on average,
    # the distinct persons after linkage are those accompanied plus those met with
    # indicators less the linked ones, the referrals answered have a time to answer.
    "persons_accompanied": 2.3,
    "presumed_victims_distinct": 2.9,
    "documents_after_gap": 0.11,
    "referral_answer_time": 1.1,
}
# Dimensions that read the `detail` column: each figure's own codes (one figure uses one).
DETAIL_DIMENSIONS = ("suspension", "source", "outcome")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _reusable(admin_url: str) -> bool:
    """NRM_BENCH_REUSE=1 with a database kept by NRM_BENCH_KEEP=1: time it again, unseeded."""
    if not os.environ.get("NRM_BENCH_REUSE"):
        return False
    with psycopg.connect(admin_url, autocommit=True) as admin:
        found = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
    return found is not None


@contextmanager
def bench_database(url: str) -> Iterator[str]:
    """A fresh database of this benchmark's own, dropped afterwards."""
    admin_url = _with_database(url, "postgres")
    if not _reusable(admin_url):
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    try:
        yield _with_database(url, BENCH_DATABASE)
    finally:
        from django.db import connections

        connections.close_all()
        if not os.environ.get("NRM_BENCH_KEEP"):
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nrm.settings_test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _choice(values: list[str], seed: str) -> str:
    """SQL picking one of `values` from a deterministic hash of the row number, skewed
    towards the first ones (the largest categories come first in each list)."""
    array = "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]"
    # Squaring a uniform draw favours low indexes: a long-tailed distribution.
    return (
        f"({array})[1 + floor(power("
        f"((hashint4((g + {seed})::int) & 2147483647) %% 10000) / 10000.0, 2)"
        f" * {len(values)})::int]"
    )


def seed(persons: int) -> int:
    from django.core.management import call_command
    from django.db import connection

    from nrm.inspections.vocab import Sector
    from nrm.organisations.models import OrganisationType
    from nrm.pathway.rules_be import BeState
    from nrm.prosecution.vocab import ExploitationForm
    from nrm.statistics.figures import DIMENSIONS, FIGURES, UNKNOWN

    call_command("migrate", verbosity=0)
    forms = [f for f in ExploitationForm.values if f != "ORGAN_REMOVAL"]
    forms = ["LABOUR", "SEXUAL", *[f for f in forms if f not in ("LABOUR", "SEXUAL")]]
    nationalities = ["MA", "PH", "BD", "RO", "NG", "BG", "IN", "BR", "UA", "AL", "CN", "VN",
                     "BE", "PK", "ER", "TR", "SY", "AF", "EG", "TH", ""]  # fmt: skip
    categories = {
        f.id: list(f.category_labels) if f.category_labels else [""] for f in FIGURES.values()
    }
    # Inspections by outcome (not yet reported is stored empty), referrals by source,
    # sentences by suspension; other figures leave `detail` empty, as the extraction does.
    details = {
        f.id: [
            "" if code == UNKNOWN else code
            for key in f.dimensions
            if key in DETAIL_DIMENSIONS
            for code in DIMENSIONS[key].labels or {}
        ]
        or [""]
        for f in FIGURES.values()
    }
    missing = set(FIGURES) - set(VOLUMES)
    if missing:  # a figure without rows would make both sides of the ratio cheaper
        raise SystemExit(f"give every figure of the catalogue a volume: {sorted(missing)}")
    total = 0
    with connection.cursor() as cursor:
        for number, (figure, per_person) in enumerate(VOLUMES.items()):
            rows = int(persons * per_person)
            money = FIGURES[figure].money
            cursor.execute(
                f"""
                INSERT INTO statistics_fact (figure, year, unit_key, generated, form, sector,
                    sex, age_group, nationality, region, referrer, phase, category, detail,
                    amount_eur)
                SELECT %s, {LAST_YEAR - YEARS + 1} + ((g - 1) * {YEARS}) / {rows}, g, false,
                    {_choice(forms, str(number * 11 + 1))},
                    {_choice(list(Sector.values), str(number * 11 + 2))},
                    {_choice(["MALE", "FEMALE", "OTHER_OR_UNKNOWN"], str(number * 11 + 3))},
                    {_choice(["ADULT", "MINOR", "UNKNOWN"], str(number * 11 + 4))},
                    {_choice(nationalities, str(number * 11 + 5))},
                    {_choice(["VLG", "BRU", "WAL"], str(number * 11 + 6))},
                    {_choice(list(OrganisationType.values), str(number * 11 + 7))},
                    {_choice(list(BeState), str(number * 11 + 8))},
                    {_choice(categories[figure], str(number * 11 + 9))},
                    {_choice(details[figure], str(number * 11 + 10))},
                    {"(hashint4(g::int) & 65535) * 3.5" if money else "NULL"}
                FROM generate_series(1, %s) g
                """,  # noqa: S608  # nosec B608  # constants of this script, no input
                # Year after year, as refreshes write them: a year's units lie together.
                [figure, rows],
            )
            total += rows
        cursor.execute("ANALYZE statistics_fact")
    return total


def hand_written(year: int) -> int:
    """The same tables as the report, by plain GROUP BY queries and nothing else."""
    from django.db import connection

    from nrm.statistics.figures import DIMENSIONS, FIGURES
    from nrm.statistics.queries import SERIES_YEARS, report_requests

    groups = 0
    with connection.cursor() as cursor:
        for request in report_requests():
            money = FIGURES[request.figure].money
            row = DIMENSIONS[request.rows].column
            column = DIMENSIONS[request.columns].column if request.columns else "''"
            measure = "COUNT(*), SUM(amount_eur)" if money else "COUNT(*)"
            cursor.execute(
                f"SELECT {row}, {column}, {measure} FROM statistics_fact "  # noqa: S608  # nosec B608  # columns from the DIMENSIONS table, values are parameters
                "WHERE figure = %s AND year = %s GROUP BY 1, 2",
                [request.figure, year],
            )
            groups += len(cursor.fetchall())
        for figure in FIGURES:
            cursor.execute(
                "SELECT year, COUNT(*) FROM statistics_fact "
                "WHERE figure = %s AND year BETWEEN %s AND %s GROUP BY 1",
                [figure, year - SERIES_YEARS + 1, year],
            )
            groups += len(cursor.fetchall())
    return groups


def report(year: int) -> int:
    import json

    from nrm.statistics.report import as_json, report_build

    return len(json.dumps(as_json(report_build(None, year=year))))


def timed(action: Any, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--persons", type=int, default=int(os.environ.get("NRM_BENCH_PERSONS", 1_000_000))
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    with bench_database(url) as database_url:
        setup_django(database_url)
        started = time.perf_counter()
        if os.environ.get("NRM_BENCH_REUSE"):
            from nrm.statistics.models import Fact

            print(f"reusing {Fact.objects.count():,} units", flush=True)
        else:
            rows = seed(args.persons)
            print(f"seeded {rows:,} units of {args.persons:,} persons over {YEARS} years "
                  f"in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
        report(LAST_YEAR)  # warm the caches (translations, plans) once for both
        hand_written(LAST_YEAR)
        report_times: list[float] = []
        hand_times: list[float] = []
        for _ in range(args.rounds):  # interleaved, so both see the same machine load
            report_times += timed(lambda: report(LAST_YEAR), 1)
            hand_times += timed(lambda: hand_written(LAST_YEAR), 1)
        report_s = statistics.median(report_times)
        hand_s = statistics.median(hand_times)
        ratio = report_s / hand_s if hand_s else float("inf")
        print(f"annual report {LAST_YEAR}: {report_s:.2f} s (target < {REPORT_TARGET_S:.0f} s)")
        print(f"hand-written GROUP BY queries: {hand_s:.2f} s")
        print(f"ratio report / hand-written: {ratio:.2f} (target <= {RATIO_TARGET:.0f})")
    missed = report_s >= REPORT_TARGET_S or ratio > RATIO_TARGET
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
