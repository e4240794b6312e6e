"""The person's status page: state, timeline with sources and tags, deadlines, what the
actor's organisation may record and why not; the forms, with htmx and without; 404 for
outsiders, 403 for a decision that is not theirs, 400 for bad input, 409 for a refusal or
a decision someone else took first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent, AuditEventType, Purpose
from nrm.people.models import Person
from nrm.protection.models import PathwayRecord, StatusEvent
from nrm.testing import World

from .support import (
    BE_PATHS,
    NAMES,
    PROVISIONAL,
    REFLECTION,
    TEMPORARY,
    add_denmark,
    involved_person,
    record,
    version_of,
    walk,
)

ClientAs = Callable[[str], Client]
HTMX = {"HX-Request": "true"}


def page(client: Client, person: Person, **headers: str) -> Any:
    return client.get(f"/protection/{person.reference}/", headers=headers)


def post_event(
    client: Client, person: Person, event_type: str, *, htmx: bool = False, **fields: object
) -> Any:
    prefix = event_type.lower()
    data = {"event_type": event_type, f"{prefix}-expected_version": version_of(person)}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return client.post(
        f"/protection/{person.reference}/events/", data, headers=HTMX if htmx else {}
    )


def test_the_page_shows_state_timeline_sources_and_deadlines(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    response = page(client_as("immigration"), person)

    assert response.status_code == 200
    html = response.text
    assert "<strong>reflection period</strong> <code>REFLECTION</code>" in html
    assert "Decided by" in html
    assert "Specialised centre" in html
    # The source by its title and link, the rule's verification in words.
    assert 'href="https://www.myria.be/fr/traite/statut-de-victime"' in html
    assert "MYRIA-STATUT" not in html
    assert '<span class="badge">verified</span>' in html
    assert "End of the reflection period" in html
    assert '<span class="badge badge-bad">overdue</span>' in html
    assert "These conventions are product defaults" in html
    assert response["Cache-Control"] == "no-store"


def test_unverified_rules_and_product_defaults_are_labelled(
    world: World, client_as: ClientAs
) -> None:
    humanitarian = involved_person(world)
    walk(world, humanitarian, BE_PATHS["HUMANITARIAN_RESIDENCE"])
    flagged = involved_person(world)
    walk(world, flagged, TEMPORARY)
    record(world, "caseworker_a", flagged, "RECONTACT_WITH_EXPLOITER", "2024-06-01")
    client = client_as("immigration")

    assert '<span class="badge badge-bad">unverified</span>' in page(client, humanitarian).text
    flagged_html = page(client, flagged).text
    assert '<span class="badge badge-bad">product default</span>' in flagged_html
    assert "No legal period exists." in flagged_html


def test_the_page_offers_only_the_organisations_own_decisions_and_explains_the_rest(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    immigration = page(client_as("immigration"), person).text
    centre = page(client_as("caseworker_a"), person).text

    assert 'value="STATUS_END_DECIDED"' in immigration
    # Not possible now: said as text with its reason, not as a disabled button.
    assert '<span class="not-possible-label">Provisional document issued</span>' in immigration
    assert '<button type="button" disabled' not in immigration
    assert "needs a complaint or statements made in time" in immigration
    assert 'value="STATUS_END_DECIDED"' not in centre
    assert "Provisional document issued" not in centre
    assert 'value="RECONTACT_WITH_EXPLOITER"' in centre
    assert 'value="VOLUNTARY_RETURN"' in centre


def test_an_organisation_of_another_country_decides_nothing_here(
    world: World, client_as: ClientAs
) -> None:
    add_denmark(world)
    person = involved_person(world)
    PathwayRecord.objects.create(person=person, jurisdiction="DK")

    html = page(client_as("immigration"), person).text

    assert "Your organisation takes no decision in this pathway." in html


def test_a_decision_refused_today_can_still_be_recorded_with_its_earlier_date(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)  # the reflection period's last day was 2024-02-24
    client = client_as("investigator")

    html = page(client, person).text
    response = post_event(client, person, "COMPLAINT_FILED", on="2024-02-20")

    assert "Not as of today: The reflection period&#x27;s last day was 2024-02-24" in html
    assert response.status_code == 302
    assert StatusEvent.objects.filter(type="COMPLAINT_FILED").exists()


def test_the_evidence_note_is_for_the_recorder_and_the_deciders(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    record(world, "caseworker_a", person, "REFERRED", "2024-01-10", note="Left the farm 9 Jan")

    assert "Left the farm 9 Jan" in page(client_as("caseworker_a"), person).text
    assert "Left the farm 9 Jan" in page(client_as("immigration"), person).text
    assert "Left the farm 9 Jan" in page(client_as("prosecutor"), person).text
    inspector = page(client_as("inspector"), person).text
    assert "Left the farm 9 Jan" not in inspector
    assert "Evidence is recorded" in inspector


@pytest.mark.parametrize("persona", ["caseworker_b", "caseworker_minors", "analyst", "admin"])
def test_an_outsider_gets_404_as_for_a_person_who_does_not_exist(
    world: World, client_as: ClientAs, persona: str
) -> None:
    person = involved_person(world)
    client = client_as(persona)

    assert page(client, person).status_code == 404
    assert client.get("/protection/P-NONE-XIST/").status_code == 404
    assert post_event(client, person, "REFERRED", on="2024-01-10").status_code == 404
    assert not PathwayRecord.objects.exists()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(world: World) -> None:
    person = involved_person(world)

    response = Client().get(f"/protection/{person.reference}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_reading_the_page_is_audited_with_the_purpose(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)

    page(client_as("prosecutor"), person)

    row = AuditEvent.objects.get(action="pathway_view")
    assert (row.event_type, row.purpose) == (AuditEventType.READ, Purpose.INVESTIGATION)
    assert (row.record_type, row.record_id) == ("people.person", str(person.pk))


# Recording -------------------------------------------------------------------------------


def test_a_form_records_the_event_and_returns_to_the_page(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    client = client_as("caseworker_a")

    response = post_event(client, person, "REFERRED", on="2024-01-10", note="intake")

    assert response.status_code == 302
    assert response["Location"] == f"/protection/{person.reference}/"
    event = StatusEvent.objects.get()
    assert (event.type, event.note, event.organisation) == (
        "REFERRED",
        "intake",
        world.organisations["PAG-ASA"],
    )
    assert (
        "Recorded: Referral accepted by a specialised centre."
        in client.get(response["Location"]).text
    )


def test_with_htmx_the_panel_comes_back_alone(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)

    response = post_event(
        client_as("prosecutor"),
        person,
        "PROSECUTOR_OPINION",
        htmx=True,
        on="2024-04-15",
        positive="yes",
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="pathway-panel"')
    assert "<html" not in response.text
    assert "Recorded: Opinion of the prosecutor or labour auditor." in response.text
    assert StatusEvent.objects.get(type="PROSECUTOR_OPINION").details == {"positive": True}


def test_a_refusal_by_the_rules_comes_back_as_409_with_the_reason(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)
    version = version_of(person)

    response = post_event(
        client_as("immigration"),
        person,
        "PROVISIONAL_DOCUMENT_ISSUED",
        htmx=True,
        on="2024-02-01",
    )

    assert response.status_code == 409
    assert response.text.lstrip().startswith('<section id="pathway-panel"')
    assert "needs a complaint or statements made in time" in response.text
    assert "Nothing was recorded." in response.text
    assert version_of(person) == version


def test_a_decision_someone_took_first_comes_back_as_409_with_the_current_state(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)
    stale = version_of(person)
    record(world, "immigration", person, "TEMPORARY_PERMIT_RENEWED", "2024-10-10")

    # A second officer, on the page as it was before the renewal, ends the status.
    response = client_as("immigration").post(
        f"/protection/{person.reference}/events/",
        {
            "event_type": "STATUS_END_DECIDED",
            "status_end_decided-expected_version": stale,
            "status_end_decided-on": "2024-10-11",
        },
    )

    assert response.status_code == 409
    assert "Someone else recorded a decision meanwhile." in response.text
    assert "<html" in response.text  # without htmx, the whole page
    assert PathwayRecord.objects.get(person=person).state == "TEMPORARY_STAY"
    assert not StatusEvent.objects.filter(type="STATUS_END_DECIDED").exists()


def test_a_decision_of_another_organisation_gets_403(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, BE_PATHS["REFERRED"])

    response = post_event(
        client_as("caseworker_a"), person, "REFLECTION_DOCUMENT_ISSUED", on="2024-01-10"
    )

    assert response.status_code == 403
    assert "Your organisation does not take this decision." in response.text
    assert version_of(person) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"on": "2024-02-30"}, "Enter a valid date."),
        ({"on": ""}, "This field is required."),
        ({"on": "2999-01-01"}, "A decision cannot be dated in the future."),
        ({"on": "2024-01-01"}, "the last one is dated 2024-01-10"),
    ],
)
def test_bad_input_gets_400_with_the_form_and_records_nothing(
    world: World, client_as: ClientAs, fields: dict[str, str], message: str
) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    response = post_event(client_as("investigator"), person, "COMPLAINT_FILED", on=fields["on"])

    assert response.status_code == 400
    assert message in response.text
    assert "<details open>" in response.text
    assert version_of(person) == 2


def test_an_opinion_without_its_outcome_gets_400(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)

    response = post_event(
        client_as("prosecutor"), person, "PROSECUTOR_OPINION", htmx=True, on="2024-04-15"
    )

    assert response.status_code == 400
    assert "This field is required." in response.text


def test_an_unknown_event_gets_400(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)

    response = post_event(client_as("caseworker_a"), person, "NO_SUCH_EVENT", on="2024-01-10")

    assert response.status_code == 400
    assert "This is not an event of the person&#x27;s pathway." in response.text


# Facts, minors, Denmark --------------------------------------------------------------------


def test_the_facts_form_is_offered_before_the_first_event_only(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    client = client_as("caseworker_a")

    assert 'name="facts-has_legal_stay"' in page(client, person).text
    record(world, "caseworker_a", person, "REFERRED", "2024-01-10")
    assert 'name="facts-has_legal_stay"' not in page(client, person).text


def test_the_pathway_is_the_installations_and_no_other_country_is_offered(
    world: World, client_as: ClientAs, settings: Any
) -> None:
    add_denmark(world)
    person = involved_person(world)
    client = client_as("caseworker_a")
    assert 'name="facts-jurisdiction"' not in page(client, person).text

    response = client.post(
        f"/protection/{person.reference}/facts/",
        {
            "facts-expected_version": "0",
            "facts-jurisdiction": "DK",  # no longer a field: ignored
            "facts-has_legal_stay": "on",
            "facts-age_at_identification": "31",
        },
        headers=HTMX,
    )

    assert response.status_code == 200
    pathway = PathwayRecord.objects.get(person=person)
    assert (pathway.jurisdiction, pathway.has_legal_stay) == ("BE", True)


def test_a_danish_installation_gives_a_new_pathway_the_danish_rules(
    world: World, client_as: ClientAs, settings: Any
) -> None:
    settings.NRM_JURISDICTION = "DK"
    add_denmark(world)
    person = involved_person(world)
    world.involve(person, "dk_cmm", Purpose.CARE)
    client = client_as("dk_cmm")

    response = client.post(
        f"/protection/{person.reference}/facts/",
        {"facts-expected_version": "0", "facts-has_legal_stay": "on"},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "The facts of the pathway are saved." in response.text
    pathway = PathwayRecord.objects.get(person=person)
    assert (pathway.jurisdiction, pathway.has_legal_stay) == ("DK", True)
    html = page(client, person).text
    assert "<dd>Denmark</dd>" in html
    assert 'value="IDENTIFIED"' in html


def test_stale_facts_get_409_and_bad_facts_400(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    client = client_as("caseworker_a")
    url = f"/protection/{person.reference}/facts/"
    facts = {"facts-age_at_identification": "31"}

    assert client.post(url, {**facts, "facts-expected_version": "0"}).status_code == 302
    stale = client.post(url, {**facts, "facts-expected_version": "0"})
    bad = client.post(
        url, {**facts, "facts-expected_version": "1", "facts-age_at_identification": "-4"}
    )

    assert stale.status_code == 409
    assert "changed this pathway meanwhile" in stale.text
    assert bad.status_code == 400


def test_a_judge_may_read_the_status_but_not_set_the_facts(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    client = client_as("judge")

    assert page(client, person).status_code == 200
    response = client.post(
        f"/protection/{person.reference}/facts/",
        {"facts-expected_version": "0"},
    )
    assert response.status_code == 403


def test_the_minors_path_shows_on_the_page(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_minors", age_at_first_contact=16)
    record(world, "caseworker_minors", person, "REFERRED", "2025-03-01")

    html = page(client_as("immigration"), person).text

    assert "minors' path" in html
    assert 'value="PROVISIONAL_DOCUMENT_ISSUED"' in html
    assert "An unaccompanied minor gets no reflection period" in html


def test_the_page_never_shows_the_persons_name(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)

    html = page(client_as("immigration"), person).text

    assert not any(name in html for name in NAMES)


@pytest.mark.parametrize("events", [1, 6])
def test_the_page_makes_the_same_few_queries_however_long_the_history(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    events: int,
) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY[:events])
    client = client_as("immigration")

    # Sign-in: session, user, second factor, membership. The person, the involvement, the
    # audit row (savepoint, chain head, insert, head update, release), the pathway, its
    # events, its deadlines, its guardians, its requests. The layout's memberships. Saving
    # the session: savepoint,
    # update, release. The NRM manual's entry for the pathway's state ({% manual_step %},
    # issue 14): one query. Whether the organisation acts for the person yet (not while
    # its referral is pending, issue 11 §3): one query.
    with django_assert_num_queries(22):
        response = page(client, person)

    assert response.status_code == 200
