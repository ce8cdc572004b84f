"""Login throttling (django-axes): 20 wrong passwords lock the account and the client, desk and admin."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

PASSWORD = "rahasia-uji-123"  # tests/conftest.py make_user


def login(client, url, username, password, ip="203.0.113.7", **extra):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


DESK, ADMIN = "/desk/masuk/", "/admin/login/"


@pytest.mark.parametrize("url", [DESK, ADMIN])
def test_twenty_wrong_passwords_lock_the_account_then_the_right_one_is_refused(client, people, url):
    username = "verifikator" if url == DESK else "admin"
    statuses = [login(client, url, username, f"salah-{i}", ip=f"198.51.100.{i}").status_code for i in range(20)]
    assert statuses[0] == 200 and statuses[-1] == 429  # wrong passwords from twenty addresses
    response = login(client, url, username, PASSWORD, ip="192.0.2.55")
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Terlalu banyak percobaan masuk" in page and "minta admin Netra membuka kunci" in page
    assert int(response["Retry-After"]) == 30 * 60


def test_twenty_wrong_passwords_from_one_client_lock_that_client_for_every_account(client, people):
    for i in range(20):
        login(client, DESK, f"tebakan{i}", "salah", ip="203.0.113.9")
    assert login(client, DESK, "bawaslu", PASSWORD, ip="203.0.113.9").status_code == 429
    assert "_auth_user_id" not in client.session
    other = login(client, DESK, "bawaslu", PASSWORD, ip="203.0.113.10")  # another client is not locked
    assert other.status_code == 302 and client.session["_auth_user_id"] == str(people["bawaslu"].pk)


def test_a_spoofed_forwarded_for_does_not_reset_the_client_count(client, people):
    for i in range(20):
        login(client, DESK, f"tebakan{i}", "salah", ip="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert login(client, DESK, "bawaslu", PASSWORD, ip="203.0.113.9",
                 HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_an_admin_unlocks_an_account_in_the_admin(client, people):
    for i in range(20):
        login(client, DESK, "verifikator", "salah", ip=f"198.51.100.{i}")
    assert login(client, DESK, "verifikator", PASSWORD, ip="192.0.2.1").status_code == 429
    admin = client.__class__()
    admin.force_login(people["admin"])
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "verifikator" in listing.content.decode()
    ids = list(AccessAttempt.objects.filter(username="verifikator").values_list("pk", flat=True))
    done = admin.post(reverse("admin:axes_accessattempt_changelist"),
                      {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert done.status_code == 302
    assert login(client, DESK, "verifikator", PASSWORD, ip="192.0.2.1").status_code == 302


def test_a_few_mistakes_then_the_right_password_logs_in(client, people):
    for i in range(3):
        assert login(client, DESK, "verifikator", f"salah-{i}").status_code == 200
    assert login(client, DESK, "verifikator", PASSWORD).status_code == 302
