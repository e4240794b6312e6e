from __future__ import annotations

from django.urls import path

from nrm.protection import views

app_name = "protection"
# Fixed paths first: a person's reference could otherwise shadow them.
urlpatterns = [
    path("deadlines/", views.deadline_board, name="deadlines"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_read_all, name="notifications_read_all"),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/decide/", views.request_decide, name="request_decide"),
    path(
        "requests/<int:request_id>/papers/<int:paper_id>/",
        views.request_paper,
        name="request_paper",
    ),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<str:reference>/", views.pathway_status, name="status"),
    path("<str:reference>/events/", views.pathway_event, name="event"),
    path("<str:reference>/facts/", views.pathway_facts, name="facts"),
]
