"""The catalogue of figures: what each counts, from which source, broken down by what.

Every figure counts one kind of unit and says so (`unit`, `source`, `note`); victims and
suspects are never counted in the same figure (`population`). A figure's units are extracted
from the other apps' records, read-only, by one INSERT ... SELECT into `Fact` per figure and
year (`facts_refresh` in `actions.py`): no Python loop over the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DecimalField,
    DurationField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nrm.aftercare.models import (
    ContactOutcome,
    ExitPathway,
    ExitPlan,
    FollowUpContact,
    RetraffickingFlag,
)
from nrm.inspections.models import Inspection, Screening
from nrm.inspections.vocab import InspectionOutcome, InspectionStatus, Sector
from nrm.organisations.models import OrganisationType
from nrm.pathway.rules_be import STATE_LABELS, BeEvent
from nrm.people.vocab import Gender
from nrm.prosecution.models import (
    Allocation,
    Asset,
    CaseDecision,
    CaseFile,
    CaseSuspect,
    CaseVictim,
    Verdict,
)
from nrm.prosecution.vocab import ExploitationForm, Suspension, VerdictOutcome
from nrm.protection.models import DocumentLapse, StatusEvent
from nrm.referrals.models import CallerType, HotlineEntry, Referral, ReferralSource, ReferralStatus


class Population(StrEnum):
    """Whom or what a figure counts; one figure never mixes two."""

    PRESUMED_VICTIMS = "presumed_victims"
    VICTIMS = "victims"
    SUSPECTS = "suspects"
    CASES = "cases"
    DECISIONS = "decisions"
    MONEY = "money"
    ACTIVITY = "activity"


UNKNOWN = "UNKNOWN"
OTHER = "OTHER"

SEX_LABELS: dict[str, Promise] = {
    "FEMALE": pgettext_lazy("sex", "Female"),
    "MALE": pgettext_lazy("sex", "Male"),
    "OTHER_OR_UNKNOWN": pgettext_lazy("sex", "Other or unknown"),
}
AGE_LABELS: dict[str, Promise] = {
    "MINOR": _("Minor at first contact"),
    "ADULT": _("Adult at first contact"),
    UNKNOWN: _("Age unknown"),
}
FORM_LABELS: dict[str, Promise | str] = {
    **dict(ExploitationForm.choices),
    UNKNOWN: _("Form not yet known"),
}
DOCUMENT_LABELS: dict[str, Promise] = {
    "ANNEX_15": _("Reflection-period document (annex 15)"),
    "PROVISIONAL": _("Provisional document (3 months)"),
    "PERMIT": _("Temporary permit (6 months)"),
    "RENEWAL": _("Renewal of the temporary permit"),
    "PERMANENT": _("Permanent residence"),
    "HUMANITARIAN": _("Humanitarian residence"),
}
PRISON_LABELS: dict[str, Promise] = {
    "UNDER_1Y": _("Under 1 year"),
    "1_TO_3Y": _("1 to under 3 years"),
    "3_TO_5Y": _("3 to under 5 years"),
    "5Y_AND_MORE": _("5 years and more"),
}
ROUTE_LABELS: dict[str, Promise] = {
    "CIVIL_CLAIM": _("Compensation of a civil party"),
    "BACK_PAY": _("Back pay"),
}
DECISION_LABELS: dict[str, Promise] = {
    "open_investigation": _("Investigation opened"),
    "give_opinion": _("Opinion on victim status"),
    "dismiss": _("Dismissal"),
    "reopen": _("Reopened"),
    "indict": _("Indictment"),
    "request_conviction": _("Conviction requested"),
    "record_judgment": _("Judgment recorded"),
    "appeal": _("Appeal"),
    "finalise": _("Judgment final"),
}

ACCOMPANIED_LABELS: dict[str, Promise] = {
    "NEW": _("Accompanied for the first time this year"),
    "CONTINUING": _("Accompanied since an earlier year"),
}
ANSWER_TIME_LABELS: dict[str, Promise] = {
    "UNDER_24H": _("Under 24 hours"),
    "1_TO_3D": _("1 to 3 days"),
    "OVER_3D": _("More than 3 days"),
}
FOCUS_LABELS: dict[str, Promise] = {
    "FOCUSED": _("Trafficking-focused"),
    "OTHER": _("Other inspections"),
}
LINKED_LABELS: dict[str, Promise] = {
    "ONE_RECORD": _("Persons with one record"),
    "SEVERAL_RECORDS": _("Persons with several records linked"),
}
MET_AGAIN_LABELS: dict[str, Promise] = {
    "CONFIRMED": _("Exploited again, as confirmed by the centre"),
    "NOT_CONFIRMED": _("Met again, not exploited according to the centre"),
    "NOT_YET_REVIEWED": _("Met again, not yet looked at by the centre"),
}
_DOCUMENT_EVENTS = {
    BeEvent.REFLECTION_DOCUMENT_ISSUED: "ANNEX_15",
    BeEvent.PROVISIONAL_DOCUMENT_ISSUED: "PROVISIONAL",
    BeEvent.TEMPORARY_PERMIT_ISSUED: "PERMIT",
    BeEvent.TEMPORARY_PERMIT_RENEWED: "RENEWAL",
    BeEvent.PERMANENT_RESIDENCE_GRANTED: "PERMANENT",
    BeEvent.HUMANITARIAN_RESIDENCE_GRANTED: "HUMANITARIAN",
}


@dataclass(frozen=True)
class Dimension:
    key: str
    label: Promise
    column: str  # the Fact column
    # A fixed vocabulary (in publication order) or None: the values found, sorted.
    labels: Mapping[str, Promise | str] | None = None
    # Keep the N largest values and fold the rest into "other" (nationality).
    top: int | None = None


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in [
        Dimension("year", _("Year"), "year"),
        Dimension("form", _("Form of exploitation"), "form", FORM_LABELS),
        Dimension("sector", _("Economic sector (NACE section)"), "sector", dict(Sector.choices)),
        Dimension("sex", _("Sex"), "sex", SEX_LABELS),
        Dimension("age", _("Minor or adult at first contact"), "age_group", AGE_LABELS),
        Dimension("nationality", _("Nationality (first recorded)"), "nationality", top=10),
        Dimension("region", _("Region"), "region"),
        Dimension(
            "referrer",
            _("Referring organisation type"),
            "referrer",
            dict(OrganisationType.choices),
        ),
        Dimension("phase", _("Status phase"), "phase", {**STATE_LABELS, UNKNOWN: _("No pathway")}),
        Dimension("category", _("Category"), "category"),
        Dimension("suspension", _("Suspension"), "detail", dict(Suspension.choices)),
        # Other figures' second category, in the same `detail` column (one figure never
        # uses two of them).
        Dimension("source", _("Source of the referral"), "detail", dict(ReferralSource.choices)),
        Dimension(
            "outcome",
            _("Outcome of the inspection"),
            "detail",
            {**dict(InspectionOutcome.choices), UNKNOWN: _("Outcome not yet reported")},
        ),
    ]
}


@dataclass(frozen=True)
class Figure:
    id: str
    title: Promise
    unit: Promise
    source: Promise
    note: Promise
    population: Population
    dimensions: tuple[str, ...]
    extract: Callable[[int], QuerySet[Any]] = field(repr=False)
    category_label: Promise | None = None
    category_labels: Mapping[str, Promise | str] | None = None
    # Money figures sum `amount_eur`; the others count units.
    money: bool = False
    # A figure filled after the others by record linkage over these figures' persons
    # (`facts_refresh`), not by an INSERT ... SELECT.
    linked_from: tuple[str, ...] = ()


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _person(prefix: str) -> dict[str, Expression | F]:
    """Sex, minor/adult, first nationality and status phase of the person at `prefix`."""
    return {
        "s_sex": Case(
            When(
                **{f"{prefix}gender__in": [Gender.FEMININE, Gender.TRANSGENDER_FEMININE]},
                then=_text("FEMALE"),
            ),
            When(
                **{f"{prefix}gender__in": [Gender.MASCULINE, Gender.TRANSGENDER_MASCULINE]},
                then=_text("MALE"),
            ),
            default=_text("OTHER_OR_UNKNOWN"),
        ),
        "s_age": Case(
            When(**{f"{prefix}age_at_first_contact__lt": 18}, then=_text("MINOR")),
            When(**{f"{prefix}age_at_first_contact__gte": 18}, then=_text("ADULT")),
            default=_text(UNKNOWN),
        ),
        "s_nat": Coalesce(
            Cast(KeyTextTransform("0", f"{prefix}nationalities"), CharField()), _text("")
        ),
        "s_phase": Coalesce(F(f"{prefix}pathway__state"), _text(UNKNOWN)),
    }


def _first_of_year(model: type, person: str, **same: object) -> Exists:
    """True when an earlier row of the same kind names the same person in the same year: each
    person is counted once a year, at the first such row."""
    return Exists(
        model._default_manager.filter(  # type: ignore[attr-defined]
            **{person: OuterRef(person)}, pk__lt=OuterRef("pk"), **same
        )
    )


def _referred(year: int) -> QuerySet[Any]:
    accepted = {"status": ReferralStatus.ACCEPTED, "referred_on__year": year}
    first_case_form = Subquery(
        CaseVictim.objects.filter(person=OuterRef("person"))
        .order_by("case__opened_on", "pk")
        .values("case__exploitation_form")[:1]
    )
    return (
        Referral.objects.filter(**accepted)
        .exclude(_first_of_year(Referral, "person", **accepted))
        .annotate(
            s_unit=F("person_id"),
            s_form=Coalesce(
                first_case_form,
                Case(
                    When(source=ReferralSource.INSPECTION, then=_text(ExploitationForm.LABOUR)),
                    default=_text(UNKNOWN),
                ),
            ),
            s_region=Coalesce(F("region__code"), _text("")),
            s_referrer=F("referring_organisation__type"),
            **_person("person__"),
        )
    )


def _screened(year: int) -> QuerySet[Any]:
    same = {"suggests_potential_victim": True, "screened_on__year": year}
    return (
        Screening.objects.filter(**same)
        .exclude(_first_of_year(Screening, "person", **same))
        .annotate(
            s_unit=F("person_id"),
            s_sector=F("inspection__sector"),
            s_region=Coalesce(F("inspection__worksite__region__code"), _text("")),
            **_person("person__"),
        )
    )


def _documents(year: int) -> QuerySet[Any]:
    document = Case(
        *[When(type=event, then=_text(code)) for event, code in _DOCUMENT_EVENTS.items()],
        default=_text(""),
    )
    same = {"on__year": year}
    earlier = StatusEvent.objects.filter(
        record=OuterRef("record"), type=OuterRef("type"), pk__lt=OuterRef("pk"), **same
    )
    return (
        StatusEvent.objects.filter(type__in=list(_DOCUMENT_EVENTS), **same)
        .exclude(Exists(earlier))
        .annotate(s_unit=F("record__person_id"), s_category=document, **_person("record__person__"))
    )


def _accompanied(year: int) -> QuerySet[Any]:
    """Persons a centre accompanies during `year`: accepted by a centre that year or earlier,
    and the centre's involvement that the referral opened not ended before the year."""
    start = datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    active = Q(status=ReferralStatus.ACCEPTED, referred_on__lte=date(year, 12, 31)) & (
        Q(received_involvement__isnull=True)
        | Q(received_involvement__until__isnull=True)
        | Q(received_involvement__until__gte=start)
    )
    earlier_row = Referral.objects.filter(active, person=OuterRef("person"), pk__lt=OuterRef("pk"))
    accepted_before = Referral.objects.filter(
        person=OuterRef("person"),
        status=ReferralStatus.ACCEPTED,
        referred_on__lt=date(year, 1, 1),
    )
    return (
        Referral.objects.filter(active)
        .exclude(Exists(earlier_row))
        .annotate(
            s_unit=F("person_id"),
            s_category=Case(
                When(Exists(accepted_before), then=_text("CONTINUING")), default=_text("NEW")
            ),
            s_referrer=F("referring_organisation__type"),
            **_person("person__"),
        )
    )


def _answer_times(year: int) -> QuerySet[Any]:
    """Referrals of `year` a centre answered (accepted or declined), by time to answer."""
    waited = ExpressionWrapper(F("decided_at") - F("created_at"), output_field=DurationField())
    return (
        Referral.objects.filter(
            referred_on__year=year,
            status__in=[ReferralStatus.ACCEPTED, ReferralStatus.DECLINED],
            decided_at__isnull=False,
        )
        .annotate(s_waited=waited)
        .annotate(
            s_unit=F("pk"),
            s_category=Case(
                When(s_waited__lt=timedelta(hours=24), then=_text("UNDER_24H")),
                When(s_waited__lte=timedelta(days=3), then=_text("1_TO_3D")),
                default=_text("OVER_3D"),
            ),
            s_referrer=F("referring_organisation__type"),
        )
    )


def _lapses(year: int) -> QuerySet[Any]:
    """Persons who obtained a document in `year` after a period without one (a lapse found
    by the pathway engine), once per kind of document."""
    # The Belgian pathway's lapses: the rapporteur's figures are those of this installation.
    same = {"until__year": year, "jurisdiction": "BE"}
    earlier = DocumentLapse.objects.filter(
        record__person=OuterRef("record__person"),
        document=OuterRef("document"),
        pk__lt=OuterRef("pk"),
        **same,
    )
    return (
        DocumentLapse.objects.filter(**same)
        .exclude(Exists(earlier))
        .annotate(
            s_unit=F("record__person_id"), s_category=F("document"), **_person("record__person__")
        )
    )


def _exits(year: int) -> QuerySet[Any]:
    """Persons whose support by a centre ended in `year`, by where they were going (the
    exit plan); a person with two plans ending that year counts once, at the first."""
    same = {"support_ended_on__year": year}
    return (
        ExitPlan.objects.filter(**same)
        .exclude(_first_of_year(ExitPlan, "person", **same))
        .annotate(s_unit=F("person_id"), s_category=F("pathway"), **_person("person__"))
    )


def _follow_ups(year: int) -> QuerySet[Any]:
    """Persons contacted after their support in `year`, by the outcome of the year's last
    contact (where they stand now, not where they stood at three months)."""
    same = {"done_on__year": year}
    person = "plan__person"
    later = FollowUpContact.objects.filter(
        Q(done_on__gt=OuterRef("done_on")) | Q(done_on=OuterRef("done_on"), pk__gt=OuterRef("pk")),
        **{person: OuterRef(person)},
        **same,
    )
    return (
        FollowUpContact.objects.filter(**same)
        .exclude(Exists(later))
        .annotate(s_unit=F("plan__person_id"), s_category=F("outcome"), **_person("plan__person__"))
    )


def _met_again(year: int) -> QuerySet[Any]:
    """Persons whose support had ended and who were met again in `year` (re-trafficking
    flags raised that year), once each: confirmed by the centre if any of the year's flags
    was, else not yet looked at if one is open, else not confirmed."""
    same = {"raised_at__year": year}
    person = "plan__person"
    flags = RetraffickingFlag.objects.filter(**{person: OuterRef(person)}, **same)
    return (
        RetraffickingFlag.objects.filter(**same)
        .exclude(_first_of_year(RetraffickingFlag, person, **same))
        .annotate(
            s_unit=F("plan__person_id"),
            s_category=Case(
                When(Exists(flags.filter(confirmed=True)), then=_text("CONFIRMED")),
                When(
                    Exists(flags.filter(reviewed_at__isnull=True)), then=_text("NOT_YET_REVIEWED")
                ),
                default=_text("NOT_CONFIRMED"),
            ),
            **_person("plan__person__"),
        )
    )


def _linked(year: int) -> QuerySet[Any]:
    """Never extracted by SQL: `facts_refresh` fills this figure by record linkage."""
    raise NotImplementedError("filled by record linkage in facts_refresh")


def _suspects(year: int) -> QuerySet[Any]:
    same = {"person__isnull": False, "case__opened_on__year": year}
    return (
        CaseSuspect.objects.filter(**same)
        .exclude(_first_of_year(CaseSuspect, "person", **same))
        .annotate(s_unit=F("person_id"), s_form=F("case__exploitation_form"), **_person("person__"))
    )


def _cases(year: int) -> QuerySet[Any]:
    return CaseFile.objects.filter(opened_on__year=year).annotate(
        s_unit=F("pk"),
        s_form=F("exploitation_form"),
        s_region=Coalesce(F("judicial_district__region__code"), _text("")),
    )


def _decisions(year: int) -> QuerySet[Any]:
    return CaseDecision.objects.filter(decided_on__year=year).annotate(
        s_unit=F("pk"), s_form=F("case__exploitation_form"), s_category=F("transition")
    )


def _verdicts(year: int) -> QuerySet[Any]:
    return Verdict.objects.filter(judgment__judged_on__year=year).annotate(
        s_unit=F("pk"), s_form=F("judgment__case__exploitation_form"), s_category=F("outcome")
    )


def _sentences(year: int) -> QuerySet[Any]:
    band = Case(
        When(prison_months__lt=12, then=_text("UNDER_1Y")),
        When(prison_months__lt=36, then=_text("1_TO_3Y")),
        When(prison_months__lt=60, then=_text("3_TO_5Y")),
        default=_text("5Y_AND_MORE"),
    )
    return Verdict.objects.filter(
        judgment__judged_on__year=year,
        outcome=VerdictOutcome.CONVICTED,
        prison_months__isnull=False,
    ).annotate(
        s_unit=F("pk"),
        s_form=F("judgment__case__exploitation_form"),
        s_category=band,
        s_detail=Coalesce(F("suspension"), _text("")),
    )


def _frozen(year: int) -> QuerySet[Any]:
    return Asset.objects.filter(frozen_on__year=year).annotate(
        s_unit=F("pk"), s_form=F("case__exploitation_form"), s_amount=F("value_eur")
    )


def _confiscated(year: int) -> QuerySet[Any]:
    return Asset.objects.filter(
        confiscated_on__year=year, confiscated_value_eur__isnull=False
    ).annotate(
        s_unit=F("pk"), s_form=F("case__exploitation_form"), s_amount=F("confiscated_value_eur")
    )


def _allocated(year: int) -> QuerySet[Any]:
    return Allocation.objects.filter(allocated_on__year=year).annotate(
        s_unit=F("pk"),
        s_form=F("case__exploitation_form"),
        s_category=Case(
            When(civil_claim__isnull=False, then=_text("CIVIL_CLAIM")),
            default=_text("BACK_PAY"),
        ),
        s_amount=F("amount_eur"),
    )


def _inspections(year: int) -> QuerySet[Any]:
    return Inspection.objects.filter(
        carried_out_on__year=year,
        status__in=[InspectionStatus.CARRIED_OUT, InspectionStatus.REPORTED],
    ).annotate(
        s_unit=F("pk"),
        s_sector=F("sector"),
        s_region=Coalesce(F("worksite__region__code"), _text("")),
        s_category=Case(
            When(trafficking_focused=True, then=_text("FOCUSED")), default=_text("OTHER")
        ),
        s_detail=F("outcome"),
    )


def _hotline(year: int) -> QuerySet[Any]:
    return HotlineEntry.objects.filter(contact_at__year=year).annotate(
        s_unit=F("pk"), s_category=F("caller_type")
    )


def _referrals(year: int) -> QuerySet[Any]:
    return Referral.objects.filter(referred_on__year=year).annotate(
        s_unit=F("pk"),
        s_category=F("status"),
        s_referrer=F("referring_organisation__type"),
        s_region=Coalesce(F("region__code"), _text("")),
        s_detail=F("source"),
    )


_PERSON_DIMS = ("sex", "age", "nationality")

FIGURES: dict[str, Figure] = {
    f.id: f
    for f in [
        Figure(
            "presumed_victims_referred",
            _("Presumed victims referred to a specialised centre"),
            _("persons referred to a specialised centre as presumed victims"),
            _("specialised centres (referrals accepted)"),
            _(
                "Each person is counted once a year, at the first referral a centre accepted "
                "that year. The form of exploitation is that of the first case file naming the "
                "person as a victim; a person referred by a labour-inspection team without a "
                "case file is counted under labour exploitation (those teams work only on "
                "labour exploitation); otherwise the form is not yet known."
            ),
            Population.PRESUMED_VICTIMS,
            ("form", *_PERSON_DIMS, "region", "referrer", "phase"),
            _referred,
        ),
        Figure(
            "persons_accompanied",
            _("Persons accompanied by a specialised centre"),
            _(
                "persons a specialised centre accompanied during the year (new this year or in "
                "total)"
            ),
            _("specialised centres (referrals accepted and the care involvement they opened)"),
            _(
                "Each person is counted once a year, from a referral a centre accepted that "
                "year or earlier whose care involvement had not ended before the year. "
                "“For the first time this year”: no referral of the person was accepted in an "
                "earlier year; the total is the persons accompanied in total."
            ),
            Population.PRESUMED_VICTIMS,
            ("category", *_PERSON_DIMS, "referrer", "phase"),
            _accompanied,
            category_label=_("Accompanied"),
            category_labels=ACCOMPANIED_LABELS,
        ),
        Figure(
            "presumed_victims_distinct",
            _("Distinct presumed victims across organisations, after record linkage"),
            _(
                "distinct persons among the presumed victims referred, accompanied or met with "
                "indicators that year, after linking the records of different organisations"
            ),
            _(
                "specialised centres and labour inspection, linked by privacy-preserving record "
                "linkage"
            ),
            _(
                "The same human may have a record at several organisations. Records the "
                "linkage takes for one person count once here; the row “several records "
                "linked” shows how many persons had more than one. Records without a current "
                "linkage key count as their own person. No identity is read."
            ),
            Population.PRESUMED_VICTIMS,
            ("category",),
            _linked,
            category_label=_("Records per person"),
            category_labels=LINKED_LABELS,
            linked_from=(
                "presumed_victims_referred",
                "persons_accompanied",
                "persons_met_with_indicators",
            ),
        ),
        Figure(
            "persons_met_with_indicators",
            _("Persons met with indicators of trafficking"),
            _("persons whose screening by a labour-inspection team suggested a potential victim"),
            _("labour inspection (screenings on indicators)"),
            _(
                "Each person is counted once a year. A screening's suggestion is not an "
                "identification: it only says that indicators were observed."
            ),
            Population.PRESUMED_VICTIMS,
            ("sector", *_PERSON_DIMS, "region"),
            _screened,
        ),
        Figure(
            "status_documents",
            _("Persons who obtained a residence document as victims"),
            _("persons who obtained the document that year (each document counted once)"),
            _("immigration office (status events of the victim pathway)"),
            _(
                "A person who obtained two kinds of document in the year is counted under "
                "each; the rows of this table are therefore not a number of persons."
            ),
            Population.VICTIMS,
            ("category", *_PERSON_DIMS),
            _documents,
            category_label=_("Document"),
            category_labels=DOCUMENT_LABELS,
        ),
        Figure(
            "documents_after_gap",
            _("Documents issued after a gap"),
            _("persons who obtained a document that year after a period without a valid one"),
            _("immigration office (lapses found in the victim pathway)"),
            _(
                "Each person is counted once a year for each kind of document that had expired "
                "before a new one was issued; the year is that of the document ending the gap."
            ),
            Population.VICTIMS,
            ("category", *_PERSON_DIMS),
            _lapses,
            category_label=_("Document that had expired"),
            category_labels=DOCUMENT_LABELS,
        ),
        Figure(
            "support_ended",
            _("Persons whose support by a specialised centre ended"),
            _("persons whose support ended that year, by where they were going"),
            _("specialised centres (exit plans)"),
            _(
                "Each person is counted once a year, at the first exit plan of the year. The "
                "categories are fixed, so that the centres' plans can be counted together."
            ),
            Population.PRESUMED_VICTIMS,
            ("category", *_PERSON_DIMS),
            _exits,
            category_label=_("Where the person was going"),
            category_labels=dict(ExitPathway.choices),
        ),
        Figure(
            "follow_up_outcomes",
            _("Outcomes of the follow-up contacts after support"),
            _("persons contacted that year after their support ended, by outcome"),
            _("specialised centres (follow-up contacts)"),
            _(
                "Each person is counted once a year, under the outcome of the last contact of "
                "the year (contacts fall due 3, 6 and 12 months after support by default). "
                "Outcomes are recorded in fixed categories; “could not be reached” and "
                "“declined further contact” are outcomes too."
            ),
            Population.PRESUMED_VICTIMS,
            ("category", "sex", "age"),
            _follow_ups,
            category_label=_("Outcome"),
            category_labels=dict(ContactOutcome.choices),
        ),
        Figure(
            "persons_met_again",
            _("Persons met again after their support ended (re-trafficking flags)"),
            _("persons whose support had ended and who were met again that year"),
            _("specialised centres (re-trafficking flags raised by the deadline worker)"),
            _(
                "A flag is raised when another organisation meets the person again, by the "
                "same record or by record linkage; the centre that supported them then says "
                "whether the person was exploited again. Each person is counted once a year. "
                "Being met again is not in itself re-trafficking: only the first row is."
            ),
            Population.PRESUMED_VICTIMS,
            ("category", "sex", "age"),
            _met_again,
            category_label=_("Re-trafficking"),
            category_labels=MET_AGAIN_LABELS,
        ),
        Figure(
            "suspects",
            _("Suspects named in case files"),
            _("persons named as suspects in case files opened that year"),
            _("prosecution offices (case files)"),
            _(
                "Suspects are counted apart from victims, never with them. Companies named as "
                "suspects are not counted here."
            ),
            Population.SUSPECTS,
            ("form", *_PERSON_DIMS),
            _suspects,
        ),
        Figure(
            "case_files_opened",
            _("Trafficking case files opened"),
            _("case files opened by a prosecution office or labour auditorate"),
            _("prosecution offices (case files)"),
            _("The region is that of the judicial district of the case file."),
            Population.CASES,
            ("form", "region"),
            _cases,
        ),
        Figure(
            "prosecution_decisions",
            _("Decisions on trafficking case files"),
            _("decisions recorded on case files (dismissal, indictment, conviction requested…)"),
            _("prosecution offices and courts (case decisions)"),
            _("A case file with several decisions in the year counts once for each."),
            Population.DECISIONS,
            ("category", "form"),
            _decisions,
            category_label=_("Decision"),
            category_labels=DECISION_LABELS,
        ),
        Figure(
            "defendants_judged",
            _("Defendants judged"),
            _("verdicts on defendants, by outcome"),
            _("courts (judgments)"),
            _("A defendant judged at first instance and on appeal counts once for each."),
            Population.SUSPECTS,
            ("category", "form"),
            _verdicts,
            category_label=_("Outcome"),
            category_labels=dict(VerdictOutcome.choices),
        ),
        Figure(
            "sentences",
            _("Prison sentences"),
            _("convicted defendants sentenced to prison, by length and suspension"),
            _("courts (judgments)"),
            _("Length of the prison sentence pronounced, suspended in whole, in part or not."),
            Population.SUSPECTS,
            ("category", "suspension", "form"),
            _sentences,
            category_label=_("Prison sentence"),
            category_labels=PRISON_LABELS,
        ),
        Figure(
            "assets_frozen",
            _("Assets frozen (EUR)"),
            _("estimated value of assets frozen that year, in euros"),
            _("prosecution offices (assets)"),
            _("Sums are suppressed where fewer assets than the threshold make them up."),
            Population.MONEY,
            ("form",),
            _frozen,
            money=True,
        ),
        Figure(
            "assets_confiscated",
            _("Assets confiscated (EUR)"),
            _("value of assets confiscated that year, in euros"),
            _("courts (confiscation)"),
            _("Sums are suppressed where fewer assets than the threshold make them up."),
            Population.MONEY,
            ("form",),
            _confiscated,
            money=True,
        ),
        Figure(
            "compensation_allocated",
            _("Compensation and back pay allocated (EUR)"),
            _("amounts allocated to victims that year, in euros"),
            _("prosecution offices and courts (allocations)"),
            _("Sums are suppressed where fewer allocations than the threshold make them up."),
            Population.MONEY,
            ("category", "form"),
            _allocated,
            category_label=_("Route"),
            category_labels=ROUTE_LABELS,
            money=True,
        ),
        Figure(
            "inspections",
            _("Labour inspections"),
            _("inspections carried out by labour-inspection teams"),
            _("labour inspection (inspections)"),
            _(
                "Planned and cancelled inspections are not counted. Trafficking-focused "
                "inspections count towards the teams' yearly target; the outcome is that of "
                "the report, not yet known for an inspection not yet reported."
            ),
            Population.ACTIVITY,
            ("category", "outcome", "sector", "region"),
            _inspections,
            category_label=_("Focus"),
            category_labels=FOCUS_LABELS,
        ),
        Figure(
            "referrals",
            _("Referrals to the specialised centres"),
            _("referrals made that year, whatever the centre decided"),
            _("specialised centres (referrals)"),
            _("A person referred twice counts twice; see the presumed victims for persons."),
            Population.ACTIVITY,
            ("category", "source", "referrer", "region"),
            _referrals,
            category_label=_("Decision"),
            category_labels=dict(ReferralStatus.choices),
        ),
        Figure(
            "referral_answer_time",
            _("Time for a centre to answer a referral"),
            _("referrals made that year that a centre accepted or declined, by time to answer"),
            _("specialised centres (referrals)"),
            _(
                "Time from the referral's recording to the centre's decision. Referrals still "
                "awaiting a decision or withdrawn are not counted. Only bands are published, "
                "no median: a median is one referral's own time."
            ),
            Population.ACTIVITY,
            ("category", "referrer"),
            _answer_times,
            category_label=_("Time to answer"),
            category_labels=ANSWER_TIME_LABELS,
        ),
        Figure(
            "hotline_contacts",
            _("Hotline contacts"),
            _("contacts with the centres' 24/7 hotlines"),
            _("specialised centres (hotline log)"),
            _("Every contact counts, including several from the same caller."),
            Population.ACTIVITY,
            ("category",),
            _hotline,
            category_label=_("Caller"),
            category_labels=dict(CallerType.choices),
        ),
    ]
}

# The Fact columns an extraction fills, and the annotation each comes from (absent: empty).
FACT_COLUMNS: dict[str, str] = {
    "unit_key": "s_unit",
    "form": "s_form",
    "sector": "s_sector",
    "sex": "s_sex",
    "age_group": "s_age",
    "nationality": "s_nat",
    "region": "s_region",
    "referrer": "s_referrer",
    "phase": "s_phase",
    "category": "s_category",
    "detail": "s_detail",
    "amount_eur": "s_amount",
}


def extraction(figure: Figure, year: int) -> QuerySet[Any]:
    """The figure's units of `year` as rows of Fact columns, in FACT_COLUMNS order (after
    figure, year and generated), ready for INSERT ... SELECT."""
    qs = figure.extract(year)
    present = set(qs.query.annotations)
    filler: dict[str, Expression] = {}
    for column, alias in FACT_COLUMNS.items():
        if alias in present:
            continue
        if column == "amount_eur":
            filler[alias] = Value(None, output_field=DecimalField(max_digits=14, decimal_places=2))
        else:
            filler[alias] = _text("")
    rows: QuerySet[Any] = (
        qs.annotate(
            s_figure=_text(figure.id),
            s_year=Value(year),
            s_generated=Value(False),
            **filler,
        )
        .order_by()
        .values_list("s_figure", "s_year", "s_generated", *FACT_COLUMNS.values())
    )
    return rows


def category_labels(figure: Figure, dimension: Dimension) -> Mapping[str, Promise | str] | None:
    if dimension.key == "category":
        return figure.category_labels
    return dimension.labels


OTHER_LABEL = _("Other")
UNKNOWN_LABEL = _("Unknown")
