from __future__ import annotations

from django.urls import path

from nrm.referrals.views import hotline, inbox, referral, review

app_name = "referrals"
# The hotline paths come first: "hotline" would otherwise read as a referral reference.
urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("hotline/", hotline.hotline_log, name="hotline"),
    path("hotline/new/", hotline.hotline_new, name="hotline_new"),
    path("hotline/<str:reference>/", hotline.hotline_detail, name="hotline_detail"),
    path("refer/<str:reference>/", referral.referral_new, name="new"),
    path("suspect-override/", referral.support_override, name="support_override"),
    path("escalated/", review.escalations, name="escalations"),
    path("reviews/", review.review_list, name="reviews"),
    path("reviews/<int:review_id>/", review.review_detail, name="review"),
    path(
        "opinions/<str:reference>/<int:sequence>/review/",
        review.opinion_review,
        name="opinion_review",
    ),
    path("<str:reference>/", referral.referral_detail, name="detail"),
    path("<str:reference>/accept/", referral.referral_accept_view, name="accept"),
    path("<str:reference>/decline/", referral.referral_decline_view, name="decline"),
    path("<str:reference>/withdraw/", referral.referral_withdraw_view, name="withdraw"),
    path("<str:reference>/add/", referral.referral_addendum_view, name="add"),
    path("<str:reference>/resend/", referral.referral_resend_view, name="resend"),
    path("<str:reference>/review/", referral.review_request_view, name="review_request"),
]
