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


class CappedCountPagination(BoundedLimitOffsetPagination):
    """Limit/offset paging whose `count` stops counting COUNT_AHEAD rows past the page.

    An exact COUNT(*) over every visible case on every page grew with the data (issue 14); the page
    itself comes from the `-opened_at` index. `count` is exact while `count_exact` is true; otherwise
    it is a lower bound (at least COUNT_AHEAD more rows than the page reaches) and `next` is still
    right, since it only needs to know that more rows follow.
    """

    COUNT_AHEAD = 10_000

    def get_count(self, queryset):
        bound = self.offset + self.limit + self.COUNT_AHEAD
        counted = queryset.order_by().values("pk")[:bound].count()
        self.count_exact = counted < bound
        return counted

    def paginate_queryset(self, queryset, request, view=None):
        # get_count needs the limit and offset, which the parent computes after counting.
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_exact"] = self.count_exact
        return response

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count"]["description"] = (
            "Matching cases; exact when count_exact is true, else a lower bound "
            f"(counting stops {self.COUNT_AHEAD} rows past the page).")
        answer["properties"]["count_exact"] = {"type": "boolean", "example": True}
        answer["required"] = [*answer.get("required", []), "count_exact"]
        return answer
