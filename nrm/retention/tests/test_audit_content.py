"""What the audit trail keeps about a person, since retention never touches it.

The trail is append-only and each row's keyed hash covers its `changes` in plaintext, so
nothing in a row can be blanked later without breaking `nrm audit verify`. Retention's own
rows name fields, never values (test_job.py). Rows written by other apps must not hold a
person's identity or free text about them either, or it outlives anonymisation there: the
person actions name identity fields with a marker ("set", "changed", "cleared"), and the
hotline, evidence, referral and override actions say that a text was given, not what it says.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.inspections.actions import evidence_add
from nrm.inspections.tests.helpers import an_inspection, carried_out
from nrm.inspections.tests.test_evidence import MINIMAL_PDF
from nrm.people.actions import PersonData, person_update
from nrm.referrals.actions import HotlineEntryData, hotline_entry_create
from nrm.testing import World

pytestmark = pytest.mark.django_db

SECRETS = ("Quokkaline", "Vantablack", "Zanzibarova", "Glimmerstone", "Okapiforest")


def trail_text() -> str:
    return "\n".join(json.dumps(e.changes, default=str) for e in AuditEvent.objects.all())


def test_no_audit_row_holds_a_persons_identity(world: World) -> None:
    person = world.person("inspector", given_names="Quokkaline", family_name="Vantablack")
    person_update(
        actor=world.actor("inspector"),
        person_id=person.pk,
        expected_version=person.version,
        data=PersonData(
            given_names="Quokkaline",
            family_name="Zanzibarova",
            nationalities=["RO"],
            languages=["ro"],
            age_at_first_contact=31,
            first_contact_on=dt.date(2025, 3, 1),
        ),
    )

    rows = AuditEvent.objects.filter(record_id=str(person.pk))
    assert rows.filter(action="person_update").get().changes == {"family_name": "changed"}
    created = rows.get(action="person_create").changes
    assert created is not None
    assert created["given_names"] == "set"
    # Clear demographic fields keep their values: they identify nobody.
    assert created["nationalities"] == {"old": None, "new": ["RO"]}
    text = trail_text()
    assert not [secret for secret in SECRETS if secret in text]


def test_hotline_and_evidence_rows_say_a_text_was_given_not_what_it_says(world: World) -> None:
    hotline_entry_create(
        actor=world.actor("caseworker_a"),
        data=HotlineEntryData(
            contact_at=timezone.now() - dt.timedelta(minutes=5),
            channel="PHONE",
            language="ro",
            caller_type="POTENTIAL_VICTIM",
            summary="Glimmerstone keeps her passport.",
            outcome="ADVICE",
        ),
    )
    evidence_add(
        actor=world.actor("inspector"),
        inspection=carried_out(world, an_inspection(world)),
        kind="PHOTO_HOUSING",
        upload=io.BytesIO(MINIMAL_PDF),
        name="note.pdf",
        description="Okapiforest sleeps in the container",
    )

    assert AuditEvent.objects.get(action="hotline_entry_create").changes["summary"] == "set"
    text = trail_text()
    assert not [secret for secret in SECRETS if secret in text]
