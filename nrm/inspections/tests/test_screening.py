"""Screening a worker on site: identity through nrm.people, indicators stored as evidence
rows, the computed suggestion with its reasons (never a decision), leaflet and consent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, Involvement, InvolvementBasis
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inspections.actions import ObservationData, ScreeningData, screening_create
from nrm.inspections.models import Observation, Screening
from nrm.inspections.suggestion import Facts, Level, suggest
from nrm.inspections.tests.helpers import (
    TODAY,
    a_joint_action,
    a_screening,
    a_worksite,
    an_inspection,
    carried_out,
)
from nrm.inspections.vocab import Framework
from nrm.people.actions import PersonData
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]
FL = Framework.ILO_FORCED_LABOUR
EC = Framework.ILO_EC_OPERATIONAL
BE = Framework.BE_HUMAN_DIGNITY


# The suggestion on its own --------------------------------------------------------------


def test_no_indicator_suggests_nothing() -> None:
    result = suggest(Facts(observed=frozenset()))
    assert result.level is Level.NONE
    assert result.indicator_count == 0


def test_a_core_dignity_indicator_suggests_a_potential_victim_with_reasons() -> None:
    result = suggest(Facts(observed=frozenset({(BE, "DEGRADING_HOUSING")})))
    assert result.level is Level.POTENTIAL_VICTIM
    reasons = result.render(str)
    assert "Degrading housing provided by the employer." in reasons
    assert any("not an identification" in r for r in reasons)


def test_low_pay_and_long_hours_come_from_the_figures_with_product_thresholds() -> None:
    result = suggest(
        Facts(observed=frozenset(), hourly_wage_eur=Decimal("4.00"), weekly_hours=Decimal("72"))
    )
    assert set(result.dignity.present) == {"LOW_OR_NO_PAY", "EXCESSIVE_HOURS"}
    assert result.level is Level.POTENTIAL_VICTIM
    assert any("chosen for this product, not set by law" in r for r in result.render(str))


def test_one_ilo_indicator_alone_is_not_enough_for_an_adult() -> None:
    result = suggest(Facts(observed=frozenset({(FL, "ILO-FL-11")})))
    assert result.level is Level.INDICATORS


def test_two_ilo_indicators_suggest_a_potential_victim(settings: object) -> None:
    result = suggest(Facts(observed=frozenset({(FL, "ILO-FL-07"), (FL, "ILO-FL-08")})))
    assert result.level is Level.POTENTIAL_VICTIM


def test_the_operational_person_rule_counts() -> None:
    observed = frozenset(
        {
            (EC, "ILOEC-AL-1.01"),  # deceived about the job: strong
            (EC, "ILOEC-AL-1.02"),  # medium
            (EC, "ILOEC-AL-4.01"),  # excessive hours: strong
            (EC, "ILOEC-AL-4.04"),  # low or no salary
            (EC, "ILOEC-AL-5.01"),  # confiscation of documents: strong
            (EC, "ILOEC-AL-5.14"),  # withholding of wages
        }
    )
    result = suggest(Facts(observed=observed))
    assert result.operational.suggests_trafficking is True
    assert result.level is Level.POTENTIAL_VICTIM


def test_for_a_minor_any_indicator_suggests_a_referral() -> None:
    result = suggest(Facts(observed=frozenset({(FL, "ILO-FL-11")}), minor=True))
    assert result.level is Level.POTENTIAL_VICTIM
    assert any("minor" in r for r in result.render(str))


# The action ----------------------------------------------------------------------------


def test_a_worker_met_for_the_first_time_is_recorded_encrypted_and_involved(world: World) -> None:
    inspection = carried_out(world, an_inspection(world, worksite=a_worksite(world)))

    screening = a_screening(world, inspection, given_names="Ionela")

    person = screening.person
    assert person.given_names == "Ionela"
    assert person.nationalities == ["RO"]
    assert person.languages == ["ro"]
    assert person.first_contact_on == screening.screened_on == TODAY
    assert Involvement.objects.filter(
        person=person, organisation=world.organisations["ECOSOC Brussels"], until__isnull=True
    ).exists()
    assert screening.suggests_potential_victim
    assert screening.indicator_count == 3


def test_each_indicator_is_an_evidence_row(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)

    rows = {(o.framework, o.indicator): o for o in Observation.objects.filter(screening=screening)}
    passport = rows[(FL, "ILO-FL-07")]
    assert passport.dimension == "FORCED_LABOUR"
    assert passport.observed_on == screening.screened_on
    assert passport.organisation == world.organisations["ECOSOC Brussels"]
    assert passport.note == "Passport kept by the foreman"
    assert passport.person == screening.person
    assert rows[(BE, "DEGRADING_HOUSING")].dimension == "HUMAN_DIGNITY"


def test_an_operational_indicator_row_carries_its_dimension(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection, observations=[ObservationData(EC, "ILOEC-AL-5.01")])
    assert Observation.objects.get(screening=screening).dimension == "COERCION_AT_DESTINATION"


def test_a_known_person_is_linked_and_gets_a_screening_involvement(world: World) -> None:
    person = world.person("inspector")
    inspection = carried_out(world, an_inspection(world))
    screening = screening_create(
        actor=world.actor("inspector"),
        inspection=inspection,
        data=ScreeningData(person_reference=person.reference.lower()),
    )
    assert screening.person == person
    assert Person.objects.count() == 1


def test_a_person_the_team_does_not_know_cannot_be_linked(world: World) -> None:
    theirs = world.person("caseworker_a")
    inspection = carried_out(world, an_inspection(world))
    with pytest.raises(DomainError) as refused:
        screening_create(
            actor=world.actor("inspector"),
            inspection=inspection,
            data=ScreeningData(person_reference=theirs.reference),
        )
    assert refused.value.field == "person"
    assert "known to your team" in refused.value.message
    assert not Involvement.objects.filter(person=theirs, basis=InvolvementBasis.SCREENING).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"screened_on": TODAY + timedelta(days=1)}, "screened_on"),
        ({"screened_on": TODAY - timedelta(days=30)}, "screened_on"),
        ({"nationality": "XX"}, "nationality"),
        ({"leaflet_language": "xx"}, "leaflet_language"),
        ({"consent": "MAYBE"}, "consent"),
        ({"weekly_hours": Decimal("200")}, "weekly_hours"),
        ({"rest_days_per_week": 9}, "rest_days_per_week"),
        ({"observations": [ObservationData(FL, "ILO-FL-99")]}, "observations"),
        ({"observations": [ObservationData(BE, "ILO-FL-01")]}, "observations"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_is_kept(
    world: World, change: dict[str, object], field: str
) -> None:
    inspection = carried_out(world, an_inspection(world))
    persons = Person.objects.count()
    data = ScreeningData(new_person=PersonData(given_names="Ion"), **change)  # type: ignore[arg-type]

    with pytest.raises(DomainError) as refused:
        screening_create(actor=world.actor("inspector"), inspection=inspection, data=data)

    assert refused.value.field == field
    assert Person.objects.count() == persons
    assert not Screening.objects.exists()
    assert not Observation.objects.exists()


def test_a_worker_is_screened_once_per_inspection(world: World) -> None:
    person = world.person("inspector")
    inspection = carried_out(world, an_inspection(world))
    data = ScreeningData(person_reference=person.reference)
    screening_create(actor=world.actor("inspector"), inspection=inspection, data=data)
    with pytest.raises(Conflict):
        screening_create(actor=world.actor("inspector"), inspection=inspection, data=data)


def test_no_screening_once_the_inspection_is_reported(world: World) -> None:
    from nrm.inspections.actions import inspection_report

    inspection = carried_out(world, an_inspection(world, worksite=a_worksite(world)))
    inspection_report(
        actor=world.actor("inspector"),
        inspection=inspection,
        expected_version=inspection.version,
        reported_on=TODAY,
        outcome="NO_INFRINGEMENT",
        findings="x",
    )
    with pytest.raises(Conflict):
        a_screening(world, inspection)


def test_only_the_inspecting_team_screens(world: World) -> None:
    inspection = carried_out(world, an_inspection(world, joint_action=a_joint_action(world)))
    with pytest.raises(PermissionDenied):
        a_screening(world, inspection, actor=world.actor("investigator"))
    with pytest.raises(NotFound):
        a_screening(world, inspection, actor=world.actor("caseworker_b"))


def test_the_screening_is_audited_with_its_suggestion(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    event = AuditEvent.objects.get(action="screening_create", record_id=str(screening.pk))
    assert event.changes is not None
    assert event.changes["suggestion"] == "POTENTIAL_VICTIM"
    assert event.changes["person"] == screening.person.reference


# Pages ---------------------------------------------------------------------------------


def test_the_phone_form_lists_the_three_frameworks_and_loads_the_draft_script(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world))
    page = client_as("inspector").get(f"/inspections/{inspection.reference}/screen/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="ILO-FL-07"' in html
    assert 'value="ILOEC-AL-6.07"' in html
    assert 'value="DEGRADING_HOUSING"' in html
    assert "weight disputed between sources" in html
    assert "/static/inspections/draft.js" in html
    assert (
        f'data-draft-key="screening:{world.users["inspector"].pk}:{inspection.reference}"' in html
    )
    assert 'data-draft-restore="yes"' in html
    assert "<script>" not in html  # no inline script: the CSP forbids it


def test_the_form_saves_a_screening_and_the_next_page_clears_the_draft(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world))
    client = client_as("inspector")
    response = client.post(
        f"/inspections/{inspection.reference}/screen/",
        {
            "person_mode": "new",
            "given_names": "Ana",
            "gender": "Feminine",
            "age": "29",
            "nationality": "MD",
            "language": "ro",
            "screened_on": TODAY.isoformat(),
            "ilo_fl": ["ILO-FL-07", "ILO-FL-03"],
            "note-ILO-FL-07": "Passport in the site office",
            "dignity": ["DEGRADING_HOUSING"],
            "hourly_wage_eur": "3.50",
            "leaflet_language": "ro",
            "consent": "CONSENTED",
        },
    )
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert Observation.objects.get(indicator="ILO-FL-07").note == "Passport in the site office"
    page = client.get(response["Location"])
    html = page.content.decode()
    key = f"screening:{world.users['inspector'].pk}:{inspection.reference}"
    assert f'data-draft-clear="{key}"' in html
    assert "Potential victim: consider a referral" in html
    assert "never a decision" in html
    assert screening.person.given_names == "Ana"


def test_the_form_keeps_what_was_typed_when_refused(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    response = client_as("inspector").post(
        f"/inspections/{inspection.reference}/screen/",
        {
            "person_mode": "link",
            "person_reference": "",
            "gender": "Feminine",
            "screened_on": TODAY.isoformat(),
            "ilo_fl": ["ILO-FL-07"],
            "note-ILO-FL-07": "kept note",
            "consent": "NOT_ASKED",
            "notes": "kept notes",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give the reference of the person already known." in html
    assert 'value="ILO-FL-07" checked' in html
    assert 'value="kept note"' in html
    assert "kept notes" in html
    assert 'data-draft-restore="no"' in html
    assert not Screening.objects.exists()


def test_the_screening_page_is_audited_and_closed_to_outsiders(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    assert (
        client_as("inspector").get(f"/inspections/screenings/{screening.reference}/").status_code
        == 200
    )
    assert AuditEvent.objects.filter(action="screening_view", record_id=str(screening.pk)).exists()
    for persona in ("caseworker_a", "investigator", "prosecutor", "immigration", "admin"):
        response = client_as(persona).get(f"/inspections/screenings/{screening.reference}/")
        assert response.status_code == 404, persona
