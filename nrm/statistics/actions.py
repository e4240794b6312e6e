"""Writes of the statistics app: refreshing a year's facts, the recommendations register.

Only the statistics app's own tables are written; the other apps' records are read.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import Ability, decide, purpose_for
from nrm.core.errors import DomainError, NotFound
from nrm.exchange.queries import person_groups
from nrm.organisations.models import Organisation
from nrm.statistics.figures import FACT_COLUMNS, FIGURES, Figure, extraction
from nrm.statistics.models import Fact, Recommendation, RecommendationStatus, Refresh

INSERTED_COLUMNS = ("figure", "year", "generated", *FACT_COLUMNS)


def _require_statistics(actor: Actor | None) -> None:
    if actor is None:
        return  # the command line and the demo loader run as the system
    if not (
        decide(actor, Ability.STATISTICS_VIEW).allowed
        or decide(actor, Ability.MECHANISM_OVERVIEW).allowed
    ):
        raise NotFound(_("No such page."))


def facts_refresh(*, actor: Actor | None, year: int) -> int:
    """Extract `year`'s units of every figure again; the demo's generated rows stay.

    One INSERT ... SELECT per figure, in one transaction: readers see the old facts or the
    new ones, never half of them.
    """
    _require_statistics(actor)
    db = router.db_for_write(Fact)
    connection = connections[db]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in INSERTED_COLUMNS)
    table = quote(Fact._meta.db_table)
    with transaction.atomic(using=db):
        Fact.objects.using(db).filter(year=year, generated=False).delete()
        with connection.cursor() as cursor:
            for figure in FIGURES.values():
                if figure.linked_from:
                    continue
                sql, params = extraction(figure, year).query.get_compiler(using=db).as_sql()
                cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)
        for figure in FIGURES.values():
            if figure.linked_from:
                _insert_linked(figure, year, db)
        units = Fact.objects.using(db).filter(year=year).count()
        Refresh.objects.using(db).update_or_create(
            year=year, defaults={"refreshed_at": timezone.now(), "units": units}
        )
        audit_record(
            actor=actor,
            event_type=AuditEventType.CREATE,
            action="statistics_refresh",
            record_type=Fact._meta.label_lower,
            record_id=str(year),
            purpose=purpose_for(actor) if actor is not None else Purpose.STATISTICS,
            changes={"year": year, "units": units},
            actor_label="" if actor is not None else "system",
        )
    return units


def _insert_linked(figure: Figure, year: int, db: str) -> None:
    """One unit per distinct human among the persons of `figure.linked_from` this year, by
    record linkage over all organisations' records (`nrm.exchange`), so that a human with
    records at a centre and at the labour inspection counts once. Only the linkage keys are
    read; the access check is the caller's (`facts_refresh`)."""
    person_ids = set(
        Fact.objects.using(db)
        .filter(figure__in=figure.linked_from, year=year, generated=False)
        .values_list("unit_key", flat=True)
        .order_by()
    )
    if not person_ids:
        return
    groups = person_groups()
    members: dict[int, set[int]] = defaultdict(set)
    for person_id in person_ids:
        members[groups.get(person_id, person_id)].add(person_id)
    Fact.objects.using(db).bulk_create(
        Fact(
            figure=figure.id,
            year=year,
            unit_key=group,
            category="SEVERAL_RECORDS" if len(records) > 1 else "ONE_RECORD",
        )
        for group, records in sorted(members.items())
    )


def _require_rapporteur(actor: Actor) -> None:
    if not decide(actor, Ability.STATISTICS_VIEW).allowed:
        raise NotFound(_("No such page."))


def recommendation_create(
    *, actor: Actor, year: int, text: str, addressee: Organisation
) -> Recommendation:
    _require_rapporteur(actor)
    if not text.strip():
        raise DomainError(_("Write the recommendation."), field="text")
    with transaction.atomic():
        recommendation = Recommendation.objects.create(year=year, text=text, addressee=addressee)
        audit_record(
            actor=actor,
            event_type=AuditEventType.CREATE,
            action="recommendation_create",
            record=recommendation,
            purpose=purpose_for(actor),
            changes={"year": year, "addressee": addressee.pk},
        )
    return recommendation


def recommendation_follow_up(
    *, actor: Actor, recommendation: Recommendation, status: str, note: str
) -> Recommendation:
    _require_rapporteur(actor)
    if status not in RecommendationStatus.values:
        raise DomainError(_("Choose a status from the list."), field="status")
    with transaction.atomic():
        before = recommendation.status
        recommendation.status = status
        if note.strip():
            stamp = timezone.localdate().isoformat()
            recommendation.follow_up = f"{recommendation.follow_up}\n{stamp}: {note}".strip()
        recommendation.updated_at = timezone.now()
        recommendation.save(update_fields=["status", "follow_up", "updated_at"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.UPDATE,
            action="recommendation_follow_up",
            record=recommendation,
            purpose=purpose_for(actor),
            changes={"status": {"old": before, "new": status}},
        )
    return recommendation
