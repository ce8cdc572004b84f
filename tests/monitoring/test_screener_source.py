"""The platform's screener: one per process, built from the settings and the admin lexicon entries."""

import pytest
from django.test import override_settings

from netra.monitoring import services


@pytest.mark.django_db
def test_screen_max_chars_setting_reaches_the_screener():
    with override_settings(NETRA_SCREEN_MAX_CHARS=40):
        screener = services.get_screener()
        assert screener.max_chars == 40
        result = screener.screen("Nasi goreng di warung ini enak sekali. Ayo coblos 02 Prabowo Gibran!")
        assert result.truncated and result.to_dict()["truncated"] is True
    assert services.get_screener().max_chars == 20_000


@pytest.mark.parametrize(("text", "rule"), [
    ("Dicari saksi TPS untuk paslon kita di kelurahan, honor ada, japri saya", "campaign_work"),
    ("Pilwali ini jangan pilih petahana, coblos kolom kosong saja", "rejection"),
])
def test_a_rule_decided_post_is_flagged_whatever_its_score(people, account, django_capture_on_commit_callbacks,
                                                          client, text, rule):
    from django.urls import reverse

    from netra.monitoring.models import Flag

    rows = [(1, {"id": "r1", "text": text, "account": "budi.s", "platform": "facebook", "posted_at": "2024-11-10"})]
    with django_capture_on_commit_callbacks(execute=True):
        services.import_posts(rows, people["monitor"], "uji")
    flag = Flag.objects.get()
    assert flag.post.result.label == "partisan" and flag.post.result.rule == rule
    client.force_login(people["verifier"])
    page = client.get(reverse("monitoring:flag", args=[flag.uid]))
    assert page.status_code == 200 and "Label partisan dari aturan" in page.content.decode()
