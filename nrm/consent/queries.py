"""Reads of consent and safe contact: seen by the organisations that hold the person."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.consent import rules
from nrm.consent.models import ConsentPurpose, ConsentRecord, SafeContact
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor


@dataclass(frozen=True)
class PurposeState:
    purpose: str
    label: str
    state: rules.State
    latest: ConsentRecord | None


def latest_answers(person: Person) -> dict[str, ConsentRecord]:
    """The latest answer per purpose (the one that governs)."""
    latest: dict[str, ConsentRecord] = {}
    for record in ConsentRecord.objects.filter(person=person).order_by(
        "purpose", "-on", "-recorded_at", "-id"
    ):
        latest.setdefault(record.purpose, record)
    return latest


def _answer(record: ConsentRecord | None) -> rules.Answer | None:
    if record is None:
        return None
    return rules.Answer(
        given=record.given,
        withdrawn=record.withdrawn_on is not None,
    )


def consent_allows(person: Person, purpose: str) -> bool:
    """Whether the latest answer for `purpose` allows it now."""
    return rules.allows(_answer(latest_answers(person).get(purpose)))


@dataclass(frozen=True)
class ReferralConsent:
    """Whether the person may be referred now, and why not: what every referral asks."""

    state: rules.State
    latest: ConsentRecord | None
    minor: bool

    @property
    def given(self) -> bool:
        return self.state == "GIVEN"

    @property
    def goes_ahead(self) -> bool:
        return rules.referral_goes_ahead(_answer(self.latest), minor=self.minor)

    @property
    def child_exemption(self) -> bool:
        """Referred as a child without the child's consent in force."""
        return self.minor and not self.given

    @property
    def reason(self) -> str:
        """Why an adult is not referred now (empty when the referral goes ahead)."""
        if self.goes_ahead:
            return ""
        if self.state == "WITHDRAWN":
            assert self.latest is not None
            assert self.latest.withdrawn_on is not None
            return _(
                "The person withdrew their consent to be referred on %(date)s. An adult is "
                "referred only with their consent: record their new answer if they agree again."
            ) % {"date": date_format(self.latest.withdrawn_on, "SHORT_DATE_FORMAT")}
        if self.state == "REFUSED":
            assert self.latest is not None
            return _(
                "The person refused to be referred on %(date)s. An adult is referred only "
                "with their consent: record their new answer if they agree now."
            ) % {"date": date_format(self.latest.on, "SHORT_DATE_FORMAT")}
        return _(
            "An adult is referred only with their consent. Ask the person and confirm their answer."
        )


def referral_consent(person: Person, *, minor: bool) -> ReferralConsent:
    """The person's say on being referred (issue 18 item 1), with the child exemption of
    `rules.referral_goes_ahead` for a minor or a person presumed one."""
    latest = (
        ConsentRecord.objects.filter(person=person, purpose=ConsentPurpose.REFERRAL)
        .order_by("-on", "-recorded_at", "-id")
        .first()
    )
    return ReferralConsent(state=rules.state_of(_answer(latest)), latest=latest, minor=minor)


def consent_states(person: Person) -> list[PurposeState]:
    latest = latest_answers(person)
    return [
        PurposeState(
            purpose=value,
            label=str(label),
            state=rules.state_of(_answer(latest.get(value))),
            latest=latest.get(value),
        )
        for value, label in ConsentPurpose.choices
    ]


def persons_refusing(purpose: str) -> QuerySet[Person]:
    """Persons whose latest answer for `purpose` is a refusal or a withdrawal (one query)."""
    latest = ConsentRecord.objects.filter(person=OuterRef("pk"), purpose=purpose).order_by(
        "-on", "-recorded_at", "-id"
    )
    return (
        Person.objects.annotate(
            consent_given=Subquery(latest.values("given")[:1]),
            consent_withdrawn=Subquery(latest.values("withdrawn_on")[:1]),
        )
        .filter(consent_given__isnull=False)
        .exclude(consent_given=True, consent_withdrawn__isnull=True)
    )


@dataclass(frozen=True)
class PersonSay:
    person: Person
    states: list[PurposeState]
    history: list[ConsentRecord]
    safe_contact: SafeContact | None


def person_say_for_actor(actor: Actor, reference: str) -> PersonSay:
    """Consent and safe contact of a person the actor's organisation holds; 404 otherwise;
    the read audited."""
    person, decision = person_find_for_actor(actor, reference)
    history = list(
        ConsentRecord.objects.filter(person=person)
        .select_related("organisation", "asked_by", "withdrawn_by")
        .order_by("-recorded_at", "-id")
    )
    safe = SafeContact.objects.filter(person=person).first()
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="person_say_view",
        record=person,
        purpose=decision.purpose,
        changes={"consents": len(history), "safe_contact": safe is not None},
    )
    return PersonSay(
        person=person, states=consent_states(person), history=history, safe_contact=safe
    )


def unsafe_values(person: Person) -> dict[str, set[str]]:
    """The person's never-use entries by kind, normalised for comparison."""
    safe = SafeContact.objects.filter(person=person).first()
    found: dict[str, set[str]] = {}
    for entry in safe.never_use if safe and safe.never_use else []:
        found.setdefault(entry.get("kind", ""), set()).add(_normal(entry.get("value", "")))
    return found


def _normal(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch.isalnum())


def channel_is_safe(person: Person, kind: str, value: str) -> bool:
    """Whether a phone, e-mail or address of the person may be used to reach them: never
    one listed as unsafe (the exploiter's address, a shared phone)."""
    if not value:
        return False
    return _normal(value) not in unsafe_values(person).get(kind, set())
