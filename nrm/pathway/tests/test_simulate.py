"""`simulate` and its JSON: the contract's sample, as-of, rejected events, whole paths."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from nrm.pathway import (
    PathwayInputError,
    load_schema,
    parse_simulation,
    result_to_json,
    simulate,
)
from nrm.pathway.tests.builders import CONTRACT_SAMPLE as SAMPLE
from nrm.pathway.tests.builders import d

OUTPUT_SCHEMA = Draft202012Validator(load_schema("simulation"))


def run(data: dict[str, Any], jurisdiction: str = "BE", as_of: str | None = None) -> dict[str, Any]:
    result = simulate(
        parse_simulation(data), jurisdiction=jurisdiction, as_of=d(as_of) if as_of else None
    )
    output = result_to_json(result)
    OUTPUT_SCHEMA.validate(output)
    return output


def events(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"date": date, "type": type} for date, type in pairs]


def test_the_contract_sample_gives_the_contract_output() -> None:
    output = run(SAMPLE)
    assert set(output) == {
        "state", "history", "deadlines", "rejected_events", "right_to_work",
        "right_to_work_basis", "lapses",
    }  # fmt: skip
    assert output["right_to_work"] is True
    assert output["lapses"] == []
    assert output["state"] == "TEMPORARY_STAY"
    reflection = next(entry for entry in output["history"] if entry["state"] == "REFLECTION")
    assert {k: reflection[k] for k in ("state", "from", "until", "decided_by")} == {
        "state": "REFLECTION", "from": "2025-01-10", "until": "2025-02-01",
        "decided_by": "IMMIGRATION_OFFICE",
    }  # fmt: skip
    assert "MYRIA-STATUT [V]" in reflection["legal_basis"]
    assert output["deadlines"] == [
        {"kind": "TEMPORARY_PERMIT_EXPIRY", "due": "2025-10-15",
         "responsible": "IMMIGRATION_OFFICE", "action": "renew or end; consult prosecutor"}
    ]  # fmt: skip
    assert output["rejected_events"] == []


def test_the_history_covers_every_state_without_gaps() -> None:
    history = run(SAMPLE)["history"]
    assert [(h["state"], h["from"], h["until"]) for h in history] == [
        ("REFERRED", "2025-01-10", "2025-01-10"),
        ("REFLECTION", "2025-01-10", "2025-02-01"),
        ("PROVISIONAL_STAY", "2025-02-01", "2025-04-15"),
        ("TEMPORARY_STAY", "2025-04-15", None),
    ]
    assert [h["decided_by"] for h in history] == [
        "SPECIALISED_CENTRE", "IMMIGRATION_OFFICE", "IMMIGRATION_OFFICE", "IMMIGRATION_OFFICE",
    ]  # fmt: skip


def test_as_of_reports_the_state_on_that_date() -> None:
    output = run(SAMPLE, as_of="2025-03-01")
    assert output["state"] == "PROVISIONAL_STAY"
    assert output["history"][-1]["until"] is None
    # Not yet due: no overdue mark.
    assert output["deadlines"] == [
        {"kind": "PROVISIONAL_DOCUMENT_EXPIRY", "due": "2025-05-01",
         "responsible": "IMMIGRATION_OFFICE",
         "action": "extend, issue the temporary permit after a positive opinion, or end"}
    ]  # fmt: skip


def test_as_of_marks_passed_deadlines_overdue() -> None:
    data = {
        "person": {},
        "events": events(("2025-01-10", "REFERRED"), ("2025-01-10", "REFLECTION_DOCUMENT_ISSUED")),
    }
    on_due_date = run(data, as_of="2025-02-24")["deadlines"]
    assert on_due_date == [
        {
            "kind": "REFLECTION_END",
            "due": "2025-02-24",
            "responsible": "IMMIGRATION_OFFICE",
            "action": on_due_date[0]["action"],
        }
    ]
    day_after = run(data, as_of="2025-02-25")["deadlines"]
    assert day_after[0]["overdue"] is True


def test_without_as_of_nothing_is_marked_overdue() -> None:
    data = {
        "person": {},
        "events": events(("2020-01-10", "REFERRED"), ("2020-01-10", "REFLECTION_DOCUMENT_ISSUED")),
    }
    assert "overdue" not in run(data)["deadlines"][0]


def test_as_of_before_the_first_event_gives_no_state() -> None:
    output = run(SAMPLE, as_of="2024-12-31")
    assert output == {
        "state": None, "history": [], "deadlines": [], "rejected_events": [],
        "right_to_work": None, "right_to_work_basis": output["right_to_work_basis"],
        "lapses": [],
    }  # fmt: skip


def test_refused_events_are_listed_with_their_index_and_skipped() -> None:
    data = {"person": {}, "events": events(
        ("2025-01-10", "REFERRED"),
        ("2025-01-10", "REFLECTION_DOCUMENT_ISSUED"),
        ("2025-03-01", "COMPLAINT_FILED"),
        ("2025-03-01", "PROVISIONAL_DOCUMENT_ISSUED"),
        ("2025-03-02", "VOLUNTARY_RETURN"),
    )}  # fmt: skip
    output = run(data)
    assert output["state"] == "VOLUNTARY_RETURN"
    assert output["rejected_events"] == [
        {"index": 2, "type": "COMPLAINT_FILED",
         "reason": "The reflection period's last day was 2025-02-24; a complaint made after "
                   "it no longer opens the victim status."},
        {"index": 3, "type": "PROVISIONAL_DOCUMENT_ISSUED",
         "reason": "The provisional document needs a complaint or statements made in time, "
                   "unless the person is an unaccompanied minor."},
    ]  # fmt: skip


def test_events_after_as_of_are_neither_applied_nor_rejected() -> None:
    data = copy.deepcopy(SAMPLE)
    data["events"].append({"date": "2025-06-01", "type": "REFLECTION_DOCUMENT_ISSUED"})
    assert run(data, as_of="2025-05-01")["rejected_events"] == []
    assert run(data)["rejected_events"][0]["index"] == 6


def test_the_minor_path() -> None:
    data = {
        "person": {"age_at_identification": 16, "unaccompanied_minor": True},
        "events": events(("2025-03-03", "REFERRED"), ("2025-03-03", "REFLECTION_DOCUMENT_ISSUED"),
                         ("2025-03-04", "PROVISIONAL_DOCUMENT_ISSUED")),
    }  # fmt: skip
    output = run(data)
    assert output["state"] == "PROVISIONAL_STAY"
    assert [r["index"] for r in output["rejected_events"]] == [1]
    assert output["deadlines"][0]["due"] == "2025-06-04"


def test_the_humanitarian_route() -> None:
    data = copy.deepcopy(SAMPLE)
    data["events"] += [
        {"date": "2025-10-01", "type": "PROSECUTOR_OPINION", "positive": True},
        {"date": "2025-10-10", "type": "TEMPORARY_PERMIT_RENEWED"},
        {"date": "2026-03-25", "type": "PROSECUTOR_OPINION", "positive": True},
        {"date": "2026-04-01", "type": "TEMPORARY_PERMIT_RENEWED"},
        {"date": "2026-09-01", "type": "DISMISSAL"},
        {"date": "2026-09-30", "type": "TEMPORARY_PERMIT_RENEWED"},
        {"date": "2027-01-15", "type": "HUMANITARIAN_RESIDENCE_GRANTED"},
        {"date": "2027-02-01", "type": "HUMANITARIAN_RESIDENCE_GRANTED"},
    ]
    output = run(data)
    assert output["state"] == "HUMANITARIAN_RESIDENCE"
    assert output["deadlines"] == []
    assert output["rejected_events"] == [
        {"index": 11, "type": "TEMPORARY_PERMIT_RENEWED",
         "reason": "The case was dismissed on 2026-09-01 and has not been reopened: the "
                   "permit needs an ongoing judicial procedure."},
        {"index": 12, "type": "HUMANITARIAN_RESIDENCE_GRANTED",
         "reason": "The waiting time since the complaint of 2025-02-01 runs until 2027-02-01."},
    ]  # fmt: skip
    # The permit ran out on 2026-10-01 and the humanitarian residence came on 2027-02-01.
    assert output["lapses"] == [
        {"from": "2026-10-02", "until": "2027-02-01", "document": "PERMIT"}
    ]
    assert "Verification: UNVERIFIED." in output["history"][-1]["legal_basis"]


def test_renewal_blocked_after_recontact_until_a_new_positive_opinion() -> None:
    data = copy.deepcopy(SAMPLE)
    data["events"] += [
        {"date": "2025-08-01", "type": "RECONTACT_WITH_EXPLOITER"},
        {"date": "2025-09-01", "type": "TEMPORARY_PERMIT_RENEWED"},
        {"date": "2025-09-10", "type": "PROSECUTOR_OPINION", "positive": True},
        {"date": "2025-09-15", "type": "TEMPORARY_PERMIT_RENEWED"},
    ]
    output = run(data, as_of="2025-09-05")
    assert [r["index"] for r in output["rejected_events"]] == [7]
    assert output["deadlines"] == [
        {"kind": "STATUS_REVIEW", "due": "2025-08-31", "responsible": "IMMIGRATION_OFFICE",
         "action": "review the status after the reported fact; consult prosecutor",
         "overdue": True},
        {"kind": "TEMPORARY_PERMIT_EXPIRY", "due": "2025-10-15",
         "responsible": "IMMIGRATION_OFFICE", "action": "renew or end; consult prosecutor"},
    ]  # fmt: skip
    final = run(data)
    assert final["deadlines"] == [
        {"kind": "TEMPORARY_PERMIT_EXPIRY", "due": "2026-03-15",
         "responsible": "IMMIGRATION_OFFICE", "action": "renew or end; consult prosecutor"}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("has_legal_stay", "states", "decided_by"),
    [
        (False, ["IDENTIFICATION", "REFLECTION"], "IMMIGRATION_OFFICE"),
        (True, ["IDENTIFICATION", "RESTITUTION"], "IDENTIFICATION_BODY"),
    ],
)
def test_the_danish_path(has_legal_stay: bool, states: list[str], decided_by: str) -> None:
    data = {
        "person": {"age_at_identification": 24, "unaccompanied_minor": False,
                   "has_legal_stay": has_legal_stay},
        "events": [
            {"date": "2025-03-01", "type": "IDENTIFIED"},
            {"date": "2025-03-02", "type": "REFLECTION_STARTED"},
            {"date": "2025-03-20", "type": "REFLECTION_EXTENDED", "days": 90},
            {"date": "2025-05-01", "type": "REFLECTION_EXTENDED", "days": 121},
        ],
    }  # fmt: skip
    output = run(data, jurisdiction="DK", as_of="2025-06-15")
    assert [h["state"] for h in output["history"]] == states
    assert {h["decided_by"] for h in output["history"]} == {decided_by}
    assert output["deadlines"] == [
        {"kind": "REFLECTION_END", "due": "2025-05-31", "responsible": decided_by,
         "action": "extend, prepare the return, or end", "overdue": True}
    ]  # fmt: skip
    assert output["rejected_events"] == [
        {"index": 3, "type": "REFLECTION_EXTENDED",
         "reason": "The new total of 121 days is above the longest reflection period "
                   "allowed, 120 days."}
    ]  # fmt: skip


def test_the_json_goes_through_the_callers_translation() -> None:
    catalogue = {
        "renew or end; consult prosecutor": "verlengen of beëindigen; parket raadplegen",
        "%(basis)s Sources: %(sources)s. Verification: %(tag)s.":
            "%(basis)s Bronnen: %(sources)s. Verificatie: %(tag)s.",
    }  # fmt: skip
    result = simulate(parse_simulation(SAMPLE))
    output = result_to_json(result, lambda text: catalogue.get(text, text))
    assert output["deadlines"][0]["action"] == "verlengen of beëindigen; parket raadplegen"
    assert "Bronnen: MYRIA-STATUT [V]" in output["history"][1]["legal_basis"]


def test_legal_stay_rejects_immigration_events_with_the_reason_and_opens_no_deadline() -> None:
    data = {"person": {"has_legal_stay": True}, "events": [
        {"date": "2025-01-10", "type": "REFERRED"},
        {"date": "2025-01-10", "type": "REFLECTION_DOCUMENT_ISSUED"},
        {"date": "2025-01-12", "type": "COMPLAINT_FILED"},
        {"date": "2025-02-01", "type": "PROSECUTOR_OPINION", "positive": True},
        {"date": "2025-02-02", "type": "TEMPORARY_PERMIT_ISSUED"},
        {"date": "2025-03-01", "type": "DISMISSAL"},
    ]}  # fmt: skip
    output = run(data)
    assert output["state"] == "REFERRED"
    assert output["deadlines"] == []
    assert [r["index"] for r in output["rejected_events"]] == [1, 4]
    assert all("legal stay in Belgium" in r["reason"] for r in output["rejected_events"])


def test_a_request_deadline_names_its_document_and_is_overdue_as_of_a_later_date() -> None:
    data = {"person": {}, "events": [
        {"date": "2025-01-10", "type": "REFERRED"},
        {"date": "2025-01-10", "type": "DOCUMENT_REQUESTED", "document": "ANNEX_15"},
    ]}  # fmt: skip
    output = run(data, as_of="2025-02-10")
    assert output["deadlines"] == [
        {"kind": "REQUEST_DECISION", "due": "2025-02-09", "responsible": "IMMIGRATION_OFFICE",
         "action": "decide on the centre's request: issue the document or refuse it with "
                   "reasons",
         "document": "ANNEX_15", "overdue": True},
    ]  # fmt: skip
    assert output["right_to_work"] is False


def test_a_document_belongs_only_to_a_request() -> None:
    data = {"person": {}, "events": [
        {"date": "2025-01-10", "type": "REFERRED", "document": "ANNEX_15"},
        {"date": "2025-01-10", "type": "DOCUMENT_REQUESTED"},
    ]}  # fmt: skip
    with pytest.raises(PathwayInputError) as error:
        parse_simulation(data)
    paths = {problem.path for problem in error.value.problems}
    assert paths == {"/events/0/document", "/events/1/document"}
