"""Every read of local questions and answers, and who manages the questions.

The questions are installation data without personal data: every member reads the active
ones (the screening form asks them), only the coordination unit's coordinators see the
management page. The API's list of every question, retired ones and versions included, is
read by those who write or answer them: the coordinators and the inspecting members who
screen (`may_read`). An answer belongs to its screening: it is read with the screening, after
`nrm.inspections.queries.screening_get_for_actor` has checked access and audited the read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.core.errors import NotFound, PermissionDenied
from nrm.indicators.definitions import Shown, answer_label, text_in
from nrm.indicators.models import LocalAnswer, LocalQuestion, LocalQuestionVersion, QuestionStatus
from nrm.inspections.permissions import is_inspecting
from nrm.organisations.models import OrganisationType, Role

if TYPE_CHECKING:
    from nrm.inspections.models import Screening


def may_manage(actor: Actor | None) -> bool:
    """The coordination unit's coordinators: the questions are the mechanism's, not a team's."""
    if actor is None or actor.membership is None or not actor.user.is_active:
        return False
    organisation = actor.organisation
    return (
        actor.role == Role.COORDINATOR
        and organisation is not None
        and organisation.is_active
        and organisation.type == OrganisationType.COORDINATION_UNIT
    )


def require_manager(actor: Actor) -> None:
    if not may_manage(actor):
        raise PermissionDenied(_("Only the coordination unit manages the local questions."))


def may_read(actor: Actor | None) -> bool:
    """The coordinators who manage the questions and the inspectors and team leads who ask
    them at screenings: a client answering them needs their codes, versions and choices."""
    return actor is not None and (may_manage(actor) or is_inspecting(actor))


def require_reader(actor: Actor) -> None:
    if not may_read(actor):
        raise PermissionDenied(
            _("Only the coordination unit and the inspecting teams read the local questions.")
        )


def questions_readable(actor: Actor) -> QuerySet[LocalQuestion]:
    """Every question, active and retired, active first, in the form's order."""
    require_reader(actor)
    return LocalQuestion.objects.select_related("current").order_by("status", "position", "code")


def question_get_for_reader(actor: Actor, code: str) -> LocalQuestion:
    require_reader(actor)
    question = LocalQuestion.objects.select_related("current").filter(code=code).first()
    if question is None:
        raise NotFound(_("No such local question."))
    return question


def questions_listed(actor: Actor) -> list[LocalQuestion]:
    require_manager(actor)
    return list(
        LocalQuestion.objects.select_related("current").order_by("status", "position", "code")
    )


def question_get_for_actor(actor: Actor, code: str) -> LocalQuestion:
    require_manager(actor)
    question = LocalQuestion.objects.select_related("current").filter(code=code).first()
    if question is None:
        raise NotFound(_("No such local question."))
    return question


def versions_of(question: LocalQuestion) -> list[LocalQuestionVersion]:
    return list(question.versions.select_related("created_by").order_by("-number"))


def active_questions() -> list[LocalQuestion]:
    """The questions the screening form asks now, in their order, with their current words."""
    return list(
        LocalQuestion.objects.filter(status=QuestionStatus.ACTIVE, current__isnull=False)
        .select_related("current")
        .order_by("position", "code")
    )


@dataclass(frozen=True)
class AnswerRow:
    """One local answer as a page or the API shows it, with the words that were asked."""

    code: str
    version: int
    kind: str
    question: Shown
    answer: Shown
    value: str


def answers_of(screening: Screening, *, language: str | None = None) -> list[AnswerRow]:
    """The local answers of a screening the caller has already opened (and audited)."""
    rows = (
        LocalAnswer.objects.filter(screening=screening)
        .select_related("question", "question_version")
        .order_by("question__position", "question__code")
    )
    result = []
    for row in rows:
        version = row.question_version
        definition = version.definition()
        result.append(
            AnswerRow(
                code=row.question.code,
                version=version.number,
                kind=version.kind,
                question=text_in(version.texts, language),
                answer=answer_label(definition, row.value, language),
                value=row.value,
            )
        )
    return result
