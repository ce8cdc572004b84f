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


def code_lookup(request, target: str, *, title, label, placeholder: str):
    """The type-a-code page of a public verification (certificates, duty letters): a code typed by
    hand, however spelled, goes to `target`'s page; without one, the form."""
    from django.shortcuts import redirect, render

    from .codes import normalize_code

    code = normalize_code(request.GET.get("code", ""))
    if code:
        return redirect(target, code=code)
    return render(request, "public/code_lookup.html", {"title": title, "label": label, "placeholder": placeholder})
