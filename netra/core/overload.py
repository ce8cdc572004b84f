"""Load shedding: a fast 503 with Retry-After instead of a reply that comes too late to matter.

In an election week a viral post can send more reporters than the server can take. Without this,
requests wait in the web workers' queue (gunicorn's gthread queue, nginx, the listen backlog) until
they are served half a minute later, when the reporter has long given up or pressed "send" again.
A request that has already waited longer than `NETRA_SHED_QUEUE_MS` is answered at once, before any
database work, with 503 and `Retry-After`: the client learns to come back and the queue drains
towards the requests that can still be answered in time.

The wait is measured from the `X-Request-Start` header the reverse proxy stamps when it receives
the request (nginx: `proxy_set_header X-Request-Start "t=${msec}";`, docs/deploy.md); without the
header nothing is shed here. Only the first proxy's value is trusted, because nginx replaces any
value the client sent. The second guard is `max_in_flight`: the number of requests this process
has inside Django at once (gthread: its threads; a hung database would otherwise let work pile up).

The third is a bounded wait in the database: a report waits at most NETRA_CHAIN_LOCK_TIMEOUT_MS for
its turn on the case-event chain (netra/cases/chain.py); a writer that gives up (PostgreSQL's
lock_not_available, SQLite's "database is locked") has rolled back everything and gets the same 503.

Neither queue guard applies to `/healthz` (monitoring must see the real state) or to static files.
The answer is JSON on the API, a small page with no database work elsewhere; Indonesian, since it
is written before the language middleware has run.
"""

import threading
import time

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

EXEMPT_PREFIXES = ("/healthz", "/static/")


def queued_ms(header: str, now: float) -> float | None:
    """Milliseconds since the proxy stamped the request; None when the header is absent or odd.

    Accepts nginx's `t=1733364000.123` (seconds) and the common microsecond/millisecond forms.
    """
    value = (header or "").strip()
    if value.startswith("t="):
        value = value[2:]
    try:
        stamp = float(value)
    except ValueError:
        return None
    if stamp > 1e14:  # microseconds
        stamp /= 1e6
    elif stamp > 1e11:  # milliseconds
        stamp /= 1e3
    waited = (now - stamp) * 1000
    return waited if 0 <= waited < 3_600_000 else None  # a clock skew or a forged value: ignore


def is_busy_database(exc: BaseException) -> bool:
    """A bounded database wait that ran out: nothing was written, the client may simply retry."""
    if not isinstance(exc, OperationalError):
        return False
    if getattr(exc.__cause__, "sqlstate", None) == "55P03":  # lock_not_available (psycopg 3)
        return True
    return "database is locked" in str(exc)


def overloaded_response(request, retry_after: int):
    message = _("Server sedang menerima terlalu banyak permintaan. Coba lagi dalam %(seconds)s detik; "
                "tidak ada data yang tersimpan dari permintaan ini.") % {"seconds": retry_after}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(render_to_string("overloaded.html", {"message": message}), status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    # Written outside CommonMiddleware, which would add it: without a length gunicorn answers chunked.
    response["Content-Length"] = str(len(response.content))
    return response


class LoadSheddingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.max_queue_ms = settings.NETRA_SHED_QUEUE_MS
        self.max_in_flight = settings.NETRA_SHED_MAX_IN_FLIGHT
        self.retry_after = settings.NETRA_SHED_RETRY_AFTER
        self.in_flight = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        if request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        if self.max_queue_ms:
            waited = queued_ms(request.headers.get("X-Request-Start", ""), time.time())
            if waited is not None and waited > self.max_queue_ms:
                return overloaded_response(request, self.retry_after)
        with self.lock:
            if self.max_in_flight and self.in_flight >= self.max_in_flight:
                return overloaded_response(request, self.retry_after)
            self.in_flight += 1
        try:
            return self.get_response(request)
        finally:
            with self.lock:
                self.in_flight -= 1

    def process_exception(self, request, exception):
        if is_busy_database(exception):
            return overloaded_response(request, self.retry_after)
        return None
