"""The one transition registry and its take(): every workflow moves through the same steps.

Through real actions and personas: a stale version is refused (409) and nothing is written;
a move writes its state, version, history row and audit row together; a guard refuses with
its reason; a party who may not take the transition is answered 403 before the version is
looked at; and every transition of every registry names an action that takes the record and
its expected version, and a form (or API schema) for its input.
"""

from __future__ import annotations

import inspect
from importlib import import_module

import pytest
from django import forms
from django.apps import apps

from nrm.access.models import AuditEvent
from nrm.core.errors import Conflict, NotFound, PermissionDenied
from nrm.core.workflow import Workflow
from nrm.inspections.actions import inspection_cancel
from nrm.inspections.models import InspectionEvent
from nrm.inspections.tests.helpers import an_inspection
from nrm.inspections.vocab import InspectionStatus
from nrm.prosecution import actions as prosecution_actions
from nrm.prosecution import workflow as prosecution_workflow
from nrm.prosecution.models import CaseDecision
from nrm.prosecution.tests.support import decide, fresh, opened_case, with_investigator
from nrm.prosecution.vocab import CaseStatus
from nrm.testing import World


def registries() -> list[Workflow]:  # type: ignore[type-arg]
    """Every Workflow any installed app declares in its `workflow` module."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.workflow")
        except ModuleNotFoundError as missing:
            if missing.name != f"{config.name}.workflow":
                raise
            continue
        found += [value for value in vars(module).values() if isinstance(value, Workflow)]
    return found


def test_the_registries_of_every_workflow_are_found() -> None:
    names = {registry.name for registry in registries()}

    assert {"referral", "inspection", "case"} <= names


def test_every_transition_of_every_registry_has_an_action_and_an_input_form() -> None:
    for registry in registries():
        for transition in registry.transitions:
            where = f"{registry.name}.{transition.name}"
            parameters = inspect.signature(transition.run).parameters
            for name in ("actor", registry.record_kwarg, "expected_version"):
                assert name in parameters, f"{where}: the action does not take {name}"
                assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, where
            form_class = transition.form_class
            schema_class = transition.schema_class
            assert issubclass(form_class, forms.BaseForm) or schema_class is not None, where
            # The page sends the version it showed; the action refuses a stale one.
            assert "version" in form_class.base_fields, f"{where}: the form has no version"
            if schema_class is not None:
                assert callable(getattr(schema_class, "action_kwargs", None)), where
            assert str(transition.label), where
            assert str(transition.done), where
            assert transition.sources, where


def test_a_stale_version_is_refused_and_nothing_is_written(world: World) -> None:
    inspection = an_inspection(world)
    events = InspectionEvent.objects.filter(inspection=inspection).count()
    audits = AuditEvent.objects.count()

    with pytest.raises(Conflict, match="Someone else changed this inspection meanwhile"):
        inspection_cancel(
            actor=world.actor("inspector"),
            inspection=inspection,
            expected_version=inspection.version + 1,
        )

    version = inspection.version
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PLANNED
    assert inspection.version == version
    assert InspectionEvent.objects.filter(inspection=inspection).count() == events
    assert AuditEvent.objects.count() == audits


def test_a_move_writes_its_state_version_history_and_audit_rows_together(world: World) -> None:
    inspection = an_inspection(world)

    cancelled = inspection_cancel(
        actor=world.actor("inspector"),
        inspection=inspection,
        expected_version=inspection.version,
        reason="The site closed down.",
    )

    assert cancelled.status == InspectionStatus.CANCELLED
    assert cancelled.version == inspection.version + 1
    history = InspectionEvent.objects.filter(inspection=inspection).order_by("pk").last()
    assert history is not None
    assert (history.from_status, history.to_status) == ("PLANNED", "CANCELLED")
    assert history.by == world.users["inspector"]
    audit = AuditEvent.objects.get(action="inspection_cancel", record_id=str(inspection.pk))
    assert audit.changes["status"] == {"old": "PLANNED", "new": "CANCELLED"}
    assert audit.changes["reason"] == "The site closed down."


def test_a_decision_is_audited_on_its_decision_row(world: World) -> None:
    case = opened_case(world)

    case = decide(world, "prosecutor", case, "open_investigation", note="Site visit.")

    decision = CaseDecision.objects.get(case=case, transition="open_investigation")
    assert (decision.from_status, decision.to_status) == ("REGISTERED", "INVESTIGATION")
    audit = AuditEvent.objects.get(action="case_open_investigation")
    assert audit.record_id == str(decision.pk)
    assert audit.changes["case"] == case.reference
    assert audit.changes["status"] == {"old": "REGISTERED", "new": "INVESTIGATION"}


def test_a_guard_refuses_with_its_reason_and_the_page_shows_it(world: World) -> None:
    case = decide(world, "prosecutor", opened_case(world), "open_investigation")
    prosecutor = world.actor("prosecutor")

    available = {a.name: a for a in prosecution_workflow.available_transitions(case, prosecutor)}
    assert not available["indict"].allowed
    assert available["indict"].reason == "Charge at least one suspect first."

    with pytest.raises(Conflict, match=r"Charge at least one suspect first\."):
        prosecution_actions.case_indict(
            actor=prosecutor,
            case=case,
            expected_version=case.version,
            decided_on=case.opened_on,
        )
    assert fresh(case).status == CaseStatus.INVESTIGATION
    assert not CaseDecision.objects.filter(case=case, transition="indict").exists()


def test_who_may_not_take_it_is_answered_403_before_the_version_is_looked_at(
    world: World,
) -> None:
    case = decide(world, "prosecutor", opened_case(world), "open_investigation")
    with_investigator(world, case)
    investigator = world.actor("investigator")
    stale = case.version + 5

    with pytest.raises(PermissionDenied, match="Only the prosecutors assigned to this case"):
        prosecution_actions.case_dismiss(
            actor=investigator,
            case=case,
            expected_version=stale,
            decided_on=case.opened_on,
            reason_code="NO_OFFENCE",
            reason="—",
        )
    with pytest.raises(PermissionDenied, match="Only the prosecutors assigned to this case"):
        prosecution_workflow.DECISIONS.require_party(
            prosecution_workflow.DISMISS, case, investigator
        )
    # Someone who does not see the file is told nothing about it.
    with pytest.raises(NotFound):
        prosecution_actions.case_dismiss(
            actor=world.actor("judge"),
            case=case,
            expected_version=stale,
            decided_on=case.opened_on,
            reason_code="NO_OFFENCE",
            reason="—",
        )
