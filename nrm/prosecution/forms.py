"""The forms of the case file pages. Views validate input with them; the actions enforce the
domain rules and answer with the field at fault."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from nrm.inspections.models import ChainLink, Company, Worksite
from nrm.organisations.models import Membership, Organisation, OrganisationType
from nrm.people.picker import PersonPickerField
from nrm.people.vocab import Gender, country_choices
from nrm.prosecution import charges, permissions
from nrm.prosecution.actions import VerdictData
from nrm.prosecution.models import (
    CaseFile,
    CaseInspection,
    CaseProposal,
    CaseSuspect,
    CaseSuspectQuerySet,
    CaseVictim,
    CivilParty,
    QualificationSnapshot,
)
from nrm.prosecution.vocab import (
    Appellant,
    AssetKind,
    BackPayRoute,
    BackPayStatus,
    CaseStatus,
    CivilPartyKind,
    ClaimStatus,
    CompanyRole,
    DisclosureOutcome,
    DisclosureScope,
    DismissalReason,
    ExploitationForm,
    HearingKind,
    ProposalStatus,
    StateFundStatus,
    Suspension,
    VerdictOutcome,
)
from nrm.qualification.forms import FactsForm

T = OrganisationType
TRISTATE = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


def _text(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _money(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def _choices(choices: list[tuple[str, Any]], empty: Any = None) -> list[tuple[str, Any]]:
    return [("", empty or _("Choose…")), *choices]


def tristate(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class VictimChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.person.reference)


class SuspectChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class SuspectsChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class MembershipChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        name = obj.user.get_full_name() or obj.user.username
        return f"{name} · {obj.organisation} · {obj.get_role_display()}"


class CivilPartyChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        if obj.victim is not None:
            return str(obj.victim.person.reference)
        return str(obj.organisation)


def _victims(case: CaseFile) -> QuerySet[CaseVictim]:
    return CaseVictim.objects.filter(case=case).select_related("person").order_by("pk")


def _suspects(case: CaseFile) -> CaseSuspectQuerySet:
    return CaseSuspect.objects.filter(case=case).select_related("person", "company").order_by("pk")


class CaseForm(forms.Form):
    """Base of the forms bound to one case file (their choices are the case's own)."""

    def __init__(self, *args: Any, case: CaseFile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.setup(case)

    def setup(self, case: CaseFile) -> None:
        pass


class VersionForm(CaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TargetForm(CaseForm):
    """An operation on one record of the case (an asset, a claim...): its id, hidden."""

    target = forms.IntegerField(widget=forms.HiddenInput)


# Opening and listing -------------------------------------------------------------------------


class CaseOpenForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A label that names no one, e.g. the site or the operation."),
    )
    exploitation_form = forms.ChoiceField(
        label=_("Form of exploitation"), choices=ExploitationForm.choices
    )
    opened_on = forms.DateField(label=_("Opened on"), widget=_date())
    summary = forms.CharField(
        label=_("Summary of the facts"),
        required=False,
        max_length=8000,
        widget=_text(6),
        help_text=_("Kept encrypted."),
    )


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_choices(CaseStatus.choices, _("Any"))
    )


# Decisions -------------------------------------------------------------------------------------


class OpenInvestigationForm(VersionForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=_date())
    note = forms.CharField(label=_("Note"), required=False, max_length=8000, widget=_text(3))


class OpinionForm(VersionForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=_date())
    victim = VictimChoice(label=_("Victim"), queryset=CaseVictim.objects.none())
    positive = forms.ChoiceField(
        label=_("Opinion"),
        choices=[
            ("yes", _("Positive: considered a victim of trafficking")),
            ("no", _("Negative: not considered a victim")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reasons"), required=False, max_length=8000, widget=_text(3))

    def setup(self, case: CaseFile) -> None:
        self.fields["victim"].queryset = _victims(case)  # type: ignore[attr-defined]

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "expected_version": d["version"],
            "decided_on": d["decided_on"],
            "victim": d["victim"],
            "positive": d["positive"] == "yes",
            "reason": d["reason"],
        }


class DismissForm(VersionForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=_date())
    reason_code = forms.ChoiceField(label=_("Ground"), choices=_choices(DismissalReason.choices))
    reason = forms.CharField(label=_("Reasons"), max_length=8000, widget=_text(3))


class ReopenForm(VersionForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=_date())
    reason = forms.CharField(label=_("Reasons"), max_length=8000, widget=_text(3))


class IndictForm(VersionForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=_date())
    court = forms.ModelChoiceField(
        label=_("Court seised"), queryset=Organisation.objects.none(), empty_label=_("Choose…")
    )

    def setup(self, case: CaseFile) -> None:
        courts = Organisation.objects.filter(type=T.COURT, is_active=True).order_by("name")
        self.fields["court"].queryset = courts  # type: ignore[attr-defined]
        if case.court_id:
            self.fields["court"].initial = case.court_id


class ConvictionRequestForm(VersionForm):
    decided_on = forms.DateField(label=_("Date of the requisitions"), widget=_date())
    defendants = SuspectsChoice(
        label=_("Against"),
        queryset=CaseSuspect.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Defendants charged with trafficking."),
    )

    def setup(self, case: CaseFile) -> None:
        charged = _suspects(case).charged(trafficking=True)
        self.fields["defendants"].queryset = charged  # type: ignore[attr-defined]
        self.fields["defendants"].initial = [s.pk for s in charged]

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "expected_version": d["version"],
            "decided_on": d["decided_on"],
            "defendants": list(d["defendants"]),
        }


class JudgmentForm(VersionForm):
    """The judgment date, then one group of fields per charged defendant."""

    judged_on = forms.DateField(label=_("Judged on"), widget=_date())

    def setup(self, case: CaseFile) -> None:
        # Only the defendants with a charge standing are judged; a suspect never charged
        # (or whose charges were all withdrawn) gets no verdict.
        self.defendants = list(_suspects(case).charged())
        for s in self.defendants:
            self.fields[f"outcome_{s.pk}"] = forms.ChoiceField(
                label=_("Verdict"), choices=_choices(VerdictOutcome.choices)
            )
            self.fields[f"trafficking_{s.pk}"] = forms.BooleanField(
                label=_("Convicted of trafficking"), required=False
            )
            self.fields[f"prison_{s.pk}"] = forms.IntegerField(
                label=_("Prison sentence (months)"), required=False, min_value=0, max_value=1200
            )
            self.fields[f"suspension_{s.pk}"] = forms.ChoiceField(
                label=_("Suspension"), required=False, choices=_choices(Suspension.choices, "—")
            )
            self.fields[f"fine_{s.pk}"] = _money(_("Fine (EUR)"), required=False)
            self.fields[f"confiscation_{s.pk}"] = _money(
                _("Confiscation ordered (EUR)"), required=False
            )

    def groups(self) -> list[tuple[CaseSuspect, list[forms.BoundField]]]:
        names = ("outcome", "trafficking", "prison", "suspension", "fine", "confiscation")
        return [(s, [self[f"{n}_{s.pk}"] for n in names]) for s in self.defendants]

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        verdicts = [
            VerdictData(
                suspect=s,
                outcome=d[f"outcome_{s.pk}"],
                convicted_of_trafficking=d[f"trafficking_{s.pk}"],
                prison_months=d[f"prison_{s.pk}"],
                suspension=d[f"suspension_{s.pk}"],
                fine_eur=d[f"fine_{s.pk}"],
                confiscation_eur=d[f"confiscation_{s.pk}"],
            )
            for s in self.defendants
        ]
        return {"expected_version": d["version"], "judged_on": d["judged_on"], "verdicts": verdicts}


class AppealForm(VersionForm):
    lodged_on = forms.DateField(label=_("Lodged on"), widget=_date())
    appellant = forms.ChoiceField(label=_("Appeal by"), choices=_choices(Appellant.choices))


class FinaliseForm(VersionForm):
    decided_on = forms.DateField(label=_("Final since"), widget=_date())


# Parties and links -----------------------------------------------------------------------------


class AssignForm(CaseForm):
    membership = MembershipChoice(
        label=_("Person to assign"), queryset=Membership.objects.none(), empty_label=_("Choose…")
    )

    def setup(self, case: CaseFile) -> None:
        sources = Q()
        for kind, roles in permissions.INVESTIGATOR_SOURCES.items():
            sources |= Q(organisation__type=kind, role__in=roles)
        self.fields["membership"].queryset = (  # type: ignore[attr-defined]
            Membership.objects.filter(ended_at__isnull=True, user__is_active=True)
            .filter(sources | Q(organisation_id=case.office_id, role="PROSECUTOR"))
            .select_related("user", "organisation")
            .order_by("organisation__name", "user__last_name", "user__username")
        )


class VictimForm(CaseForm):
    # The person picker: a reference, found by name among the persons the user sees.
    person = PersonPickerField(
        label=_("Person reference"),
        help_text=_("The reference given by the police, the inspection or the centre (P-…)."),
    )


class SuspectForm(CaseForm):
    person = PersonPickerField(
        label=_("Person reference"),
        required=False,
        help_text=_("A person already known to the case."),
    )
    company = forms.ModelChoiceField(
        label=_("Or a company linked to the case"),
        required=False,
        queryset=Company.objects.none(),
        empty_label="—",
    )
    given_names = forms.CharField(label=_("Or a new person: given names"), required=False)
    family_name = forms.CharField(label=_("Family name"), required=False)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False, choices=())
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.NON_SPECIFIED_UNKNOWN
    )

    def setup(self, case: CaseFile) -> None:
        self.fields["company"].queryset = Company.objects.filter(  # type: ignore[attr-defined]
            case_links__case=case
        ).order_by("name")
        self.fields["nationality"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]


class CompanyLinkForm(CaseForm):
    """The country's register of companies has no bound: the choices are the companies and
    sites of the inspections linked to the case (bounded by the case); any other company is
    named by its enterprise number, as the labour inspection's report names it."""

    company = forms.ModelChoiceField(
        label=_("Company"),
        required=False,
        queryset=Company.objects.none(),
        empty_label="—",
        help_text=_("The companies in the chains of the sites inspected for this case."),
    )
    enterprise_number = forms.CharField(
        label=_("Or any company by its enterprise number"),
        required=False,
        max_length=14,
        help_text=_("As in the Crossroads Bank for Enterprises: 0123.456.789."),
    )
    role = forms.ChoiceField(label=_("Part in the facts"), choices=_choices(CompanyRole.choices))
    worksite = forms.ModelChoiceField(
        label=_("Site of its chain"),
        required=False,
        queryset=Worksite.objects.none(),
        empty_label="—",
    )

    def setup(self, case: CaseFile) -> None:
        inspected = Worksite.objects.filter(
            inspections__pk__in=CaseInspection.objects.filter(case=case).values("inspection_id")
        )
        sites = Worksite.objects.filter(
            Q(pk__in=inspected.values("pk")) | Q(pk__in=case.companies.values("worksite_id"))
        ).order_by("name")
        self.fields["worksite"].queryset = sites  # type: ignore[attr-defined]
        self.fields["company"].queryset = Company.objects.filter(  # type: ignore[attr-defined]
            pk__in=ChainLink.objects.filter(worksite__in=sites).values("company_id")
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number = "".join(c for c in cleaned.get("enterprise_number", "") if c.isdigit())
        if cleaned.get("company") is None:
            if not number:
                self.add_error("company", _("Choose a company or give its enterprise number."))
                return cleaned
            found = Company.objects.filter(enterprise_number=number).first()
            if found is None:
                self.add_error("enterprise_number", _("No company with this enterprise number."))
            cleaned["company"] = found
        return cleaned


class RowIdsField(forms.Field):
    """Ids of rows chosen with checkboxes the template writes (their labels need more than
    a choice list gives); the action checks that each is the case's."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        try:
            return [int(v) for v in values]
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Choose from the list."), code="invalid") from None


class ProposalsForm(CaseForm):
    """The prosecutor's answer to what linked inspections propose (issue 16 item 2)."""

    CONFIRM, SET_ASIDE, CONFIRM_ALL = "confirm", "set_aside", "confirm_all"
    proposals = RowIdsField(required=False)
    decision = forms.ChoiceField(
        choices=[
            (CONFIRM, _("Confirm the chosen ones")),
            (SET_ASIDE, _("Set the chosen ones aside")),
            (CONFIRM_ALL, _("Confirm all")),
        ]
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == self.CONFIRM_ALL:
            cleaned["proposals"] = list(
                CaseProposal.objects.filter(
                    case=self.case, status=ProposalStatus.PROPOSED
                ).values_list("pk", flat=True)
            )
        if "decision" in cleaned and not cleaned.get("proposals"):
            self.add_error(None, _("Choose at least one proposal."))
        return cleaned


class InspectionLinkForm(CaseForm):
    inspection = forms.CharField(label=_("Inspection reference"), max_length=16)


class EvidenceLinkForm(CaseForm):
    evidence = forms.CharField(label=_("Evidence reference"), max_length=16)


class ChargeForm(CaseForm):
    suspect = SuspectChoice(
        label=_("Suspect"), queryset=CaseSuspect.objects.none(), empty_label=_("Choose…")
    )
    # The provisions that can apply to the case's offence period, as lawyers cite them;
    # stored as the legal engine's id.
    provision = forms.ChoiceField(label=_("Provision"), choices=())
    description = forms.CharField(label=_("Description"), required=False, max_length=300)
    snapshot = forms.ModelChoiceField(
        label=_("Based on the qualification of"),
        required=False,
        queryset=QualificationSnapshot.objects.none(),
        empty_label="—",
    )

    def setup(self, case: CaseFile) -> None:
        self.fields["suspect"].queryset = _suspects(case)  # type: ignore[attr-defined]
        period = charges.offence_period(case)
        self.fields["provision"].choices = _choices(charges.charge_choices(period))  # type: ignore[attr-defined]
        if period is not None:
            self.fields["provision"].help_text = _(
                "The provisions in force for acts from %(start)s to %(end)s, the offence "
                "period of the latest qualification."
            ) % {
                "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(period.end or period.start, "SHORT_DATE_FORMAT"),
            }
        self.fields["snapshot"].queryset = QualificationSnapshot.objects.filter(  # type: ignore[attr-defined]
            case=case
        ).order_by("-taken_at")


class HearingForm(CaseForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=_choices(HearingKind.choices))
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    room = forms.CharField(label=_("Room"), required=False, max_length=100)


class QualificationForm(FactsForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=8000, widget=_text(3))


# Money -------------------------------------------------------------------------------------------


class AssetFreezeForm(CaseForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=_choices(AssetKind.choices))
    value_eur = _money(_("Estimated value (EUR)"))
    frozen_on = forms.DateField(label=_("Frozen on"), widget=_date())
    owner = SuspectChoice(
        label=_("Held by"), required=False, queryset=CaseSuspect.objects.none(), empty_label="—"
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=8000,
        widget=_text(2),
        help_text=_("Account number, plate, address: kept encrypted."),
    )

    def setup(self, case: CaseFile) -> None:
        self.fields["owner"].queryset = _suspects(case)  # type: ignore[attr-defined]


class AssetReleaseForm(VersionForm):
    released_on = forms.DateField(label=_("Released on"), widget=_date())
    reason = forms.CharField(label=_("Reason"), max_length=8000, widget=_text(2))


class AssetConfiscateForm(VersionForm):
    confiscated_on = forms.DateField(label=_("Confiscated on"), widget=_date())
    confiscated_value_eur = _money(_("Confiscated value (EUR)"))


class AllocationForm(CaseForm):
    claim = forms.ChoiceField(label=_("To the claim"), choices=())
    amount_eur = _money(_("Amount (EUR)"))
    allocated_on = forms.DateField(label=_("Allocated on"), widget=_date())

    def setup(self, case: CaseFile) -> None:
        from nrm.prosecution.models import BackPayClaim, CivilClaim

        options: list[tuple[str, Any]] = [("", _("Choose…"))]
        for c in CivilClaim.objects.filter(case=case).select_related(
            "civil_party__victim__person", "civil_party__organisation"
        ):
            who = (
                c.civil_party.victim.person.reference
                if c.civil_party.victim
                else str(c.civil_party.organisation)
            )
            options.append((f"civil:{c.pk}", _("Civil claim of %(who)s") % {"who": who}))
        for b in BackPayClaim.objects.filter(case=case).select_related("worker__person"):
            options.append(
                (f"backpay:{b.pk}", _("Back pay of %(who)s") % {"who": b.worker.person.reference})
            )
        self.fields["claim"].choices = options  # type: ignore[attr-defined]


class CivilPartyForm(CaseForm):
    kind = forms.ChoiceField(label=_("Civil party"), choices=_choices(CivilPartyKind.choices))
    victim = VictimChoice(
        label=_("Victim"), required=False, queryset=CaseVictim.objects.none(), empty_label="—"
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="—",
    )
    joined_on = forms.DateField(label=_("Joined on"), widget=_date())

    def setup(self, case: CaseFile) -> None:
        self.fields["victim"].queryset = _victims(case)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True)
            .exclude(type=T.PLATFORM_OPERATOR)
            .order_by("name")
        )


class CivilClaimForm(CaseForm):
    civil_party = CivilPartyChoice(
        label=_("Civil party"), queryset=CivilParty.objects.none(), empty_label=_("Choose…")
    )
    amount_claimed_eur = _money(_("Amount claimed (EUR)"))
    filed_on = forms.DateField(label=_("Filed on"), widget=_date())
    description = forms.CharField(
        label=_("What is claimed"), required=False, max_length=8000, widget=_text(2)
    )

    def setup(self, case: CaseFile) -> None:
        self.fields["civil_party"].queryset = CivilParty.objects.filter(  # type: ignore[attr-defined]
            case=case
        ).select_related("victim__person", "organisation")


class OutcomeForm(VersionForm):
    """The outcome of a claim or application, one form per transition of its registry
    (`workflow.CIVIL_CLAIMS`, ...): the transition says the outcome, the form asks the date
    and, where the outcome has one, the amount."""

    outcome: str = ""
    amount_field: str | None = None
    decided_on = forms.DateField(label=_("Decided on"), widget=_date())

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        kwargs: dict[str, Any] = {
            "expected_version": d["version"],
            "status": self.outcome,
            "decided_on": d["decided_on"],
        }
        if self.amount_field is not None:
            kwargs[self.amount_field] = d[self.amount_field]
        return kwargs


class CivilClaimAwardForm(OutcomeForm):
    outcome = ClaimStatus.AWARDED
    amount_field = "amount_awarded_eur"
    amount_awarded_eur = _money(_("Amount awarded (EUR)"))


class CivilClaimRejectForm(OutcomeForm):
    outcome = ClaimStatus.REJECTED


class BackPayForm(CaseForm):
    worker = VictimChoice(
        label=_("Worker"), queryset=CaseVictim.objects.none(), empty_label=_("Choose…")
    )
    route = forms.ChoiceField(label=_("Route"), choices=_choices(BackPayRoute.choices))
    amount_claimed_eur = _money(_("Amount claimed (EUR)"))
    filed_on = forms.DateField(label=_("Filed on"), widget=_date())
    employer = forms.ModelChoiceField(
        label=_("Employer"), required=False, queryset=Company.objects.none(), empty_label="—"
    )
    worksite = forms.ModelChoiceField(
        label=_("Site of the chain"),
        required=False,
        queryset=Worksite.objects.none(),
        empty_label="—",
    )
    worked_from = forms.DateField(
        label=_("Worked from"),
        required=False,
        widget=_date(),
        help_text=_("Leave empty when not known: the employment presumption then applies."),
    )
    worked_until = forms.DateField(label=_("Worked until"), required=False, widget=_date())
    months_unpaid = forms.IntegerField(
        label=_("Months not paid"), required=False, min_value=0, max_value=600
    )
    worked_without_permit = forms.ChoiceField(
        label=_("Worked without a work permit"), required=False, choices=TRISTATE
    )

    def setup(self, case: CaseFile) -> None:
        self.fields["worker"].queryset = _victims(case)  # type: ignore[attr-defined]
        self.fields["employer"].queryset = Company.objects.filter(  # type: ignore[attr-defined]
            case_links__case=case
        ).order_by("name")
        self.fields["worksite"].queryset = Worksite.objects.filter(  # type: ignore[attr-defined]
            pk__in=case.companies.exclude(worksite=None).values("worksite_id")
        ).order_by("name")


class BackPayGrantForm(OutcomeForm):
    outcome = BackPayStatus.GRANTED


class BackPayRefuseForm(OutcomeForm):
    outcome = BackPayStatus.REFUSED


class BackPayPaidForm(OutcomeForm):
    outcome = BackPayStatus.PAID
    amount_field = "amount_paid_eur"
    amount_paid_eur = _money(_("Amount paid (EUR)"))


class StateFundForm(CaseForm):
    victim = VictimChoice(
        label=_("Victim"), queryset=CaseVictim.objects.none(), empty_label=_("Choose…")
    )
    filed_on = forms.DateField(label=_("Filed on"), widget=_date())
    amount_requested_eur = _money(_("Amount requested (EUR)"))
    note = forms.CharField(label=_("Note"), required=False, max_length=8000, widget=_text(2))

    def setup(self, case: CaseFile) -> None:
        self.fields["victim"].queryset = _victims(case)  # type: ignore[attr-defined]


class StateFundGrantForm(OutcomeForm):
    outcome = StateFundStatus.GRANTED
    amount_field = "amount_granted_eur"
    amount_granted_eur = _money(_("Amount granted (EUR)"))


class StateFundRefuseForm(OutcomeForm):
    outcome = StateFundStatus.REFUSED


class StateFundWithdrawForm(OutcomeForm):
    outcome = StateFundStatus.WITHDRAWN


# Statements --------------------------------------------------------------------------------------


class StatementForm(CaseForm):
    victim = VictimChoice(
        label=_("Victim"), queryset=CaseVictim.objects.none(), empty_label=_("Choose…")
    )
    taken_on = forms.DateField(label=_("Taken on"), widget=_date())
    language = forms.CharField(label=_("Language (ISO 639)"), required=False, max_length=3)
    text = forms.CharField(
        label=_("Statement"),
        max_length=50000,
        widget=_text(10),
        help_text=_(
            "Kept encrypted and apart from the case file; the defence sees it only after a "
            "judge's decision."
        ),
    )

    def setup(self, case: CaseFile) -> None:
        self.fields["victim"].queryset = _victims(case)  # type: ignore[attr-defined]


class DisclosureForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DisclosureOutcome.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=_date())
    scope = forms.ChoiceField(
        label=_("What the defence may see"),
        required=False,
        choices=_choices(DisclosureScope.choices, "—"),
    )
    redacted_text = forms.CharField(
        label=_("Redacted version"),
        required=False,
        max_length=50000,
        widget=_text(8),
        help_text=_("Only when the defence sees a redacted version."),
    )
    conditions = forms.CharField(
        label=_("Conditions"), required=False, max_length=8000, widget=_text(3)
    )
    questioning_allowed = forms.BooleanField(
        label=_("The defence may question the victim"), required=False
    )
    defence_of = SuspectChoice(
        label=_("Defence of"),
        required=False,
        queryset=CaseSuspect.objects.none(),
        empty_label=_("Every defendant"),
    )
    recipient = forms.CharField(label=_("Handed to (lawyer)"), required=False, max_length=300)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=_date())

    def __init__(self, *args: Any, case: CaseFile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["defence_of"].queryset = _suspects(case)  # type: ignore[attr-defined]


# Meetings and targets --------------------------------------------------------------------------


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=_date())
    title = forms.CharField(label=_("Title"), max_length=200)
    location = forms.CharField(label=_("Place"), required=False, max_length=200)
    participants = forms.ModelMultipleChoiceField(
        label=_("Labour inspection and police taking part"),
        queryset=Organisation.objects.filter(
            type__in=permissions.MEETING_PARTICIPANT_TYPES, is_active=True
        ).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=8000, widget=_text(3))


class AgendaItemForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    case = forms.ModelChoiceField(
        label=_("Case file"), required=False, queryset=CaseFile.objects.none(), empty_label="—"
    )
    discussion = forms.CharField(
        label=_("Discussion"), required=False, max_length=8000, widget=_text(3)
    )
    decision = forms.CharField(
        label=_("Decision"), required=False, max_length=8000, widget=_text(2)
    )

    def __init__(self, *args: Any, cases: QuerySet[CaseFile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    description = forms.CharField(label=_("What is to be done"), max_length=8000, widget=_text(2))
    responsible = forms.ModelChoiceField(
        label=_("Responsible"), queryset=Organisation.objects.none(), empty_label=_("Choose…")
    )
    due_on = forms.DateField(label=_("Due"), widget=_date())

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = organisations  # type: ignore[attr-defined]


class CaseTargetForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Organisation.objects.filter(type=T.PROSECUTION_OFFICE, is_active=True).order_by(
            "name"
        ),
        empty_label=_("Choose…"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    target = forms.IntegerField(label=_("Target"), min_value=0, max_value=10000)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
