"""The forms of the status page: one per event the organisation may record, and the facts
that set the path before the first event. The forms check shapes; the action checks the
rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm import pathway
from nrm.protection.actions import NOTE_MAX_LENGTH


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PapersField(forms.FileField):
    """Several files in one field (Django's documented pattern); the action checks each
    file's content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


DOCUMENT_CHOICES = [(str(d), pathway.DOCUMENT_LABELS[d]) for d in pathway.Document]


class EventForm(forms.Form):
    """Record one event; which optional fields appear depends on the event type."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    positive = forms.TypedChoiceField(
        label=_("Opinion"),
        choices=[("yes", _("Positive: the person is considered a victim")), ("no", _("Negative"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("New total length of the period, in days"), min_value=1, max_value=3650
    )
    document = forms.ChoiceField(label=_("Requested document"), choices=DOCUMENT_CHOICES)
    papers = PapersField(
        label=_("Papers"),
        required=False,
        help_text=_(
            "The papers the request rests on: PDF documents or JPEG, PNG or WebP photos. They "
            "are encrypted at rest; photos lose their metadata."
        ),
    )
    guardian_name = forms.CharField(label=_("Guardian"), max_length=200)
    guardian_email = forms.EmailField(
        label=_("Guardian's e-mail"),
        required=False,
        help_text=_("The guardian is informed of every step by e-mail when an address is given."),
    )
    note = forms.CharField(
        label=_("Evidence or note"),
        help_text=_(
            "What the decision or fact rests on (a complaint's reference, a centre report). "
            "Seen by your organisation and by those who decide."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(
        self, *args: Any, event_type: str, version: int, today: dt.date, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", event_type.lower())
        kwargs.setdefault("initial", {"expected_version": version, "on": today})
        super().__init__(*args, **kwargs)
        self.event_type = event_type
        if event_type != "PROSECUTOR_OPINION":
            del self.fields["positive"]
        if event_type != "REFLECTION_EXTENDED":
            del self.fields["days"]
        if event_type != "DOCUMENT_REQUESTED":
            del self.fields["document"]
            del self.fields["papers"]
        if event_type != "GUARDIAN_APPOINTED":
            del self.fields["guardian_name"]
            del self.fields["guardian_email"]
        if event_type == "DOCUMENT_REFUSED":
            self.fields["note"].label = _("Reasons for the refusal")
            self.fields["note"].required = True
            self.fields["note"].help_text = _("The centre sees these reasons.")
        self.fields["on"].widget.attrs["max"] = today.isoformat()

    def parameters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "on": data["on"],
            "expected_version": data["expected_version"],
            "positive": data.get("positive"),
            "days": data.get("days"),
            "note": data.get("note", ""),
            "document": data.get("document"),
            "guardian_name": data.get("guardian_name", ""),
            "guardian_email": data.get("guardian_email", ""),
        }

    @property
    def has_files(self) -> bool:
        return "papers" in self.fields


DECISION_CHOICES = [("issue", _("Issue the document")), ("refuse", _("Refuse, with reasons"))]


class RequestDecisionForm(forms.Form):
    """The immigration office's answer to a centre's request."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISION_CHOICES, widget=forms.RadioSelect
    )
    on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Reasons or note"),
        help_text=_("Required for a refusal; the centre sees it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "decision")
        super().__init__(*args, **kwargs)
        self.fields["on"].widget.attrs["max"] = today.isoformat()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", _("Give the reasons for the refusal."))
        return data


JURISDICTION_LABELS = {"BE": _("Belgium"), "DK": _("Denmark")}


class FactsForm(forms.Form):
    """The facts that change the path; only before the first event."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    unaccompanied_minor = forms.BooleanField(
        label=_("Unaccompanied minor"),
        required=False,
        help_text=_("In Belgium a minor gets the provisional document without reflection."),
    )
    has_legal_stay = forms.BooleanField(
        label=_("Has legal stay"),
        required=False,
        help_text=_("In Denmark this decides who identifies and which period follows."),
    )
    age_at_identification = forms.IntegerField(
        label=_("Age at identification"), min_value=0, max_value=120, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "facts")
        super().__init__(*args, **kwargs)
