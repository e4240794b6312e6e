"""A home page for each role: what that person comes to the platform to do."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide
from nrm.administration.queries import locked_usernames, users_visible_to
from nrm.care.queries import occupancy_totals
from nrm.core.http import actor_view, no_store
from nrm.inspections.queries import open_inspections_count
from nrm.inspections.targets import team_progress
from nrm.organisations.models import Role
from nrm.people.queries import persons_list_audited, persons_visible_to
from nrm.prosecution.queries import open_cases_count
from nrm.prosecution.targets import office_progress
from nrm.referrals.queries import referral_inbox_counts
from nrm.statistics.queries import involvement_counts, person_overview

_FRONTLINE = {
    Role.INSPECTOR,
    Role.TEAM_LEAD,
    Role.INVESTIGATOR,
    Role.PROSECUTOR,
    Role.JUDGE,
    Role.CASEWORKER,
    Role.CENTRE_DIRECTOR,
    Role.IMMIGRATION_OFFICER,
}

_TEMPLATES: dict[str, str] = {
    Role.INSPECTOR: "home/inspection.html",
    Role.TEAM_LEAD: "home/inspection.html",
    Role.INVESTIGATOR: "home/police.html",
    Role.PROSECUTOR: "home/prosecution.html",
    Role.JUDGE: "home/court.html",
    Role.CASEWORKER: "home/centre.html",
    Role.CENTRE_DIRECTOR: "home/centre.html",
    Role.IMMIGRATION_OFFICER: "home/immigration.html",
    Role.COORDINATOR: "home/coordination.html",
    Role.ANALYST: "home/rapporteur.html",
    Role.ADMINISTRATOR: "home/administration.html",
}


@actor_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    if actor.membership is None:
        return render(request, "home/no_membership.html")
    context: dict[str, object] = {}
    if actor.role in _FRONTLINE:
        recent = list(persons_visible_to(actor).order_by("-first_contact_on", "reference")[:10])
        persons_list_audited(actor, recent, action="home_person_list")
        context["recent_persons"] = recent
        context["person_count"] = persons_visible_to(actor).count()
        context["may_create"] = decide(actor, Ability.PERSON_CREATE).allowed
    if actor.role in {Role.ANALYST, Role.COORDINATOR}:
        overview = person_overview(actor)
        context["overview"] = overview
        context["overview_tables"] = [
            (_("By gender"), overview.by_gender),
            (_("By age at first contact"), overview.by_age),
            (_("By nationality"), overview.by_nationality),
            (_("By year of first contact"), overview.by_year),
        ]
    if actor.role in {Role.CASEWORKER, Role.CENTRE_DIRECTOR}:
        context["occupancy"] = occupancy_totals(actor)
        context["referral_counts"] = referral_inbox_counts(actor, now=timezone.now())
    if actor.role in {Role.INSPECTOR, Role.TEAM_LEAD}:
        context["target_progress"] = team_progress(actor, today=timezone.localdate())
        context["open_inspections"] = open_inspections_count(actor)
    if actor.role in {Role.PROSECUTOR, Role.JUDGE}:
        context["open_cases"] = open_cases_count(actor)
        context["case_progress"] = office_progress(actor, today=timezone.localdate())
    if actor.role == Role.COORDINATOR:
        context["involvements"] = involvement_counts(actor)
    if actor.role == Role.ADMINISTRATOR:
        context["user_count"] = users_visible_to(actor).count()
        context["locked"] = sorted(locked_usernames())
    return no_store(render(request, _TEMPLATES[actor.role], context))
