"""Key workers of the persons the centres hold today, from their accepted referrals.

The caseworker who accepted a centre's referral (`referred_caseworker`) becomes the person's
key worker there, from the decision on, when the centre still holds the person's care (an
open care involvement). The rows say where they come from (`ACCEPTED_REFERRAL`); persons
accepted after this migration get the same default from the query until a director assigns
someone (nrm/caseload/queries.py)."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def backfill(apps: Any, schema_editor: Any) -> None:
    Referral = apps.get_model("referrals", "Referral")
    Involvement = apps.get_model("access", "Involvement")
    KeyWorkerAssignment = apps.get_model("caseload", "KeyWorkerAssignment")
    now = timezone.now()
    held = set(
        Involvement.objects.filter(purpose="CARE", since__lte=now)
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .exclude(basis="REFERRAL_RECEIVED")
        .values_list("person_id", "organisation_id")
    )
    taken = set(KeyWorkerAssignment.objects.values_list("person_id", "organisation_id"))
    latest: dict[tuple[int, int], Any] = {}
    accepted = Referral.objects.filter(
        status="ACCEPTED", referred_caseworker__isnull=False
    ).order_by("decided_at", "pk")
    for referral in accepted.iterator():
        key = (referral.person_id, referral.referred_organisation_id)
        if key in held and key not in taken:
            latest[key] = referral  # the newest acceptance wins
    KeyWorkerAssignment.objects.bulk_create(
        KeyWorkerAssignment(
            person_id=person_id,
            organisation_id=organisation_id,
            user_id=referral.referred_caseworker_id,
            since=referral.decided_at or referral.created_at,
            reason="ACCEPTED_REFERRAL",
            assigned_by_id=referral.decided_by_id,
        )
        for (person_id, organisation_id), referral in latest.items()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("caseload", "0001_key_workers_absences"),
        ("referrals", "0003_reviews"),
        ("access", "0007_involvement_since_index"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
