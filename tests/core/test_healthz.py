"""/healthz: real checks of database, cache, broker and evidence disk; 503 when one fails."""

import json
import socket

from django.test import override_settings


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_healthy_instance_answers_200_with_every_check(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "evidence_disk"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response.headers["Cache-Control"]


def test_unreachable_broker_answers_503_without_naming_the_host(client, db):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    with override_settings(REDIS_URL=url):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail" and body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert "127.0.0.1" not in json.dumps(body)


def test_unwritable_or_full_evidence_disk_answers_503(client, db, tmp_path, settings):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    settings.EVIDENCE_ROOT = blocker / "evidence"
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["evidence_disk"]["ok"] is False
    assert str(tmp_path) not in response.content.decode()

    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.NETRA_HEALTH_MIN_FREE_MB = 10**12
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "MB free" in response.json()["checks"]["evidence_disk"]["detail"]


def test_health_carries_no_personal_data(client, make_report):
    make_report(anonymous=False, reporter_name="Siti Rahmawati", reporter_email="siti@example.org")
    text = client.get("/healthz").content.decode()
    assert "Siti" not in text and "example.org" not in text and "NTR-" not in text


def test_healthz_is_exempt_from_the_https_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405


def test_robots_txt_keeps_crawlers_off_staff_and_status_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    for prefix in ("/desk/", "/admin/", "/api/", "/lacak/"):
        assert f"Disallow: {prefix}" in response.content.decode()
