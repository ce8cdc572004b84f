"""The desk's case list pages without counting every case.

Django's Paginator counts the whole result for "page X of Y"; over a million cases that COUNT(*)
alone outweighed the page (issue 14). This one stops counting AHEAD rows past the requested page:
below that the count is exact, above it the list says "more than N" and every page up to the
requested one plus AHEAD rows stays reachable.

With `by_ids` (a name search: the matching rows come from a trigram index, and finding them is
most of the cost) the ids in list order are read once, up to the bound, and serve both the count
and the page, instead of a COUNT and a page query that each find every match again.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

AHEAD = 10_000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, wanted_page=None, ahead: int = AHEAD, by_ids: bool = False,
                 **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.by_ids = by_ids
        self._ids: list = []
        try:
            wanted = max(1, int(wanted_page))
        except (TypeError, ValueError, OverflowError):
            wanted = 1
        self.bound = min(wanted, 10**6) * per_page + ahead
        self.count_exact = True

    @cached_property
    def count(self) -> int:
        if self.by_ids:
            self._ids = list(self.object_list.values_list("pk", flat=True)[:self.bound])
            counted = len(self._ids)
        else:
            counted = self.object_list.order_by().values("pk")[:self.bound].count()
        self.count_exact = counted < self.bound
        return counted

    def page(self, number):
        if not self.by_ids:
            return super().page(number)
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        ids = self._ids[start:start + self.per_page]
        found = self.object_list.order_by().in_bulk(ids)
        return self._get_page([found[pk] for pk in ids if pk in found], number, self)
