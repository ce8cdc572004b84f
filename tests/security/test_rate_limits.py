"""Per-client limits on every public write and lookup, counted in the shared cache, X-Forwarded-For
trusted only behind configured proxies."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from netra.cases.models import Report
from netra.core.clientip import client_ip
from tests.api.test_reports_api import payload
from tests.public.test_report_pages import form_data, region_id  # noqa: F401 - fixture

# Day windows: a fixed window that ends mid-test would hand out a fresh allowance and make a test flaky.
LIMITS = {"report": "3/day", "note": "2/day", "lookup": "4/day", "self_check": "3/day"}


@pytest.fixture
def tight(settings):
    """Small limits, read on each request by the pages and the API alike."""
    settings.NETRA_RATE_LIMITS = LIMITS


def test_the_counters_live_in_the_shared_database_cache_without_redis(db):
    cache = caches["default"]
    assert isinstance(cache, DatabaseCache)  # created by migration core 0001, shared by all processes
    cache.set("probe", 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM netra_cache")
        assert cursor.fetchone()[0] >= 1


def test_the_web_report_form_is_limited_and_keeps_what_was_typed(client, region_id, tight):  # noqa: F811
    codes = [client.post(reverse("public:report"), form_data(region=region_id)).status_code for _ in range(3)]
    assert codes == [302, 302, 302]
    response = client.post(reverse("public:report"), form_data(region=region_id, description="Kata-kata saya"))
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 86400
    page = response.content.decode()
    assert "Terlalu banyak permintaan dari alamat Anda" in page and "Kata-kata saya" in page
    assert Report.objects.count() == 3


def test_a_spoofed_forwarded_for_gets_no_fresh_allowance_without_a_proxy(client, region_id, tight):  # noqa: F811
    for i in range(3):
        client.post(reverse("public:report"), form_data(region=region_id), HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    response = client.post(reverse("public:report"), form_data(region=region_id), HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert response.status_code == 429
    api = APIClient(REMOTE_ADDR="192.0.2.9")  # the page and the API share an address's allowance
    body = payload(anonymous=True)
    codes = [api.post("/api/v1/reports/", body, format="json", HTTP_X_FORWARDED_FOR=f"10.2.0.{i}").status_code
             for i in range(4)]
    assert codes == [201, 201, 201, 429]
    assert "Terlalu banyak permintaan" in str(api.post("/api/v1/reports/", body, format="json").data)


@override_settings(NETRA_TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_address_it_saw_is_the_client(rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"  # what the client wrote on the left is ignored
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="nonsense")) == "10.0.0.1"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_without_a_proxy_the_header_is_ignored(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "198.51.100.4"


def test_tracking_lookups_are_limited_on_the_page_and_the_api(client, region_id, tight):  # noqa: F811
    codes = [client.get(reverse("public:track"), {"code": f"NTR-AAAA-BBBB-CC{i:02d}"}).status_code for i in range(4)]
    assert codes == [404] * 4
    response = client.get(reverse("public:track"), {"code": "NTR-AAAA-BBBB-CC99"})
    assert response.status_code == 429 and "Coba lagi dalam" in response.content.decode()
    assert client.get(reverse("public:status", args=["NTR-AAAA-BBBB-CC98"])).status_code == 429
    api = APIClient(REMOTE_ADDR="192.0.2.8")
    codes = [api.get(f"/api/v1/reports/NTR-AAAA-BBBB-DD{i:02d}/").status_code for i in range(5)]
    assert codes == [404, 404, 404, 404, 429]


def test_one_code_looked_up_again_counts_once(client, region_id, tight):  # noqa: F811
    """The lookup form's redirect, another spelling of the code and reloads of one's own status page
    are one lookup; guessing, which needs many different codes, is still stopped."""
    client.post(reverse("public:report"), form_data(region=region_id))
    code = Report.objects.get().tracking_code
    typed = code.lower().replace("-", " ")
    response = client.get(reverse("public:track"), {"code": typed}, follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0].endswith(f"/{code}/")
    assert {client.get(reverse("public:status", args=[code])).status_code for _ in range(6)} == {200}
    assert client.get(reverse("public:status", args=[typed.replace(" ", "")]), follow=True).status_code == 200
    codes = [client.get(reverse("public:track"), {"code": f"NTR-AAAA-BBBB-CC{i:02d}"}).status_code for i in range(4)]
    assert codes == [404, 404, 404, 429]  # the own code took one of the four


def test_the_page_and_the_api_share_one_allowance(client, region_id, tight):  # noqa: F811
    for _ in range(2):
        assert client.post(reverse("public:report"), form_data(region=region_id)).status_code == 302
    api = APIClient(REMOTE_ADDR="127.0.0.1")  # the test client's address
    codes = [api.post("/api/v1/reports/", payload(anonymous=True), format="json").status_code for _ in range(2)]
    assert codes == [201, 429]


def test_an_api_lookup_of_one_code_counts_once(client, region_id, tight):  # noqa: F811
    client.post(reverse("public:report"), form_data(region=region_id))
    code = Report.objects.get().tracking_code
    api = APIClient(REMOTE_ADDR="192.0.2.10")
    assert {api.get(f"/api/v1/reports/{code}/").status_code for _ in range(6)} == {200}
    other_spelling = code.lower().replace("-", " ")  # the same code as a person may type it
    assert api.get(f"/api/v1/reports/{other_spelling}/").status_code == 200
    codes = [api.get(f"/api/v1/reports/NTR-AAAA-BBBB-FF{i:02d}/").status_code for i in range(4)]
    assert codes == [404, 404, 404, 429]  # the own code took one of the four


def test_self_check_api_is_limited_in_indonesian(db, tight):
    api = APIClient(REMOTE_ADDR="192.0.2.11")
    codes = [api.post("/api/v1/self-check/", {"action": "like"}, format="json").status_code for _ in range(4)]
    assert codes[3] == 429 and "Terlalu banyak permintaan" in str(api.post(
        "/api/v1/self-check/", {"action": "like"}, format="json").data)


def test_reporter_notes_are_limited_and_the_text_is_kept(client, region_id, tight):  # noqa: F811
    client.post(reverse("public:report"), form_data(region=region_id))
    code = Report.objects.get().tracking_code
    url = reverse("public:status", args=[code])
    assert [client.post(url, {"text": f"catatan {i}"}).status_code for i in range(2)] == [302, 302]
    response = client.post(url, {"text": "catatan ketiga yang penting"})
    assert response.status_code == 429 and "catatan ketiga yang penting" in response.content.decode()
    assert Report.objects.get().notes.count() == 2


def test_ipv6_clients_are_counted_per_64_network(rf):
    from netra.core.ratelimit import client_key

    first = client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:2::1"))
    assert first == client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")) == "2001:db8:1:2::/64"
    assert client_key(rf.get("/", REMOTE_ADDR="::ffff:198.51.100.3")) == "198.51.100.3"


@pytest.mark.parametrize("url", ["/verifikasi/surat-tugas/ST-0000-0000-0000-{i:04d}/",
                                 "/verifikasi/sertifikat/SRT-0000-{i:04d}/", "/sertifikat/SRT-0000-{i:04d}/pdf/"])
def test_public_code_lookups_of_letters_and_certificates_are_limited(client, reference, tight, url):
    codes = [client.get(url.format(i=i)).status_code for i in range(5)]
    assert codes[:4] == [404] * 4 and codes[4] == 429


def test_the_wait_is_what_is_left_of_the_window(db, rf, settings, monkeypatch):
    from netra.core import ratelimit

    settings.NETRA_RATE_LIMITS = {"lookup": "1/min"}
    import time

    moment = (int(time.time()) // 60 + 1) * 60 + 15.0  # 15 s into the next minute window
    monkeypatch.setattr(ratelimit, "_clock", lambda: moment)
    request = rf.get("/", REMOTE_ADDR="192.0.2.77")
    assert ratelimit.hit(request, "lookup") is None
    assert ratelimit.hit(request, "lookup") == 45
    assert ratelimit.wait_message(45) == "Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam 1 menit."
