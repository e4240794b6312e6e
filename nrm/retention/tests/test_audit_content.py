"""What the audit trail keeps about a person, since retention never touches it.

The trail is append-only and each row's keyed hash covers its `changes` in plaintext, so
nothing in a row can be blanked later without breaking `nrm audit verify`. Retention's own
rows name fields, never values (test_job.py). Rows written by other apps must not hold a
person's identity either, or it outlives anonymisation there: today `person_create` and
`person_update` store the identity values (encrypted with the field keys, but still there),
and the hotline, evidence and override actions store free text. The test below states the
requirement and is expected to fail until those actions record field names or markers
instead of values (issue 11 item 12 notes); it then passes and the marker must go.
"""

from __future__ import annotations

import json

import pytest

from nrm.access.models import AuditEvent
from nrm.testing import World

pytestmark = pytest.mark.django_db


@pytest.mark.xfail(
    strict=True,
    reason="person_create/person_update write identity values into the audit trail",
)
def test_no_audit_row_holds_a_persons_identity(world: World) -> None:
    person = world.person("inspector", given_names="Quokkaline", family_name="Vantablack")
    rows = AuditEvent.objects.filter(record_id=str(person.pk))
    assert rows.exists()
    for event in AuditEvent.objects.all():
        text = json.dumps(event.changes, default=str)
        assert "Quokkaline" not in text
        assert "Vantablack" not in text
