from __future__ import annotations

from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("nrm.home.urls")),
    path("accounts/", include("nrm.accounts.urls")),
    path("people/", include("nrm.people.urls")),
    path("administration/", include("nrm.administration.urls")),
    path("protection/", include("nrm.protection.urls")),
    path("identification/", include("nrm.identification.urls")),
    path("referrals/", include("nrm.referrals.urls")),
    path("care/", include("nrm.care.urls")),
    path("inspections/", include("nrm.inspections.urls")),
    path("indicators/", include("nrm.indicators.urls")),
    path("qualification/", include("nrm.qualification.urls")),
    path("prosecution/", include("nrm.prosecution.urls")),
    path("statistics/", include("nrm.statistics.urls")),
    path("exchange/", include("nrm.exchange.urls")),
    path("coordination/", include("nrm.coordination.urls")),
    path("guide/", include("nrm.guide.urls")),
    path("retention/", include("nrm.retention.urls")),
    path("inbox/", include("nrm.inbox.urls")),
    path("directory/", include("nrm.directory.urls")),
    path("aftercare/", include("nrm.aftercare.urls")),
    path("caseload/", include("nrm.caseload.urls")),
    path("consent/", include("nrm.consent.urls")),
    path("api/v1/", include("nrm.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]
