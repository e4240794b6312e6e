"""Staff accounts. There is no self-registration: administrators create every account."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    # A first login (and every administrator reset) must choose a new password.
    must_change_password = models.BooleanField(_("must change password"), default=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
