from __future__ import annotations

from django.urls import path

from nrm.care import views

app_name = "care"
# Fixed paths first: a person's reference is the catch-all segment below them.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("shelters/new/", views.shelter_new, name="shelter_new"),
    path("shelters/<int:shelter_id>/", views.shelter_detail, name="shelter"),
    path("shelters/<int:shelter_id>/edit/", views.shelter_edit, name="shelter_edit"),
    path("placements/<int:placement_id>/depart/", views.placement_depart, name="depart"),
    path("plans/<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:plan_id>/close/", views.plan_close, name="plan_close"),
    path("disclosures/<int:disclosure_id>/end/", views.disclosure_end, name="disclosure_end"),
    path("shared/", views.shared_with_us, name="shared"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<int:transfer_id>/", views.transfer_detail, name="transfer"),
    path("<str:reference>/", views.person, name="person"),
    path("<str:reference>/placements/new/", views.placement_new, name="placement_new"),
    path("<str:reference>/plan/new/", views.plan_new, name="plan_new"),
    path("<str:reference>/services/new/", views.service_new, name="service_new"),
    path("<str:reference>/notes/new/", views.note_new, name="note_new"),
    path("<str:reference>/disclosures/new/", views.disclosure_new, name="disclosure_new"),
    path("<str:reference>/transfers/new/", views.transfer_new, name="transfer_new"),
]
