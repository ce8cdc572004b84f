"""Import → screen (in-process, no broker) → flag → confirm into a case, or dismiss into feedback."""

import csv
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from netra.cases.evidence import canonical_post
from netra.cases.models import Case, Evidence
from netra.monitoring import services
from netra.monitoring.models import Feedback, Flag, ImportBatch, Post
from netra.monitoring.reader import read_upload


def test_import_and_screen_in_process(people, account, rows, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.import_posts(rows, people["monitor"], "uji")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.imported == 3 and batch.screened == 3
    labels = dict(Post.objects.values_list("external_id", "result__label"))
    assert labels == {"p1": "partisan", "p2": "political_neutral", "p3": "non_political"}
    flag = Flag.objects.get()
    assert flag.post.external_id == "p1" and flag.post.account == account
    result = flag.post.result
    assert "02" in result.targets and result.violation == "D2"  # posted after 13 Nov 2023
    for span in result.evidence:
        assert flag.post.text[span["start"]:span["end"]] == span["text"]


def test_bad_lines_are_reported_and_skipped(people, account, django_capture_on_commit_callbacks):
    upload = io.BytesIO(b'{"id": "a", "text": "Selamat pagi"}\nnot json\n{"id": "", "text": "x"}\n'
                        b'{"id": "b", "text": "ok", "action": "dance"}\n{"id": "c", "text": "ok", '
                        b'"posted_at": "kemarin"}\n')
    upload.name = "posts.jsonl"
    rows, errors = read_upload(upload)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.import_posts(rows, people["monitor"], "uji", errors=errors)
    batch.refresh_from_db()
    assert batch.imported == 1 and batch.rows == 5
    assert [e["line"] for e in batch.row_errors] == [2, 3, 4, 5]
    assert "JSON tidak sah" in batch.row_errors[0]["error"]


def test_reimport_counts_duplicates(people, account, rows, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.import_posts(rows, people["monitor"], "a")
        again = services.import_posts(rows, people["monitor"], "b")
    assert again.duplicates == 3 and again.imported == 0 and Post.objects.count() == 3


def test_confirm_files_a_report_with_the_post_archived(people, account, rows, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.import_posts(rows, people["monitor"], "uji")
    flag = Flag.objects.get()
    report = services.confirm_flag(flag, people["verifier"], "Akun resmi pegawai")
    assert report.channel == "monitoring" and report.employee == account.employee
    case = Case.objects.get(reports=report)
    assert case.status == "received" and case.events.first().data["channel"] == "monitoring"
    archived = Evidence.objects.get(report=report, kind="post")
    assert archived.text == flag.post.text and archived.url == flag.post.url
    assert archived.sha256 == hashlib.sha256(
        canonical_post(flag.post.text, flag.post.url, flag.post.captured_at).encode()).hexdigest()
    assert Feedback.objects.get(post=flag.post).label == "partisan"
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.confirm_flag(flag, people["verifier"])


def test_dismiss_keeps_the_reason_and_the_right_label(people, account, rows, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.import_posts(rows, people["monitor"], "uji")
    flag = Flag.objects.get()
    with pytest.raises(ValidationError):
        services.dismiss_flag(flag, people["verifier"], "", "non_political")
    services.dismiss_flag(flag, people["verifier"], "Akun parodi", "political_neutral")
    flag.refresh_from_db()
    assert flag.status == "dismissed" and flag.reason == "Akun parodi"
    assert list(services.feedback_rows())[0]["label"] == "political_neutral"
    with pytest.raises(PermissionDenied):
        services.confirm_flag(flag, people["ppk"])


def test_pages_upload_queue_and_decision(client, people, account, django_capture_on_commit_callbacks):
    client.force_login(people["monitor"])
    body = "id,text,action,platform,account,posted_at\n" + "\n".join([
        'x1,"Coblos 01 AMIN! #AMINAjaDulu perubahan untuk Indonesia",post,facebook,budi.s,2024-02-01',
        "x2,Hari ini hujan deras di Samarinda,post,facebook,budi.s,2024-02-01",
    ])
    upload = io.BytesIO(body.encode())
    upload.name = "posts.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:upload"), {"source": "uji", "file": upload})
    assert response.status_code == 302
    queue = client.get(reverse("monitoring:flags"))
    assert "AMIN" in queue.content.decode()
    flag = Flag.objects.get()
    page = client.get(reverse("monitoring:flag", args=[flag.uid])).content.decode()
    assert "<mark" in page
    client.force_login(people["verifier"])
    done = client.post(reverse("monitoring:flag", args=[flag.uid]), {"decision": "confirm", "note": ""})
    assert done.status_code == 302 and Flag.objects.get().status == "confirmed"
    client.force_login(people["ppk"])
    assert client.get(reverse("monitoring:flags")).status_code == 403


def test_wrong_file_type_is_refused(client, people):
    client.force_login(people["monitor"])
    upload = io.BytesIO(b"\x89PNG\r\n")
    upload.name = "foto.png"
    response = client.post(reverse("monitoring:upload"), {"file": upload})
    assert response.status_code == 400 and "Jenis berkas tidak dikenal" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_api_import(people, account, rows, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(people["monitor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/monitoring/posts/", {"source": "api", "posts": [r for _, r in rows]},
                            format="json")
    assert response.status_code == 202 and response.json()["imported"] == 3
    status = api.get(f"/api/v1/monitoring/batches/{response.json()['uid']}/").json()
    assert status["status"] == "done" and status["flagged"] == 1
    api.force_authenticate(people["verifier"])
    assert api.post("/api/v1/monitoring/posts/", {"posts": [{"id": "z", "text": "x"}]},
                    format="json").status_code == 403


def test_a_bare_slogan_is_flagged_by_rule_even_with_a_low_model_score(people, account,
                                                                       django_capture_on_commit_callbacks):
    rows = [(1, {"id": "s1", "text": "#AMINAjaDulu", "account": "budi.s", "platform": "facebook",
                 "posted_at": "2024-01-20"})]
    with django_capture_on_commit_callbacks(execute=True):
        services.import_posts(rows, people["monitor"], "uji")
    flag = Flag.objects.get()
    result = flag.post.result
    assert result.label == "partisan" and result.rule == "bare_campaign" and result.targets == ["01"]
    assert result.score < services.flag_threshold()  # the model alone would not have flagged it


def test_the_queue_marks_a_rule_decided_flag(client, people, account, django_capture_on_commit_callbacks):
    rows = [(1, {"id": "s1", "text": "#AMINAjaDulu", "account": "budi.s", "platform": "facebook"})]
    with django_capture_on_commit_callbacks(execute=True):
        services.import_posts(rows, people["monitor"], "uji")
    client.force_login(people["monitor"])
    page = client.get(reverse("monitoring:flags")).content.decode()
    assert "#AMINAjaDulu" in page and ">aturan<" in page


def test_upload_with_a_csv_field_over_the_csv_limit_is_answered(client, people):
    """A CSV cell over Python's 131,072-character field limit is a reported line, not a 500 (issue 11)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from netra.monitoring.models import ImportBatch, Post

    csv.field_size_limit(131_072)  # Python's default (netra screen raises it in its own process)
    client.force_login(people["monitor"])
    data = ('id,text\n1,Rapat pagi\n2,"' + "x" * 140_000 + '"\n').encode()
    response = client.post("/desk/pemantauan/impor/", {"file": SimpleUploadedFile("posts.csv", data)})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert [e["line"] for e in batch.row_errors] == [3] and "CSV rusak" in batch.row_errors[0]["error"]
    assert list(Post.objects.values_list("external_id", flat=True)) == ["1"]
