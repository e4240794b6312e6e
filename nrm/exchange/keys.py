"""The installation's linkage secret and the identity a linkage key is made of.

The secret comes from NRM_LINKAGE_KEY (or NRM_LINKAGE_KEY_FILE). Without it, it is derived
from SECRET_KEY with a label of its own, so that a development or demo installation links
out of the box; production should set its own, so that rotating SECRET_KEY does not make
every key stale (docs/exchange.md). Changing the secret makes every key stale: `nrm
linkage rebuild` computes them again.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.conf import settings
from django.db.models import F, Max, Q, QuerySet

from nrm.core.env import secret_from_env_or_file
from nrm.exchange.linkage import Encoder, Identity, secret_from, sex_of
from nrm.exchange.models import LinkageKey
from nrm.people.models import Person


@cache
def _encoder(secret: str) -> Encoder:
    return Encoder(secret_from(secret))


def linkage_encoder() -> Encoder:
    secret = secret_from_env_or_file("NRM_LINKAGE_KEY")
    if secret is None:
        secret = f"open-nrm linkage key derived from SECRET_KEY:{settings.SECRET_KEY}"
    return _encoder(secret)


def identity_of(person: Person) -> Identity:
    return Identity(
        names=(person.given_names or "", person.family_name or ""),
        birth_date=person.birth_date,
        sex=sex_of(person.gender),
        nationalities=tuple(person.nationalities or ()),
    )


def stale_persons(key_id: str) -> QuerySet[Person]:
    """Persons whose linkage key is missing, older than their record, or from another secret."""
    return Person.objects.filter(_stale(key_id))


def _stale(key_id: str) -> Q:
    return (
        Q(linkage_key__isnull=True)
        | ~Q(linkage_key__person_version=F("version"))
        | ~Q(linkage_key__key_id=key_id)
    )


# How long an edit's transaction may stay open between stamping `updated_at` and committing
# and still be seen by the next worker pass. Edits are short; this is generous.
WATERMARK_MARGIN = dt.timedelta(minutes=15)


def changed_persons(key_id: str) -> QuerySet[Person] | None:
    """The persons recorded or edited since the newest key was computed whose key is stale.

    A range scan on the indexed `Person.updated_at` from the watermark (the newest
    `LinkageKey.computed_at`, an index-only MAX, less WATERMARK_MARGIN for edits committed
    late), then the exact `stale_persons` test on those few. None when no key exists yet:
    then every person needs one and only `nrm linkage rebuild` should do that work.
    A changed linkage secret is not seen here (`nrm linkage rebuild --all`).
    """
    newest = LinkageKey.objects.aggregate(newest=Max("computed_at"))["newest"]
    if newest is None:
        return None
    return Person.objects.filter(_stale(key_id), updated_at__gte=newest - WATERMARK_MARGIN)
