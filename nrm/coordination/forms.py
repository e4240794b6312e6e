"""The coordination pages' forms: they check shape; the actions check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nrm.coordination.models import ActionStatus, ForumDecision, ForumKind, NeighbourTopic
from nrm.organisations.models import Organisation


def _organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).order_by("name")


class ManualEntryForm(forms.Form):
    who = forms.CharField(label=_("Who"), widget=forms.Textarea(attrs={"rows": 2}))
    does = forms.CharField(label=_("What they do"), widget=forms.Textarea(attrs={"rows": 4}))
    by_when = forms.CharField(
        label=_("By when"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    form = forms.CharField(label=_("Form or document"), required=False)
    legal_basis = forms.CharField(
        label=_("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_step = forms.CharField(
        label=_("What happens next"), widget=forms.Textarea(attrs={"rows": 3})
    )
    change_note = forms.CharField(label=_("What changed and why"), max_length=500)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Forum"), choices=ForumKind.choices)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=200)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    invitees = forms.ModelMultipleChoiceField(
        label=_("Invited organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    agenda = forms.CharField(
        label=_("Agenda (one item a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invitees"].queryset = _organisations()  # type: ignore[attr-defined]

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Organisations present"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, invitees: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = invitees  # type: ignore[attr-defined]


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))


class FollowUpForm(forms.Form):
    description = forms.CharField(
        label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    decision = forms.ModelChoiceField(
        label=_("Decision"), queryset=ForumDecision.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        invitees: QuerySet[Organisation],
        decisions: QuerySet[ForumDecision],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = invitees  # type: ignore[attr-defined]
        self.fields["decision"].queryset = decisions  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    text = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    indicator = forms.CharField(label=_("Indicator"), max_length=300, required=False)
    lead = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none()
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = _organisations()  # type: ignore[attr-defined]
        self.fields["partners"].queryset = _organisations()  # type: ignore[attr-defined]


class AdoptForm(forms.Form):
    decision = forms.ModelChoiceField(
        label=_("Platform decision"), queryset=ForumDecision.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (  # type: ignore[attr-defined]
            ForumDecision.objects.filter(meeting__kind=ForumKind.PLATFORM)
            .select_related("meeting")
            .order_by("-meeting__held_on", "-pk")
        )


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
    percent_done = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (s.value, s.label)
            for s in (ActionStatus.ADOPTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
        ],
    )


class NeighbourCheckForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    other_country = forms.CharField(label=_("Other country (two-letter code)"), max_length=2)
    other_country_name = forms.CharField(label=_("Other country's name"), max_length=100)


class NeighbourEntryForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=NeighbourTopic.choices)
    other_practice = forms.CharField(
        label=_("The other country's practice"), widget=forms.Textarea(attrs={"rows": 3})
    )
    other_figures = forms.CharField(
        label=_("The other country's figures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    other_sources = forms.CharField(label=_("Sources"), required=False)
    what_works = forms.CharField(
        label=_("What works"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
