"""One shape for every workflow: a registry of transitions, and one helper that takes them.

A `Transition` carries everything said about one move of a record: its source and target
states, the parties who take it, its guards (each returning the reason it refuses), its legal
basis, the page form and API schema of its input, the action that performs it and the
message shown when it is done. A `Workflow` is the registry of one record type: its
transitions in the order pages show them, and the few hooks that differ between record
types (who is a party, what an outsider may not know, which history row is written).

`take()` is the one place that moves a record: it locks the row, refuses in a fixed order
(not visible 404, not the actor's to take 403, changed since the actor read it 409, not
allowed in this state or by a guard 409), lets the action check its own input (400 with the
field at fault) and set its fields, then writes the new state and version, the history row
and the audit row, all in the caller's transaction. Every transition action calls it, so the
plumbing is written once; pages and the API loop over the registry instead of naming each
transition (`Workflow.transition`, `Workflow.require_party`, `Workflow.run`).

Form and schema classes and actions are named by dotted path and imported when first used:
the table sits below the actions that import it, and the edges above it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from django import forms
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from nrm.core.clock import today
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied

if TYPE_CHECKING:
    from nrm.access.context import Actor


class NamedTransition(Protocol):
    @property
    def name(self) -> str: ...


TransitionT = TypeVar("TransitionT", bound=NamedTransition)
RecordT = TypeVar("RecordT", bound=models.Model)
ContextT = TypeVar("ContextT")


@dataclass(frozen=True)
class Availability(Generic[TransitionT]):
    """Whether the actor may take a transition now, and why (or why not)."""

    transition: TransitionT
    allowed: bool
    reason: str
    refusal: type[DomainError] | None = None

    @property
    def name(self) -> str:
        return self.transition.name

    def raise_if_refused(self) -> None:
        if self.refusal is not None:
            raise self.refusal(self.reason)


@dataclass(frozen=True)
class LegalBasis:
    """Why the law lets this party take this decision, with its sources.

    `sources` are (source key of RULES.md §9, "SEED" for the seed note, "BE-CIC" for the
    Code of criminal procedure (not retrieved); verification tag)."""

    text: Promise
    sources: tuple[tuple[str, str], ...] = ()


# A guard reads the locked record and the workflow's context; it returns the reason it
# refuses (a 409 with that sentence), or None.
Guard = Callable[[Any, Any], "str | None"]


@dataclass(frozen=True)
class Transition:
    """One move of a record: who takes it, when, on what grounds, with what input."""

    name: str
    label: Promise | str
    sources: frozenset[str]
    # None: the record stays in its state (a victim-status opinion is recorded, the case
    # file does not move).
    target: str | None
    # The app's party names (a StrEnum's members); `roles` narrows a party to some roles.
    parties: frozenset[str]
    # Dotted paths: the action performing it, the page form and the API schema of its input.
    action: str
    form: str
    done: Promise
    schema: str | None = None
    roles: frozenset[str] = frozenset()
    guards: tuple[Guard, ...] = ()
    legal_basis: LegalBasis | None = None
    reason_required: bool = False
    # The victim-pathway event the transition feeds (nrm.protection), if any.
    pathway_event: str | None = None
    # The audit row's action, when several transitions share one action (a claim's
    # "decide" awards or rejects); default "<workflow>_<transition>".
    audit_action: str | None = None

    @property
    def run(self) -> Callable[..., Any]:
        """The action (keyword arguments: actor, the record, expected_version, its input)."""
        action: Callable[..., Any] = import_string(self.action)
        return action

    @property
    def form_class(self) -> type[forms.Form]:
        form_class: type[forms.Form] = import_string(self.form)
        return form_class

    @property
    def schema_class(self) -> type[Any] | None:
        return import_string(self.schema) if self.schema else None


class Auditor(Protocol):
    """`nrm.access.audit.audit_record`'s shape (core sits below access, so it is passed in)."""

    def __call__(
        self,
        *,
        actor: Actor,
        event_type: Any,
        action: str,
        record: models.Model,
        purpose: str,
        changes: Mapping[str, Any] | None = None,
    ) -> Any: ...


@dataclass
class Step(Generic[RecordT, ContextT]):
    """A transition being taken: what the action's `apply` reads and fills in."""

    actor: Actor
    record: RecordT
    transition: Transition
    context: ContextT
    old_status: str
    # The audit row's changes besides the status (the action's input, as stored).
    changes: dict[str, Any] = field(default_factory=dict)
    # Extra columns of the history row (the decision's date, reason, victim...).
    history_fields: dict[str, Any] = field(default_factory=dict)
    # The history row written, once taken.
    history: models.Model | None = None

    @property
    def new_status(self) -> str:
        return self.transition.target or self.old_status


@dataclass(frozen=True)
class Workflow(Generic[RecordT, ContextT]):
    """The registry of one record type's transitions and the hooks `take()` needs.

    `context` is computed once per check from the locked record (the actor's relation to it,
    counts the guards read). `refuse_party` answers the 403 sentence, or None when the actor
    is a party who may take the transition. `history` writes the history row of a step.
    """

    name: str
    model: type[RecordT]
    record_kwarg: str
    transitions: tuple[Transition, ...]
    context: Callable[[Actor, RecordT], ContextT]
    visible: Callable[[Actor, RecordT, ContextT], bool]
    refuse_party: Callable[[Transition, Actor, RecordT, ContextT], str | None]
    state_reason: Callable[[str], str]
    not_found: Callable[[], str]
    changed_meanwhile: Callable[[], str]
    history: Callable[[Step[RecordT, ContextT]], models.Model | None]
    audit: Auditor
    purpose: Callable[[Actor], str]
    audit_event: str = "UPDATE"
    # True: the audit row is about the history row (a decision), not the record.
    audit_history: bool = False
    status_field: str = "status"
    select_related: tuple[str, ...] = ()
    # Locks taken before the record's own, in the order every other write takes them (an
    # asset's case file first), so that two writers never wait on each other in a cycle.
    lock_first: Callable[[RecordT], None] | None = None
    # The sentence shown next to an allowed transition (default: the state's sentence).
    allowed_reason: Callable[[Transition, RecordT, ContextT], str] | None = None
    # Keyword arguments the page forms need besides their data (the case they choose in).
    form_kwargs: Callable[[RecordT], dict[str, Any]] = field(default=lambda record: {})
    unknown: Callable[[], str] = field(default=lambda: _("No such decision."))

    def __post_init__(self) -> None:
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: two transitions share a name")

    # The table --------------------------------------------------------------------------

    def __iter__(self) -> Any:
        return iter(self.transitions)

    @property
    def by_name(self) -> dict[str, Transition]:
        return {t.name: t for t in self.transitions}

    def transition(self, name: str) -> Transition:
        """The transition called `name`; NotFound for a name the table does not have."""
        for candidate in self.transitions:
            if candidate.name == name:
                return candidate
        raise NotFound(self.unknown())

    def status_of(self, record: RecordT) -> str:
        return str(getattr(record, self.status_field))

    def check(
        self, transition: Transition, record: RecordT, actor: Actor, context: ContextT
    ) -> Availability[Transition]:
        """May the actor take `transition` now? Party (403), then state and guards (409)."""
        refused = self.refuse_party(transition, actor, record, context)
        if refused is not None:
            return Availability(transition, False, refused, PermissionDenied)
        status = self.status_of(record)
        if status not in transition.sources:
            return Availability(transition, False, self.state_reason(status), Conflict)
        for guard in transition.guards:
            reason = guard(record, context)
            if reason is not None:
                return Availability(transition, False, reason, Conflict)
        if self.allowed_reason is not None:
            return Availability(transition, True, self.allowed_reason(transition, record, context))
        return Availability(transition, True, self.state_reason(status))

    def available(self, record: RecordT, actor: Actor) -> list[Availability[Transition]]:
        """Every transition, allowed or not, each with its reason, in the table's order."""
        context = self.context(actor, record)
        return [self.check(t, record, actor, context) for t in self.transitions]

    # The edges ----------------------------------------------------------------------------

    def require_party(self, transition: Transition, record: RecordT, actor: Actor) -> None:
        """403 with the reason unless the actor is a party to this transition.

        The edges call it before they read the input, so that a bad body from someone who
        may not decide is answered 403, not 400."""
        refused = self.refuse_party(transition, actor, record, self.context(actor, record))
        if refused is not None:
            raise PermissionDenied(refused)

    def run(self, transition: Transition, record: RecordT, *, actor: Actor, **kwargs: Any) -> Any:
        """Take `transition` through its action, with the input the edge validated."""
        return transition.run(actor=actor, **{self.record_kwarg: record}, **kwargs)

    def bind(
        self, transition: Transition, record: RecordT, data: Mapping[str, Any] | None = None
    ) -> forms.BaseForm:
        """The page form of `transition`: bound to `data`, or blank with the record's version
        and today's date in its date fields."""
        form_class = transition.form_class
        extra = self.form_kwargs(record)
        if data is not None:
            return form_class(data, prefix=transition.name, **extra)
        initial: dict[str, Any] = {"version": getattr(record, "version", None)}
        for name, form_field in form_class.base_fields.items():
            if isinstance(form_field, forms.DateField) and not isinstance(
                form_field, forms.DateTimeField
            ):
                initial[name] = today()
        return form_class(initial=initial, prefix=transition.name, **extra)

    def forms(
        self, record: RecordT, bound: Mapping[str, forms.BaseForm] | None = None
    ) -> dict[str, forms.BaseForm]:
        """One form per transition, the bound one kept as the actor filled it in."""
        bound = bound or {}
        return {
            t.name: bound[t.name] if t.name in bound else self.bind(t, record)
            for t in self.transitions
        }


def action_kwargs(form: forms.BaseForm) -> dict[str, Any]:
    """The action's keyword arguments from a valid page form.

    A form whose fields are not the action's arguments says how they map with its own
    `action_kwargs()`; otherwise the fields are the arguments, `version` named
    `expected_version` as the actions call it."""
    own = getattr(form, "action_kwargs", None)
    if callable(own):
        kwargs: dict[str, Any] = own()
        return kwargs
    data = dict(form.cleaned_data)
    data["expected_version"] = data.pop("version")
    return data


# The pages' "today" is the one of nrm.core.clock; the name stays for the pages that use it.
local_today = today


def take(
    workflow: Workflow[RecordT, ContextT],
    transition: Transition,
    record: RecordT,
    *,
    actor: Actor,
    expected_version: int,
    apply: Callable[[Step[RecordT, ContextT]], None] | None = None,
) -> Step[RecordT, ContextT]:
    """Lock, check, move: the one place a workflow's state is written.

    Refuses in this order: the record is gone or not visible to the actor (404), the actor
    is not a party who takes this transition (403), the record changed since the actor read
    `expected_version` (409), the state or a guard does not allow it (409). Then `apply`
    checks the action's own input and sets the record's other fields (raising DomainError
    with the field at fault rolls everything back), and the state, version, history row and
    audit row are written. Runs in the caller's transaction (the actions are atomic).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take() runs inside the action's transaction")
    if workflow.lock_first is not None:
        workflow.lock_first(record)
    locked = (
        workflow.model._default_manager.select_for_update(of=("self",))
        .select_related(*workflow.select_related)
        .filter(pk=record.pk)
        .first()
    )
    if locked is None:
        raise NotFound(workflow.not_found())
    context = workflow.context(actor, locked)
    if not workflow.visible(actor, locked, context):
        raise NotFound(workflow.not_found())
    availability = workflow.check(transition, locked, actor, context)
    if availability.refusal is PermissionDenied:
        availability.raise_if_refused()
    if getattr(locked, "version") != expected_version:  # noqa: B009 - every workflow model
        raise Conflict(workflow.changed_meanwhile())
    availability.raise_if_refused()
    step: Step[RecordT, ContextT] = Step(
        actor=actor,
        record=locked,
        transition=transition,
        context=context,
        old_status=workflow.status_of(locked),
    )
    if apply is not None:
        apply(step)
    if transition.target is not None:
        setattr(locked, workflow.status_field, transition.target)
    setattr(locked, "version", getattr(locked, "version") + 1)  # noqa: B009,B010
    locked.save()
    step.history = workflow.history(step)
    workflow.audit(
        actor=actor,
        event_type=workflow.audit_event,
        action=transition.audit_action or f"{workflow.name}_{transition.name}",
        record=step.history if workflow.audit_history and step.history else locked,
        purpose=workflow.purpose(actor),
        changes={"status": {"old": step.old_status, "new": step.new_status}, **step.changes},
    )
    return step


def no_history(step: Step[Any, Any]) -> None:
    """For records whose audit trail is their history (assets, claims)."""
    return None
