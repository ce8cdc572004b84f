"""The desk's case list pages without counting every case.

Django's Paginator counts the whole result for "page X of Y"; over a million cases that COUNT(*)
alone outweighed the page (issue 14). This one stops counting AHEAD rows past the requested page:
below that the count is exact, above it the list says "more than N" and every page up to the
requested one plus AHEAD rows stays reachable.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

AHEAD = 10_000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, wanted_page=None, ahead: int = AHEAD, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        try:
            wanted = max(1, int(wanted_page))
        except (TypeError, ValueError, OverflowError):
            wanted = 1
        self.bound = min(wanted, 10**6) * per_page + ahead
        self.count_exact = True

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by().values("pk")[:self.bound].count()
        self.count_exact = counted < self.bound
        return counted
