from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.access.context import Actor
from nrm.consent.actions import ConsentConfirmation
from nrm.organisations.models import Organisation, Region
from nrm.people.actions import PersonData
from nrm.people.picker import PersonPickerField
from nrm.people.vocab import Gender, country_choices, language_choices
from nrm.referrals import workflow
from nrm.referrals.actions import HotlineEntryData, HotlineReferralData
from nrm.referrals.models import (
    CallerType,
    ExploitationForm,
    HotlineChannel,
    HotlineOutcome,
    ReferralReason,
    ReferralSource,
)
from nrm.referrals.routing import CENTRE_TYPES


def _centres() -> Any:
    return Organisation.objects.filter(type__in=CENTRE_TYPES, is_active=True).order_by("name")


def _source_choices(actor: Actor) -> list[tuple[str, str]]:
    labels = dict(ReferralSource.choices)
    organisation = actor.organisation
    codes = workflow.sources_for(organisation.type) if organisation else ()
    return [(code, str(labels[code])) for code in codes]


class CentreChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organisation) -> str:
        region = f" · {obj.region}" if obj.region_id else ""
        return f"{obj.name} ({obj.get_type_display()}){region}"


class ConsentConfirmForm(forms.Form):
    """The referrer confirms that the person, asked now, agrees to be referred: recorded as
    their consent (nrm.consent) with the referral. Needed for an adult whose consent to be
    referred is not in force."""

    consent_confirmed = forms.BooleanField(
        label=_("I asked the person and they agree to be referred"), required=False
    )
    consent_language = forms.ChoiceField(
        label=_("Asked in"),
        required=False,
        choices=lambda: [("", _("Choose the language")), *language_choices()],
    )
    consent_interpreter = forms.BooleanField(label=_("With an interpreter"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent_confirmed") and not data.get("consent_language"):
            self.add_error("consent_language", _("Choose the language the question was asked in."))
        return data

    def confirmation(self) -> ConsentConfirmation | None:
        data = self.cleaned_data
        if not data.get("consent_confirmed"):
            return None
        return ConsentConfirmation(
            language=data["consent_language"], interpreter=data["consent_interpreter"]
        )


# Where a consent refusal of the actions appears on a form with ConsentConfirmForm's fields.
CONSENT_FIELDS: dict[str, str | None] = {
    "consent": "consent_confirmed",
    "language": "consent_language",
}


class ReferralForm(ConsentConfirmForm):
    """Refer a person. The centre is left to the routing rule unless the referrer picks one."""

    source = forms.ChoiceField(label=_("Who refers"))
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=ReferralReason.choices,
        initial=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
    )
    details = forms.CharField(
        label=_("Details for the centre"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the centre needs to know to decide. Kept encrypted."),
    )
    region = forms.ModelChoiceField(
        label=_("Region where the person is"), queryset=Region.objects.order_by("name")
    )
    presumed_minor = forms.BooleanField(
        label=_("The person may be a minor (age uncertain)"),
        required=False,
        help_text=_(
            "A person whose age is uncertain is presumed a minor and goes to a centre for minors."
        ),
    )
    centre = CentreChoiceField(
        label=_("Centre"),
        queryset=_centres(),
        required=False,
        empty_label=_("The centre of the region, by the person's age (recommended)"),
    )
    referred_on = forms.DateField(
        label=_("Referral date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # For the centre's triage (issue 16 item 4).
    exploitation_form = forms.ChoiceField(
        label=_("Form of exploitation (presumed)"),
        required=False,
        choices=[("", _("Not known")), *ExploitationForm.choices],
    )
    imminent_danger = forms.BooleanField(
        label=_("The person is in danger now"),
        required=False,
        help_text=_("The centre sees the referral as urgent."),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = _source_choices(actor)  # type: ignore[attr-defined]
        self.fields["centre"].queryset = _centres()  # type: ignore[attr-defined]
        organisation = actor.organisation
        if organisation is not None and organisation.region_id:
            self.fields["region"].initial = organisation.region_id
        self.fields["referred_on"].initial = timezone.localdate()


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DeclineForm(VersionForm):
    reason = forms.CharField(
        label=_("Why your centre declines"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why your centre declines this referral.")},
    )


class WithdrawForm(VersionForm):
    reason = forms.CharField(
        label=_("Why you withdraw it (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PersonMode:
    NONE = "none"
    EXISTING = "existing"
    NEW = "new"


def _answer(value: str) -> bool | None:
    """A yes/no/not-asked radio's value as the action reads it."""
    return {"yes": True, "no": False}.get(value)


PHONE_NUMBER = RegexValidator(
    r"^\+?[0-9 ()./-]{6,40}$", _("Give the phone number with digits only (and + or spaces).")
)


class HotlineForm(forms.Form):
    """One contact, entered on a phone during or right after the call."""

    contact_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=HotlineChannel.choices)
    language = forms.ChoiceField(label=_("Language of the contact"), choices=language_choices)
    caller_type = forms.ChoiceField(label=_("Who contacted us"), choices=CallerType.choices)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kept encrypted. Seen only by your centre."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=HotlineOutcome.choices, widget=forms.RadioSelect
    )
    emergency = forms.BooleanField(
        label=_("Emergency (danger now)"),
        required=False,
        help_text=_("An emergency outcome is always flagged."),
    )
    person_mode = forms.ChoiceField(
        label=_("Person concerned"),
        choices=[
            (PersonMode.NONE, _("No one in particular, or the caller stays anonymous")),
            (PersonMode.EXISTING, _("A person your centre already knows")),
            (PersonMode.NEW, _("A new person")),
        ],
        initial=PersonMode.NONE,
        widget=forms.RadioSelect,
    )
    # Typed, or found by name with the person picker (issue 16 item 1).
    person_reference = PersonPickerField(label=_("Reference of the person"), required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=120, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.NON_SPECIFIED_UNKNOWN
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        required=False,
        choices=lambda: [("", _("Unknown")), *country_choices()],
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        validators=[PHONE_NUMBER],
        help_text=_("Kept encrypted on the person's record."),
    )
    phone_use = forms.ChoiceField(
        label=_("May the person be called back on it?"),
        required=False,
        choices=[
            ("", _("Not asked")),
            ("yes", _("Yes, the person may be called back on this number")),
            ("no", _("No, never call it (a shared or watched phone)")),
        ],
        initial="",
        widget=forms.RadioSelect,
    )
    referral_consent = forms.ChoiceField(
        label=_("Does the person agree to be referred to a specialised centre?"),
        required=False,
        choices=[
            ("", _("Not asked")),
            ("yes", _("Agrees to be referred")),
            ("no", _("Refuses to be referred")),
        ],
        initial="",
        widget=forms.RadioSelect,
        help_text=_(
            "Recorded as the person's consent. An adult is referred only with it; the call's "
            "summary goes with the referral only then."
        ),
    )
    interpreter = forms.BooleanField(label=_("An interpreter helped"), required=False)
    region = forms.ModelChoiceField(
        label=_("Region where the person is"),
        queryset=Region.objects.order_by("name"),
        required=False,
    )
    presumed_minor = forms.BooleanField(
        label=_("The person may be a minor (age uncertain)"), required=False
    )
    centre = CentreChoiceField(
        label=_("Centre"),
        queryset=_centres(),
        required=False,
        empty_label=_("The centre of the region, by the person's age (recommended)"),
    )
    referral_reason = forms.ChoiceField(
        label=_("Reason for the referral"),
        choices=ReferralReason.choices,
        initial=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
    )
    referral_details = forms.CharField(
        label=_("Details for the centre"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = actor.organisation
        if organisation is not None and organisation.region_id:
            self.fields["region"].initial = organisation.region_id
        self.fields["centre"].queryset = _centres()  # type: ignore[attr-defined]
        self.fields["contact_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode = data.get("person_mode")
        if mode == PersonMode.EXISTING and not data.get("person_reference"):
            self.add_error("person_reference", _("Give the reference of the person."))
        if mode == PersonMode.NEW and not any(
            data.get(name) for name in ("given_names", "family_name", "age", "nationality")
        ):
            self.add_error(
                "given_names", _("Say at least a name, an age or a nationality of the new person.")
            )
        if data.get("outcome") == HotlineOutcome.REFERRAL and mode == PersonMode.NONE:
            self.add_error(
                "person_mode", _("A referral needs a person: link one or record a new one.")
            )
        if data.get("referral_consent") and mode == PersonMode.NONE:
            self.add_error("referral_consent", _("Link or record the person whose answer this is."))
        if data.get("phone") and mode != PersonMode.NEW:
            self.add_error("phone", _("A phone number is taken for a new person only."))
        if data.get("phone_use") and not (mode == PersonMode.NEW and data.get("phone")):
            self.add_error("phone_use", _("Give the phone number this answer is about."))
        return data

    def entry_data(self) -> HotlineEntryData:
        data = self.cleaned_data
        return HotlineEntryData(
            contact_at=data["contact_at"],
            channel=data["channel"],
            language=data["language"],
            caller_type=data["caller_type"],
            summary=data["summary"],
            outcome=data["outcome"],
            emergency=data["emergency"],
            referral_consent=_answer(data["referral_consent"]),
            interpreter=data["interpreter"],
            phone_safe=_answer(data["phone_use"]),
        )

    def linked_reference(self) -> str:
        data = self.cleaned_data
        return str(data["person_reference"]) if data["person_mode"] == PersonMode.EXISTING else ""

    def new_person(self) -> PersonData | None:
        data = self.cleaned_data
        if data["person_mode"] != PersonMode.NEW:
            return None
        return PersonData(
            given_names=data["given_names"],
            family_name=data["family_name"],
            age_at_first_contact=data["age"],
            gender=data["gender"],
            phone=data["phone"],
            nationalities=[data["nationality"]] if data["nationality"] else [],
            # The language the person spoke to the hotline is one they speak.
            languages=[data["language"]],
            first_contact_on=timezone.localdate(data["contact_at"]),
        )

    def referral_data(self) -> HotlineReferralData:
        data = self.cleaned_data
        return HotlineReferralData(
            reason=data["referral_reason"],
            details=data["referral_details"],
            region=data["region"],
            centre=data["centre"],
            presumed_minor=data["presumed_minor"],
        )


class HotlineFilterForm(forms.Form):
    """The log's filters: clear columns only (the summary is encrypted)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("Any")), *HotlineOutcome.choices]
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any")), *HotlineChannel.choices]
    )
    caller_type = forms.ChoiceField(
        label=_("Who contacted us"), required=False, choices=[("", _("Any")), *CallerType.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=lambda: [("", _("Any")), *language_choices()],
    )
    emergency = forms.BooleanField(label=_("Emergencies only"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SupportOverrideForm(forms.Form):
    """The centre director's override for a person recorded as a suspect."""

    person = forms.CharField(
        label=_("Person reference"),
        max_length=16,
        help_text=_("The reference given by the organisation whose referral was refused (P-…)."),
    )
    reason = forms.CharField(
        label=_("Reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why your centre takes this person on. Kept encrypted and audited."),
    )


class AddendumForm(forms.Form):
    """Information the referrer adds to a referral it sent (issue 18 §3)."""

    text = forms.CharField(
        label=_("Information to add"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("The centre sees it with the referral. Kept encrypted."),
        error_messages={"required": _("Write the information to add.")},
    )


class ResendForm(ConsentConfirmForm):
    """Send a declined referral to another centre, with the same person and facts."""

    centre = CentreChoiceField(label=_("Centre"), queryset=_centres())

    def __init__(self, *args: Any, declined_by: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centres = _centres()
        if declined_by is not None:
            centres = centres.exclude(pk=declined_by)
        self.fields["centre"].queryset = centres  # type: ignore[attr-defined]


class ReviewRequestForm(forms.Form):
    """Ask for a second look at a declined referral: one reviewer, or several (a panel)."""

    reviewers: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Reviewer, or the members of the panel"), queryset=None
    )
    grounds = forms.CharField(
        label=_("Why the decision should be reviewed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Kept encrypted. The person who took the decision cannot review it."),
    )

    def __init__(self, *args: Any, reviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewers"]
        field.queryset = reviewers  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.display_name  # type: ignore[attr-defined]


class ReviewDecideForm(forms.Form):
    overturn = forms.TypedChoiceField(
        label=_("The review's decision"),
        choices=[("0", _("Uphold the decision")), ("1", _("Overturn the decision"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
