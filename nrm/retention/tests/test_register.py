"""The register of processing activities (GDPR art. 30) is generated from the retention
configuration; the configuration refuses what it does not understand."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from nrm.retention.policy import (
    DEFAULT_RULES,
    PURPOSES,
    ConfigError,
    Outcome,
    Verified,
    rules_from_config,
)
from nrm.retention.queries import register_json
from nrm.retention.sources import RECORD_TYPES


def test_every_rule_has_a_record_type_and_every_record_type_a_rule() -> None:
    assert [rule.key for rule in DEFAULT_RULES] == [kind.key for kind in RECORD_TYPES]


def test_every_default_says_why_and_where_it_comes_from() -> None:
    for rule in DEFAULT_RULES:
        assert rule.reason
        assert rule.source
        assert rule.categories
        # No domain source fixes these periods: each is labelled a policy choice.
        assert rule.verified == Verified.POLICY_CHOICE
        assert rule.source == "policy choice"
        assert rule.purpose in {purpose.code for purpose in PURPOSES}


def test_the_configuration_changes_periods_and_refuses_typos() -> None:
    rules, periods = rules_from_config(
        {
            "grace_days": 7,
            "person_period_days": {"CARE": 3650},
            "rules": {
                "care.carenote": {
                    "period_days": 100,
                    "outcome": "DELETE",
                    "source": "Centre policy 2027",
                }
            },
        }
    )
    note = next(rule for rule in rules if rule.key == "care.carenote")
    assert (note.period_days, note.outcome, note.grace_days) == (100, Outcome.DELETE, 7)
    assert (note.source, note.verified) == ("Centre policy 2027", Verified.UNVERIFIED)
    assert periods["CARE"] == 3650
    for bad in (
        {"rules": {"care.carenotes": {"period_days": 1}}},
        {"rules": {"care.carenote": {"period": 1}}},
        {"rules": {"care.carenote": {"period_days": -1}}},
        {"rules": {"care.carenote": {"period_days": True}}},
        {"rules": {"care.carenote": {"outcome": "SHRED"}}},
        {"person_period_days": {"CHARITY": 1}},
        {"grace": 3},
    ):
        with pytest.raises(ConfigError):
            rules_from_config(bad)


@pytest.mark.django_db
def test_the_register_lists_every_configured_record_type() -> None:
    register = register_json()
    listed = {entry["record_type"] for p in register["purposes"] for entry in p["retention"]}
    assert listed == {rule.key for rule in DEFAULT_RULES}
    purposes = {p["purpose"]: p for p in register["purposes"]}
    assert set(purposes) == {purpose.code for purpose in PURPOSES}
    for purpose in register["purposes"]:
        assert purpose["legal_bases"]
        assert purpose["recipients"]
    # The shared person record is listed under each purpose that keeps it.
    for code in ("CARE", "INVESTIGATION", "RESIDENCE_DECISION"):
        assert "people.person" in {e["record_type"] for e in purposes[code]["retention"]}


@pytest.mark.django_db
@override_settings(NRM_RETENTION={"rules": {"referrals.hotlineentry": {"period_days": 90}}})
def test_the_register_command_prints_the_configuration() -> None:
    out = StringIO()
    call_command("retention", "register", "--json", stdout=out)
    register = json.loads(out.getvalue())
    hotline = [
        entry
        for purpose in register["purposes"]
        for entry in purpose["retention"]
        if entry["record_type"] == "referrals.hotlineentry"
    ]
    assert [entry["period_days"] for entry in hotline] == [90]
    text = StringIO()
    call_command("retention", "register", stdout=text)
    for rule in DEFAULT_RULES:
        assert rule.key in text.getvalue()


@pytest.mark.django_db
def test_a_configuration_file_is_read_and_a_bad_one_refused(tmp_path: Path) -> None:
    good = tmp_path / "retention.json"
    good.write_text(json.dumps({"rules": {"care.carenote": {"period_days": 42}}}))
    with override_settings(NRM_RETENTION_FILE=str(good)):
        out = StringIO()
        call_command("retention", "register", "--json", stdout=out)
        assert '"period_days": 42' in out.getvalue()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rules": {"care.nothing": {}}}))
    with override_settings(NRM_RETENTION_FILE=str(bad)), pytest.raises(CommandError) as refused:
        call_command("retention", "register", stdout=StringIO())
    assert refused.value.returncode == 2
    assert "care.nothing" in str(refused.value)
