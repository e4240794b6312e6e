from __future__ import annotations

from django.urls import path

from nrm.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.index, name="index"),
    path("refresh/", views.refresh, name="refresh"),
    path("report/", views.report, name="report"),
    path("report/download/", views.report_download, name="report_download"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path(
        "recommendations/<int:pk>/follow-up/",
        views.recommendation_follow_up_view,
        name="recommendation_follow_up",
    ),
    path("civil-party/", views.civil_party, name="civil_party"),
]
