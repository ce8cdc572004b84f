"""Every URL of the public site, the monitoring desk and the API, for every role.

The desk has its own table (tests/desk/test_access.py), learning and duty theirs; the last test here
fails when any named URL of the project is in none of the tables, so a new page cannot ship
without a decision on who may open it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["verifier", "bawaslu", "ppk", "ppk_other", "supervisor", "monitor", "trainer", "asn", "admin",
         "anonymous"]
LOGIN = "login"


def row(default, **overrides):
    table = {role: default for role in ROLES}
    table.update(overrides)
    return table


def staff_only(allowed, **extra):
    table = row(403, anonymous=LOGIN, **extra)
    table.update(dict.fromkeys(allowed, 200))
    return table


API_STAFF = row(403, anonymous=401, verifier=200, bawaslu=200, ppk=200, ppk_other=200, supervisor=200, admin=200)

ACCESS = {
    "public:home": row(200),
    "public:report": row(200),
    "public:track": row(200),
    "public:status": row(200),
    "public:report_done": row(302),  # only the browser that sent the report sees the code page
    "public:transparency": row(200),
    "public:region_map": row(200),  # kabupaten/kota boundaries for the public map
    "monitoring:flags": staff_only(["monitor", "verifier", "admin"]),
    "monitoring:upload": staff_only(["monitor", "admin"]),
    "monitoring:batch": staff_only(["monitor", "verifier", "admin"]),
    "monitoring:flag": staff_only(["monitor", "verifier", "admin"]),
    "monitoring:feedback": staff_only(["admin"]),
    "notifications:preferences": staff_only(["verifier", "bawaslu", "ppk", "ppk_other", "supervisor", "admin"]),
    "api:report-status": row(200),
    "api:case-list": API_STAFF,
    "api:case-detail": {**API_STAFF, "ppk": 404, "ppk_other": 404},  # a case at intake: not yet the PPK's
    "api:monitoring-batch": row(403, anonymous=401, monitor=200, admin=200),
    "api:regions": row(200),
    "api:agencies": row(200),
    "api:violations": row(200),
    "api:sanctions": row(200),
    "api:contests": row(200),
    "api:stages": row(200),
    "api-schema": row(200),
    "healthz": row(200),  # no personal data; monitoring and the units need it without a login
    "robots": row(200),
    "api:not-found": row(404),  # any other address under /api/v1/ answers JSON 404 (issue 11)
}
# POST-only endpoints are exercised by their own tests (tests/api, tests/monitoring); listed here so
# the coverage check below knows a decision was made for them.
POST_ONLY = {"api:report-create": "tests/api", "api:report-note": "tests/api",
             "api:case-transition": "tests/api", "api:monitoring-import": "tests/monitoring",
             "api:self-check": "tests/learning"}


@pytest.fixture
def objects(make_report, employee, people):
    from django.utils import timezone

    from netra.monitoring.models import Flag, ImportBatch, Post, ScreeningResult

    report = make_report(nip=employee.nip)
    batch = ImportBatch.objects.create(source="uji")
    post = Post.objects.create(batch=batch, external_id="1", text="Coblos 02", captured_at=timezone.now())
    ScreeningResult.objects.create(post=post, label="partisan", score=0.9, targets=["02"], stance="support",
                                   evidence=[], model_version="t", screened_at=timezone.now())
    flag = Flag.objects.create(post=post, created_at=timezone.now())
    return {"report": report, "batch": batch, "flag": flag}


def url_for(name, objects):
    args = {
        "public:status": [objects["report"].tracking_code],
        "public:report_done": [objects["report"].tracking_code],
        "monitoring:batch": [objects["batch"].uid],
        "monitoring:flag": [objects["flag"].uid],
        "api:report-status": [objects["report"].tracking_code],
        "api:case-detail": [objects["report"].case.code],
        "api:monitoring-batch": [objects["batch"].uid],
    }.get(name, [])
    return reverse(name, args=args)


@pytest.mark.parametrize("name", list(ACCESS))
def test_access(name, client, people, objects):
    url = url_for(name, objects)
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(people[role])
        response = client.get(url, HTTP_ACCEPT="application/json" if name.startswith("api") else "text/html")
        got = response.status_code
        if got == 302 and response["Location"].startswith(reverse("desk:login")):
            got = LOGIN
        if got != ACCESS[name][role]:
            wrong.append(f"{role}: expected {ACCESS[name][role]}, got {got}")
    assert not wrong, f"{name} {url}\n" + "\n".join(wrong)


def _names(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def test_every_named_url_has_an_access_decision():
    # desk:, learning: and duty: are checked by the tables in tests/desk and tests/learning.
    other_tables = {"desk:", "learning:", "duty:", "admin:", "set_language"}
    names = set(_names(get_resolver()))
    undecided = {n for n in names if not n.startswith(tuple(other_tables))} - set(ACCESS) - set(POST_ONLY)
    assert undecided == set()
