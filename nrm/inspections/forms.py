from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.access.context import Actor
from nrm.indicators.forms import LocalQuestionsMixin
from nrm.indicators.models import LocalQuestion
from nrm.inspections.actions import CompanyData, ObservationData, ScreeningData, WorksiteData
from nrm.inspections.models import Company, JointAction, Screening, Worksite
from nrm.inspections.suggestion import CHECKABLE_DIGNITY, ILO11_IDS, ILO_EC_IDS
from nrm.inspections.vocab import (
    Consent,
    EvidenceKind,
    Framework,
    InspectionOutcome,
    InspectionStatus,
    ParticipantRole,
    ReferralChannel,
    Sector,
    WorksiteKind,
)
from nrm.organisations.models import Organisation, OrganisationType, Region
from nrm.people.actions import PersonData
from nrm.people.picker import PersonPickerField
from nrm.people.vocab import DocumentType, Gender, country_choices, language_name

# Languages offered on the phone form. The worker guide exists in 28 languages; which ones
# is UNVERIFIED (RULES.md §5): this product default is set by NRM_LEAFLET_LANGUAGES.
DEFAULT_LEAFLET_LANGUAGES = [
    "en",
    "fr",
    "nl",
    "de",
    "ar",
    "bg",
    "bn",
    "es",
    "fa",
    "hi",
    "hu",
    "it",
    "pl",
    "ps",
    "pt",
    "ro",
    "ru",
    "sq",
    "tl",
    "tr",
    "uk",
    "ur",
    "vi",
    "zh",
    "am",
    "ti",
    "ne",
    "pa",
]


def leaflet_languages() -> list[str]:
    return list(getattr(settings, "NRM_LEAFLET_LANGUAGES", DEFAULT_LEAFLET_LANGUAGES))


def _language_choices(empty: str) -> list[tuple[str, str]]:
    named = sorted(
        ((code, language_name(code)) for code in leaflet_languages()), key=lambda c: c[1]
    )
    return [("", empty), *named]


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


# Employers and worksites ---------------------------------------------------------------


class CompanyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    enterprise_number = forms.CharField(
        label=_("Enterprise number (KBO/BCE)"),
        max_length=20,
        required=False,
        help_text=_("Ten digits, for example 0203.201.340. Leave empty for a foreign company."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, initial="BE")
    sector = forms.ChoiceField(label=_("Sector (NACE/ISIC section)"), choices=Sector.choices)
    nace_code = forms.CharField(
        label=_("NACE code (optional)"),
        max_length=8,
        required=False,
        help_text=_("For example 41.201 for the construction of residential buildings."),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)

    def to_data(self) -> CompanyData:
        d = self.cleaned_data
        return CompanyData(
            name=d["name"],
            sector=d["sector"],
            enterprise_number=d["enterprise_number"],
            country=d["country"],
            nace_code=d["nace_code"],
            address=d["address"],
        )


class WorksiteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of site"), choices=WorksiteKind.choices)
    address = forms.CharField(label=_("Address"), max_length=300)
    postcode = forms.CharField(label=_("Postcode"), max_length=12, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        help_text=_("Decides the specialised centre a worker met here is referred to."),
    )

    def to_data(self) -> WorksiteData:
        d = self.cleaned_data
        return WorksiteData(
            name=d["name"],
            kind=d["kind"],
            address=d["address"],
            region=d["region"],
            postcode=d["postcode"],
            municipality=d["municipality"],
        )


class ChainLinkForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=Company.objects.none())
    works_for = forms.ModelChoiceField(
        label=_("Works for"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("No one: the company is the principal"),
    )

    def __init__(self, *args: Any, chain_companies: QuerySet[Company], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["works_for"].queryset = chain_companies  # type: ignore[attr-defined]


# Joint actions -------------------------------------------------------------------------


class WorksiteChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Worksite) -> str:
        return f"{obj.name} — {obj.address}"


class JointActionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    planned_on = forms.DateField(label=_("Date"), widget=_date_input())
    briefing = forms.CharField(
        label=_("Briefing"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Where, when, who does what, safety. Kept encrypted."),
    )
    worksites = WorksiteChoices(
        label=_("Sites"),
        queryset=Worksite.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OrganisationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_type_display()})"


class ParticipantForm(VersionForm):
    organisation = OrganisationChoice(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(
            is_active=True,
            type__in=[
                OrganisationType.LABOUR_INSPECTION_TEAM,
                OrganisationType.POLICE_UNIT,
                OrganisationType.PROSECUTION_OFFICE,
                OrganisationType.CENTRE_ADULTS,
                OrganisationType.CENTRE_MINORS,
                OrganisationType.TAX_AUTHORITY,
                OrganisationType.IDENTIFICATION_BODY,
                OrganisationType.NGO,
                OrganisationType.MUNICIPALITY,
            ],
        ).order_by("type", "name"),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[c for c in ParticipantRole.choices if c[0] != ParticipantRole.LEAD],
    )
    headcount = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=500, required=False
    )


# Inspections ---------------------------------------------------------------------------


class WorksiteChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Worksite) -> str:
        return f"{obj.name} — {obj.address}"


class InspectionPlanForm(forms.Form):
    planned_on = forms.DateField(label=_("Date"), widget=_date_input())
    worksite = WorksiteChoice(
        label=_("Site"),
        queryset=Worksite.objects.order_by("name"),
        required=False,
        empty_label=_("Not known yet"),
    )
    sector = forms.ChoiceField(label=_("Sector (NACE/ISIC section)"), choices=Sector.choices)
    trafficking_focused = forms.BooleanField(
        label=_("Trafficking-focused (counts towards the team's target)"),
        required=False,
        initial=True,
    )
    joint_action = forms.ModelChoiceField(
        label=_("Part of a joint action"),
        queryset=JointAction.objects.none(),
        required=False,
        empty_label=_("No"),
    )

    def __init__(self, *args: Any, joint_actions: QuerySet[JointAction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["joint_action"].queryset = joint_actions  # type: ignore[attr-defined]
        self.fields["planned_on"].initial = timezone.localdate()


class CarryOutForm(VersionForm):
    carried_out_on = forms.DateField(label=_("Carried out on"), widget=_date_input())
    worksite = WorksiteChoice(
        label=_("Site"),
        queryset=Worksite.objects.order_by("name"),
        required=False,
        empty_label=_("Not known yet"),
    )


class ReportForm(VersionForm):
    reported_on = forms.DateField(label=_("Report date"), widget=_date_input())
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("Choose…")), *InspectionOutcome.choices]
    )
    findings = forms.CharField(
        label=_("Findings"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Working and housing conditions found. Kept encrypted."),
    )
    worksite = WorksiteChoice(
        label=_("Site"),
        queryset=Worksite.objects.order_by("name"),
        required=False,
        empty_label=_("Choose the site"),
    )


class CancelForm(VersionForm):
    reason = forms.CharField(
        label=_("Why (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InspectionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *InspectionStatus.choices]
    )
    year = forms.IntegerField(
        label=_("Year planned"), required=False, min_value=2000, max_value=2100
    )


# Screening -----------------------------------------------------------------------------


class ScreeningForm(LocalQuestionsMixin, forms.Form):
    """One worker met on site. Phone-sized: short fields, indicators as checklists.

    Each checklist row may carry a note, posted as `note-<indicator id>`. The installation's
    own questions (`nrm.indicators`, given as `local_questions`) come as fields
    `local-<code>`; their answers go to `local_answers()`, never into `to_data()`, so that
    they never reach the legal suggestion.
    """

    person_mode = forms.ChoiceField(
        label=_("The worker"),
        choices=[("new", _("Met for the first time")), ("link", _("Already known to your team"))],
        initial="new",
        widget=forms.RadioSelect,
    )
    # A worker the team met before is found by name (the person picker, issue 16), never a
    # reference typed from memory; without JavaScript it is the reference field.
    person_reference = PersonPickerField(label=_("Person reference"), required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=_date_input())
    document_type = forms.ChoiceField(
        label=_("Identity document"),
        required=False,
        choices=[("", _("None or unknown")), *DocumentType.choices],
    )
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    age = forms.IntegerField(label=_("Age (estimate)"), min_value=0, max_value=120, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.NON_SPECIFIED_UNKNOWN
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        required=False,
        choices=lambda: [("", _("Unknown")), *country_choices()],
    )
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    presumed_minor = forms.BooleanField(label=_("May be a minor (age uncertain)"), required=False)
    screened_on = forms.DateField(label=_("Date"), widget=_date_input())
    ilo_fl = forms.MultipleChoiceField(required=False, choices=[(i, i) for i in sorted(ILO11_IDS)])
    ilo_ec = forms.MultipleChoiceField(required=False, choices=[(i, i) for i in sorted(ILO_EC_IDS)])
    dignity = forms.MultipleChoiceField(required=False, choices=[(i, i) for i in CHECKABLE_DIGNITY])
    hourly_wage_eur = forms.DecimalField(
        label=_("Hourly pay (EUR)"),
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
        required=False,
    )
    weekly_hours = forms.DecimalField(
        label=_("Hours worked a week"),
        min_value=Decimal(0),
        max_value=Decimal(168),
        max_digits=5,
        decimal_places=1,
        required=False,
    )
    rest_days_per_week = forms.IntegerField(
        label=_("Rest days a week"), min_value=0, max_value=7, required=False
    )
    leaflet_language = forms.ChoiceField(label=_("Leaflet handed out in"), required=False)
    consent = forms.ChoiceField(
        label=_("Referral to a specialised centre"),
        choices=Consent.choices,
        initial=Consent.NOT_ASKED,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted."),
    )

    def __init__(
        self, *args: Any, local_questions: Sequence[LocalQuestion] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices(str(_("Unknown")))  # type: ignore[attr-defined]
        self.fields["leaflet_language"].choices = _language_choices(str(_("None handed out")))  # type: ignore[attr-defined]
        self.fields["screened_on"].initial = timezone.localdate()
        self.add_local_questions(local_questions)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person_mode") == "link" and not data.get("person_reference"):
            self.add_error("person_reference", _("Give the reference of the person already known."))
        if data.get("document_number") and not data.get("document_type"):
            self.add_error("document_type", _("Say what kind of document the number is from."))
        return data

    def notes_for(self, framework_ids: list[str]) -> dict[str, str]:
        raw: Mapping[str, Any] = self.data
        return {i: str(raw.get(f"note-{i}", "")).strip() for i in framework_ids}

    def to_data(self) -> ScreeningData:
        d = self.cleaned_data
        observations: list[ObservationData] = []
        for framework, key in (
            (Framework.ILO_FORCED_LABOUR, "ilo_fl"),
            (Framework.ILO_EC_OPERATIONAL, "ilo_ec"),
            (Framework.BE_HUMAN_DIGNITY, "dignity"),
        ):
            notes = self.notes_for(list(d[key]))
            observations.extend(ObservationData(framework, i, notes[i]) for i in d[key])
        new_person = None
        if d["person_mode"] == "new":
            documents = None
            if d["document_number"]:
                documents = [{"type": d["document_type"], "number": d["document_number"]}]
            new_person = PersonData(
                given_names=d["given_names"],
                family_name=d["family_name"],
                birth_date=d["birth_date"],
                documents=documents,
                gender=d["gender"],
                age_at_first_contact=d["age"],
                first_contact_on=d["screened_on"],
            )
        return ScreeningData(
            screened_on=d["screened_on"],
            person_reference=d["person_reference"] if d["person_mode"] == "link" else "",
            new_person=new_person,
            nationality=d["nationality"],
            language=d["language"],
            presumed_minor=d["presumed_minor"],
            hourly_wage_eur=d["hourly_wage_eur"],
            weekly_hours=d["weekly_hours"],
            rest_days_per_week=d["rest_days_per_week"],
            observations=observations,
            leaflet_language=d["leaflet_language"],
            consent=d["consent"],
            notes=d["notes"],
        )


class ReferForm(VersionForm):
    channel = forms.ChoiceField(
        label=_("How"),
        choices=ReferralChannel.choices,
        initial=ReferralChannel.DIRECT,
        widget=forms.RadioSelect,
    )
    consent_confirmed = forms.BooleanField(
        label=_("The worker agrees to be referred"), required=False
    )
    details = forms.CharField(
        label=_("Details for the centre (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# Evidence ------------------------------------------------------------------------------


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A photo (JPEG, PNG, WebP) or a PDF. Photos lose their metadata (GPS, camera)."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    screening = forms.ModelChoiceField(
        label=_("Concerns the worker of screening"),
        queryset=Screening.objects.none(),
        required=False,
        empty_label=_("No one in particular"),
        to_field_name="reference",
    )

    def __init__(self, *args: Any, screenings: QuerySet[Screening], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["screening"].queryset = screenings  # type: ignore[attr-defined]


# Targets -------------------------------------------------------------------------------


class TargetForm(forms.Form):
    team = OrganisationChoice(
        label=_("Team"),
        queryset=Organisation.objects.filter(
            type=OrganisationType.LABOUR_INSPECTION_TEAM, is_active=True
        ).order_by("name"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    target = forms.IntegerField(label=_("Target"), min_value=0, max_value=100_000)


class YearForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)

    def year_or(self, today: date) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return today.year


def actor_joint_actions(actor: Actor, visible: QuerySet[JointAction]) -> QuerySet[JointAction]:
    """The joint actions an inspection of the actor's team can be part of."""
    return visible.filter(participants__organisation_id=actor.organisation_id or 0).order_by(
        "-planned_on"
    )
