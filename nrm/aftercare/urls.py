from __future__ import annotations

from django.urls import path

from nrm.aftercare import views

app_name = "aftercare"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<str:reference>/", views.person, name="person"),
]
