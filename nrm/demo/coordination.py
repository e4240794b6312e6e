"""The demo world's coordination: the Belgian manual's working text, a platform meeting
that adopts two actions of the national action plan, the monthly operational forum with
follow-ups, progress on the actions, and the neighbour check Belgium-Denmark (the seed
note's own comparison, Belgium seen from Denmark).

Everything goes through the real coordination actions. No text names a person or a case.
"""

from __future__ import annotations

from datetime import date, timedelta

from nrm.access.context import Actor
from nrm.coordination import actions
from nrm.coordination.models import ActionStatus, ForumKind, NeighbourTopic
from nrm.organisations.models import Organisation, OrganisationType

T = OrganisationType
# Per topic, Denmark's side as the seed note and RULES.md §2.4 and §6 describe it.
DENMARK: dict[NeighbourTopic, tuple[str, str, str, str]] = {
    NeighbourTopic.DEFINITION: (
        "Straffeloven §262 a requires means (coercion, deprivation of liberty, threats, "
        "deception, other undue method) for adults; 'forced labour' is the purpose, not "
        "work contrary to human dignity. §262 b (2022) covers work under manifestly "
        "unreasonable conditions.",
        "Up to 10 years (§262 a); up to 6 years (§262 b).",
        "RULES.md §2.4; CMM-262A; FT-L111.",
        "Focus on exploitation and working conditions, not on coercion that is hard to prove.",
    ),
    NeighbourTopic.INSPECTION: (
        "No specialised labour-inspection trafficking teams; the action plan 2022-2025 asks "
        "CMM to join joint authority inspections.",
        "",
        "Seed note, 'Why Belgium'.",
        "Specialised inspectors who only work on labour exploitation.",
    ),
    NeighbourTopic.PROSECUTION: (
        "No conviction yet for trafficking for forced labour (2021 working group).",
        "",
        "Seed note.",
        "Prosecutors specialised in economic exploitation; evidence from inspectors' and "
        "police's documentation of conditions.",
    ),
    NeighbourTopic.TARGETS: (
        "No targets for trafficking inspections or cases.",
        "",
        "Seed note.",
        "Targets for inspections and for cases, so that resource-heavy cases are not crowded out.",
    ),
    NeighbourTopic.RESIDENCE: (
        "Reflection period of 30 days, extendable to 120; residence permit only if presence "
        "is needed for the investigation (§9 c stk. 5); prepared return.",
        "30 days; at most 120 days.",
        "RULES.md §6; CMM-REFL; FT-L129.",
        "Work permit during the reflection period; permanent residence after the trial.",
    ),
    NeighbourTopic.CENTRES: (
        "CMM coordinates support through a contact person; shelters by NGOs.",
        "Identified victims 2022: 72 (42 sexual, 9 labour, 21 unspecified).",
        "RULES.md §7; TIP-DK-2023.",
        "Three specialised centres with a 24/7 hotline, accompanying every step.",
    ),
    NeighbourTopic.RAPPORTEUR: (
        "No independent national rapporteur of Myria's kind.",
        "",
        "Seed note.",
        "An independent rapporteur whose documented recommendations are respected.",
    ),
    NeighbourTopic.COORDINATION: (
        "Inter-ministerial working group (2021); national action plan 2022-2025.",
        "",
        "Seed note.",
        "Two coordination meetings a year with the political level and a monthly "
        "operational forum; a manual of who does what.",
    ),
}


def build_coordination(actors: dict[str, Actor], today: date) -> None:
    coordinator = actors["coordinator"]
    actions.manual_load_working_text(actor=coordinator)
    members = {o.type: o for o in Organisation.objects.filter(is_active=True).order_by("pk")}
    everyone = list(
        Organisation.objects.filter(is_active=True)
        .exclude(type=T.PLATFORM_OPERATOR)
        .order_by("pk")
    )
    operational = [
        o
        for o in everyone
        if o.type
        in {T.POLICE_UNIT, T.IMMIGRATION_OFFICE, T.LABOUR_INSPECTION_TEAM, T.CENTRE_ADULTS}
    ]
    platform = actions.forum_meeting_create(
        actor=coordinator,
        kind=ForumKind.PLATFORM,
        held_on=today - timedelta(days=60),
        title="Coordination platform, autumn session",
        location="FPS Justice, Brussels",
        invitees=everyone,
        agenda=[
            "Evaluation of the national action plan",
            "Proposals: joint inspections with the centres; training of non-specialised police",
            "Rapporteur's recommendations",
        ],
    )
    actions.forum_attendance_record(actor=coordinator, meeting=platform, present=everyone[:-2])
    decision = actions.forum_decision_record(
        actor=coordinator,
        meeting=platform,
        text="The platform adopts actions 2026-01 and 2026-02 of the national action plan.",
    )
    lead_inspection = members.get(T.LABOUR_INSPECTION_TEAM, coordinator.organisation)
    lead_police = members.get(T.POLICE_UNIT, coordinator.organisation)
    assert lead_inspection is not None
    assert lead_police is not None
    first = actions.plan_action_propose(
        actor=coordinator,
        number="2026-01",
        text="Centres' social workers join joint actions in high-risk sectors to hand out "
        "the worker guide; evaluate the pilot.",
        indicator="Joint actions with a centre present; evaluation report",
        lead=lead_inspection,
        partners=[o for o in everyone if o.type == T.CENTRE_ADULTS],
        deadline=today + timedelta(days=180),
        meeting=platform,
    )
    second = actions.plan_action_propose(
        actor=coordinator,
        number="2026-02",
        text="Train non-specialised local police to recognise labour exploitation and refer "
        "to the centres.",
        indicator="Police officers trained",
        lead=lead_police,
        deadline=today + timedelta(days=5),
        meeting=platform,
    )
    for action in (first, second):
        actions.plan_action_adopt(actor=coordinator, action=action, decision=decision)
    actions.plan_action_report_progress(
        actor=coordinator,
        action=first,
        text="Pilot running in construction and cleaning; three joint actions with a centre.",
        percent_done=40,
        status=ActionStatus.IN_PROGRESS,
    )
    actions.forum_minutes_write(
        actor=coordinator,
        meeting=platform,
        text="The platform reviewed the action plan and adopted two actions (see decisions).",
    )
    monthly = actions.forum_meeting_create(
        actor=coordinator,
        kind=ForumKind.OPERATIONAL,
        held_on=today - timedelta(days=20),
        title="Operational forum, monthly meeting",
        location="Coordination unit, Brussels",
        invitees=operational,
        agenda=["Referral times from inspections to centres", "Renewals waiting for an opinion"],
    )
    actions.forum_attendance_record(actor=coordinator, meeting=monthly, present=operational)
    owner = next((o for o in operational if o.type == T.IMMIGRATION_OFFICE), operational[0])
    actions.forum_follow_up_add(
        actor=coordinator,
        meeting=monthly,
        description="Report on renewals decided after the permit expired.",
        owner=owner,
        due_on=today - timedelta(days=2),
    )
    actions.forum_minutes_write(
        actor=coordinator,
        meeting=monthly,
        text="Referral times discussed; the immigration office reports on late renewals.",
    )
    check = actions.neighbour_check_create(
        actor=coordinator,
        title="Neighbour check: Belgium seen from Denmark",
        other_country="DK",
        other_country_name="Denmark",
    )
    for topic, (practice, figures, sources, works) in DENMARK.items():
        actions.neighbour_entry_save(
            actor=coordinator,
            check=check,
            topic=topic,
            other_practice=practice,
            other_figures=figures,
            other_sources=sources,
            what_works=works,
        )
