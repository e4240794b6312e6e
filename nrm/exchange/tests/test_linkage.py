"""Privacy-preserving record linkage: the encoding, the calibrated threshold, the counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.exchange import linkage, synthetic
from nrm.exchange.actions import linkage_keys_refresh
from nrm.exchange.models import LinkageKey
from nrm.exchange.queries import (
    distinct_person_count,
    distinct_persons_across_sources,
    person_groups,
    possible_duplicates,
)
from nrm.people.actions import PersonData, person_update
from nrm.testing import World

ENCODER = linkage.Encoder(b"test secret")


def identity(given: str, family: str, born: date | None = date(1990, 5, 17), sex: str = "F",
             nationalities: tuple[str, ...] = ("UA",)) -> linkage.Identity:
    return linkage.Identity((given, family), born, sex, nationalities)


def score(a: linkage.Identity, b: linkage.Identity) -> float:
    return linkage.similarity(ENCODER.clk(a), ENCODER.clk(b))


def test_swapped_name_parts_give_the_same_key() -> None:
    assert ENCODER.clk(identity("Olena", "Kovalenko")) == ENCODER.clk(
        identity("Kovalenko", "Olena")
    )


def test_transliterations_and_scripts_meet() -> None:
    latin = identity("Yuliya", "Shevchenko")
    assert score(latin, identity("Юлія", "Шевченко")) >= linkage.THRESHOLD
    assert score(latin, identity("Ioulia", "Chevtchenko")) >= linkage.THRESHOLD
    assert score(identity("Ștefan", "Popescu", nationalities=("RO",)),
                 identity("Stefan", "Popesku", nationalities=("RO",))) >= linkage.THRESHOLD


def test_a_typo_stays_above_the_threshold_and_another_person_falls_below() -> None:
    maria = identity("Maria", "Ionescu", nationalities=("RO",))
    assert score(maria, identity("Maira", "Ionescu", nationalities=("RO",))) >= linkage.THRESHOLD
    assert score(maria, identity("Elena", "Dumitru", nationalities=("RO",))) < 0.6
    # Same name, another birth date and nationality: not taken for the same person.
    assert score(maria, identity("Maria", "Ionescu", date(1971, 11, 2), nationalities=("MD",))) < (
        linkage.THRESHOLD
    )


def test_the_key_depends_on_the_secret() -> None:
    other = linkage.Encoder(b"another installation")
    person = identity("Olena", "Kovalenko")
    assert other.clk(person) != ENCODER.clk(person)
    assert other.block_keys(person) != ENCODER.block_keys(person)
    assert not any("olena" in key or "1990" in key for key in ENCODER.block_keys(person))


def test_the_threshold_is_calibrated_on_generated_lists() -> None:
    """Typing errors, transliterations, swapped and added name parts, date slips.

    The shipped THRESHOLD must be within 0.01 of the best F1 on a grid, with precision and
    recall both at least 0.95 (docs/exchange.md reports the figures).
    """
    list_a, list_b, truth = synthetic.linkage_lists(2000, 2000, 1000, seed=5)
    clks_a = [ENCODER.clk(x) for x in list_a]
    clks_b = [ENCODER.clk(x) for x in list_b]
    keys_a = [ENCODER.block_keys(x) for x in list_a]
    keys_b = [ENCODER.block_keys(x) for x in list_b]
    results = {}
    for threshold in (0.6, 0.64, 0.68, 0.7, 0.72, 0.74, 0.76, 0.8, 0.85, 0.9):
        matches = linkage.link_two_lists(clks_a, keys_a, clks_b, keys_b, threshold)
        results[threshold] = linkage.quality([(i, j) for i, j, _s in matches], truth)

    def f1(q: linkage.Quality) -> float:
        return 2 * q.precision * q.recall / (q.precision + q.recall)

    best = max(f1(q) for q in results.values())
    chosen = results[linkage.THRESHOLD]
    assert f1(chosen) >= best - 0.01
    assert chosen.precision >= 0.95
    assert chosen.recall >= 0.95


def test_within_one_list_clusters_join_duplicates() -> None:
    people = [
        identity("Olena", "Kovalenko"),
        identity("Kovalenko", "Olena"),
        identity("Олена", "Коваленко"),
        identity("Ahmed", "Benali", date(1985, 1, 2), "M", ("MA",)),
    ]
    roots = linkage.clusters([ENCODER.clk(p) for p in people],
                             [ENCODER.block_keys(p) for p in people])
    assert roots == [0, 0, 0, 3]


@pytest.mark.django_db
def test_keys_are_built_by_the_command_and_counted_without_names(world: World) -> None:
    a = world.person("inspector", given_names="Olena", family_name="Kovalenko",
                     birth_date=date(1990, 5, 17), gender="Feminine", nationalities=["UA"])
    b = world.person("caseworker_a", given_names="Kovalenko", family_name="Olena",
                     birth_date=date(1990, 5, 17), gender="Feminine", nationalities=["UA"])
    c = world.person("caseworker_b", given_names="Ahmed",
                     family_name="Benali", birth_date=date(1985, 1, 2), gender="Masculine",
                     nationalities=["MA"])
    assert distinct_person_count() == 3  # no keys yet: every record is its own person
    out = StringIO()
    call_command("linkage", "rebuild", stdout=out)
    assert "3 linkage keys computed" in out.getvalue()
    assert LinkageKey.objects.count() == 3
    assert AuditEvent.objects.filter(action="linkage_keys_refresh").exists()
    groups = person_groups()
    assert groups[a.pk] == groups[b.pk] != groups[c.pk]
    assert distinct_person_count() == 2
    assert distinct_person_count([a.pk, b.pk]) == 1
    counts = distinct_persons_across_sources(world.actor("coordinator"))
    assert (counts.records, counts.distinct, counts.stale) == (3, 2, 0)
    by_list = {code: (records, distinct) for code, _l, records, distinct in counts.by_list}
    assert by_list["INSPECTION"] == (1, 1)
    assert by_list["CENTRES"] == (2, 2)
    # The person seen by the inspection and PAG-ASA is one person on two lists.
    assert ((False, True, True, False, False), 1) in counts.combinations
    # A second run computes nothing; a change makes that one key stale.
    assert linkage_keys_refresh(actor=None, actor_label="test") == 0
    person_update(actor=world.actor("caseworker_b"), person_id=c.pk, expected_version=1,
                  data=PersonData(given_names="Ahmad", family_name="Benali",
                                  birth_date=date(1985, 1, 2), gender="Masculine",
                                  nationalities=["MA"]))
    assert distinct_persons_across_sources(world.actor("analyst")).stale == 1
    assert linkage_keys_refresh(actor=None, actor_label="test") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["inspector", "caseworker_a", "prosecutor", "admin"])
def test_only_the_statistics_roles_see_the_counts(world: World, persona: str) -> None:
    from nrm.core.errors import NotFound, PermissionDenied

    with pytest.raises(NotFound):
        distinct_persons_across_sources(world.actor(persona))
    with pytest.raises(PermissionDenied):
        linkage_keys_refresh(actor=world.actor(persona))


@pytest.mark.django_db
def test_duplicates_are_suggested_within_the_own_organisation_only(world: World) -> None:
    mine = world.person("caseworker_a", given_names="Olena", family_name="Kovalenko",
                        birth_date=date(1990, 5, 17), gender="Feminine", nationalities=["UA"])
    world.person("caseworker_b", given_names="Olena", family_name="Kovalenko",
                 birth_date=date(1990, 5, 17), gender="Feminine", nationalities=["UA"])
    world.person("caseworker_a", given_names="Ahmed", family_name="Benali",
                 birth_date=date(1985, 1, 2), gender="Masculine", nationalities=["MA"])
    data = PersonData(given_names="Kovalenko", family_name="Olena", birth_date=date(1990, 5, 17),
                      gender="Feminine", nationalities=["UA"])
    found = possible_duplicates(world.actor("caseworker_a"), data)
    assert [d.person.pk for d in found] == [mine.pk]
    assert AuditEvent.objects.filter(action="person_duplicate_suggestions").exists()
    # Payoke's caseworker sees its own record only; the inspection sees none.
    assert len(possible_duplicates(world.actor("caseworker_b"), data)) == 1
    assert possible_duplicates(world.actor("inspector"), data) == []
    assert possible_duplicates(world.actor("caseworker_a"), data, exclude_person_id=mine.pk) == []


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["analyst", "coordinator"])
def test_the_page_shows_counts_never_names(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    world.person("inspector", given_names="Olena", family_name="Kovalenko",
                 birth_date=date(1990, 5, 17), gender="Feminine", nationalities=["UA"])
    world.person("caseworker_a", given_names="Kovalenko", family_name="Olena",
                 birth_date=date(1990, 5, 17), gender="Feminine", nationalities=["UA"])
    client = client_as(persona)
    response = client.post("/exchange/linkage/refresh/")
    assert response.status_code == 302
    page = client.get("/exchange/")
    assert page.status_code == 200
    assert b"Kovalenko" not in page.content
    assert b"Olena" not in page.content
    assert page.context["distinct"].distinct == 1
    assert page.context["distinct"].records == 2


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["inspector", "caseworker_a"])
def test_others_cannot_refresh_the_keys(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    assert client_as(persona).post("/exchange/linkage/refresh/").status_code == 404
    assert not LinkageKey.objects.exists()


@pytest.mark.django_db
def test_the_people_form_suggests_a_duplicate_before_recording(
    world: World, client_as: Callable[[str], Client]
) -> None:
    from nrm.people.models import Person

    existing = world.person("caseworker_a", given_names="Olena", family_name="Kovalenko",
                            birth_date=date(1990, 5, 17), gender="Feminine",
                            nationalities=["UA"])
    form = {"given_names": "Kovalenko", "family_name": "Olena", "birth_date": "1990-05-17",
            "gender": "Feminine", "nationalities": ["UA"], "languages": ["uk"]}
    client = client_as("caseworker_a")
    shown = client.post("/people/new/", form)
    assert shown.status_code == 200
    assert existing.reference.encode() in shown.content
    assert Person.objects.count() == 1
    recorded = client.post("/people/new/", {**form, "not_a_duplicate": "1"})
    assert recorded.status_code == 302
    assert Person.objects.count() == 2
    # Another centre's caseworker is not told that PAG-ASA follows this person.
    other = client_as("caseworker_b").post("/people/new/", form)
    assert other.status_code == 302


def _worker_pass() -> str:
    out = StringIO()
    call_command("deadlines", "run", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_deadline_worker_refreshes_the_keys_of_recorded_and_edited_persons(
    world: World,
) -> None:
    from nrm.exchange.keys import changed_persons, linkage_encoder

    a = world.person("inspector", given_names="Olena", family_name="Kovalenko",
                     birth_date=date(1990, 5, 17), gender="Feminine", nationalities=["UA"])
    # Before any key exists the worker leaves the first computation to `nrm linkage rebuild`.
    assert "Linkage keys" not in _worker_pass()
    assert not LinkageKey.objects.exists()
    call_command("linkage", "rebuild", stdout=StringIO())
    trail = AuditEvent.objects.filter(action="linkage_keys_refresh").count()
    # Nothing changed: an idle pass computes nothing and writes nothing to the trail.
    assert "Linkage keys" not in _worker_pass()
    assert AuditEvent.objects.filter(action="linkage_keys_refresh").count() == trail
    old_clk = bytes(LinkageKey.objects.get(person=a).clk)
    person_update(actor=world.actor("inspector"), person_id=a.pk, expected_version=1,
                  data=PersonData(given_names="Olga", family_name="Kovalenko",
                                  birth_date=date(1990, 5, 17), gender="Feminine",
                                  nationalities=["UA"]))
    b = world.person("caseworker_a", given_names="Ahmed", family_name="Benali",
                     birth_date=date(1985, 1, 2), gender="Masculine", nationalities=["MA"])
    key_id = linkage_encoder().key_id
    changed = changed_persons(key_id)
    assert changed is not None
    assert set(changed.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert "Linkage keys of changed persons computed: 2." in _worker_pass()
    key = LinkageKey.objects.get(person=a)
    assert key.person_version == 2
    assert bytes(key.clk) != old_clk
    assert LinkageKey.objects.filter(person=b).exists()
    event = AuditEvent.objects.filter(action="linkage_keys_refresh").latest("pk")
    assert event.actor_label == "linkage worker"
    assert not changed_persons(key_id)


def test_the_worker_looks_only_at_persons_changed_since_the_newest_key(world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from nrm.exchange.keys import WATERMARK_MARGIN, changed_persons, linkage_encoder
    from nrm.people.models import Person

    a = world.person("inspector", given_names="Olena", family_name="Kovalenko")
    call_command("linkage", "rebuild", stdout=StringIO())
    # A stale key of a person not changed since long before the newest key: the indexed
    # pass does not see it (only `nrm linkage rebuild` does), which is what keeps it cheap.
    long_ago = timezone.now() - WATERMARK_MARGIN - timedelta(minutes=1)
    Person.objects.filter(pk=a.pk).update(version=7, updated_at=long_ago)
    key_id = linkage_encoder().key_id
    assert list(changed_persons(key_id) or []) == []
    # Within the margin (an edit committed late) it is seen.
    Person.objects.filter(pk=a.pk).update(updated_at=timezone.now() - WATERMARK_MARGIN / 2)
    assert [p.pk for p in changed_persons(key_id) or []] == [a.pk]
    assert linkage_keys_refresh(actor=None, actor_label="test") == 1
