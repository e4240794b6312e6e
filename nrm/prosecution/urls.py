from __future__ import annotations

from django.urls import path

from nrm.prosecution import views

app_name = "prosecution"
# Fixed paths first: "targets" would otherwise read as a case reference.
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("targets/", views.case_targets, name="targets"),
    path("procedural-facts/", views.procedural_facts, name="procedural_facts"),
    path(
        "procedural-facts/<str:reference>/",
        views.procedural_facts_person,
        name="procedural_facts_person",
    ),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("statements/<str:reference>/", views.statement_detail, name="statement"),
    path("disclosures/<int:pk>/export/", views.disclosure_export_view, name="disclosure_export"),
    path("disclosures/<int:pk>/revoke/", views.disclosure_revoke_view, name="disclosure_revoke"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/decide/<slug:name>/", views.case_decide, name="decide"),
    path("<str:reference>/do/<slug:name>/", views.case_do, name="do"),
    path("<str:reference>/sections/<slug:name>/", views.case_section, name="section"),
    path(
        "<str:reference>/records/<slug:workflow_name>/<int:pk>/<slug:name>/",
        views.case_record_step,
        name="record",
    ),
    path("<str:reference>/qualify/", views.case_qualify, name="qualify"),
    path("<str:reference>/qualifications/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path(
        "<str:reference>/evidence/<str:evidence>/",
        views.case_evidence_download,
        name="evidence",
    ),
]
