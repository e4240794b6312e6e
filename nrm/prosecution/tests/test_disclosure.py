"""Protected statements: kept apart, read by the case's prosecutors and its court only, and
disclosed to the defence only through a judge's recorded decision, within its scope, once;
every access audited."""

from __future__ import annotations

import pytest

from nrm.access.models import AuditEvent
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.prosecution import actions
from nrm.prosecution.models import CaseSuspect, DisclosureDecision, ProtectedStatement
from nrm.prosecution.queries import statement_get_for_actor
from nrm.prosecution.tests.support import (
    audit_actions,
    before_the_court,
    days_ago,
    last_audit_id,
    named_victim,
    opened_case,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db

TEXT = "He took our passports on the first day. We slept in the container behind the crane."
REDACTED = "The employer kept the workers' passports. [...]"


def statement(world: World, persona: str = "investigator") -> ProtectedStatement:
    case = before_the_court(world, opened_case(world))
    victim = named_victim(world, case)
    return actions.statement_record(
        actor=world.actor(persona), case=case, victim=victim, taken_on=days_ago(40), text=TEXT
    )


def granted(world: World, found: ProtectedStatement, **kwargs: object) -> DisclosureDecision:
    options: dict[str, object] = {"scope": "FULL"}
    options.update(kwargs)
    return actions.disclosure_decide(
        actor=world.actor("judge"),
        statement=found,
        outcome="GRANTED",
        decided_on=days_ago(1),
        **options,  # type: ignore[arg-type]
    )


def test_a_statement_is_stored_apart_encrypted_and_not_in_the_audit_trail(world: World) -> None:
    found = statement(world)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM prosecution_protectedstatement WHERE id = %s", [found.pk])
        stored = cursor.fetchone()[0]
    assert "passports" not in stored
    assert all("passports" not in str(e.changes) for e in AuditEvent.objects.all())


def test_prosecutors_and_the_court_read_it_and_each_reading_is_audited(world: World) -> None:
    found = statement(world)
    for persona in ("prosecutor", "judge"):
        since = last_audit_id()
        read = statement_get_for_actor(
            world.actor(persona), found.reference, action="statement_view"
        )
        assert read.text == TEXT
        assert audit_actions(since) == ["statement_view"]


@pytest.mark.parametrize(
    "persona", ["investigator", "caseworker_a", "analyst", "admin", "immigration"]
)
def test_nobody_else_reads_it_not_even_the_investigator_who_took_it(
    world: World, persona: str
) -> None:
    found = statement(world)
    with pytest.raises(NotFound):
        statement_get_for_actor(world.actor(persona), found.reference, action="statement_view")


def test_without_a_judges_decision_the_defence_gets_nothing(world: World) -> None:
    found = statement(world)
    refused = actions.disclosure_decide(
        actor=world.actor("judge"),
        statement=found,
        outcome="REFUSED",
        decided_on=days_ago(1),
        conditions="Risk of reprisals against the family.",
    )
    with pytest.raises(Conflict):
        actions.disclosure_export(actor=world.actor("judge"), disclosure=refused)
    assert DisclosureDecision.objects.get().exported_at is None


def test_only_a_judge_of_the_court_decides_on_disclosure(world: World) -> None:
    found = statement(world)
    with pytest.raises(PermissionDenied):
        actions.disclosure_decide(
            actor=world.actor("prosecutor"),
            statement=found,
            outcome="GRANTED",
            decided_on=days_ago(1),
            scope="FULL",
        )
    with pytest.raises(NotFound):
        actions.disclosure_decide(
            actor=world.actor("investigator"),
            statement=found,
            outcome="GRANTED",
            decided_on=days_ago(1),
            scope="FULL",
        )


def test_a_granted_decision_records_who_when_scope_and_conditions(world: World) -> None:
    found = statement(world)
    suspect = CaseSuspect.objects.get(case=found.case)
    decision = granted(
        world,
        found,
        scope="REDACTED",
        redacted_text=REDACTED,
        conditions="Read at the court registry; no copies.",
        questioning_allowed=False,
        defence_of=suspect,
        recipient="Maître Dupont",
        valid_until=days_ago(-30),
    )
    assert decision.decided_by == world.users["judge"]
    assert decision.court == world.organisations["Court Brussels"]
    assert (decision.scope, decision.defence_of) == ("REDACTED", suspect)
    assert "disclosure_decide" in audit_actions()


def test_a_redacted_scope_needs_the_redacted_version(world: World) -> None:
    found = statement(world)
    with pytest.raises(DomainError) as refused:
        granted(world, found, scope="REDACTED")
    assert refused.value.field == "redacted_text"
    with pytest.raises(DomainError):
        granted(world, found, scope="")


def test_the_export_respects_the_scope(world: World) -> None:
    found = statement(world)
    redacted = granted(world, found, scope="REDACTED", redacted_text=REDACTED)
    document = actions.disclosure_export(actor=world.actor("judge"), disclosure=redacted)
    assert document.text == REDACTED
    assert "container" not in document.text
    full = granted(world, found, scope="FULL")
    assert actions.disclosure_export(actor=world.actor("judge"), disclosure=full).text == TEXT


def test_the_export_is_made_once_and_audited(world: World) -> None:
    found = statement(world)
    decision = granted(world, found)
    since = last_audit_id()
    actions.disclosure_export(actor=world.actor("judge"), disclosure=decision)
    assert audit_actions(since) == ["disclosure_export"]
    event = AuditEvent.objects.get(pk__gt=since)
    assert event.event_type == "EXPORT"
    with pytest.raises(Conflict) as again:
        actions.disclosure_export(actor=world.actor("judge"), disclosure=decision)
    assert "already" in again.value.message
    decision.refresh_from_db()
    assert decision.exported_by == world.users["judge"]


def test_only_the_court_exports(world: World) -> None:
    found = statement(world)
    decision = granted(world, found)
    with pytest.raises(PermissionDenied):
        actions.disclosure_export(actor=world.actor("prosecutor"), disclosure=decision)
    assert DisclosureDecision.objects.get().exported_at is None


def test_a_revoked_or_expired_disclosure_is_not_exported(world: World) -> None:
    found = statement(world)
    revoked = actions.disclosure_revoke(
        actor=world.actor("judge"), disclosure=granted(world, found)
    )
    with pytest.raises(Conflict):
        actions.disclosure_export(actor=world.actor("judge"), disclosure=revoked)
    expired = granted(world, found, valid_until=days_ago(1))
    with pytest.raises(Conflict):
        actions.disclosure_export(actor=world.actor("judge"), disclosure=expired)


def test_an_exported_disclosure_can_no_longer_be_revoked(world: World) -> None:
    found = statement(world)
    decision = granted(world, found)
    actions.disclosure_export(actor=world.actor("judge"), disclosure=decision)
    with pytest.raises(Conflict):
        actions.disclosure_revoke(actor=world.actor("judge"), disclosure=decision)


def test_a_statement_is_recorded_by_the_case_team_only(world: World) -> None:
    case = before_the_court(world, opened_case(world))
    victim = named_victim(world, case)
    with pytest.raises(PermissionDenied):
        actions.statement_record(
            actor=world.actor("judge"), case=case, victim=victim, taken_on=days_ago(1), text=TEXT
        )
    with pytest.raises(DomainError):
        actions.statement_record(
            actor=world.actor("prosecutor"), case=case, victim=victim, taken_on=days_ago(1), text=""
        )
