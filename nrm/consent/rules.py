"""What each purpose allows, and the child exemption, with their sources. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# A child's referral or the sharing of a child's facts with the police and the prosecution
# may rest on the child's best interests, with the guardian informed, instead of consent:
# EU Directive 2011/36/EU art. 13(1) (the child's best interests a primary consideration in
# assistance and protection) [EURLEX-SUM]; in Belgium the guardian appointed by the
# Guardianship Service accompanies every step for an unaccompanied minor [ADDE-MENA,
# RULES.md §4]. The exemption never covers exports or contact, which stay the person's say.
CHILD_EXEMPT_PURPOSES = frozenset({"REFERRAL", "SHARE_WITH_LAW_ENFORCEMENT"})
ADULT_AGE = 18

State = Literal["GIVEN", "REFUSED", "WITHDRAWN", "NOT_ASKED"]


@dataclass(frozen=True)
class Answer:
    """The latest answer for one purpose, as the rules read it."""

    given: bool
    withdrawn: bool


def state_of(answer: Answer | None) -> State:
    if answer is None:
        return "NOT_ASKED"
    if answer.withdrawn:
        return "WITHDRAWN"
    return "GIVEN" if answer.given else "REFUSED"


def allows(answer: Answer | None) -> bool:
    """A purpose is allowed by a given answer still in force (a child's best-interests
    decision counts as one)."""
    return answer is not None and answer.given and not answer.withdrawn


def child_exemption_applies(purpose: str, age: int | None) -> bool:
    return purpose in CHILD_EXEMPT_PURPOSES and age is not None and age < ADULT_AGE


def referral_goes_ahead(answer: Answer | None, *, minor: bool) -> bool:
    """Whether a person may be referred to a specialised centre now.

    An adult, only with their consent in force: a refusal or a withdrawal stops every new
    referral, and what was already sent stays sent. A child, or a person presumed one, is
    referred in any case (product choice, after Directive 2011/36/EU art. 13(1): the child's
    best interests come first and assistance to a child does not wait for its agreement
    [EURLEX-SUM]); in Belgium the guardian appointed by the Guardianship Service then
    accompanies every step [ADDE-MENA]. Unlike sharing with the police, no best-interests
    record is needed first: the referral is how the child reaches that protection.
    """
    return minor or allows(answer)
