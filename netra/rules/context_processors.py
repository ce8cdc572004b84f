"""Template context every page needs: the election stages running today (the banner)."""

from django.utils import timezone

from .services import current_stages


def stages(request):
    return {"current_stages": current_stages(timezone.localdate())}
