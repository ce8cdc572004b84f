"""Every API answer to bad input is JSON with a message in the caller's language (Indonesian unless
English is asked for), and no input can turn into a server error.

- `SafeJSONParser`: a body over the upload limit is 413, JSON nested deeper than MAX_DEPTH or
  invalid JSON is 400 with an Indonesian message (DRF's own says "JSON parse error" in English and
  lets a RecursionError through as a 500).
- `exception_handler`: DRF's handler plus Django's RequestDataTooBig as 413 and a translated 404.
- `not_found`: unknown URLs under /api/ answer JSON 404 instead of the site's HTML page.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ParseError
from rest_framework.parsers import JSONParser
from rest_framework.views import exception_handler as drf_exception_handler

MAX_DEPTH = 32


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("Isi permintaan terlalu besar.")
    default_code = "payload_too_large"


def _too_deep(value) -> bool:
    """Nesting deeper than MAX_DEPTH, checked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge(_("Isi permintaan terlalu besar (paling besar %(mb)s MB).")
                                  % {"mb": limit // (1024 * 1024)})
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError(_("Isi permintaan bukan teks UTF-8.")) from None
        try:
            data = json.loads(text)
        except RecursionError:
            raise ParseError(_("JSON bersarang terlalu dalam (paling dalam %(n)s tingkat).")
                             % {"n": MAX_DEPTH}) from None
        except ValueError as exc:
            raise ParseError(_("JSON tidak sah: %(detail)s") % {"detail": str(exc)[:200]}) from None
        if _too_deep(data):
            raise ParseError(_("JSON bersarang terlalu dalam (paling dalam %(n)s tingkat).") % {"n": MAX_DEPTH})
        return data


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, Http404):
        exc = NotFound()  # Django's "No Report matches the given query." is English only
    return drf_exception_handler(exc, context)


def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": _("Alamat API tidak ditemukan.")}, status=404)
