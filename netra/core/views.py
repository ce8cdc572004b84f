"""Small site-wide views."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

ROBOTS = "User-agent: *\nDisallow: /desk/\nDisallow: /admin/\nDisallow: /api/\nDisallow: /lacak/\n"


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Keep crawlers off staff pages and status pages (a tracking code in a search index would leak a
    report's progress). No database work: benchmarks/load.py also uses it as the 'bare view' floor."""
    return HttpResponse(ROBOTS, content_type="text/plain")
