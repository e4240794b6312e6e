"""No personal data in logs: a person's name never reaches a log record, whatever happens.

The requests below create, view and edit a person with distinctive names, through pages
and the API, and fail in the usual ways (bad input, conflict, not found, a server error),
with every logger at DEBUG and the SQL logger on, so that even the statements sent to the
database are recorded. Records are checked as they are made, before any handler's filter.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from nrm.accounts.actions import api_token_create
from nrm.people.models import Person
from nrm.testing import World, signed_in

ClientAs = Callable[[str], Client]
NAMES = ("Zephyrina", "Quillfeather", "Marigoldova", "Thistlewick")
# Loggers that Django's settings keep from propagating to the root logger.
OWN_HANDLER_LOGGERS = ("django.request", "django.server")
# Django's default logging holds the "django" tree at INFO, which hides the SQL log.
SQL_LOGGER = "django.db.backends"


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record at DEBUG, including the SQL and the loggers that do not propagate."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger=SQL_LOGGER)
    loggers = [logging.getLogger(name) for name in OWN_HANDLER_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(caplog.handler)
        logger.setLevel(logging.DEBUG)
    try:
        with CaptureQueriesContext(connection):  # turns on django.db.backends' SQL log
            yield caplog
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(caplog.handler)
            logger.setLevel(level)


def form(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "given_names": NAMES[0],
        "family_name": NAMES[1],
        "nationalities": ["RO"],
        "languages": ["ro"],
        "gender": "Feminine",
        "age_at_first_contact": "29",
        "version": "1",
    }
    data.update(fields)
    return data


def assert_no_name_in(caplog: pytest.LogCaptureFixture) -> None:
    assert caplog.records, "nothing was logged: the test would prove nothing"
    for record in caplog.records:
        seen = f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for name in NAMES:
            assert name not in seen, (record.name, record.levelname)
    for name in NAMES:
        assert name not in caplog.text  # formatted, tracebacks included


def test_pages_log_no_name(
    world: World, client_as: ClientAs, all_logs: pytest.LogCaptureFixture
) -> None:
    client = client_as("caseworker_a")

    created = client.post("/people/new/", form())
    person = Person.objects.get()
    url = f"/people/{person.reference}/"
    viewed = client.get(url)
    edited = client.post(f"{url}edit/", form(family_name=NAMES[2]))
    stale = client.post(f"{url}edit/", form(family_name=NAMES[3], version="1"))
    invalid = client.post("/people/new/", form(given_names=NAMES[3], age_at_first_contact="-4"))
    outsider = client_as("caseworker_b").get(url)
    listed = client.get("/people/")

    assert [r.status_code for r in (created, viewed, edited, stale, invalid, outsider, listed)] == [
        302,
        200,
        302,
        409,
        400,
        404,
        200,
    ]
    assert NAMES[0] in viewed.content.decode()  # the names were really in play
    messages = [r.getMessage() for r in all_logs.records]
    assert any(m.startswith("Conflict: ") for m in messages)
    assert any(m.startswith("Not Found: ") for m in messages)
    assert any(r.name == SQL_LOGGER for r in all_logs.records)
    assert_no_name_in(all_logs)


def test_the_api_logs_no_name(world: World, all_logs: pytest.LogCaptureFixture) -> None:
    _token, plaintext = api_token_create(actor=world.actor("inspector"), label="sync", days=1)
    client = Client(headers={"Authorization": f"Bearer {plaintext}"})
    body = {"identity": {"given_names": NAMES[0], "family_name": NAMES[1]}, "nationalities": []}

    created = client.post("/api/v1/persons", json.dumps(body), content_type="application/json")
    reference = created.json()["reference"]
    viewed = client.get(f"/api/v1/persons/{reference}")
    bad_country = client.post(
        "/api/v1/persons",
        json.dumps({**body, "nationalities": ["XX"]}),
        content_type="application/json",
    )
    malformed = client.post(
        "/api/v1/persons",
        '{"identity": {"family_name": "' + NAMES[2] + '"',
        content_type="application/json",
    )
    wrong_type = client.post(
        "/api/v1/persons",
        json.dumps({"identity": {"given_names": NAMES[3], "birth_date": 1991}}),
        content_type="application/json",
    )

    assert [r.status_code for r in (created, viewed, bad_country, malformed, wrong_type)] == [
        201,
        200,
        400,
        400,
        400,
    ]
    assert viewed.json()["identity"]["family_name"] == NAMES[1]
    assert any(r.getMessage().startswith("Bad Request: ") for r in all_logs.records)
    assert_no_name_in(all_logs)


def test_a_server_error_logs_no_name(world: World, all_logs: pytest.LogCaptureFixture) -> None:
    person = world.person("caseworker_a", given_names=NAMES[0], family_name=NAMES[1])
    client = signed_in(Client(raise_request_exception=False), world, "caseworker_a")

    # The keys no longer open the record: the page fails, and the failure is logged.
    with override_settings(NRM_FIELD_KEYS=[Fernet.generate_key().decode()]):
        response = client.get(f"/people/{person.reference}/")

    assert response.status_code == 500
    errors = [r for r in all_logs.records if r.name == "django.request" and r.exc_info]
    assert errors, "the failure was not logged"
    assert_no_name_in(all_logs)
