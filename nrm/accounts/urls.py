from __future__ import annotations

from django.urls import path

from nrm.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("verify/", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
    path("logout/", views.sign_out, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("organisation/", views.switch_membership, name="switch_membership"),
    path("recover/<str:uidb64>/<str:token>/", views.recover, name="recover"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
