"""Reporter identity in escrow: hidden by default, opened with a reason, on the record, told to the reporter."""

import pytest
from django.urls import reverse

from netra.cases import escrow
from netra.cases.models import CaseEvent


@pytest.fixture
def named(make_report):
    return make_report(anonymous=False, reporter_name="Siti Aminah", reporter_email="siti@example.org")


def case_page(client, report):
    response = client.get(reverse("desk:case_detail", args=[report.case.code]))
    assert response.status_code == 200
    return response.content.decode()


def open_it(client, report, reason):
    return client.post(reverse("desk:open_identity", args=[report.case.code, report.pk]), {"reason": reason})


@pytest.mark.parametrize("role", ["verifier", "bawaslu", "admin"])
def test_identity_is_hidden_by_default_even_for_roles_that_may_open_it(client, people, named, role):
    client.force_login(people[role])
    body = case_page(client, named)
    assert "Siti Aminah" not in body and "siti@example.org" not in body
    assert "Identitas pelapor tersembunyi" in body and f'id="open-identity-{named.pk}"' in body


def test_opening_needs_a_reason_and_changes_nothing_without_one(client, people, named):
    client.force_login(people["verifier"])
    response = open_it(client, named, "  perlu ")
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "Tuliskan alasan membuka identitas pelapor" in body and "Siti Aminah" not in body
    assert not CaseEvent.objects.filter(kind="identity_opened").exists()


def test_opening_is_an_event_with_who_when_why_and_shows_the_identity(client, people, named):
    client.force_login(people["verifier"])
    response = open_it(client, named, "Perlu konfirmasi kronologi langsung kepada pelapor.")
    assert response.status_code == 302
    event = CaseEvent.objects.get(kind="identity_opened")
    assert event.actor == people["verifier"] and event.case == named.case
    assert event.reason == "Perlu konfirmasi kronologi langsung kepada pelapor."
    assert event.data == {"report": named.pk, "role": "verifier"}
    body = case_page(client, named)
    assert "Siti Aminah" in body and "siti@example.org" in body and "Identitas pelapor dibuka" in body
    client.force_login(people["bawaslu"])  # another person has not opened it
    assert "Siti Aminah" not in case_page(client, named)


def test_the_opening_expires(people, named):
    import datetime as dt

    from django.utils import timezone

    escrow.open_identity(named, people["verifier"], "Menghubungi pelapor untuk bukti video.")
    later = timezone.now() + dt.timedelta(hours=escrow.OPEN_HOURS, minutes=1)
    assert escrow.opened_for(named, people["verifier"])["name"] == "Siti Aminah"
    assert escrow.opened_for(named, people["verifier"], now=later) is None


@pytest.mark.parametrize("role", ["ppk", "supervisor", "monitor"])
def test_other_roles_cannot_open(client, people, named, role):
    client.force_login(people[role])
    assert open_it(client, named, "Saya ingin tahu siapa pelapornya.").status_code in (403, 404)
    assert not CaseEvent.objects.filter(kind="identity_opened").exists()


def test_an_anonymous_report_has_nothing_to_open(people, make_report):
    from django.core.exceptions import ValidationError

    report = make_report(anonymous=True)
    with pytest.raises(ValidationError):
        escrow.open_identity(report, people["verifier"], "Menghubungi pelapor untuk bukti video.")


def test_the_reporter_sees_that_their_identity_was_opened_and_by_which_role(client, people, named):
    status_url = reverse("public:status", args=[named.tracking_code])
    assert "Identitas Anda telah dibuka" not in client.get(status_url).content.decode()
    escrow.open_identity(named, people["bawaslu"], "Kajian Bawaslu memerlukan keterangan saksi pelapor.")
    body = client.get(status_url).content.decode()
    assert "Identitas Anda telah dibuka" in body and "Peninjau Bawaslu" in body
    assert "bawaslu" not in body.lower().replace("peninjau bawaslu", "")  # the role, not the person or reason
    assert "Kajian Bawaslu memerlukan" not in body
