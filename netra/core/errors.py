"""Error views that need more than Django's defaults.

Django renders 404.html and 403.html with the request (so the layout shows the user's menu) and
500.html without one. Its CSRF failure view renders 403_csrf.html without the request too; this
one passes the request so the page has the site layout, the language switcher and the lookup forms.
"""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: Indonesian page in the site layout; the reason goes to the log only."""
    return render(request, "403_csrf.html", status=403)
