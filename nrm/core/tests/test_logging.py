"""No credential and no query string in any log line (issue 11 §7): the application's
loggers, the development server's request log and gunicorn's access log."""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config  # type: ignore[import-untyped]

from nrm.core.gunicorn import AccessLogger
from nrm.core.logging import NoPersonalDataFilter, redact

CALENDAR_TOKEN = "Zq3v8Yb1xP0cR7mN2kL5jH9gF4dS6aQ1wE3rT5yU7iO"  # token_urlsafe(32)
API_TOKEN = "nrm_sW9xK2pL7mQ4vB8nC1zD6fG3hJ5kL0aS2dF4gH6jK8l"


@pytest.mark.parametrize(
    ("line", "kept", "gone"),
    [
        ('"GET /people/?q=Popescu HTTP/1.1" 200', "/people/?…", "Popescu"),
        (
            f'"GET /protection/calendar/{CALENDAR_TOKEN}.ics HTTP/1.1" 200',
            "/protection/calendar/….ics",
            CALENDAR_TOKEN,
        ),
        (
            '"GET /accounts/recover/MTI/cx1b2c-0f3a9e1d2c3b4a5f6e7d8c9b0a1f2e3d/ HTTP/1.1" 200',
            "/accounts/recover/…",
            "cx1b2c",
        ),
        (f"Authorization: Bearer {API_TOKEN}", "Bearer …", API_TOKEN),
        (f"token {API_TOKEN} refused", "nrm_…", API_TOKEN),
        (f"/somewhere/{CALENDAR_TOKEN}/", "/somewhere/…/", CALENDAR_TOKEN),
    ],
)
def test_redact_drops_query_strings_and_credentials(line: str, kept: str, gone: str) -> None:
    cleaned = redact(line)

    assert kept in cleaned
    assert gone not in cleaned


def test_references_and_ids_stay_readable() -> None:
    line = '"GET /people/P-QK8Q-Q57J/edit/ HTTP/1.1" 200 /care/plans/12/edit/'

    assert redact(line) == line


def test_the_filter_cleans_the_development_servers_request_line() -> None:
    # django.server logs '"%s" %s %s' with the request line as an argument.
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /protection/calendar/{CALENDAR_TOKEN}.ics?x=Maria HTTP/1.1", "200", "12"),
        None,
    )

    assert NoPersonalDataFilter().filter(record)

    message = record.getMessage()
    assert CALENDAR_TOKEN not in message
    assert "Maria" not in message
    assert message.startswith('"GET /protection/calendar/….ics?… HTTP/1.1"')


def test_gunicorns_access_log_has_no_query_token_or_secret_header() -> None:
    logger = AccessLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/protection/calendar/{CALENDAR_TOKEN}.ics?q=Popescu",
        "PATH_INFO": f"/protection/calendar/{CALENDAR_TOKEN}.ics",
        "QUERY_STRING": "q=Popescu",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.1",
        "HTTP_REFERER": "https://nrm.example/people/?q=Popescu",
        "HTTP_USER_AGENT": "test",
    }
    request = SimpleNamespace(
        headers=[("AUTHORIZATION", f"Bearer {API_TOKEN}"), ("COOKIE", "sessionid=abc123")]
    )
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])

    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))

    line = " ".join(str(value) for value in atoms.values())
    for secret in (CALENDAR_TOKEN, "Popescu", API_TOKEN, "abc123"):
        assert secret not in line
    assert atoms["r"] == "GET /protection/calendar/….ics?… HTTP/1.1"


def test_nrm_serve_starts_gunicorn_with_the_access_logger() -> None:
    from pathlib import Path

    import nrm.core.management.commands.serve as serve

    source = Path(serve.__file__).read_text(encoding="utf-8")
    assert '"--logger-class",\n                "nrm.core.gunicorn.AccessLogger"' in source
