"""The page language: the reader's choice, else the installation's (nrm/installations/).

Belgium negotiates with the browser (four official and working languages, English as the
fallback); Denmark shows Danish to everyone who has not picked another language with the
switch, whatever the browser asks for, so that a Danish installation is Danish.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class InstallationLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if settings.NRM_INSTALLATION.browser_language:
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else ""
        except LookupError:
            language = ""
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
