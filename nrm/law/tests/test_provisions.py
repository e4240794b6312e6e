"""The provision catalogue: every id the engine emits has a lawyer's citation."""

from __future__ import annotations

from datetime import date

from nrm.law.be2026 import DEFAULT_BE2026
from nrm.law.provisions import (
    PROVISIONS,
    charge_choices,
    is_trafficking,
    provision_label,
)
from nrm.law.rules import Tag


def test_labels_are_citations_and_unknown_ids_fall_back_to_the_id() -> None:
    assert provision_label("BE-CP-433quinquies") == "art. 433quinquies Crim. Code"
    assert provision_label("BE-CP-433septies-3bis") == "art. 433septies, 3°bis Crim. Code"
    assert provision_label("BE-CP2026-trafficking").startswith("art. ? Crim. Code 2024")
    assert provision_label("XX-NOT-A-PROVISION") == "XX-NOT-A-PROVISION"


def test_labels_are_translated_whole() -> None:
    french = {"art. 433quinquies Crim. Code": "art. 433quinquies C. pén."}
    assert provision_label("BE-CP-433quinquies", lambda s: french.get(s, s)) == (
        "art. 433quinquies C. pén."
    )


def test_charge_choices_follow_the_cutover() -> None:
    before = dict(charge_choices("BE", date(2025, 6, 1)))
    after = dict(charge_choices("BE", date(2026, 12, 1)))
    assert "BE-CP-433quinquies" in before
    assert "BE-CP2026-trafficking" not in before
    assert "BE-CP2026-trafficking" in after
    assert "BE-CP-433quinquies" not in after
    # Not old-code-only offences: the Social Penal Code and the Aliens Act continue.
    assert "BE-SPC-175" in after
    assert "BE-ALIENS-77bis" in after


def test_both_codes_are_offered_on_the_doubtful_days() -> None:
    for day in (date(2026, 4, 8), date(2026, 4, 9)):
        ids = dict(charge_choices("BE", day))
        assert "BE-CP-433quinquies" in ids
        assert "BE-CP2026-trafficking" in ids
    assert "BE-CP-433quinquies" not in dict(charge_choices("BE", date(2026, 4, 10)))


def test_a_configured_cutover_moves_the_choices() -> None:
    later = DEFAULT_BE2026.with_cutover(date(2026, 6, 1))
    ids = dict(charge_choices("BE", date(2026, 5, 1), be2026=later))
    assert "BE-CP-433quinquies" in ids
    assert "BE-CP2026-trafficking" not in ids


def test_no_date_gives_every_chargeable_provision_and_no_treaty() -> None:
    ids = dict(charge_choices("BE", None))
    assert "BE-CP-433quinquies" in ids
    assert "BE-CP2026-trafficking" in ids
    assert not charge_choices("PALERMO", None)
    assert dict(charge_choices("DK", date(2020, 1, 1))) == {
        "DK-STRFL-262a": "§ 262 a of the Danish Criminal Code"
    }


def test_trafficking_and_fallbacks_are_told_apart() -> None:
    assert is_trafficking("BE-CP-433quinquies")
    assert is_trafficking("BE-CP2026-trafficking-minor")
    assert not is_trafficking("BE-SPC-175")
    assert not is_trafficking("DK-STRFL-262b")
    assert not is_trafficking("unknown")


def test_new_code_provisions_are_unverified() -> None:
    for provision in PROVISIONS.values():
        if provision.id.startswith("BE-CP2026"):
            assert provision.tag is Tag.UNVERIFIED
            assert provision.article_unverified
