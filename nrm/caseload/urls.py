from __future__ import annotations

from django.urls import path

from nrm.caseload import views

app_name = "caseload"
urlpatterns = [
    path("", views.overview, name="overview"),
]
