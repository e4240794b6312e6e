"""Which specialised centre a person goes to: by region and by age, read from the data.

The routing is not a list of names: it is "the active specialised centre of the right kind
(adults or minors) whose region is the referral's region". Setting up another country, or
moving a centre, is a change of organisations (type and region), not of code.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from nrm.core.errors import DomainError
from nrm.organisations.models import Organisation, OrganisationType, Region
from nrm.people.models import Person

ADULT_AGE = 18
CENTRE_TYPES = frozenset({OrganisationType.CENTRE_ADULTS, OrganisationType.CENTRE_MINORS})


def age_at_least(person: Person, on: date) -> int | None:
    """The person's age on `on`, or the least it can be; None when nothing is known.

    With a birth date the age is exact. Otherwise the age at first contact plus the whole
    years since then is a lower bound; erring young sends a doubtful case to the minors'
    centre rather than leaving a child with adults (product choice).
    """
    if person.birth_date is not None:
        born: date = person.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if person.age_at_first_contact is None:
        return None
    since = person.first_contact_on
    years = on.year - since.year - ((on.month, on.day) < (since.month, since.day))
    return person.age_at_first_contact + max(years, 0)


def is_minor(person: Person, on: date, *, presumed_minor: bool = False) -> bool:
    """Minor for the routing: under 18, or presumed so by the referrer.

    Directive 2011/36/EU, art. 13(2): where the age is uncertain and there are reasons to
    believe the person is a child, the person is presumed a child. The referrer says so by
    `presumed_minor`; an unknown age without that presumption is treated as adult.
    """
    if presumed_minor:
        return True
    age = age_at_least(person, on)
    return age is not None and age < ADULT_AGE


def centre_type_for(*, minor: bool) -> str:
    return OrganisationType.CENTRE_MINORS if minor else OrganisationType.CENTRE_ADULTS


def centre_for(*, region: Region, minor: bool) -> Organisation:
    """The one active centre of the right kind in the region; an error asks to choose."""
    centres = list(
        Organisation.objects.filter(
            type=centre_type_for(minor=minor), region=region, is_active=True
        ).order_by("pk")[:2]
    )
    if len(centres) == 1:
        return centres[0]
    if not centres:
        message = (
            _("No specialised centre for minors serves %(region)s. Choose the centre.")
            if minor
            else _("No specialised centre for adults serves %(region)s. Choose the centre.")
        )
    else:
        message = (
            _("Several specialised centres for minors serve %(region)s. Choose the centre.")
            if minor
            else _("Several specialised centres for adults serve %(region)s. Choose the centre.")
        )
    raise DomainError(message % {"region": region.name}, field="centre")


def check_centre(centre: Organisation, *, minor: bool) -> None:
    """A centre the referrer chose must be a specialised centre of the right kind."""
    if centre.type not in CENTRE_TYPES or not centre.is_active:
        raise DomainError(
            _("%(organisation)s is not a specialised centre: a referral goes to one.")
            % {"organisation": centre},
            field="centre",
        )
    if minor and centre.type != OrganisationType.CENTRE_MINORS:
        raise DomainError(
            _("A minor is referred to a specialised centre for minors."), field="centre"
        )
    if not minor and centre.type != OrganisationType.CENTRE_ADULTS:
        raise DomainError(
            _("An adult is referred to a specialised centre for adults."), field="centre"
        )
