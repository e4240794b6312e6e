"""The demo world: `nrm demo load`, `nrm demo logins` and `nrm demo otp`."""

from __future__ import annotations

import contextlib
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.audit import audit_verify
from nrm.access.models import AuditEvent, Involvement
from nrm.accounts.models import User
from nrm.caseload.demo import LEFT_USERNAME
from nrm.demo.world import DEMO_PASSWORD, PERSONAS, SECOND_ADMINISTRATOR
from nrm.organisations.models import Membership, Organisation, OrganisationType
from nrm.people.models import Person

T = OrganisationType


def demo(*args: str, **options: Any) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, **options)
    return out.getvalue()


def row_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Organisation, User, Membership, Person, Involvement, AuditEvent)
    )


class Rollback(Exception):
    pass


def demo_persons() -> list[tuple[Any, ...]]:
    """Everything about the generated persons except the random references."""
    return [
        (
            person.given_names,
            person.family_name,
            person.birth_date,
            person.documents,
            person.phone,
            person.nationalities,
            person.languages,
            person.gender,
            person.age_at_first_contact,
            person.first_contact_on,
            sorted(person.involvements.values_list("organisation__name", "purpose")),
        )
        for person in Person.objects.order_by("id")
    ]


def test_the_demo_world_has_the_mechanisms_organisations_and_one_user_per_persona(
    db: None,
) -> None:
    assert "Demo world loaded." in demo("load", persons=12)
    organisations = Organisation.objects
    assert organisations.filter(type=T.CENTRE_ADULTS).count() == 3
    assert organisations.filter(type=T.CENTRE_MINORS).count() == 2
    assert organisations.filter(type=T.LABOUR_INSPECTION_TEAM).count() == 10
    assert organisations.filter(type=T.PLATFORM_OPERATOR).count() == 1

    # Besides the personas: the second administrator who approves, and a caseworker who
    # has left PAG-ASA (her persons wait for the director to hand them over: nrm/caseload).
    assert set(User.objects.values_list("username", flat=True)) == {
        p.username for p in PERSONAS
    } | {SECOND_ADMINISTRATOR, LEFT_USERNAME}
    for persona in PERSONAS:
        user = User.objects.get(username=persona.username)
        assert user.check_password(DEMO_PASSWORD)
        assert not user.must_change_password
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
        assert Membership.objects.filter(
            user=user,
            organisation__short_name=persona.organisation,
            role=persona.role,
            ended_at__isnull=True,
        ).exists(), persona.username

    assert Person.objects.count() >= 12  # plus the persons the capability demos meet
    check = audit_verify()
    assert check.ok, check.problem
    assert check.checked == AuditEvent.objects.count()


def test_the_demo_world_is_the_same_every_time(db: None) -> None:
    first: list[tuple[Any, ...]] = []
    # Load, read, and roll back: the database is as fresh as before the first load.
    with contextlib.suppress(Rollback), transaction.atomic():
        demo("load", persons=12)
        first = demo_persons()
        raise Rollback
    assert row_counts() == (0, 0, 0, 0, 0, 0)
    demo("load", persons=12)
    second = demo_persons()
    assert len(first) >= 12  # the capability demos (hotline, inspections) add a few
    assert first == second
    assert len({(p[0], p[1]) for p in second}) > 6  # different people
    assert len({tuple(p[5]) for p in second}) > 6  # of several nationalities


def test_the_demo_loads_only_into_an_empty_database(db: None) -> None:
    demo("load", persons=2)
    before = row_counts()
    with pytest.raises(CommandError, match="not empty"):
        demo("load", persons=2)
    assert row_counts() == before


@override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
def test_loading_prints_no_mail_of_the_generated_world(
    transactional_db: None, flushable_audit_trail: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make run` prints the logins after loading: the world's notification e-mails (real
    commits, so they would go out to the console backend) must not bury them."""
    out = demo("load", persons=2)
    assert "notification e-mails of the generated world were not sent" in out
    assert "Subject:" not in capsys.readouterr().out


def test_if_empty_leaves_a_database_with_data_alone(db: None) -> None:
    assert "Demo world loaded." in demo("load", if_empty=True, persons=2)
    before = row_counts()
    assert "not loaded again" in demo("load", if_empty=True, persons=2)
    assert row_counts() == before


def test_a_negative_number_of_persons_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="zero or more"):
        demo("load", persons=-1)
    assert row_counts() == (0, 0, 0, 0, 0, 0)


def test_logins_lists_every_persona_and_the_password() -> None:
    out = demo("logins")
    assert DEMO_PASSWORD in out
    for persona in PERSONAS:
        assert re.search(
            rf"^  {re.escape(persona.username)}\s+{re.escape(persona.what)}$", out, re.M
        )


def test_otp_prints_a_code_the_accounts_second_factor_accepts(db: None) -> None:
    demo("load", persons=0)
    code = demo("otp", "inspector").strip()
    assert re.fullmatch(r"\d{6}", code)
    assert TOTPDevice.objects.get(user__username="inspector").verify_token(code)


def test_otp_refuses_an_unknown_account(db: None) -> None:
    demo("load", persons=0)
    with pytest.raises(CommandError, match="No account"):
        demo("otp", "nobody")


@override_settings(NRM_DEMO=True, NRM_OTP_REQUIRED=False)
def test_a_demo_persona_signs_in_with_the_code_the_page_shows(db: None) -> None:
    demo("load", persons=4)
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "caseworker", "password": DEMO_PASSWORD}
    )
    assert response["Location"] == "/accounts/verify/"
    page = client.get("/accounts/verify/").content.decode()
    shown = re.search(r"<strong>(\d{6})</strong>", page)
    assert shown is not None
    assert client.post("/accounts/verify/", {"code": shown.group(1)})["Location"] == "/"
    home = client.get("/").content.decode()
    assert "Specialised centre" in home
    assert "Demo" in home
