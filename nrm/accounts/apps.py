from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nrm.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from nrm.core.crypto import encrypt_field_in_place

        # The second factor's shared secret is encrypted at rest like the identities
        # (migration 0005 widened the column and encrypted the existing secrets).
        encrypt_field_in_place(TOTPDevice._meta.get_field("key"))
