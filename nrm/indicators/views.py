"""The coordination unit's page of local questions: the list, a new question, one question
with its versions, its next version, retiring and reactivating it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core.errors import Conflict, DomainError
from nrm.core.http import actor_view, form_error, no_store
from nrm.indicators import queries
from nrm.indicators.actions import (
    local_question_create,
    local_question_reactivate,
    local_question_retire,
    local_question_revise,
)
from nrm.indicators.definitions import default_language, text_in
from nrm.indicators.forms import QuestionForm, VersionForm, form_field_for
from nrm.indicators.models import LocalQuestion


def _rows(questions: list[LocalQuestion]) -> list[dict[str, object]]:
    rows = []
    for question in questions:
        current = question.current
        texts = current.texts if current else {}
        rows.append(
            {
                "question": question,
                "text": text_in(texts),
                "missing": [code for code, _name in _languages() if not texts.get(code)],
            }
        )
    return rows


def _languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def _show_problem(form: QuestionForm, exc: DomainError) -> int:
    fields = {exc.field: form_field_for(exc.field)} if exc.field else None
    return form_error(form, exc, fields=fields)


@actor_view
def question_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    questions = queries.questions_listed(actor)
    context = {
        "rows": _rows(questions),
        "default_language": default_language(),
    }
    return no_store(render(request, "indicators/list.html", context))


@actor_view
def question_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    queries.require_manager(actor)
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                question = local_question_create(
                    actor=actor,
                    definition=form.definition(),
                    change_note=form.cleaned_data["change_note"],
                )
            except DomainError as exc:
                status = _show_problem(form, exc)
            else:
                messages.success(
                    request, _("Local question %(code)s added.") % {"code": question.code}
                )
                return redirect("indicators:detail", code=question.code)
    context = {"form": form, "question": None}
    return no_store(render(request, "indicators/form.html", context, status=status))


def _render_detail(
    request: HttpRequest,
    actor: Actor,
    question: LocalQuestion,
    *,
    form: QuestionForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    versions = queries.versions_of(question)
    context = {
        "question": question,
        "versions": [
            {
                "version": v,
                "text": text_in(v.texts),
                "choices": [(c["code"], text_in(c["texts"])) for c in v.choices],
            }
            for v in versions
        ],
        "form": form or QuestionForm(question=question),
        "status_form": VersionForm(initial={"version": question.version}),
        "error": error,
    }
    return no_store(render(request, "indicators/detail.html", context, status=status))


@actor_view
def question_detail(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    question = queries.question_get_for_actor(actor, code)
    if request.method != "POST":
        return _render_detail(request, actor, question)
    form = QuestionForm(request.POST, question=question)
    if not form.is_valid():
        return _render_detail(request, actor, question, form=form, status=400)
    try:
        local_question_revise(
            actor=actor,
            question=question,
            expected_version=form.cleaned_data["version"] or 0,
            definition=form.definition(),
            change_note=form.cleaned_data["change_note"],
        )
    except Conflict as exc:
        question.refresh_from_db()
        return _render_detail(request, actor, question, error=exc.message, status=409)
    except DomainError as exc:
        status = _show_problem(form, exc)
        return _render_detail(request, actor, question, form=form, status=status)
    messages.success(request, _("A new version of %(code)s is saved.") % {"code": question.code})
    return redirect("indicators:detail", code=question.code)


def _status_change(request: HttpRequest, actor: Actor, code: str, *, retire: bool) -> HttpResponse:
    question = queries.question_get_for_actor(actor, code)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, actor, question, status=400)
    action = local_question_retire if retire else local_question_reactivate
    try:
        action(actor=actor, question=question, expected_version=form.cleaned_data["version"])
    except Conflict as exc:
        question.refresh_from_db()
        return _render_detail(request, actor, question, error=exc.message, status=409)
    if retire:
        messages.success(request, _("%(code)s is retired: no longer asked.") % {"code": code})
    else:
        messages.success(request, _("%(code)s is asked at screenings again.") % {"code": code})
    return redirect("indicators:detail", code=code)


@require_POST
@actor_view
def question_retire(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    return _status_change(request, actor, code, retire=True)


@require_POST
@actor_view
def question_reactivate(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    return _status_change(request, actor, code, retire=False)
