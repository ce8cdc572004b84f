"""Limit/offset paging with bounds: `?limit=` above MAX_LIMIT is cut to it, and a limit or offset
beyond what the database can hold (SQLite: 64 bits) is a 400, not an OverflowError."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 10**9


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_offset(self, request):
        offset = super().get_offset(request)
        if offset > MAX_OFFSET:
            raise ValidationError({"offset": [_("Nilai offset paling besar %(n)s.") % {"n": MAX_OFFSET}]})
        return offset
