"""Page benchmark at national volume (issue 17): the daily pages, served as in production.

1. Creates a PostgreSQL database of its own (a unique name: two runs never share one) on
   the server of DATABASE_URL, migrates it and loads `nrm demo load --persons N` (the demo
   world plus the national volume, nrm/demo/volume.py). NRM_BENCH_PAGES_DB names an
   existing loaded database to reuse instead (it is then kept).
2. Serves it with gunicorn, 4 threaded workers, DEBUG off (demo mode: production mode would
   require HTTPS and the installation's own keys, which the generated world was not
   encrypted with).
3. Signs each persona in through the real sign-in (password, then the second factor) and
   measures every page at 1 and 10 concurrent clients: p50, p95, throughput, size, and the
   ratio of p50 (1 client) and p95 (10 clients) to a trivial signed-in page of the same
   persona (the password-change form) measured in the same run.

    NRM_BENCH_PAGES_PERSONS=20000 .venv/bin/python bench/pages.py [--requests N] [--check]

Defaults: 20,000 persons (a few minutes on 2 cores), 30 requests per page and load.
NRM_BENCH_KEEP=1 keeps the database. `--check` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
TARGET_RATIO = 5.0
PASSWORD = "demo-password-2026"  # the demo world's (nrm/demo/world.py)  # noqa: S105
SEED = 20241203  # nrm/demo/world.py: the demo accounts' second-factor secrets derive from it


@dataclass(frozen=True)
class Page:
    label: str
    persona: str
    path: str  # may hold {case} / {person}: filled from the database


PAGES = [
    Page("inspector home", "inspector", "/"),
    Page("coordinator home", "coordinator", "/"),
    Page("rapporteur (analyst) home", "analyst", "/"),
    Page("person list /people/", "caseworker", "/people/"),
    Page("person page", "caseworker", "/people/{person}/"),
    Page("/inspections/", "inspector", "/inspections/"),
    Page("referral inbox", "caseworker", "/referrals/"),
    # Every referral the centre ever received (keyset on its index), and the waiting ones
    # sorted by urgency (a bounded window): neither may grow with the volume.
    Page("referral inbox, all", "caseworker", "/referrals/?state=all"),
    Page("referral inbox by urgency", "caseworker", "/referrals/?sort=urgency"),
    Page("case-file page", "prosecutor", "/prosecution/{case}/"),
]


def _with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


@contextmanager
def bench_database(url: str, persons: int) -> Iterator[str]:
    reuse = os.environ.get("NRM_BENCH_PAGES_DB")
    if reuse:
        yield _with_database(url, reuse)
        return
    name = f"nrm_bench_pages_{os.getpid()}_{int(time.time())}"
    admin = _with_database(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    database_url = _with_database(url, name)
    try:
        env = _env(database_url)
        started = time.perf_counter()
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [*manage, "demo", "load", "--persons", str(persons)], cwd=ROOT, env=env, check=True
        )
        print(f"world of {persons:,} persons loaded in {time.perf_counter() - started:.0f} s")
        yield database_url
    finally:
        if not os.environ.get("NRM_BENCH_KEEP"):
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            print(f"kept database {name}")


def _env(database_url: str) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": database_url,
        "NRM_DEMO": "true",
        "DJANGO_SETTINGS_MODULE": "nrm.settings",
        "LOG_LEVEL": "WARNING",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(database_url: str) -> Iterator[str]:
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    log = Path(tempfile.gettempdir()) / f"nrm-bench-pages-{os.getpid()}.log"
    print(f"server log: {log}")
    process = subprocess.Popen(  # noqa: S603
        [
            gunicorn,
            "nrm.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=_env(database_url),
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=5)  # noqa: S310  # nosec B310  # a fixed http URL on localhost
                break
            except OSError:
                time.sleep(0.5)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _totp(username: str) -> str:
    from django_otp.oath import totp

    key = hashlib.sha1(f"{SEED}:{username}".encode(), usedforsecurity=False).digest()
    return f"{totp(key):06d}"


def _csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


class Browser:
    """One signed-in client: its own cookies, as a browser tab."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, bytes]:
        with self.opener.open(self.base + path, timeout=120) as response:
            return response.status, response.read()

    def post(self, path: str, data: dict[str, str], referer: str) -> str:
        request = urllib.request.Request(  # noqa: S310
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base + referer},
        )
        with self.opener.open(request, timeout=120) as response:
            return str(response.geturl())

    def sign_in(self, username: str) -> None:
        _status, page = self.get("/accounts/login/")
        self.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": _csrf(page.decode()),
                "username": username,
                "password": PASSWORD,
            },
            "/accounts/login/",
        )
        _status, page = self.get("/accounts/verify/")
        landed = self.post(
            "/accounts/verify/",
            {"csrfmiddlewaretoken": _csrf(page.decode()), "code": _totp(username)},
            "/accounts/verify/",
        )
        if "/accounts/" in landed:
            raise RuntimeError(f"{username} could not sign in (landed on {landed})")


@dataclass(frozen=True)
class Timing:
    p50_ms: float
    p95_ms: float
    per_second: float
    size: int


def measure(browsers: list[Browser], path: str, requests: int) -> Timing:
    """`requests` GETs spread over the browsers, all at once (one thread per browser)."""

    def one(index: int) -> tuple[float, int]:
        browser = browsers[index % len(browsers)]
        started = time.perf_counter()
        status, body = browser.get(path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return (time.perf_counter() - started) * 1000, len(body)

    browsers[0].get(path)  # warm: the first request of a worker loads templates
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        results = list(pool.map(one, range(requests)))
    elapsed = time.perf_counter() - started
    times = sorted(ms for ms, _size in results)
    return Timing(
        statistics.median(times),
        times[min(len(times) - 1, int(len(times) * 0.95))],
        requests / elapsed,
        results[-1][1],
    )


def _placeholders(database_url: str) -> dict[str, str]:
    """A case of the prosecutor's and a person of the caseworker's, from the database."""
    with psycopg.connect(database_url) as connection:
        case = connection.execute(
            "SELECT c.reference FROM prosecution_casefile c JOIN prosecution_caseassignment a "
            "ON a.case_id = c.id JOIN accounts_user u ON u.id = a.user_id "
            "WHERE u.username = 'prosecutor' ORDER BY c.id DESC LIMIT 1"
        ).fetchone()
        person = connection.execute(
            "SELECT p.reference FROM people_person p JOIN access_involvement i "
            "ON i.person_id = p.id JOIN organisations_organisation o ON o.id = i.organisation_id "
            "WHERE o.short_name = 'PAG-ASA' AND i.until IS NULL AND i.purpose = 'CARE' "
            "ORDER BY p.id DESC LIMIT 1"
        ).fetchone()
    return {"case": case[0] if case else "", "person": person[0] if person else ""}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--persons", type=int, default=int(os.environ.get("NRM_BENCH_PAGES_PERSONS", "20000"))
    )
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        print("bench/pages.py needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nrm.settings")
    missed: list[str] = []
    with bench_database(url, args.persons) as database_url, server(database_url) as base:
        fill = _placeholders(database_url)
        personas = sorted({page.persona for page in PAGES})
        # One sign-in per persona (a second-factor code is accepted once): its ten clients
        # share the session, as ten tabs of one browser would.
        clients: dict[str, list[Browser]] = {}
        for persona in personas:
            browser = Browser(base)
            browser.sign_in(persona)
            clients[persona] = [browser] * 10
        anonymous = [Browser(base) for _ in range(10)]
        print(f"\n{args.persons:,} persons; {args.requests} requests per page and load")
        header = (
            f"{'page':32} {'p50 1c':>8} {'xbase':>6} {'p50 10c':>8} {'p95 10c':>8} "
            f"{'xbase':>6} {'req/s':>6} {'size':>8}"
        )
        print(header)
        signin_1 = measure(anonymous[:1], "/accounts/login/", args.requests)
        signin_10 = measure(anonymous, "/accounts/login/", args.requests)
        _row("sign-in page (anonymous)", signin_1, signin_10, None, None)
        baselines: dict[str, tuple[Timing, Timing]] = {}
        for persona, browsers in clients.items():
            baselines[persona] = (
                measure(browsers[:1], "/accounts/password/", args.requests),
                measure(browsers, "/accounts/password/", args.requests),
            )
        one, ten = baselines["caseworker"]
        _row("password form (baseline)", one, ten, one, ten)
        for page in PAGES:
            path = page.path.format(**fill)
            if "//" in path.replace("://", ""):
                print(f"{page.label:32} (no such record in this world)")
                continue
            browsers = clients[page.persona]
            one = measure(browsers[:1], path, args.requests)
            ten = measure(browsers, path, args.requests)
            base_one, base_ten = baselines[page.persona]
            ratio_one, ratio_ten = _row(page.label, one, ten, base_one, base_ten)
            if ratio_one > TARGET_RATIO or ratio_ten > TARGET_RATIO:
                missed.append(page.label)
    print(
        f"\ntarget: p50 at 1 client and p95 at 10 clients ≤ {TARGET_RATIO:.0f}x the same "
        "persona's password form"
    )
    print("targets met" if not missed else f"TARGETS MISSED: {', '.join(missed)}")
    return 1 if missed and args.check else 0


def _row(
    label: str, one: Timing, ten: Timing, base_one: Timing | None, base_ten: Timing | None
) -> tuple[float, float]:
    ratio_one = one.p50_ms / base_one.p50_ms if base_one else 0.0
    ratio_ten = ten.p95_ms / base_ten.p95_ms if base_ten else 0.0
    print(
        f"{label:32} {one.p50_ms:7.1f}ms {ratio_one:5.1f}x {ten.p50_ms:7.1f}ms "
        f"{ten.p95_ms:7.1f}ms {ratio_ten:5.1f}x {ten.per_second:6.1f} {one.size / 1024:6.1f}KB",
        flush=True,
    )
    return ratio_one, ratio_ten


if __name__ == "__main__":
    sys.exit(main())
