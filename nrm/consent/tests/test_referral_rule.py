"""The referral rule of nrm.consent.rules: an adult only with consent in force, a child
under the exemption whatever the answer. Pure: no database."""

from __future__ import annotations

import pytest

from nrm.consent import rules

GIVEN = rules.Answer(given=True, withdrawn=False)
REFUSED = rules.Answer(given=False, withdrawn=False)
WITHDRAWN = rules.Answer(given=True, withdrawn=True)


@pytest.mark.parametrize(
    ("answer", "adult", "child"),
    [
        (None, False, True),
        (GIVEN, True, True),
        (REFUSED, False, True),
        (WITHDRAWN, False, True),
    ],
)
def test_an_adult_needs_consent_in_force_a_child_goes_ahead(
    answer: rules.Answer | None, adult: bool, child: bool
) -> None:
    assert rules.referral_goes_ahead(answer, minor=False) is adult
    assert rules.referral_goes_ahead(answer, minor=True) is child


def test_the_recorded_best_interests_exemption_still_covers_referral_and_police_only() -> None:
    assert rules.child_exemption_applies("REFERRAL", 16)
    assert not rules.child_exemption_applies("PERSON_LEVEL_EXPORT", 16)
    assert not rules.child_exemption_applies("REFERRAL", 18)
