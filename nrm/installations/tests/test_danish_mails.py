"""The e-mails of the Danish installation reach Danish users in Danish (issue 15 item 5):
the account mails and the pathway deadline notices and reminders, rendered by the real
senders in a Danish installation, with no English sentence left."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from nrm.access.models import InvolvementBasis, Purpose
from nrm.accounts.models import User
from nrm.administration import notices
from nrm.identification.actions import identification_decide
from nrm.organisations.models import Membership
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord
from nrm.protection.notices import deadlines_process
from nrm.testing import World
from nrm.testing_dk import add_danish_world, danish_installation

pytestmark = pytest.mark.django_db
# Words of an English sentence that Danish never uses: one of them in a Danish mail is an
# untranslated leftover.
ENGLISH = re.compile(r"\b(the|your|and|with|has|been|was|were|which|this|that|will)\b")


@pytest.fixture
def dk(world: World, settings: Any) -> World:
    danish_installation(settings)
    settings.LANGUAGE_CODE = "da"  # the installation's language (dk.json)
    add_danish_world(world)
    # A user who has not chosen a language reads the installation's.
    User.objects.filter(username__startswith="dk.").update(preferred_language="")
    return world


def danish(message: mail.EmailMessage) -> str:
    text = f"{message.subject}\n{message.body}"
    leftovers = sorted(set(ENGLISH.findall(text.lower())))
    assert leftovers == [], text
    return text


def test_the_account_mails_are_in_danish(
    dk: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    admin = dk.users["admin"]
    user = dk.users["udlst"]
    membership = Membership.objects.get(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        notices.account_welcome(user, admin, "https://nrm.example/k/abc")
        notices.credentials_reset(user, admin, "https://nrm.example/k/def")
        notices.membership_approved(membership, None, admin)
    to_user = [m for m in mail.outbox if m.to == [user.email]]
    assert len(to_user) == 3
    texts = [danish(message) for message in to_user]
    assert all("Open NRM" in text for text in texts)  # the product's name stays


def test_the_deadline_notices_and_reminders_are_in_danish(
    dk: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    person = dk.person("at")
    dk.involve(person, "udlst", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED)
    identification_decide(
        actor=dk.actor("udlst"),
        person=person,
        outcome="POSITIVE",
        reasons="Indicators of forced labour.",
        on=date(2025, 3, 1),
    )
    pathway_event_record(
        actor=dk.actor("udlst"),
        person=person,
        event_type="REFLECTION_STARTED",
        on=date(2025, 3, 2),
        expected_version=PathwayRecord.objects.get(person=person).version,
    )
    zone = timezone.get_current_timezone()
    # A week before the end of the 30 days: the reminder; after it: the deadline's notice.
    for day in (date(2025, 3, 27), date(2025, 4, 3)):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            deadlines_process(now=dt.datetime.combine(day, dt.time(9), zone))
        messages = [m for m in mail.outbox if dk.users["udlst"].email in m.to]
        assert messages, day
        for message in messages:
            text = danish(message)
            assert person.reference in text
