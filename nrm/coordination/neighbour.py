"""This installation's side of a neighbour check, drawn from its own configuration.

The other side of the comparison is typed in (a neighbour check is a study of another
country's mechanism, like the seed note: Belgium seen from Denmark). This side is computed
each time it is shown, so it says what the installation is configured to do today: the
pathway's periods, the targets, the organisations of the mechanism.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.coordination.models import ForumKind, ForumMeeting, NeighbourTopic, PlanAction
from nrm.organisations.models import Organisation, OrganisationType
from nrm.protection.engine import config as pathway_config

T = OrganisationType


@dataclass(frozen=True)
class OwnSide:
    topic: NeighbourTopic
    practice: str
    figures: list[str]
    sources: str


def _period(name: str) -> str:
    period = pathway_config().period(name)
    return f"{period.amount} {period.unit.value.lower()}"


def own_side() -> dict[str, OwnSide]:
    """Per topic, this installation's practice, its figures and where they come from."""
    counts = dict(
        Organisation.objects.filter(is_active=True)
        .values_list("type")
        .annotate(n=Count("pk"))
        .values_list("type", "n")
    )

    def count(kind: str) -> int:
        return int(counts.get(kind, 0))

    meetings = dict(
        ForumMeeting.objects.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    jurisdiction = str(settings.NRM_JURISDICTION)
    sides = [
        OwnSide(
            NeighbourTopic.DEFINITION,
            _(
                "Trafficking is an act (recruiting, transporting, transferring, harbouring, "
                "receiving, taking or transferring control) for an exploitative purpose, "
                "including work in conditions contrary to human dignity; means such as "
                "coercion are aggravating circumstances, not elements."
            ),
            [
                _("Qualification engine ruleset of this installation: %(code)s")
                % {"code": jurisdiction}
            ],
            "RULES.md §2.2, §2.9",
        ),
        OwnSide(
            NeighbourTopic.INSPECTION,
            _(
                "Specialised labour-inspection trafficking teams screen workers on indicators "
                "and refer potential victims to a specialised centre."
            ),
            [
                ngettext(
                    "%(count)d labour-inspection trafficking team",
                    "%(count)d labour-inspection trafficking teams",
                    count(T.LABOUR_INSPECTION_TEAM),
                )
                % {"count": count(T.LABOUR_INSPECTION_TEAM)}
            ],
            _("organisations of this installation"),
        ),
        OwnSide(
            NeighbourTopic.PROSECUTION,
            _(
                "Specialised prosecutors and labour auditors confirm victim status, freeze "
                "assets and request conviction for trafficking."
            ),
            [
                ngettext(
                    "%(count)d prosecution office or labour auditorate",
                    "%(count)d prosecution offices or labour auditorates",
                    count(T.PROSECUTION_OFFICE),
                )
                % {"count": count(T.PROSECUTION_OFFICE)}
            ],
            _("organisations of this installation"),
        ),
        OwnSide(
            NeighbourTopic.TARGETS,
            _(
                "Yearly targets: inspections by the trafficking teams, case files by the "
                "prosecution."
            ),
            [
                _(
                    "National inspection target per year, all trafficking teams together: "
                    "%(n)d (unverified)"
                )
                % {"n": settings.NRM_INSPECTION_NATIONAL_TARGET},
                _("Default case target per office and year: %(n)d (product choice)")
                % {"n": settings.NRM_PROSECUTION_TARGET_DEFAULT},
            ],
            _("settings of this installation"),
        ),
        OwnSide(
            NeighbourTopic.RESIDENCE,
            _(
                "Reflection period, then a provisional document after a complaint, a renewable "
                "temporary permit while the case runs, permanent residence once a trafficking "
                "conviction is requested; humanitarian residence after waiting."
            ),
            [
                _("Reflection period: %(p)s") % {"p": _period("be_reflection")},
                _("Provisional document: %(p)s") % {"p": _period("be_provisional_document")},
                _("Temporary permit and each renewal: %(p)s")
                % {"p": _period("be_temporary_permit")},
                _("Humanitarian route after: %(p)s") % {"p": _period("be_humanitarian_wait")},
            ],
            _("pathway configuration of this installation (RULES.md §3)"),
        ),
        OwnSide(
            NeighbourTopic.CENTRES,
            _(
                "Recognised specialised centres run a 24/7 hotline, shelter and accompany "
                "victims through every step and file their residence requests."
            ),
            [
                _("%(adults)d centres for adults, %(minors)d for minors")
                % {"adults": count(T.CENTRE_ADULTS), "minors": count(T.CENTRE_MINORS)}
            ],
            _("organisations of this installation"),
        ),
        OwnSide(
            NeighbourTopic.RAPPORTEUR,
            _(
                "An independent rapporteur publishes annual statistics and recommendations "
                "from de-identified data."
            ),
            [
                ngettext(
                    "%(count)d independent rapporteur",
                    "%(count)d independent rapporteurs",
                    count(T.RAPPORTEUR),
                )
                % {"count": count(T.RAPPORTEUR)}
            ],
            _("organisations of this installation"),
        ),
        OwnSide(
            NeighbourTopic.COORDINATION,
            _(
                "A coordination unit runs the twice-yearly coordination platform and the "
                "monthly operational forum, keeps the NRM manual and follows the action plan."
            ),
            [
                _("Platform meetings recorded: %(n)d") % {"n": meetings.get(ForumKind.PLATFORM, 0)},
                _("Operational forum meetings recorded: %(n)d")
                % {"n": meetings.get(ForumKind.OPERATIONAL, 0)},
                _("Action-plan actions: %(n)d") % {"n": PlanAction.objects.count()},
            ],
            _("records of this installation"),
        ),
    ]
    return {side.topic: side for side in sides}
