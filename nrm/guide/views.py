"""The public worker guide (CONTRACTS.md §5) and its editor for the coordination unit.

The public pages need no sign-in and set no cookie: they render a template of their own,
without the site's header and its forms (a form's CSRF token would set a cookie), and the
language is in the address, so no language cookie is needed either. Nothing is counted or
logged about who reads them.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nrm.access.context import Actor
from nrm.coordination.queries import require_coordinator
from nrm.core.errors import DomainError
from nrm.core.http import actor_view, form_error
from nrm.guide import actions, forms, queries
from nrm.guide.content import KEYS, LIST_KEYS
from nrm.guide.languages import BY_CODE, LANGUAGES, Language, language_for
from nrm.guide.models import GuideStatus, GuideTextVersion
from nrm.guide.pdf import DEBIAN_PACKAGES, FontMissing, leaflet_pdf

PENDING_NOTICE = (
    "Translation pending review: this text is shown in English until a reviewed "
    "translation is entered."
)
DRAFT_NOTICE = "This translation has not yet been checked by a native speaker."


def _language(code: str) -> Language:
    language = language_for(code)
    if language is None:
        raise Http404
    return language


def _public(response: HttpResponse) -> HttpResponse:
    # The same for everyone: caches may keep it; nothing identifies the reader.
    response["Cache-Control"] = "public, max-age=600"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _public(render(request, "guide/index.html", {"languages": LANGUAGES}))


@require_GET
def page(request: HttpRequest, code: str) -> HttpResponse:
    language = _language(code)
    guide = queries.guide_text(language)
    texts = queries.filled(guide.texts)
    context = {
        "language": language,
        "guide": guide,
        "texts": texts,
        "lists": {key: texts[key].splitlines() for key in LIST_KEYS},
        "pending_notice": PENDING_NOTICE,
        "draft_notice": DRAFT_NOTICE,
    }
    return _public(render(request, "guide/page.html", context))


@require_GET
def leaflet(request: HttpRequest, code: str) -> HttpResponse:
    language = _language(code)
    guide = queries.guide_text(language)
    notice = PENDING_NOTICE if guide.pending else DRAFT_NOTICE if guide.draft else ""
    url = request.build_absolute_uri(reverse("guide:page", args=[language.code]))
    try:
        data = leaflet_pdf(
            language=language,
            text_language=guide.text_language,
            texts=queries.filled(guide.texts),
            notice=notice,
            url=url,
        )
    except FontMissing:
        # Say what is missing rather than print boxes instead of letters.
        return HttpResponse(
            f"The fonts for this language are not installed on this server "
            f"(Debian packages: {DEBIAN_PACKAGES}).",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="worker-guide-{language.code}.pdf"'
    return _public(response)


# The editor ----------------------------------------------------------------------------------


@actor_view
def edit(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    language = _language(code)
    require_coordinator(actor, _("Only the coordination unit edits the worker guide."))
    guide = queries.guide_text(language)
    initial: dict[str, str] = {
        "status": guide.status if guide.status in GuideStatus.values else GuideStatus.DRAFT
    }
    if not guide.pending:
        initial |= {key: guide.texts.get(key, "") for key in KEYS}
    form = forms.GuideTextForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.guide_text_save(
                    actor=actor,
                    language=language.code,
                    status=GuideStatus(data["status"]),
                    texts={key: data.get(key, "") for key in KEYS},
                    change_note=data["change_note"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("The new version of the guide is online."))
                return redirect("guide:edit", code=language.code)
    context = {
        "language": language,
        "form": form,
        "english": BY_CODE["en"],
        "versions": GuideTextVersion.objects.filter(language=language.code)
        .select_related("written_by")
        .order_by("-number"),
    }
    return render(request, "guide/edit.html", context, status=status)
