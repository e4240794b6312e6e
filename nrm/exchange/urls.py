from __future__ import annotations

from django.urls import path

from nrm.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("htcds.csv", views.htcds_download, name="htcds"),
    path("linkage/refresh/", views.linkage_refresh, name="linkage_refresh"),
    path("mse/", views.mse_page, name="mse"),
]
