"""Language choice: Indonesian unless the person chose English with the language switcher.

Django's LocaleMiddleware would also follow the browser's Accept-Language header; many Indonesian
users run their phones in English, and an official service should not switch language for them
unasked. The switcher sets Django's language cookie, which is all this reads.
"""

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen is None and request.path.startswith("/api/"):
            # API clients have no language switcher: they ask with Accept-Language.
            chosen = _first_accepted(request.headers.get("Accept-Language", ""), self.available)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so the choice never leaks into
        # other work on this thread (tasks run eagerly, the next request, tests).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def _first_accepted(header: str, available: set[str]) -> str | None:
    """The first language of an Accept-Language header that the site offers ("en-US" counts as "en")."""
    for part in header.split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in available:
            return code
    return None
