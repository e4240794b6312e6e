"""What the referral pages share."""

from __future__ import annotations

from django.http import HttpRequest

from nrm.access.context import Actor
from nrm.referrals import routing

PAGE_SIZE = 50


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def is_centre(actor: Actor) -> bool:
    organisation = actor.organisation
    return organisation is not None and organisation.type in routing.CENTRE_TYPES
