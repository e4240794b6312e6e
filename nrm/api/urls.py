"""/api/v1/: the apps' routers under one NinjaAPI, and the generated OpenAPI document.

The edge is the one place that knows every app: apps declare a `router` in their `api.py`
and never import this package.
"""

from __future__ import annotations

from django.urls import path

from nrm.accounts.queries import api_token_actor
from nrm.care import api as care
from nrm.core.api.auth import BearerToken, SessionActor
from nrm.core.api.site import api_urls, build_api
from nrm.inspections.api import router as inspections
from nrm.people.api import router as people
from nrm.prosecution.api import router as prosecution
from nrm.protection import api as protection
from nrm.qualification import api as qualification
from nrm.referrals import api as referrals

api = build_api(
    auth=[BearerToken(api_token_actor), SessionActor()],
    routers=[
        ("", people),
        ("", inspections),
        ("", prosecution),
    ],
)

patterns, _ninja, _namespace = api_urls(api)
app_name = "api"  # the namespace ninja reverses for its own root (`api:api-root`)

# Legacy hand-written views, until each app's router replaces them (issue 10).
urlpatterns = [
    *patterns,
    path("referrals", referrals.referrals, name="referrals"),
    path("referrals/<str:reference>", referrals.referral, name="referral"),
    path("referrals/<str:reference>/accept", referrals.referral_accept_api, name="referral_accept"),
    path(
        "referrals/<str:reference>/decline",
        referrals.referral_decline_api,
        name="referral_decline",
    ),
    path(
        "referrals/<str:reference>/withdraw",
        referrals.referral_withdraw_api,
        name="referral_withdraw",
    ),
    path("care/occupancy", care.occupancy, name="care_occupancy"),
    path(
        "care/persons/<str:reference>/placements",
        care.person_placements,
        name="care_person_placements",
    ),
    path("care/persons/<str:reference>/plan", care.person_plan, name="care_person_plan"),
    path("persons/<str:reference>/pathway", protection.person_pathway, name="person_pathway"),
    path(
        "persons/<str:reference>/pathway/events",
        protection.person_pathway_events,
        name="person_pathway_events",
    ),
    path("pathway/simulate", protection.simulate, name="pathway_simulate"),
    path("qualify", qualification.qualify, name="qualify"),
    path("schemas/<slug:name>.json", qualification.schema, name="schema"),
]
