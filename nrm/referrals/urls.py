from __future__ import annotations

from django.urls import path

from nrm.referrals import views

app_name = "referrals"
# The hotline paths come first: "hotline" would otherwise read as a referral reference.
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("hotline/", views.hotline_log, name="hotline"),
    path("hotline/new/", views.hotline_new, name="hotline_new"),
    path("hotline/<str:reference>/", views.hotline_detail, name="hotline_detail"),
    path("refer/<str:reference>/", views.referral_new, name="new"),
    path("suspect-override/", views.support_override, name="support_override"),
    path("escalated/", views.escalations, name="escalations"),
    path("reviews/<int:review_id>/", views.review_detail, name="review"),
    path("<str:reference>/", views.referral_detail, name="detail"),
    path("<str:reference>/accept/", views.referral_accept_view, name="accept"),
    path("<str:reference>/decline/", views.referral_decline_view, name="decline"),
    path("<str:reference>/withdraw/", views.referral_withdraw_view, name="withdraw"),
    path("<str:reference>/add/", views.referral_addendum_view, name="add"),
    path("<str:reference>/resend/", views.referral_resend_view, name="resend"),
    path("<str:reference>/review/", views.review_request_view, name="review_request"),
]
