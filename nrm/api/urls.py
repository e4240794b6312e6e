"""/api/v1/: the apps' routers under one NinjaAPI, and the generated OpenAPI document.

The edge is the one place that knows every app: apps declare a `router` in their `api.py`
and never import this package.
"""

from __future__ import annotations

from nrm.accounts.queries import api_token_actor
from nrm.aftercare.api import router as aftercare
from nrm.care.api import router as care
from nrm.caseload.api import router as caseload
from nrm.consent.api import router as consent
from nrm.core.api.auth import BearerToken, SessionActor
from nrm.core.api.site import api_urls, build_api
from nrm.directory.api import router as directory
from nrm.indicators.api import router as local_questions
from nrm.inspections.api import router as inspections
from nrm.people.api import router as people
from nrm.prosecution.api import router as prosecution
from nrm.protection.api import router as protection
from nrm.qualification.api import router as qualification
from nrm.referrals.api import router as referrals
from nrm.referrals.api_reviews import router as reviews

api = build_api(
    auth=[BearerToken(api_token_actor), SessionActor()],
    routers=[
        ("", people),
        ("", qualification),
        ("", referrals),
        ("", reviews),
        ("", care),
        ("", protection),
        ("", inspections),
        ("", prosecution),
        ("", consent),
        ("", directory),
        ("", aftercare),
        ("", caseload),
        ("", local_questions),
    ],
)

urlpatterns, _ninja, _namespace = api_urls(api)
app_name = "api"  # the namespace ninja reverses for its own root (`api:api-root`)
