"""The case file page: a small shell whose sections load on demand, and the URLs that run
an operation, a decision or a step of a record's workflow.

The shell shows the file's header and one section (the decisions, or the one named by
`?open=`); the others are read when opened (htmx on the `<details>` toggle; without
JavaScript, a link reloads the page with that section open). A form posted with htmx
gets back its own section only (its errors in place, or the new state with a notice) and
tells the other sections already loaded to read themselves again; posted without
JavaScript it redirects to the page with that section open, or answers the whole page
with the errors, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nrm.access.context import Actor
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied, http_status_for
from nrm.core.http import actor_view, form_error, htmx, no_store
from nrm.core.workflow import action_kwargs
from nrm.prosecution import forms, permissions, queries
from nrm.prosecution.models import CaseFile
from nrm.prosecution.views.sections import (
    DEFAULT_SECTION,
    OPERATIONS,
    RECORD_WORKFLOWS,
    SECTIONS,
    Bound,
    Reader,
    Section,
    section_context,
)
from nrm.prosecution.workflow import require_part


def _sections_for(relation: permissions.Relation) -> list[Section]:
    return [s for s in SECTIONS.values() if relation in s.shown_to]


def _section_named(name: str, relation: permissions.Relation) -> Section:
    section = SECTIONS.get(name)
    if section is None or relation not in section.shown_to:
        raise NotFound(_("No such section."))
    return section


def _page_url(case: CaseFile, section: str) -> str:
    return f"{reverse('prosecution:detail', args=[case.reference])}?open={section}#{section}"


def answer(
    request: HttpRequest,
    actor: Actor,
    case: CaseFile,
    section_name: str,
    *,
    bound: Bound | None = None,
    error: str = "",
    done: Promise | str = "",
    status: int = 200,
) -> HttpResponse:
    """The answer to a form of a section: the section alone to htmx, else the whole page
    (or, after a success without JavaScript, a redirect to the page with the section open)."""
    if done or status == 409:
        # The action changed the file (or someone did meanwhile): show it as it is now.
        case.refresh_from_db()
    relation = permissions.relation(actor, case)
    section = _section_named(section_name, relation)
    if not htmx(request):
        if done and status == 200:
            messages.success(request, str(done))
            return redirect(_page_url(case, section.name))
        return _page(request, actor, case, section, bound=bound, error=error, status=status)
    context = section_context(section, Reader(actor, case, relation, bound or Bound()))
    context.update({"error": error, "notice": str(done) if done else "", "after_post": True})
    response = render(request, "prosecution/case_section.html", context, status=status)
    if done:
        # The other sections already on the page read themselves again (a victim named
        # opens a decision; a confiscation changes the money): one event per section,
        # so that the section just sent back keeps its notice.
        others = [s.name for s in _sections_for(relation) if s.name != section.name]
        response["HX-Trigger"] = ", ".join(f"case-changed-{name}" for name in others)
    return no_store(response)


def _page(
    request: HttpRequest,
    actor: Actor,
    case: CaseFile,
    open_section: Section,
    *,
    bound: Bound | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    relation = permissions.relation(actor, case)
    context = section_context(open_section, Reader(actor, case, relation, bound or Bound()))
    context.update(
        {
            "sections": _sections_for(relation),
            "open_section": open_section.name,
            "error": error,
        }
    )
    return no_store(render(request, "prosecution/detail.html", context, status=status))


@require_GET
@actor_view
def case_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_view")
    relation = permissions.relation(actor, case)
    wanted = request.GET.get("open", DEFAULT_SECTION)
    section = SECTIONS.get(wanted)
    if section is None or relation not in section.shown_to:
        section = SECTIONS[DEFAULT_SECTION]
    return _page(request, actor, case, section)


@require_GET
@actor_view
def case_section(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    """One section of the page, for htmx; a browser that asks for it directly gets the page
    with the section open."""
    case = queries.case_get_for_actor(actor, reference, action="case_section_view")
    section = _section_named(name, permissions.relation(actor, case))
    if not htmx(request):
        return redirect(_page_url(case, section.name))
    return answer(request, actor, case, section.name)


def attempt(
    form: BaseForm,
    run: Callable[[], object],
    *,
    inline: bool = False,
    fields: dict[str, str | None] | None = None,
) -> tuple[int, str]:
    """Run an action for a valid form: (200, "") when done, else the status and, for a
    conflict or a form written in the template (`inline`), the sentence to show above the
    section; other refusals go on the form (`form_error`)."""
    try:
        run()
    except (NotFound, PermissionDenied):
        raise
    except Conflict as exc:
        return http_status_for(exc), exc.message
    except DomainError as exc:
        if inline:
            return http_status_for(exc), exc.message
        return form_error(form, exc, fields=fields), ""
    return 200, ""


def _form_errors(form: BaseForm) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
@actor_view
def case_do(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_update_view")
    operation = OPERATIONS.get(name)
    if operation is None:
        raise NotFound(_("No such operation."))
    require_part(actor, case, operation.relations)
    form = operation.form(request.POST, case=case, prefix=name)
    # Forms on one record of a list (an assignment, a hearing) show their errors above.
    inline = issubclass(operation.form, forms.TargetForm)
    section = operation.section
    if not form.is_valid():
        if inline:
            return answer(request, actor, case, section, error=_form_errors(form), status=400)
        return answer(
            request, actor, case, section, bound=Bound(operations={name: form}), status=400
        )
    status, error = attempt(
        form, lambda: operation.run(actor, case, form.cleaned_data), inline=inline
    )
    if status != 200:
        bound = Bound() if inline or error else Bound(operations={name: form})
        return answer(request, actor, case, section, bound=bound, error=error, status=status)
    return answer(request, actor, case, section, done=operation.done)


@require_POST
@actor_view
def case_record_step(
    request: HttpRequest, actor: Actor, reference: str, workflow_name: str, pk: int, name: str
) -> HttpResponse:
    """A step of a record's workflow (an asset released, a claim awarded), from the record's
    registry as the decisions come from theirs: the party check before the input is read,
    the registry's form, its action."""
    case = queries.case_get_for_actor(actor, reference, action="case_update_view")
    kind = RECORD_WORKFLOWS.get(workflow_name)
    if kind is None:
        raise NotFound(_("No such step."))
    registry = kind.registry
    record = queries.case_record_get(case, kind.model, pk)
    transition = registry.transition(name)
    registry.require_party(transition, record, actor)
    form = registry.bind(transition, record, request.POST)
    key = (registry.name, record.pk, transition.name)
    if not form.is_valid():
        return answer(
            request, actor, case, kind.section, bound=Bound(records={key: form}), status=400
        )

    def run() -> object:
        return registry.run(transition, record, actor=actor, **action_kwargs(form))

    status, error = attempt(form, run)
    if status != 200:
        bound = Bound() if error else Bound(records={key: form})
        return answer(request, actor, case, kind.section, bound=bound, error=error, status=status)
    return answer(request, actor, case, kind.section, done=transition.done)
