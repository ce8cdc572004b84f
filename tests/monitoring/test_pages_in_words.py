"""Monitor pages speak in names and Indonesian words, with WITA times (issue 12 item 7)."""

import datetime as dt
import io

from django.urls import reverse

from netra.monitoring.models import Flag, ImportBatch


def test_flag_page_names_the_pair_and_says_the_stance_in_words(client, people, account,
                                                              django_capture_on_commit_callbacks):
    client.force_login(people["monitor"])
    body = ("id,text,action,platform,account,posted_at\n"
            'x1,"Ayo coblos nomor 2! #PrabowoGibran2024 menang satu putaran, salam dua jari",post,facebook,budi.s,'
            "2024-01-20\n")
    upload = io.BytesIO(body.encode())
    upload.name = "posts.csv"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("monitoring:upload"), {"source": "uji", "file": upload})
    flag = Flag.objects.get()
    assert flag.post.result.targets == ["02"] and flag.post.result.stance == "support"
    page = client.get(reverse("monitoring:flag", args=[flag.uid])).content.decode()
    assert "Prabowo Subianto – Gibran Rakabuming Raka" in page
    assert "sikap: mendukung" in page and "sikap: support" not in page
    assert "partisan" in page and "tagar: " in page
    evidence = page.split('id="evidence-cues"')[1].split("</ul>")[0]
    assert "[" not in evidence  # no character offsets
    queue = client.get(reverse("monitoring:flags")).content.decode()
    assert "Prabowo Subianto – Gibran Rakabuming Raka" in queue


def test_last_imports_are_listed_in_wita(client, people):
    batch = ImportBatch.objects.create(source="ekspor-fb.csv", created_by=people["monitor"])
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=dt.datetime(2024, 1, 20, 1, 30, tzinfo=dt.UTC))
    client.force_login(people["monitor"])
    page = client.get(reverse("monitoring:flags")).content.decode()
    assert "ekspor-fb.csv</a> (20 Jan 2024 09:30 WITA)" in page
    assert "01:30" not in page
