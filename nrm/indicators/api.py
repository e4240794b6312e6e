"""/api/v1 local screening questions: the installation's own questions, read by those who
write or ask them, written by the coordination unit, through the same queries and actions
as the page (`nrm/indicators/views.py`).

A question's content (kind, texts by language, choices, bounds) is checked whole by
`nrm.indicators.definitions.parse_definition`; its problems name their path in the body,
written as the API writes every path (`choices.1.code`, `texts.fr`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nrm.access.context import Actor
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.pagination import PageQuery, keyset_page
from nrm.core.api.types import Input, Text, Version
from nrm.core.errors import DomainError
from nrm.indicators import queries
from nrm.indicators.actions import (
    CHANGE_NOTE_MAX,
    local_question_create,
    local_question_reactivate,
    local_question_retire,
    local_question_revise,
)
from nrm.indicators.definitions import CHOICE_MAX, CHOICES_MAX, HELP_MAX, TEXT_MAX
from nrm.indicators.models import LocalQuestion, LocalQuestionVersion, QuestionKind

router = Router(tags=["local questions"])

T = TypeVar("T")

Language = Annotated[Text, Field(max_length=8)]
Bound = Annotated[Text, Field(max_length=24, description="A decimal number; empty for none")]
Position = Annotated[int, Field(strict=True, ge=0, le=999)]


class ChoiceIn(Input):
    code: Annotated[Text, Field(max_length=24)]
    texts: dict[Language, Annotated[Text, Field(max_length=CHOICE_MAX)]]


class ContentIn(Input):
    """What a version says. Texts map a language code of the installation to a text; the
    installation's language is required (the others fall back to it)."""

    kind: QuestionKind
    texts: dict[Language, Annotated[Text, Field(max_length=TEXT_MAX)]]
    help: dict[Language, Annotated[Text, Field(max_length=HELP_MAX)]] = Field(default_factory=dict)
    choices: list[ChoiceIn] = Field(
        default_factory=list, max_length=CHOICES_MAX, description="Only for CHOICE"
    )
    minimum: Bound = ""
    maximum: Bound = ""
    position: Position = 100


class QuestionIn(ContentIn):
    code: Annotated[Text, Field(max_length=32, description="Stable: answers are filed under it")]
    change_note: Text = Field("", max_length=CHANGE_NOTE_MAX)


class ReviseIn(ContentIn):
    """The whole next version (the current one's content, changed where it changes)."""

    expected_version: Version
    change_note: Text = Field(..., max_length=CHANGE_NOTE_MAX)


class StatusIn(Input):
    expected_version: Version


class ChoiceOut(Schema):
    code: str
    texts: dict[str, str]


class ContentOut(Schema):
    kind: str
    texts: dict[str, str]
    help: dict[str, str]
    choices: list[ChoiceOut]
    minimum: str
    maximum: str


class QuestionOut(ContentOut):
    code: str
    status: str = Field(..., description="ACTIVE (asked at screenings) or RETIRED")
    position: int
    current_version: int = Field(..., description="The number an answer names")
    version: int = Field(..., description="For expected_version: any change bumps it")


class VersionOut(ContentOut):
    number: int
    change_note: str
    created_at: dt.datetime
    created_by: int | None = Field(..., description="The user's id; null when loaded by the CLI")


class QuestionDetailOut(QuestionOut):
    versions: list[VersionOut] = Field(..., description="Newest first")


class QuestionListOut(Schema):
    results: list[QuestionOut]
    next_cursor: str | None


def _content(version: LocalQuestionVersion | None) -> dict[str, Any]:
    if version is None:  # a question is created with its first version: never seen empty
        return {"kind": "", "texts": {}, "help": {}, "choices": [], "minimum": "", "maximum": ""}
    return {
        "kind": version.kind,
        "texts": dict(version.texts),
        "help": dict(version.help),
        "choices": [ChoiceOut(code=c["code"], texts=dict(c["texts"])) for c in version.choices],
        "minimum": version.minimum,
        "maximum": version.maximum,
    }


def question_out(question: LocalQuestion) -> QuestionOut:
    return QuestionOut(
        code=question.code,
        status=question.status,
        position=question.position,
        current_version=question.current.number if question.current else 0,
        version=question.version,
        **_content(question.current),
    )


def question_detail_out(question: LocalQuestion) -> QuestionDetailOut:
    return QuestionDetailOut(
        **question_out(question).model_dump(),
        versions=[
            VersionOut(
                number=v.number,
                change_note=v.change_note,
                created_at=v.created_at,
                created_by=v.created_by_id,
                **_content(v),
            )
            for v in queries.versions_of(question)
        ],
    )


_INDEX = re.compile(r"\[(\d+)\]")


def _api_paths(call: Callable[[], T]) -> T:
    """The definition's paths (`choices[1].code`) as the API writes them (`choices.1.code`)."""
    try:
        return call()
    except DomainError as exc:
        if exc.field:
            exc.field = _INDEX.sub(r".\1", exc.field)
        raise


def _definition(payload: ContentIn, code: str) -> dict[str, Any]:
    return {
        "code": code,
        "kind": payload.kind.value,
        "texts": dict(payload.texts),
        "help": dict(payload.help),
        "choices": [{"code": c.code, "texts": dict(c.texts)} for c in payload.choices],
        "minimum": payload.minimum,
        "maximum": payload.maximum,
        "position": payload.position,
    }


@router.get("/local-questions", response={200: QuestionListOut, **responses(400, 401, 403)})
def local_questions_list(request: HttpRequest, page: Query[PageQuery]) -> QuestionListOut:
    """Every local question, active ones first in the screening form's order, then the
    retired ones, each with its current version. For the coordination unit's coordinators
    and the inspecting teams' inspectors and team leads; 403 for anyone else."""
    actor = caller(request, Actor)
    rows, next_cursor = keyset_page(queries.questions_readable(actor), page)
    return QuestionListOut(results=[question_out(q) for q in rows], next_cursor=next_cursor)


@router.post("/local-questions", response={201: QuestionDetailOut, **responses(400, 401, 403, 409)})
def local_question_create_op(
    request: HttpRequest, payload: QuestionIn
) -> Status[QuestionDetailOut]:
    """A new question, asked at screenings from now on, at version 1. The coordination unit's
    coordinators only; 409 when the code is taken."""
    actor = caller(request, Actor)
    created = _api_paths(
        lambda: local_question_create(
            actor=actor,
            definition=_definition(payload, payload.code),
            change_note=payload.change_note,
        )
    )
    return Status(201, question_detail_out(created))


@router.get(
    "/local-questions/{code}", response={200: QuestionDetailOut, **responses(401, 403, 404)}
)
def local_question_view(request: HttpRequest, code: str) -> QuestionDetailOut:
    """One question with every version (an answer names the version it answered)."""
    actor = caller(request, Actor)
    return question_detail_out(queries.question_get_for_reader(actor, code))


@router.post(
    "/local-questions/{code}/revise",
    response={200: QuestionDetailOut, **responses(400, 401, 403, 404, 409)},
)
def local_question_revise_op(
    request: HttpRequest, code: str, payload: ReviseIn
) -> QuestionDetailOut:
    """The next version: the whole content, with what changed and why. Moving the question
    alone (`position`) writes no version; 400 when nothing changed, 409 when
    `expected_version` is not the question's `version`."""
    actor = caller(request, Actor)
    question = queries.question_get_for_actor(actor, code)
    revised = _api_paths(
        lambda: local_question_revise(
            actor=actor,
            question=question,
            expected_version=payload.expected_version,
            definition=_definition(payload, question.code),
            change_note=payload.change_note,
        )
    )
    return question_detail_out(revised)


@router.post(
    "/local-questions/{code}/retire",
    response={200: QuestionDetailOut, **responses(400, 401, 403, 404, 409)},
)
def local_question_retire_op(
    request: HttpRequest, code: str, payload: StatusIn
) -> QuestionDetailOut:
    """No longer asked at screenings; its answers stay with the words that were asked."""
    actor = caller(request, Actor)
    question = queries.question_get_for_actor(actor, code)
    retired = local_question_retire(
        actor=actor, question=question, expected_version=payload.expected_version
    )
    return question_detail_out(retired)


@router.post(
    "/local-questions/{code}/reactivate",
    response={200: QuestionDetailOut, **responses(400, 401, 403, 404, 409)},
)
def local_question_reactivate_op(
    request: HttpRequest, code: str, payload: StatusIn
) -> QuestionDetailOut:
    """Asked at screenings again, at its current version."""
    actor = caller(request, Actor)
    question = queries.question_get_for_actor(actor, code)
    reactivated = local_question_reactivate(
        actor=actor, question=question, expected_version=payload.expected_version
    )
    return question_detail_out(reactivated)
