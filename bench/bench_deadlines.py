"""Benchmark of the pathway deadlines on PostgreSQL (issue 5, "Speed").

Creates its own database (`nrm_bench_<pid>_<time>`: a name of its own per run) on the server
of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/test), migrates it, and fills it with SQL
(`generate_series`, no Python loop): N persons (default 1,000,000) with a pathway record,
one open deadline each spread over the next two years, one closed deadline each (history),
a few thousand open deadlines already notified and overdue, and a backlog of 10,000 due
deadlines not yet notified. Then it times

1. `nrm deadlines due --within 7d`: the query behind it (`deadlines_due`), target < 200 ms;
2. the claiming worker processing the 10,000 due items (`deadlines_process`: claims,
   notifications, audit rows, e-mails through the locmem backend), target < 10 s;

prints both figures, and drops the database. Runs in a few minutes on 2 cores.

    .venv/bin/python bench/bench_deadlines.py [--persons N] [--due N] [--check]

NRM_BENCH_PERSONS sets N for a quick check (`NRM_BENCH_PERSONS=20000 make bench`);
NRM_BENCH_KEEP=1 keeps the database afterwards (to EXPLAIN the queries); `--check` exits
with status 1 when a figure misses its target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

# Unique per run: a fixed name would drop the database of another run on the same server.
BENCH_DATABASE = f"nrm_bench_{os.getpid()}_{int(time.time())}"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
DUE_TARGET_MS = 200.0
WORKER_TARGET_S = 10.0
OVERDUE_NOTIFIED = 5_000  # open, overdue and already notified: listed by `due`, not claimed


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _conninfo(url: str) -> str:
    # psycopg reads postgres:// URLs itself; only the scheme alias needs mapping.
    return url.replace("postgis://", "postgresql://", 1)


@contextmanager
def bench_database(url: str) -> Iterator[str]:
    """A fresh database of this run's own on the server of `url`, dropped afterwards."""
    admin_url = _with_database(url, "postgres")
    with psycopg.connect(_conninfo(admin_url), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    try:
        yield _with_database(url, BENCH_DATABASE)
    finally:
        from django.db import connections

        connections.close_all()
        if not os.environ.get("NRM_BENCH_KEEP"):  # kept on request, to look at the plans
            with psycopg.connect(_conninfo(admin_url), autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "nrm.settings_test"
    # Real mail formatting and sending, kept in memory.
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # the worker logs every batch at INFO
    import django

    django.setup()


def timed(label: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = action()
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def seed(persons: int, due: int) -> dict[str, int]:
    """The organisations through the ORM; the million rows through SQL."""
    from django.core.management import call_command
    from django.db import connection

    from nrm.accounts.models import User
    from nrm.organisations.models import Membership, Organisation, OrganisationType, Role

    timed("migrate", lambda: call_command("migrate", verbosity=0))
    office = Organisation.objects.create(
        name="Immigration Office",
        short_name="Immigration Office",
        type=OrganisationType.IMMIGRATION_OFFICE,
        country="BE",
    )
    for index in range(3):
        user = User.objects.create(username=f"officer{index}", email=f"officer{index}@x.invalid")
        Membership.objects.create(user=user, organisation=office, role=Role.IMMIGRATION_OFFICER)
    due = min(due, persons // 2)
    overdue_notified = min(OVERDUE_NOTIFIED, persons // 10)
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        timed(
            f"{persons:,} persons",
            lambda: cursor.execute(
                """
                INSERT INTO people_person (reference, given_names, family_name, other_names,
                    phone, email, address, nationalities, languages, gender,
                    age_at_first_contact, first_contact_on, created_at, updated_at, version)
                SELECT 'B-' || lpad(g::text, 9, '0'), '', '', '', '', '', '',
                    '["RO"]'::jsonb, '["ro"]'::jsonb, 'NonSpecifiedUnknown', 18 + g %% 40,
                    current_date - (g %% 700), now(), now(), 1
                FROM generate_series(1, %s) g
                """,
                [persons],
            ),
        )
        timed(
            "pathway records",
            lambda: cursor.execute(
                """
                INSERT INTO protection_pathwayrecord (person_id, jurisdiction,
                    age_at_identification, unaccompanied_minor, has_legal_stay, state,
                    version, updated_at)
                SELECT id, 'BE', 30, false, false, 'TEMPORARY_STAY', 6, now()
                FROM people_person
                """
            ),
        )
        # Row n of the records: the first `due` form the worker's backlog (due in the last
        # 30 days, not notified); the next `overdue_notified` are overdue and notified; the
        # rest fall due over the next two years, their past reminders already sent.
        timed(
            "open deadlines",
            lambda: cursor.execute(
                """
                INSERT INTO protection_deadline (record_id, reference, jurisdiction, kind,
                    due_on, due_at, remind_at, responsible_kind, organisation_id, action,
                    setting, status, opened_at, reminded_at, notified_at)
                SELECT id, reference, 'BE', 'TEMPORARY_PERMIT_EXPIRY', due_at::date, due_at,
                    due_at - interval '30 days', 'IMMIGRATION_OFFICE', %(office)s,
                    'renew or end; consult prosecutor', 'be_temporary_permit', 'OPEN',
                    now() - interval '180 days',
                    CASE WHEN due_at - interval '30 days' <= now()
                         THEN due_at - interval '30 days' END,
                    CASE WHEN n > %(due)s AND due_at <= now() THEN due_at END
                FROM (
                    SELECT id, reference, n, CASE
                        WHEN n <= %(due)s THEN date_trunc('day', now())
                            - make_interval(days => (1 + n %% 30)::int)
                        WHEN n <= %(due)s + %(overdue)s THEN date_trunc('day', now())
                            - make_interval(days => (31 + n %% 60)::int)
                        ELSE date_trunc('day', now())
                            + make_interval(days => (1 + (n * 7919) %% 730)::int)
                    END AS due_at
                    FROM (SELECT r.id, p.reference, row_number() OVER (ORDER BY r.id) AS n
                          FROM protection_pathwayrecord r
                          JOIN people_person p ON p.id = r.person_id) numbered
                ) planned
                """,
                {"office": office.pk, "due": due, "overdue": overdue_notified},
            ),
        )
        timed(
            "closed deadlines",
            lambda: cursor.execute(
                """
                INSERT INTO protection_deadline (record_id, reference, jurisdiction, kind,
                    due_on, due_at, remind_at, responsible_kind, organisation_id, action,
                    setting, status, opened_at, closed_at, reminded_at, notified_at)
                SELECT r.id, p.reference, 'BE', 'REFLECTION_END', current_date - 400,
                    NULL, NULL, 'IMMIGRATION_OFFICE', %s, 'decide',
                    'be_reflection', 'CLOSED', now() - interval '445 days',
                    now() - interval '420 days', now() - interval '407 days', NULL
                FROM protection_pathwayrecord r JOIN people_person p ON p.id = r.person_id
                """,
                [office.pk],
            ),
        )
        timed("analyze", lambda: cursor.execute("ANALYZE"))
    return {"office": office.pk, "due": due}


def bench_due(rounds: int = 7) -> tuple[float, float, int]:
    """Median and worst time of the `due --within 7d` query, and its row count."""
    import datetime as dt

    from django.utils import timezone

    from nrm.protection.queries import deadlines_due

    until = timezone.now() + dt.timedelta(days=7)
    deadlines_due(until=until)  # warm the cache, as a second run of the command would
    times, count = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        count = len(deadlines_due(until=until))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), count


def bench_worker() -> tuple[float, Any, int]:
    from django.core import mail
    from django.utils import timezone

    from nrm.protection.notices import deadlines_process

    mail.outbox = []
    started = time.perf_counter()
    run = deadlines_process(now=timezone.now(), batch=500)
    return time.perf_counter() - started, run, len(mail.outbox)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--persons", type=int, default=int(os.environ.get("NRM_BENCH_PERSONS", "1000000"))
    )
    parser.add_argument("--due", type=int, default=10_000, help="the worker's backlog")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        print("bench_deadlines needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with bench_database(url) as bench_url:
        setup_django(bench_url)
        print(f"Seeding {args.persons:,} persons in {BENCH_DATABASE}:", flush=True)
        seeded = seed(args.persons, args.due)
        median_ms, worst_ms, rows = bench_due()
        elapsed, run, emails = bench_worker()
        again = bench_worker()[1]
    print(
        f"nrm deadlines due --within 7d: {median_ms:.1f} ms median, {worst_ms:.1f} ms worst, "
        f"{rows:,} rows (target < {DUE_TARGET_MS:.0f} ms)"
    )
    print(
        f"worker: {run.due:,} due items claimed and notified in {elapsed:.2f} s "
        f"({run.notifications:,} notifications, {emails} e-mails; a second run claimed "
        f"{again.claimed}) (target < {WORKER_TARGET_S:.0f} s for 10,000)"
    )
    print(f"total with seeding: {time.perf_counter() - started:.0f} s")
    ok = (
        median_ms < DUE_TARGET_MS
        and elapsed < WORKER_TARGET_S
        and run.due == seeded["due"]
        and again.claimed == 0
    )
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
