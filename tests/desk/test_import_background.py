"""A large register file is imported by a background job with a progress page (issue 11, item 4)."""

from django.urls import reverse

from netra.registry import importer
from netra.registry.models import Employee, EmployeeImportJob
from tests.registry.test_import import GOOD, HEADER

from .test_import_page import post


def _big(rows: str, monkeypatch) -> bytes:
    monkeypatch.setattr("netra.desk.views.imports.BACKGROUND_BYTES", 100)
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 1)
    return rows.encode()


def test_large_file_runs_as_a_job_and_shows_its_result(client, people, monkeypatch, django_capture_on_commit_callbacks):
    client.force_login(people["admin"])
    data = _big(GOOD, monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, data)
    job = EmployeeImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("desk:employee_import_job", args=[job.uid])
    assert job.status == "done" and job.rows_total == job.rows_checked == 2 and job.created == 2
    assert bytes(job.data) == data  # the upload is kept with the job
    assert Employee.objects.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="done"' in page and "http-equiv=\"refresh\"" not in page


def test_job_with_errors_imports_nothing_and_lists_rows(client, people, monkeypatch,
                                                        django_capture_on_commit_callbacks):
    client.force_login(people["admin"])
    data = _big(GOOD + "PNS,199001012015131001,Salah Bulan,6472-disdik,Guru,64.72\n", monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, data)
    job = EmployeeImportJob.objects.get()
    assert not job.imported and job.report["errors"] == 1 and job.report["error_rows"][0]["number"] == 4
    assert Employee.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert 'id="nothing-imported"' in page and "Salah Bulan" in page


def test_queued_job_page_shows_progress_and_refreshes(client, people, monkeypatch):
    client.force_login(people["admin"])
    data = _big(HEADER + "PNS,1,Nama,a,b,64.72\n" * 3, monkeypatch)
    response = post(client, data)  # on_commit callbacks not run: the job stays queued
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="queued"' in page and 'http-equiv="refresh"' in page and "<progress" in page


def test_bad_file_job_fails_with_the_message_and_others_cannot_see_it(client, people, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    client.force_login(people["admin"])
    data = _big("kolom,lain\n" + "1,2\n" * 50, monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, data)
    job = EmployeeImportJob.objects.get()
    assert job.status == "failed" and "Kolom wajib tidak ada" in job.error
    assert "Kolom wajib tidak ada" in client.get(response["Location"]).content.decode()
    client.force_login(people["ppk"])
    assert client.get(response["Location"]).status_code == 404
