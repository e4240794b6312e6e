"""Every rule and every setting cites RULES.md §9 sources with a verification tag."""

from __future__ import annotations

import pytest

from nrm.pathway import JURISDICTIONS, SETTINGS, Tag, describe_transitions, rules_for

# The keys of RULES.md §9 that the pathway cites.
RULES_SOURCE_KEYS = {
    "ADDE", "ADDE-MENA", "BSR-TRM", "CMM-REFL", "DORMAELS-2010", "DROITSQ",
    "ETAAMB-CIRC2016", "FT-2007", "FT-2008", "FT-L129", "LEGLINE-1994", "MINEURSENEXIL",
    "MYRIA-STATUT",
    "PAGASA-STATUS", "RTBF-2022", "TIP-DK-2017..2023", "TV2NORD", "WORDSCOPE-613",
    "WORDSCOPE-AI", "WZP",
}  # fmt: skip
# The seed note itself (RULES.md §1), cited where RULES.md says to follow it.
RULES_SOURCE_KEYS |= {"SEED-NOTE"}


@pytest.mark.parametrize("jurisdiction", sorted(JURISDICTIONS))
def test_every_transition_cites_known_sources_with_a_tag(jurisdiction: str) -> None:
    for rule in rules_for(jurisdiction).transitions:
        basis = rule.legal_basis
        assert basis.text, rule.event
        assert basis.sources, rule.event
        assert {source.key for source in basis.sources} <= RULES_SOURCE_KEYS, rule.event
        assert basis.tag in set(Tag)
        # Legal bases are rendered without parameters.
        assert "%(" not in basis.text


def test_every_setting_cites_known_sources() -> None:
    for setting in SETTINGS.values():
        assert {source.key for source in setting.sources} <= RULES_SOURCE_KEYS, setting.name


def test_a_rule_is_as_verified_as_its_weakest_source_unless_rated_lower() -> None:
    be = rules_for("BE")
    permanent = be.rule("PERMANENT_RESIDENCE_GRANTED")
    humanitarian = be.rule("HUMANITARIAN_RESIDENCE_GRANTED")
    assert permanent is not None
    assert humanitarian is not None
    assert permanent.legal_basis.tag is Tag.S  # the requisitions route is secondary-sourced
    assert humanitarian.legal_basis.tag is Tag.UNVERIFIED  # statutory basis not located


@pytest.mark.parametrize("jurisdiction", sorted(JURISDICTIONS))
def test_deadline_specs_belong_to_the_states_their_openings_lead_to(jurisdiction: str) -> None:
    rules = rules_for(jurisdiction)
    for rule in rules.transitions:
        for opening in rule.opens:
            reachable = (
                {rule.target, rule.target_with_legal_stay} - {None}
                if rule.target
                else set(rule.sources)
            )
            assert reachable <= opening.spec.while_in, rule.event
            assert "%(" not in opening.spec.action


def test_the_transition_table_is_documented() -> None:
    rows = describe_transitions("DK")
    started = next(row for row in rows if row["event"] == "REFLECTION_STARTED")
    assert started == {
        "event": "REFLECTION_STARTED",
        "label": "Reflection or restitution period started",
        "from": ["IDENTIFICATION"],
        "may_be_first": False,
        "to": "REFLECTION",
        "to_with_legal_stay": "RESTITUTION",
        "taken_by": ["IMMIGRATION_OFFICE"],
        "taken_by_with_legal_stay": ["IDENTIFICATION_BODY"],
        "guards": [],
        "opens": ["REFLECTION_END"],
        "closes": [],
        "legal_basis": started["legal_basis"],
        "sources": [{"key": "CMM-REFL", "tag": "V"}],
        "tag": "V",
    }
    be_rows = describe_transitions("BE")
    extension = next(row for row in be_rows if row["event"] == "PROVISIONAL_DOCUMENT_EXTENDED")
    assert extension["guards"] == [
        "provisional_extension_left",
        "provisional_extension_not_lapsed",
    ]
    assert next(row for row in be_rows if row["event"] == "REFERRED")["may_be_first"]


def test_an_unknown_jurisdiction_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown jurisdiction 'FR'"):
        rules_for("FR")
