"""Care forms: shapes and types only; the actions enforce the domain rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.care.models import (
    CareNote,
    DepartureReason,
    DisclosureBasis,
    PlaceType,
    ServiceType,
    Shelter,
    SupportPlan,
    SupportPlanStatus,
    SupportPlanType,
)
from nrm.organisations.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"


def _date(
    label: str | Any, *, required: bool = True, initial_today: bool = False
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        initial=timezone.localdate if initial_today else None,
    )


PLACE_FIELDS = {f"places_{value.lower()}": value for value in PlaceType.values}


class ShelterForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What your staff call the house. Shown in lists: never the address."),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Secret: shown only to your centre's staff, encrypted at rest."),
    )
    places_women = forms.IntegerField(label=_("Places for women"), min_value=0, initial=0)
    places_men = forms.IntegerField(label=_("Places for men"), min_value=0, initial=0)
    places_families = forms.IntegerField(label=_("Places for families"), min_value=0, initial=0)
    places_minors = forms.IntegerField(label=_("Places for minors"), min_value=0, initial=0)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def capacities(self) -> dict[str, int]:
        return {value: self.cleaned_data[name] for name, value in PLACE_FIELDS.items()}

    @classmethod
    def initial_for(cls, shelter: Shelter) -> dict[str, Any]:
        capacity = {p.place_type: p.capacity for p in shelter.places.all()}
        return {
            "name": shelter.name,
            "address": shelter.address,
            "version": shelter.version,
            **{name: capacity.get(value, 0) for name, value in PLACE_FIELDS.items()},
        }


def _with_family() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Arrives with family members (partner or children)"),
        required=False,
        help_text=_("A place for families is for a person who arrives with their family."),
    )


def _fit_reason() -> forms.CharField:
    return forms.CharField(
        label=_("Why this place"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when the place does not fit the person (a man in a place for women, a "
            "minor in a place for adults, a person alone in a family place)."
        ),
    )


class PlacementForm(forms.Form):
    shelter = forms.TypedChoiceField(label=_("Shelter"), coerce=int)
    place_type = forms.ChoiceField(label=_("Type of place"), choices=PlaceType.choices)
    arrived_on = _date(_("Arrival"), initial_today=True)
    with_family = _with_family()
    fit_reason = _fit_reason()

    def __init__(self, *args: Any, shelters: Sequence[Shelter], free_url: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["shelter"].choices = [(s.pk, s.name) for s in shelters]  # type: ignore[attr-defined]
        # Changing the shelter or the date refreshes the free places (htmx partial).
        refresh = {
            "hx-get": free_url,
            "hx-target": "#free-places",
            "hx-swap": "outerHTML",
            "hx-include": "#id_shelter, #id_arrived_on",
            "hx-trigger": "change",
        }
        self.fields["shelter"].widget.attrs.update(refresh)
        self.fields["arrived_on"].widget.attrs.update(refresh)


class DepartureForm(forms.Form):
    departed_on = _date(_("Departure"), initial_today=True)
    reason = forms.ChoiceField(label=_("Reason"), choices=DepartureReason.choices)
    note = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the reason is Other."),
    )


class SupportPlanForm(forms.Form):
    types = forms.MultipleChoiceField(
        label=_("Types of support"),
        choices=SupportPlanType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea(attrs={"rows": 4}))
    action_plan = forms.CharField(
        label=_("Action plan"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    started_on = _date(_("Start"), initial_today=True)
    planned_end_on = _date(_("Planned end"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # The start is fixed once the plan exists; an edit does not move it.
            del self.fields["started_on"]

    @classmethod
    def initial_for(cls, plan: SupportPlan) -> dict[str, Any]:
        return {
            "types": plan.types,
            "objectives": plan.objectives,
            "action_plan": plan.action_plan,
            "planned_end_on": plan.planned_end_on,
            "version": plan.version,
        }


class PlanCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (SupportPlanStatus.COMPLETED, SupportPlanStatus.COMPLETED.label),
            (SupportPlanStatus.DISCONTINUED, SupportPlanStatus.DISCONTINUED.label),
        ],
        widget=forms.RadioSelect,
    )
    actual_end_on = _date(_("Actual end"), initial_today=True)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ServiceForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Service"), choices=ServiceType.choices)
    delivered_on = _date(_("Date"), initial_today=True)
    # Filters of the directory's providers (not stored): the region and language served.
    region = forms.ChoiceField(label=_("Region served"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    directory_provider = forms.TypedChoiceField(
        label=_("Provider from the services directory"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Vetted providers offering this service; free places as counts only."),
    )
    provider = forms.CharField(
        label=_("Other provider"),
        max_length=200,
        required=False,
        help_text=_("Who delivered it when not in the directory: your centre, a doctor…"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        providers: Sequence[tuple[int, str]] = (),
        regions: Sequence[tuple[str, str]] = (),
        languages: Sequence[tuple[str, str]] = (),
        refresh_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        none = [("", _("Any"))]
        self.fields["region"].choices = [*none, *regions]  # type: ignore[attr-defined]
        self.fields["language"].choices = [*none, *languages]  # type: ignore[attr-defined]
        not_listed = ("", _("None: not through the directory"))
        self.fields["directory_provider"].choices = [not_listed, *providers]  # type: ignore[attr-defined]
        if refresh_url:
            # Changing the service, region or language refreshes the providers (htmx).
            refresh = {
                "hx-get": refresh_url,
                "hx-target": "#directory-providers",
                "hx-select": "#directory-providers",
                "hx-swap": "outerHTML",
                "hx-include": "#id_service_type, #id_region, #id_language",
                "hx-trigger": "change",
            }
            for name in ("service_type", "region", "language"):
                self.fields[name].widget.attrs.update(refresh)


class CareNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Seen by your centre only, unless the director shares this note."),
    )


class DisclosureForm(forms.Form):
    item = forms.ChoiceField(label=_("What to share"))
    recipient = forms.TypedChoiceField(label=_("With"), coerce=int)
    basis = forms.ChoiceField(
        label=_("Basis"), choices=DisclosureBasis.choices, widget=forms.RadioSelect
    )
    basis_reference = forms.CharField(
        label=_("Reference of the basis"),
        max_length=300,
        required=False,
        help_text=_(
            "For a legal basis: the law and article, or the court order. For consent: "
            "where the signed consent is kept."
        ),
    )
    scope = forms.CharField(
        label=_("Scope"),
        max_length=300,
        help_text=_(
            "What the recipient may use it for, e.g. the decision on the residence permit."
        ),
    )
    decided_on = _date(_("Decided on"), initial_today=True)

    def __init__(
        self,
        *args: Any,
        notes: Sequence[CareNote],
        plans: Sequence[SupportPlan],
        recipients: Sequence[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Notes are named by date and author, never by their text, in the choice list.
        items: list[tuple[str, str]] = [
            (
                f"note:{n.pk}",
                str(_("Note of %(date)s by %(author)s"))
                % {
                    "date": timezone.localtime(n.written_at).date().isoformat(),
                    "author": n.written_by.display_name,
                },
            )
            for n in notes
        ]
        items += [
            (
                f"plan:{p.pk}",
                str(_("Support plan from %(date)s")) % {"date": p.started_on.isoformat()},
            )
            for p in plans
        ]
        self.fields["item"].choices = items  # type: ignore[attr-defined]
        self.fields["recipient"].choices = [(o.pk, o.name) for o in recipients]  # type: ignore[attr-defined]

    def item_ids(self) -> tuple[int | None, int | None]:
        kind, _sep, pk = self.cleaned_data["item"].partition(":")
        return (int(pk), None) if kind == "note" else (None, int(pk))


class TransferRequestForm(forms.Form):
    to_organisation = forms.TypedChoiceField(label=_("Centre asked"), coerce=int)
    place_type = forms.ChoiceField(label=_("Type of place"), choices=PlaceType.choices)
    with_family = _with_family()
    wanted_from = _date(_("Arrival wanted from"), initial_today=True)
    message = forms.CharField(
        label=_("Message to the centre"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the centre needs to decide, and nothing more: it sees the person's gender, "
            "age and languages, not their name, until it accepts."
        ),
    )

    def __init__(self, *args: Any, centres: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].choices = list(centres)  # type: ignore[attr-defined]


class TransferAcceptForm(forms.Form):
    shelter = forms.TypedChoiceField(label=_("Shelter"), coerce=int)
    arrived_on = _date(_("Arrival"), initial_today=True)
    fit_reason = _fit_reason()
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, shelters: Sequence[Shelter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shelter"].choices = [(s.pk, s.name) for s in shelters]  # type: ignore[attr-defined]


class TransferDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why your centre declines"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The requesting centre reads it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
