"""Template context every page needs: the election stage banner and the user's roles."""

from django.utils import timezone

from netra.core.roles import roles_of


def netra(request):
    from netra.rules.services import current_stages

    today = timezone.localdate()
    return {
        "current_stages": current_stages(today),
        "user_roles": roles_of(getattr(request, "user", None)),
    }
