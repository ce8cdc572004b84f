"""Template context every page needs: the user's roles (the election stage banner comes from
`netra.rules.context_processors`, since core imports no domain app)."""

from netra.core.roles import roles_of


def netra(request):
    return {"user_roles": roles_of(getattr(request, "user", None))}
