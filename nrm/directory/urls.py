from __future__ import annotations

from django.urls import path

from nrm.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.provider_list, name="list"),
    path("new/", views.provider_new, name="new"),
    path("<int:provider_id>/", views.provider_detail, name="provider"),
    path("<int:provider_id>/edit/", views.provider_edit, name="edit"),
    path("<int:provider_id>/vet/", views.provider_vet_view, name="vet"),
    path("<int:provider_id>/suspend/", views.provider_suspend_view, name="suspend"),
]
