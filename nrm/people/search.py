"""Name search over encrypted identities: the installation's blind index, kept current.

The secret comes from NRM_SEARCH_KEY (or NRM_SEARCH_KEY_FILE). Without it, it is derived
from SECRET_KEY with a label of its own, so that a demo or development installation searches
out of the box; production sets its own (docs/search.md). Changing it makes every token
stale: `nrm people reindex` (and, in batches, the deadline worker) makes them again.

The index is written by the person actions in the same transaction as the identity, so a
person is findable as soon as they are recorded. It holds no personal data in clear and is
not audited as a read: a search's results are (the list page audits what it shows).
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet, Sum

from nrm.core.env import secret_from_env_or_file
from nrm.people.blind_index import BlindIndex
from nrm.people.models import Person, PersonNameIndexState, PersonNameToken

# Persons indexed per worker pass: bounded so that a pass after a bulk load or a change of
# secret stays short; the next pass continues.
REFRESH_BATCH = 2000


@cache
def _index(secret: str) -> BlindIndex:
    return BlindIndex(secret.encode())


def blind_index() -> BlindIndex:
    secret = secret_from_env_or_file("NRM_SEARCH_KEY")
    if secret is None:
        secret = f"open-nrm name search key derived from SECRET_KEY:{settings.SECRET_KEY}"
    return _index(secret)


def name_index_write(person: Person) -> None:
    """(Re)make one person's tokens from their current names and birth year."""
    index = blind_index()
    names = (person.given_names or "", person.family_name or "", person.other_names or "")
    year = person.birth_date.year if person.birth_date else None
    tokens = index.person_tokens(names, year)
    with transaction.atomic():
        PersonNameToken.objects.filter(person=person).delete()
        PersonNameToken.objects.bulk_create(
            PersonNameToken(person=person, token=t.value, weight=t.weight) for t in tokens
        )
        PersonNameIndexState.objects.update_or_create(
            person=person,
            defaults={"person_version": person.version, "key_id": index.key_id},
        )


def name_index_stale() -> QuerySet[Person]:
    """Persons whose tokens are missing, older than their record or from another secret."""
    key_id = blind_index().key_id
    return Person.objects.filter(
        Q(name_index__isnull=True)
        | ~Q(name_index__person_version=F("version"))
        | ~Q(name_index__key_id=key_id)
    )


def name_index_refresh_stale(*, limit: int | None = REFRESH_BATCH) -> int:
    """Index the stale persons (at most `limit`; None: all). Returns how many."""
    done = 0
    while limit is None or done < limit:
        size = REFRESH_BATCH if limit is None else min(REFRESH_BATCH, limit - done)
        batch = list(name_index_stale().order_by("pk")[:size])
        if not batch:
            break
        for person in batch:
            name_index_write(person)
        done += len(batch)
    return done


def persons_matching(persons: QuerySet[Person], query: str) -> QuerySet[Person]:
    """The persons among `persons` whose names (and birth year) match every word of `query`,
    best matches first (annotated `name_score`). An empty or too-short query matches none.
    """
    groups = blind_index().query_groups(query)
    if not groups:
        return persons.none()
    for group in groups:
        persons = persons.filter(
            pk__in=PersonNameToken.objects.filter(token__in=group).values("person_id")
        )
    every_token = [token for group in groups for token in group]
    return persons.annotate(
        name_score=Sum("name_tokens__weight", filter=Q(name_tokens__token__in=every_token))
    ).order_by("-name_score", "-first_contact_on", "reference")
