from __future__ import annotations

from django.urls import path

from nrm.coordination import views

app_name = "coordination"
urlpatterns = [
    path("", views.index, name="index"),
    path("manual/", views.manual, name="manual"),
    path("manual/versions/<int:pk>/", views.manual_version, name="manual_version"),
    path(
        "manual/versions/<int:pk>/approve/",
        views.manual_version_approve,
        name="manual_version_approve",
    ),
    path("manual/<str:step>/", views.manual_step_page, name="manual_step"),
    path("forums/", views.forum_list, name="forums"),
    path("forums/new/", views.forum_new, name="forum_new"),
    path("forums/<int:pk>/", views.forum_detail, name="forum"),
    path("forums/<int:pk>/<slug:what>/", views.forum_record, name="forum_record"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("plan/", views.plan, name="plan"),
    path("plan/export.csv", views.plan_export, name="plan_export"),
    path("plan/<str:number>/", views.action_detail, name="action"),
    path("plan/<str:number>/progress/", views.action_progress, name="action_progress"),
    path("plan/<str:number>/adopt/", views.action_adopt, name="action_adopt"),
    path("neighbour/", views.neighbour_list, name="neighbours"),
    path("neighbour/<int:pk>/", views.neighbour_detail, name="neighbour"),
    path("neighbour/<int:pk>/print/", views.neighbour_print, name="neighbour_print"),
]
