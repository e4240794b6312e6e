"""Benchmark of audited reads under concurrency on PostgreSQL (issue 11, item 2).

Every read of a person writes an audit row in the read's transaction. With one chain head
every audited read queued on one row lock; with parallel keyed chains (NRM_AUDIT_CHAINS,
nrm/access/audit.py) a reader locks a free head and does not wait for the others.

Creates its own database (`nrm_bench_audit_<pid>_<time>`: a name of its own per run) on the
server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/test), migrates it, builds the persona world and one
person, then for 1, 10 and 50 concurrent clients (threads, one connection each) runs
`person_get_for_actor` (the real audited read) for a few seconds, with one chain and with
the configured chains, prints reads per second, checks the chains verify, and drops the
database.

    .venv/bin/python bench/bench_audit.py [--seconds S]

NRM_BENCH_SECONDS sets S (default 3).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

# Run as a script by bench/run.py: the checkout's root makes `bench` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_deadlines import DEFAULT_URL, _conninfo, _with_database

# Unique per run: a fixed name would drop the database of another run on the same server.
BENCH_DATABASE = f"nrm_bench_audit_{os.getpid()}_{int(time.time())}"
CLIENTS = (1, 10, 50)


def run_level(clients: int, seconds: float, reference: str, chains: int) -> float:
    """Audited reads per second with `clients` threads reading at once."""
    from django.conf import settings
    from django.db import connection, transaction

    from nrm.access.context import actor_for
    from nrm.accounts.models import User
    from nrm.people.queries import person_get_for_actor

    settings.NRM_AUDIT_CHAINS = chains
    user = User.objects.get(username="inspector")
    counts = [0] * clients
    start = threading.Barrier(clients + 1)
    stop_at: list[float] = []

    def client(index: int) -> None:
        actor = actor_for(User.objects.get(pk=user.pk))
        start.wait()
        try:
            while time.perf_counter() < stop_at[0]:
                with transaction.atomic():
                    person_get_for_actor(actor, reference, action="person_read")
                counts[index] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    stop_at.append(time.perf_counter() + seconds)
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - began)


def main() -> int:
    parser = argparse.ArgumentParser()
    default_seconds = float(os.environ.get("NRM_BENCH_SECONDS", 3))
    parser.add_argument("--seconds", type=float, default=default_seconds)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    admin_url = _with_database(url, "postgres")
    import psycopg

    with psycopg.connect(_conninfo(admin_url), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    try:
        os.environ["DATABASE_URL"] = _with_database(url, BENCH_DATABASE)
        os.environ["DJANGO_SETTINGS_MODULE"] = "nrm.settings_test"
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from nrm.access.audit import audit_verify
        from nrm.access.models import Purpose
        from nrm.testing import make_world

        call_command("migrate", verbosity=0)
        world = make_world()
        person = world.person("inspector")
        world.involve(person, "inspector", Purpose.INVESTIGATION)
        configured = max(int(settings.NRM_AUDIT_CHAINS), 2)
        print(f"audited reads per second ({args.seconds:g} s per level)")
        print(f"{'clients':>8} {'1 chain':>10} {f'{configured} chains':>12}")
        for clients in CLIENTS:
            serial = run_level(clients, args.seconds, person.reference, 1)
            parallel = run_level(clients, args.seconds, person.reference, configured)
            print(f"{clients:>8} {serial:>10.0f} {parallel:>12.0f}", flush=True)
        check = audit_verify()
        print(f"chains verify: {check.ok} ({check.checked} rows)")
        return 0 if check.ok else 1
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(_conninfo(admin_url), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
