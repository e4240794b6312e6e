"""Charges entered and shown as lawyers write them (issue 9 §1): the form offers the
provisions in force for the offence period, the charge is stored as the engine's id and
shown as the citation on the page, in the API and in the audit trail; unknown or
inapplicable provisions are refused with the field at fault and nothing saved. Penalties
are written in years and months, the fine per victim and its total."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from nrm.access.models import AuditEvent
from nrm.core.errors import DomainError
from nrm.prosecution import actions, charges
from nrm.prosecution.forms import ChargeForm
from nrm.prosecution.models import CaseFile, CaseSuspect, Charge
from nrm.prosecution.penalties import duration, imprisonment, penalty_text
from nrm.prosecution.tests.support import (
    charged_suspect,
    last_audit_id,
    opened_case,
    police_person,
    with_investigator,
)
from nrm.prosecution.tests.test_qualification import facts
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
NEW = "BE-CP2026-trafficking"
OLD = "BE-CP-433quinquies"


def _qualified(world: World, start: str, end: str) -> tuple[CaseFile, CaseSuspect]:
    case = opened_case(world, opened_days_ago=30)
    actions.qualification_snapshot_take(
        actor=world.actor("prosecutor"),
        case=case,
        facts=facts(offence_period={"start": start, "end": end}),
    )
    with_investigator(world, case)
    suspect = actions.case_suspect_add(
        actor=world.actor("prosecutor"),
        case=case,
        person_reference=police_person(world, given_names="Victor").reference,
    )
    return case, suspect


def _offered(case: CaseFile) -> list[str]:
    return [value for value, _label in ChargeForm(case=case).fields["provision"].choices if value]  # type: ignore[attr-defined]


def test_acts_before_the_cutover_are_offered_the_old_code_only(world: World) -> None:
    case, _suspect = _qualified(world, "2024-03-01", "2024-11-30")
    offered = _offered(case)
    assert OLD in offered
    assert "BE-SPC-175" in offered
    assert NEW not in offered
    assert not [p for p in offered if not p.startswith("BE-")]


def test_acts_after_the_cutover_are_offered_the_new_code_marked_unverified(world: World) -> None:
    case, _suspect = _qualified(world, "2026-05-01", "2026-09-30")
    choices = dict(ChargeForm(case=case).fields["provision"].choices)  # type: ignore[attr-defined]
    assert NEW in choices
    assert OLD not in choices
    assert "UNVERIFIED" in str(choices[NEW])
    assert "BE-SPC-175" in choices


def test_a_period_spanning_the_cutover_is_offered_both_codes(world: World) -> None:
    case, _suspect = _qualified(world, "2025-12-01", "2026-06-30")
    offered = _offered(case)
    assert OLD in offered
    assert NEW in offered


def test_a_case_never_qualified_is_offered_every_chargeable_provision(world: World) -> None:
    offered = _offered(opened_case(world))
    assert OLD in offered
    assert NEW in offered
    assert "PALERMO-3" not in offered


def test_the_charge_is_stored_as_the_id_and_shown_as_the_citation(
    world: World, client_as: ClientAs
) -> None:
    case, suspect = _qualified(world, "2026-05-01", "2026-09-30")
    since = last_audit_id()
    response = client_as("prosecutor").post(
        f"/prosecution/{case.reference}/do/charge/",
        {"charge-suspect": suspect.pk, "charge-provision": NEW},
    )
    assert response.status_code == 302
    charge = Charge.objects.get()
    assert (charge.provision, charge.is_trafficking) == (NEW, True)
    page = (
        client_as("prosecutor").get(f"/prosecution/{case.reference}/?open=charges").content.decode()
    )
    assert "Crim. Code 2024, trafficking in human beings" in page
    assert f"<code>{NEW}</code>" not in page
    audit = AuditEvent.objects.get(pk__gt=since, action="charge_add")
    assert "Crim. Code 2024" in json.dumps(audit.changes)


def test_the_old_code_is_refused_for_acts_after_the_cutover(world: World) -> None:
    case, suspect = _qualified(world, "2026-05-01", "2026-09-30")
    with pytest.raises(DomainError) as refused:
        actions.charge_add(
            actor=world.actor("prosecutor"), case=case, suspect=suspect, provision=OLD
        )
    assert refused.value.field == "provision"
    assert "in force at the time of the acts" in refused.value.message
    assert not Charge.objects.exists()


@pytest.mark.parametrize("provision", ["BE-CP-999", "art 433", "", "PALERMO-3"])
def test_unknown_or_treaty_provisions_are_refused(world: World, provision: str) -> None:
    case = opened_case(world)
    suspect = charged_suspect(world, case)
    with pytest.raises(DomainError) as refused:
        actions.charge_add(
            actor=world.actor("prosecutor"), case=case, suspect=suspect, provision=provision
        )
    assert refused.value.field == "provision"
    assert Charge.objects.count() == 1


def test_the_form_refuses_a_provision_outside_the_list(world: World, client_as: ClientAs) -> None:
    case, suspect = _qualified(world, "2026-05-01", "2026-09-30")
    response = client_as("prosecutor").post(
        f"/prosecution/{case.reference}/do/charge/",
        {"charge-suspect": suspect.pk, "charge-provision": OLD},
    )
    assert response.status_code == 400
    assert not Charge.objects.exists()


def _charges_section(client: Client, case: CaseFile) -> str:
    """The case page with its charges open, as a browser without JavaScript asks for it."""
    return client.get(f"/prosecution/{case.reference}/?open=charges").content.decode()


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_the_api_takes_provision_ids_and_answers_with_the_citation(
    world: World, client_as: ClientAs
) -> None:
    case, suspect = _qualified(world, "2024-03-01", "2024-11-30")
    url = f"/api/v1/cases/{case.reference}/charges"
    prosecutor = client_as("prosecutor")
    created = _post(prosecutor, url, {"suspect": suspect.pk, "provision": OLD})
    assert created.status_code == 201
    assert created.json()["label"] == "art. 433quinquies Crim. Code"
    listed = prosecutor.get(url).json()
    assert [c["provision"] for c in listed["results"]] == [OLD]
    assert NEW not in [c["provision"] for c in listed["choices"]]
    unknown = _post(prosecutor, url, {"suspect": suspect.pk, "provision": "BE-CP-999"})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["field"] == "provision"
    assert "not a provision this system knows" in unknown.json()["error"]["message"]
    assert Charge.objects.count() == 1
    full = prosecutor.get(f"/api/v1/cases/{case.reference}").json()
    assert full["suspects"][0]["charges"][0]["label"] == "art. 433quinquies Crim. Code"
    assert _post(client_as("judge"), url, {"suspect": suspect.pk}).status_code == 404
    assert _post(client_as("investigator"), url, {"suspect": suspect.pk}).status_code == 403


def test_the_citation_is_translated(world: World) -> None:
    with translation.override("en"):
        assert charges.provision_citation(OLD) == "art. 433quinquies Crim. Code"
    assert charges.provision_citation("XX-unknown") == "XX-unknown"


def test_durations_are_written_in_years_and_months() -> None:
    with translation.override("en"):
        assert duration(60) == "5 years"
        assert duration(18) == "1 year and 6 months"
        assert duration(6) == "6 months"
        assert imprisonment({"min": 12, "max": 60}) == "imprisonment from 1 year to 5 years"
        assert imprisonment({"min": 0, "max": 36}) == "imprisonment up to 3 years"


def test_the_fine_is_given_per_victim_and_in_total_where_the_law_multiplies() -> None:
    old_shape = {
        "imprisonment_months": {"min": 12, "max": 60},
        "fine_eur": {"min": 1500, "max": 150000},
        "fine_multiplied_by_victims": True,
        "fine_eur_per_victim": {"min": 500, "max": 50000},
    }
    new_shape = {
        "level": 3,
        "imprisonment_months": {"min": 36, "max": 60},
        "fine_eur": {"min": 500, "max": 50000},
        "fine_eur_total": {"min": 1500, "max": 150000},
        "fine_multiplied_by_victims": True,
    }
    with translation.override("en"):
        for shape in (old_shape, new_shape):
            text = penalty_text(shape, victims=3)
            assert text is not None
            assert text.fine == "fine from EUR 500 to EUR 50,000 per victim"
            assert text.fine_total == "for 3 victims: EUR 1,500 to EUR 150,000"
        level = penalty_text(new_shape)
        assert level is not None
        assert level.imprisonment == "level 3: imprisonment from 3 years to 5 years"
        unknown = penalty_text({"level": 3, "imprisonment_months": {"min": 36, "max": 60}})
        assert unknown is not None
        assert unknown.fine == "fine: not known"
        single = penalty_text({**old_shape, "fine_multiplied_by_victims": False})
        assert single is not None
        assert single.fine_total == ""
        # What is unverified is named as a lawyer reads it, never by the engine's keys.
        doubtful = penalty_text(
            {**new_shape, "unverified": ["level", "fine_multiplied_by_victims"]}
        )
        assert doubtful is not None
        assert doubtful.unverified == [
            "penalty level",
            "whether fines are multiplied by the number of victims",
        ]


def test_the_case_page_shows_the_penalty_of_the_latest_qualification(
    world: World, client_as: ClientAs
) -> None:
    case, _suspect = _qualified(world, "2024-03-01", "2024-11-30")
    with translation.override("en"):
        page = (
            client_as("prosecutor")
            .get(f"/prosecution/{case.reference}/?open=charges")
            .content.decode()
        )
    assert "imprisonment from 1 year to 5 years" in page
    assert "per victim" in page
    assert "for 3 victims" in page


def test_the_new_code_shows_its_level_unverified_and_which_law_governs(
    world: World, client_as: ClientAs
) -> None:
    case, _suspect = _qualified(world, "2025-12-01", "2026-06-30")
    with translation.override("en"):
        page = (
            client_as("prosecutor")
            .get(f"/prosecution/{case.reference}/?open=charges")
            .content.decode()
        )
    assert "level 3: imprisonment from 3 years to 5 years" in page
    assert "UNVERIFIED" in page
    assert "For comparison only" in page
    assert "imprisonment from 1 year to 5 years" in page  # the old code, which governs
