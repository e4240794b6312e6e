from __future__ import annotations

from django.urls import path

from nrm.inspections import views

app_name = "inspections"
# Fixed paths first: "joint-actions" would otherwise read as an inspection reference.
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_new, name="new"),
    path("joint-actions/", views.joint_action_list, name="joint_actions"),
    path("joint-actions/new/", views.joint_action_new, name="joint_action_new"),
    path("joint-actions/<str:reference>/", views.joint_action_detail, name="joint_action"),
    path("joint-actions/<str:reference>/edit/", views.joint_action_edit, name="joint_action_edit"),
    path(
        "joint-actions/<str:reference>/participants/",
        views.participant_add_view,
        name="participant_add",
    ),
    path("screenings/<str:reference>/", views.screening_detail, name="screening"),
    path("screenings/<str:reference>/refer/", views.screening_refer_view, name="screening_refer"),
    path("evidence/<str:reference>/", views.evidence_download, name="evidence"),
    path("companies/", views.company_list, name="companies"),
    path("companies/new/", views.company_new, name="company_new"),
    path("companies/<int:pk>/", views.company_detail, name="company"),
    path("worksites/new/", views.worksite_new, name="worksite_new"),
    path("worksites/<int:pk>/", views.worksite_detail, name="worksite"),
    path("targets/", views.target_dashboard, name="targets"),
    path("targets/chart.svg", views.target_chart, name="target_chart"),
    path("targets/export.csv", views.target_export, name="target_export"),
    path("targets/set/", views.target_set_view, name="target_set"),
    path("<str:reference>/", views.inspection_detail, name="detail"),
    path("<str:reference>/carry-out/", views.inspection_carry_out_view, name="carry_out"),
    path("<str:reference>/report/", views.inspection_report_view, name="report"),
    path("<str:reference>/cancel/", views.inspection_cancel_view, name="cancel"),
    path("<str:reference>/screen/", views.screening_new, name="screening_new"),
    path("<str:reference>/evidence/", views.evidence_upload, name="evidence_upload"),
]
