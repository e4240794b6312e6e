"""The referral inbox: what waits for a centre, what became of a referrer's referrals.

The rows carry what a centre triages on (issue 16 item 4): age or minor, language, form of
exploitation, specific reason, referring organisation, waiting time and urgency with its
reasons; the recipient only where it varies. The page neither counts nor sorts the whole box
(issue 17): `referral_inbox_page` walks an index from a cursor, or sorts a bounded window.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.context import Actor
from nrm.core.errors import PermissionDenied
from nrm.core.http import actor_view, htmx, no_store
from nrm.referrals import workflow
from nrm.referrals.inbox_forms import InboxFilterForm
from nrm.referrals.queries import (
    Box,
    InboxPage,
    Sort,
    State,
    referral_inbox_counts,
    referral_inbox_page,
    referrals_list_audited,
)
from nrm.referrals.views._common import PAGE_SIZE, is_centre


@dataclass(frozen=True)
class Column:
    """A sortable column heading: the link that sorts by it (or reverses its sort)."""

    key: str
    label: str
    query: str
    # "ascending" / "descending" when the list is sorted by this column (aria-sort), or "".
    sorted: str


# The sortable columns in the order of the page.
_COLUMN_LABELS = {
    Sort.AGE: gettext_lazy("Age"),
    Sort.LANGUAGE: gettext_lazy("Language"),
    Sort.EXPLOITATION: gettext_lazy("Form of exploitation"),
    Sort.REASON: gettext_lazy("Reason"),
    Sort.FROM: gettext_lazy("From"),
    Sort.TO: gettext_lazy("To"),
    Sort.WAITING: gettext_lazy("Waiting"),
    Sort.URGENCY: gettext_lazy("Urgency"),
}


# How each column's own order reads to a screen reader (aria-sort): the most urgent and the
# longest waiting come first, the rest from A (or the youngest) on.
_NATURALLY_DESCENDING = frozenset({Sort.URGENCY, Sort.WAITING})


@actor_view
def inbox(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not workflow.may_refer(actor):
        raise PermissionDenied(_("Your role neither makes nor receives referrals."))
    centre = is_centre(actor)
    # A centre comes for what waits for it; a referrer for what became of its referrals.
    box = Box.RECEIVED if centre else Box.SENT
    state = State.PENDING if centre else State.ALL
    sort = ""
    number = 1
    filters = InboxFilterForm(request.GET or None, initial={"box": box, "state": state})
    status = 200
    if filters.is_valid():
        box = Box(filters.cleaned_data["box"] or box)
        state = State(filters.cleaned_data["state"] or state)
        sort = filters.cleaned_data["sort"]
        number = filters.cleaned_data["page"] or 1
    elif filters.is_bound:
        status = 400
    now = timezone.now()
    if status == 400:
        page = InboxPage(rows=[], next=None, previous=None)
    else:
        page = referral_inbox_page(
            actor,
            box=box,
            state=state,
            sort=sort,
            now=now,
            after=request.GET.get("after", ""),
            before=request.GET.get("before", ""),
            number=number,
            size=PAGE_SIZE,
        )
    referrals_list_audited(actor, page.rows, action="referral_list")
    # A centre triages by who refers; a referrer's own organisation is on every row it sent.
    show_from = box == Box.RECEIVED
    show_to = _varies(page, "referred_organisation_id")
    shown = [
        key
        for key in _COLUMN_LABELS
        if (key != Sort.FROM or show_from) and (key != Sort.TO or show_to)
    ]
    context = {
        "referrals": page.rows,
        "page": page,
        "next_query": _query_with(request.GET, page.next) if page.next else "",
        "previous_query": _query_with(request.GET, page.previous) if page.previous else "",
        "columns": {key.value: _column(request.GET, key, sort) for key in shown},
        "show_from": show_from,
        "show_to": show_to,
        # Said once above the table when a column is left out for saying the same everywhere.
        "same_to": page.rows[0].referred_organisation
        if page.rows and box == Box.SENT and not show_to
        else None,
        "filters": filters,
        "box": box,
        "state": state,
        "now": now,
        "counts": referral_inbox_counts(actor, now=now) if centre else None,
    }
    template = "referrals/inbox.html#inbox-table" if htmx(request) else "referrals/inbox.html"
    return no_store(render(request, template, context, status=status))


def _varies(page: InboxPage, attribute: str) -> bool:
    return len({getattr(row, attribute) for row in page.rows}) > 1


def _query_with(query: QueryDict, changes: dict[str, str] | None) -> str:
    """The query string of another page or sort of the same box: positions are dropped."""
    copy = query.copy()
    for name in ("page", "after", "before"):
        copy.pop(name, None)
    copy.update(changes or {})
    return copy.urlencode()


def _column(query: QueryDict, key: Sort, sort: str) -> Column:
    """A heading sorts by its column; a second click reverses the order."""
    current = sort.removeprefix("-") == key.value
    reversed_ = current and sort.startswith("-")
    target = key.value if reversed_ or not current else f"-{key.value}"
    descending = (key in _NATURALLY_DESCENDING) != reversed_
    copy = query.copy()
    for name in ("page", "after", "before", "sort"):
        copy.pop(name, None)
    copy["sort"] = target
    return Column(
        key=key.value,
        label=str(_COLUMN_LABELS[key]),
        query=copy.urlencode(),
        sorted=("descending" if descending else "ascending") if current else "",
    )
