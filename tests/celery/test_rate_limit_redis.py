"""The per-client limits on Redis: one atomic counter per window, shared by the pages and the API.

In tests/celery because this part of the suite runs with a real Redis (make test-celery).
"""

import threading

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

pytestmark = pytest.mark.celery


def test_concurrent_hits_each_count_and_the_counter_expires():
    assert settings.CACHES["default"]["BACKEND"] == "netra.core.redis_cache.RedisCache"
    key = "netra-test:rl:concurrent"
    cache.delete(key)
    counts: list[int] = []
    lock = threading.Lock()

    def hammer():
        for _ in range(50):
            n = cache.count_hit(key, 30)
            with lock:
                counts.append(n)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # every hit counted once, none lost to a read-then-write race (DRF's history throttle loses them)
    assert sorted(counts) == list(range(1, 401))
    assert cache.get(key) == 400
    assert 0 < cache._cache.get_client(write=True).ttl(cache.make_and_validate_key(key)) <= 30


def test_the_api_and_the_page_share_one_allowance(reference, settings):
    settings.NETRA_RATE_LIMITS = {**settings.NETRA_RATE_LIMITS, "lookup": "3/day"}
    cache.clear()
    api = APIClient(REMOTE_ADDR="192.0.2.44")
    assert [api.get(f"/api/v1/reports/NTR-AAAA-BBBB-EE{i:02d}/").status_code for i in range(2)] == [404, 404]
    from django.test import Client

    web = Client(REMOTE_ADDR="192.0.2.44")
    assert web.get("/lacak/NTR-AAAA-BBBB-EE09/").status_code == 404
    answer = api.get("/api/v1/reports/NTR-AAAA-BBBB-EE10/")
    assert answer.status_code == 429 and int(answer["Retry-After"]) > 0
    assert "Terlalu banyak permintaan" in answer.json()["detail"]


def test_a_window_gets_its_expiry_even_if_the_worker_dies_after_counting(monkeypatch):
    """The first hit's increment and its expiry are one step on the server: a worker killed right
    after the increment (simulated by EXPIRE from Python failing) cannot leave a counter that never
    expires and so refuses its client for good."""
    key = "netra-test:rl:dies"
    cache.delete(key)
    client = cache._cache.get_client(write=True)

    def killed(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(client, "expire", killed)
    try:
        cache.count_hit(key, 30)
    except SystemExit:
        pass
    assert 0 < client.ttl(cache.make_and_validate_key(key)) <= 30
