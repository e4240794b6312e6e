"""Every write of the retention app: the daily job, and legal holds.

The job (`retention_process`, run by `nrm retention run` and by each pass of `nrm deadlines
run`) works in three steps, each idempotent:

1. flag: every record whose period has run gets one `RetentionFlag` (a unique constraint
   keeps a second worker from flagging it twice), FLAGGED with a grace period, or HELD
   when a hold applies. The data protection officer sees it on the retention page.
2. recheck: a held flag whose holds have all ended is flagged again with a fresh grace
   period (never applied at once: the officer sees it first); a flag in its grace period
   that a hold now covers becomes HELD.
3. apply: flags whose grace period has ended are claimed (locked with SKIP LOCKED where the
   database can), checked once more (a hold, or the holder working with the person again,
   stops it) and anonymised or deleted, each audited in the same transaction.

Dates are passed in (`now`), never read from the clock inside, so a test can run the job on
any day. The audit trail itself is never touched: its rows name records by type and id and
persons by pseudonymous reference, and `nrm audit verify` still holds after a run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max, ProtectedError, QuerySet, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, Purpose
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.retention.config import active_rules
from nrm.retention.holds import holds_by_person
from nrm.retention.models import (
    LIVE_STATUSES,
    FlagBasis,
    FlagOutcome,
    FlagStatus,
    LegalHold,
    RetentionFlag,
    RetentionPass,
)
from nrm.retention.permissions import (
    answers_for_organisation,
    involved_person,
    is_data_protection_officer,
    may_place_hold,
    person_for_hold,
)
from nrm.retention.policy import Outcome, Rule
from nrm.retention.sources import (
    RECORD_TYPES,
    Candidate,
    RecordType,
    blank_values,
    candidates,
    record_type,
)

WORKER_LABEL = "retention worker"
REASON_LIMIT = 4000


@dataclass
class RetentionRun:
    dry_run: bool = False
    flagged: int = 0
    held: int = 0
    reflagged: int = 0
    anonymised: int = 0
    deleted: int = 0
    cancelled: int = 0
    # Per record type: how many records the run found due (flagged, or would flag).
    due_by_rule: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Dry run: how many flags would be applied now.
    would_apply: int = 0

    @property
    def changed(self) -> bool:
        return any((self.flagged, self.reflagged, self.anonymised, self.deleted, self.cancelled))


@dataclass(frozen=True)
class Due:
    candidate: Candidate
    due_on: dt.date


def _person_due(found: list[Candidate], periods: dict[str, int], today: dt.date) -> Iterable[Due]:
    """The person's identity is due when the period of every purpose it served has run
    since that purpose's last involvement ended (the longest wins)."""
    ids = [candidate.record_id for candidate in found]
    ends: dict[int, list[tuple[str, dt.datetime]]] = defaultdict(list)
    rows = (
        Involvement.objects.filter(person_id__in=ids, until__isnull=False)
        .values("person_id", "purpose")
        .annotate(last=Max("until"))
    )
    for row in rows:
        ends[row["person_id"]].append((row["purpose"], row["last"]))
    longest = max(periods.values())
    for candidate in found:
        dues = [
            timezone.localdate(last) + dt.timedelta(days=periods.get(purpose, longest))
            for purpose, last in ends.get(candidate.record_id, [])
        ] or [candidate.clock_started_on + dt.timedelta(days=longest)]
        due_on = max(dues)
        if due_on <= today:
            yield Due(candidate, due_on)


def due_records(
    rule: Rule,
    periods: dict[str, int],
    *,
    now: dt.datetime,
    only: int | None = None,
    flagged_ok: bool = False,
) -> Iterable[Due]:
    kind = record_type(rule.key)
    today = timezone.localdate(now)
    if kind.key == "people.person":
        shortest = min((days for days in periods.values() if days > 0), default=rule.period_days)
        chunk: list[Candidate] = []
        for candidate in candidates(
            kind, now=now, period_days=shortest, only=only, flagged_ok=flagged_ok
        ):
            chunk.append(candidate)
            if len(chunk) >= 500:
                yield from _person_due(chunk, periods, today)
                chunk = []
        yield from _person_due(chunk, periods, today)
        return
    for candidate in candidates(
        kind, now=now, period_days=rule.period_days, only=only, flagged_ok=flagged_ok
    ):
        yield Due(candidate, candidate.clock_started_on + dt.timedelta(days=rule.period_days))


def _audit_worker(
    *,
    event_type: AuditEventType,
    action: str,
    record_type: str,
    record_id: int,
    changes: dict[str, object],
) -> None:
    audit_record(
        actor=None,
        actor_label=WORKER_LABEL,
        event_type=event_type,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        purpose=Purpose.ADMINISTRATION,
        changes=changes,
    )


def _flag(rule: Rule, due: Due, holds: set[str], now: dt.datetime) -> bool:
    today = timezone.localdate(now)
    candidate = due.candidate
    try:
        with transaction.atomic():
            flag = RetentionFlag.objects.create(
                rule=rule.key,
                record_id=candidate.record_id,
                person_id=candidate.person_id,
                organisation_id=candidate.organisation_id,
                purpose=rule.purpose,
                clock_started_on=candidate.clock_started_on,
                due_on=due.due_on,
                flagged_at=now,
                grace_ends_on=today + dt.timedelta(days=rule.grace_days),
                status=FlagStatus.HELD if holds else FlagStatus.FLAGGED,
                holds=sorted(holds),
            )
            _audit_worker(
                event_type=AuditEventType.CREATE,
                action="retention_flag",
                record_type=RetentionFlag._meta.label_lower,
                record_id=flag.pk,
                changes={
                    "rule": rule.key,
                    "record_id": candidate.record_id,
                    "due_on": due.due_on.isoformat(),
                    "grace_ends_on": flag.grace_ends_on.isoformat(),
                    "status": flag.status,
                    "holds": flag.holds,
                },
            )
    except IntegrityError:
        # Another worker flagged it meanwhile: one live flag per record.
        return False
    return True


def _flag_due(
    rules: tuple[Rule, ...], periods: dict[str, int], now: dt.datetime, run: RetentionRun
) -> None:
    for rule in rules:
        found = list(due_records(rule, periods, now=now))
        run.due_by_rule[rule.key] += len(found)
        if run.dry_run or not found:
            continue
        held = holds_by_person(d.candidate.person_id for d in found if d.candidate.person_id)
        for due in found:
            holds = held.get(due.candidate.person_id or 0, set())
            if _flag(rule, due, holds, now):
                run.flagged += 1
                run.held += bool(holds)


def _recheck(rules: tuple[Rule, ...], now: dt.datetime, run: RetentionRun) -> None:
    """Held flags whose holds ended are flagged again; flagged ones now held are held."""
    today = timezone.localdate(now)
    grace = {rule.key: rule.grace_days for rule in rules}
    live = RetentionFlag.objects.filter(status__in=[FlagStatus.FLAGGED, FlagStatus.HELD])
    person_ids = set(live.exclude(person=None).values_list("person_id", flat=True))
    held = holds_by_person(person_ids)
    for flag in live.only("pk", "status", "person_id", "rule", "holds", "grace_ends_on"):
        holds = sorted(held.get(flag.person_id or 0, set()))
        if flag.status == FlagStatus.HELD and not holds:
            if run.dry_run:
                continue
            with transaction.atomic():
                flag.status = FlagStatus.FLAGGED
                flag.holds = []
                flag.grace_ends_on = today + dt.timedelta(days=grace.get(flag.rule, 0))
                flag.save(update_fields=["status", "holds", "grace_ends_on"])
                _audit_worker(
                    event_type=AuditEventType.UPDATE,
                    action="retention_hold_ended",
                    record_type=RetentionFlag._meta.label_lower,
                    record_id=flag.pk,
                    changes={"status": {"old": FlagStatus.HELD, "new": FlagStatus.FLAGGED}},
                )
            run.reflagged += 1
        elif holds and (flag.status == FlagStatus.FLAGGED or flag.holds != holds):
            if run.dry_run:
                continue
            with transaction.atomic():
                old = flag.status
                flag.status = FlagStatus.HELD
                flag.holds = holds
                flag.save(update_fields=["status", "holds"])
                _audit_worker(
                    event_type=AuditEventType.UPDATE,
                    action="retention_held",
                    record_type=RetentionFlag._meta.label_lower,
                    record_id=flag.pk,
                    changes={"status": {"old": old, "new": FlagStatus.HELD}, "holds": holds},
                )


def _delete_files_after_commit(kind: RecordType, record_id: int) -> None:
    """Remove the record's stored files once the blanking is committed: a rollback must not
    leave a row whose file is gone (its key, blanked in the same transaction, already makes
    the file unreadable)."""
    if not kind.files:
        return
    model = kind.model
    row = model._default_manager.filter(pk=record_id).values(*kind.files).first() or {}
    for name in kind.files:
        stored = row.get(name)
        if stored:
            storage = model._meta.get_field(name).storage  # type: ignore[union-attr]
            transaction.on_commit(partial(storage.delete, stored))


def _anonymise(kind: RecordType, record_id: int) -> None:
    _delete_files_after_commit(kind, record_id)
    values: dict[str, object] = blank_values(kind)
    if kind.key == "people.person":
        # A new version: edits started before are refused, and the name search and the
        # linkage keys of the person are recomputed (from nothing) by the worker's pass.
        # `updated_at` is the linkage worker's watermark: the real instant, not the run's.
        values |= {"version": F("version") + 1, "updated_at": timezone.now()}
    kind.model._default_manager.filter(pk=record_id).update(**values)


def _apply(flag: RetentionFlag, rule: Rule, now: dt.datetime, run: RetentionRun) -> None:
    kind = record_type(rule.key)
    outcome = FlagOutcome.ANONYMISED
    if rule.outcome == Outcome.DELETE:
        try:
            with transaction.atomic():
                _delete_files_after_commit(kind, flag.record_id)
                kind.model._default_manager.filter(pk=flag.record_id).delete()
            outcome = FlagOutcome.DELETED
        except (ProtectedError, RestrictedError):
            # Other records still point at it: blank it instead of breaking them.
            _anonymise(kind, flag.record_id)
    else:
        _anonymise(kind, flag.record_id)
    flag.status = FlagStatus.DONE
    flag.outcome = outcome
    flag.done_at = now
    flag.save(update_fields=["status", "outcome", "done_at"])
    _audit_worker(
        event_type=AuditEventType.END if outcome == FlagOutcome.DELETED else AuditEventType.UPDATE,
        action="retention_delete" if outcome == FlagOutcome.DELETED else "retention_anonymise",
        record_type=kind.key,
        record_id=flag.record_id,
        # Which fields, never their values.
        changes={"flag": flag.pk, "rule": rule.key, "fields": list(kind.fields)},
    )
    if outcome == FlagOutcome.DELETED:
        run.deleted += 1
    else:
        run.anonymised += 1


def _claimable(today: dt.date):  # type: ignore[no-untyped-def]
    return RetentionFlag.objects.filter(status=FlagStatus.FLAGGED, grace_ends_on__lte=today)


def _apply_due(
    rules: tuple[Rule, ...],
    periods: dict[str, int],
    now: dt.datetime,
    run: RetentionRun,
    batch: int,
) -> None:
    today = timezone.localdate(now)
    by_key = {rule.key: rule for rule in rules}
    if run.dry_run:
        run.would_apply = _claimable(today).count()
        return
    while True:
        with transaction.atomic():
            claimed = list(
                _claimable(today)
                .select_for_update(skip_locked=True)
                .order_by("grace_ends_on", "pk")[:batch]
            )
            if not claimed:
                return
            held = holds_by_person(f.person_id for f in claimed if f.person_id)
            for flag in claimed:
                rule = by_key.get(flag.rule)
                holds = sorted(held.get(flag.person_id or 0, set()))
                if holds:
                    flag.status, flag.holds = FlagStatus.HELD, holds
                    flag.save(update_fields=["status", "holds"])
                    _audit_worker(
                        event_type=AuditEventType.UPDATE,
                        action="retention_held",
                        record_type=RetentionFlag._meta.label_lower,
                        record_id=flag.pk,
                        changes={"status": {"old": "FLAGGED", "new": "HELD"}, "holds": holds},
                    )
                    run.held += 1
                elif rule is None or (
                    flag.basis == FlagBasis.PERIOD and not _still_due(rule, periods, flag, now)
                ):
                    # The holder works with the person again, the record is gone, or its
                    # rule was removed from the configuration: nothing is due any more.
                    flag.status = FlagStatus.CANCELLED
                    flag.save(update_fields=["status"])
                    _audit_worker(
                        event_type=AuditEventType.UPDATE,
                        action="retention_cancel",
                        record_type=RetentionFlag._meta.label_lower,
                        record_id=flag.pk,
                        changes={"status": {"old": "FLAGGED", "new": "CANCELLED"}},
                    )
                    run.cancelled += 1
                else:
                    _apply(flag, rule, now, run)


def _still_due(rule: Rule, periods: dict[str, int], flag: RetentionFlag, now: dt.datetime) -> bool:
    found = due_records(rule, periods, now=now, only=flag.record_id, flagged_ok=True)
    return any(True for _due in found)


def retention_process(*, now: dt.datetime, dry_run: bool = False, batch: int = 500) -> RetentionRun:
    """The daily job: flag what is due, recheck holds, apply what has passed its grace."""
    rules, periods = active_rules()
    run = RetentionRun(dry_run=dry_run)
    _flag_due(rules, periods, now, run)
    _recheck(rules, now, run)
    _apply_due(rules, periods, now, run, max(1, batch))
    return run


def retention_daily(*, now: dt.datetime, batch: int = 500) -> RetentionRun | None:
    """The deadline worker's call: the job once per calendar day, whichever worker's pass
    comes first (the day's row is the claim); None when the day already had its run. A
    run that fails leaves the day claimed: the next day's run takes everything still due."""
    today = timezone.localdate(now)
    try:
        with transaction.atomic():
            day = RetentionPass.objects.create(day=today, started_at=now)
    except IntegrityError:
        return None
    result = retention_process(now=now, batch=batch)
    day.finished_at = timezone.now()
    day.summary = {
        "flagged": result.flagged,
        "held": result.held,
        "anonymised": result.anonymised,
        "deleted": result.deleted,
        "cancelled": result.cancelled,
    }
    day.save(update_fields=["finished_at", "summary"])
    return result


# Legal holds -------------------------------------------------------------------------------


@transaction.atomic
def legal_hold_place(*, actor: Actor, person_reference: str, reason: str) -> LegalHold:
    """An authorised role keeps a person's records from anonymisation, with reasons."""
    if not may_place_hold(actor) or actor.organisation is None:
        raise PermissionDenied(_("Your role does not place legal holds."))
    why = reason.strip()
    if not why:
        raise DomainError(_("Give the reasons for the hold."), field="reason")
    if len(why) > REASON_LIMIT:
        raise DomainError(
            _("Keep this under %(limit)d characters.") % {"limit": REASON_LIMIT}, field="reason"
        )
    person = person_for_hold(actor, person_reference)
    if person is None:
        # The same answer for a reference that does not exist and one the actor may not see.
        raise DomainError(_("No person you may see has this reference."), field="person")
    hold = LegalHold.objects.create(
        person=person, organisation=actor.organisation, reason=why, placed_by=actor.user
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="legal_hold_place",
        record=hold,
        purpose=Purpose.ADMINISTRATION,
        changes={"person": person.reference, "organisation": actor.organisation.pk},
    )
    return hold


@transaction.atomic
def legal_hold_release(*, actor: Actor, hold_id: int, now: dt.datetime | None = None) -> LegalHold:
    """Release a hold: the administrator (data protection officer) or the organisation that
    placed it. Flags it held are flagged again with a fresh grace period at the next run."""
    if not may_place_hold(actor):
        raise NotFound(_("No such hold."))
    hold = LegalHold.objects.select_for_update().filter(pk=hold_id).first()
    if hold is None or not _may_see_hold(actor, hold):
        raise NotFound(_("No such hold."))
    if hold.released_at is not None:
        raise Conflict(_("This hold was already released."))
    hold.released_at = now or timezone.now()
    hold.released_by = actor.user
    hold.save(update_fields=["released_at", "released_by"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.END,
        action="legal_hold_release",
        record=hold,
        purpose=Purpose.ADMINISTRATION,
        changes={"released_at": hold.released_at.isoformat()},
    )
    return hold


def _may_see_hold(actor: Actor, hold: LegalHold) -> bool:
    return is_data_protection_officer(actor) or hold.organisation_id == actor.organisation_id


# Erasure on request (GDPR art. 17) ---------------------------------------------------------


@transaction.atomic
def erasure_request_record(*, actor: Actor, person_reference: str, now: dt.datetime) -> int:
    """The person asked the actor's organisation to erase what it holds on them: every
    record the organisation holds on the person is flagged now, whatever its period, and
    goes through the same grace period and holds as the calendar's flags (during the grace
    period the organisation may place a hold where art. 17(3) lets it refuse). The shared
    person record is left to its period: other organisations may still need it. Returns
    how many records were flagged."""
    organisation = actor.organisation
    if not answers_for_organisation(actor) or organisation is None:
        raise PermissionDenied(_("Your role does not answer subject-access requests."))
    person = involved_person(actor, person_reference)
    if person is None:
        raise DomainError(_("No person you may see has this reference."), field="person")
    rules, _periods = active_rules()
    by_key = {rule.key: rule for rule in rules}
    today = timezone.localdate(now)
    holds = holds_by_person([person.pk]).get(person.pk, set())
    flagged = 0
    for kind in RECORD_TYPES:
        rule = by_key.get(kind.key)
        if rule is None or kind.person is None or kind.holder is None:
            continue
        records = (
            kind.model._default_manager.filter(
                **{kind.person: person.pk, kind.holder: organisation.pk}
            )
            .exclude(pk__in=_live_flags(kind.key))
            .values_list("pk", flat=True)
        )
        for record_id in records:
            RetentionFlag.objects.create(
                rule=kind.key,
                record_id=record_id,
                person=person,
                organisation=organisation,
                purpose=rule.purpose,
                clock_started_on=today,
                due_on=today,
                flagged_at=now,
                grace_ends_on=today + dt.timedelta(days=rule.grace_days),
                status=FlagStatus.HELD if holds else FlagStatus.FLAGGED,
                holds=sorted(holds),
                basis=FlagBasis.REQUEST,
            )
            flagged += 1
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="erasure_request_record",
        record=person,
        purpose=Purpose.ADMINISTRATION,
        changes={"organisation": organisation.pk, "flagged": flagged},
    )
    return flagged


def _live_flags(key: str) -> QuerySet[RetentionFlag, Any]:
    return RetentionFlag.objects.filter(rule=key, status__in=LIVE_STATUSES).values("record_id")
