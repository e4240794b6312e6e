from __future__ import annotations

from django.urls import path

from nrm.administration import views

app_name = "administration"
urlpatterns = [
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:user_id>/", views.user_detail, name="user_detail"),
    path("users/<int:user_id>/<slug:command>/", views.user_command, name="user_command"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("audit/", views.audit_overview, name="audit"),
]
