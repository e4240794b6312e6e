from __future__ import annotations

from django.urls import path

from nrm.identification import views

app_name = "identification"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("<str:reference>/", views.person_page, name="person"),
    path("<str:reference>/decide/", views.decide, name="decide"),
    path("decisions/<int:decision_id>/<str:name>/", views.step, name="step"),
]
