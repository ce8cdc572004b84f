"""Issue 12 item 5 and issue 9 item 5: the classify form derives the form and the contest, the PPK
chooses among sanctions a PPK can impose, badges count working days, the history says what was
decided."""

import datetime as dt

import pytest
from django.urls import reverse

from netra.cases import services
from netra.desk.actions import ClassifyForm, DecisionForm
from netra.desk.deadlines import badge_label
from netra.rules.models import Contest, SanctionType, ViolationType
from tests.conftest import at


def verifying(make_report, people, conduct: str, received: str, region: str = "64.72"):
    case = make_report(conduct=conduct, received=received, region=region).case
    services.start_verification(case, people["verifier"], at=at(received, 11))
    case.refresh_from_db()
    return case


def classify_post(client, case, **fields):
    return client.post(reverse("desk:case_action", args=[case.code, "classify"]),
                       {f"classify-{k}": v for k, v in fields.items() if k != "preview"}
                       | ({"preview": "1"} if fields.get("preview") else {}))


def test_samarinda_incident_defaults_to_the_samarinda_race_and_lists_only_the_derived_forms(people, make_report):
    case = verifying(make_report, people, "2024-10-10", "2024-10-11")
    form = ClassifyForm(case=case, user=people["verifier"], prefix="classify")
    assert Contest.objects.get(pk=form.initial["contest"]).code == "pilwali-6472-2024"
    codes = [v.code for v in form.fields["violation"].queryset]
    # After 22 Sep 2024 the candidates are named: D forms and the forms that apply at any time, no E1–E6.
    assert "D6" in codes and "E7" in codes and not {"E1", "E2", "E3", "E4", "E5", "E6"} & set(codes)
    assert len(codes) < ViolationType.objects.count()
    # The races the act may concern come first (not Berau's); older contests follow for late reports.
    first = [label for _pk, label in form.fields["contest"].choices][1:3]
    assert set(first) == {"Pemilihan Gubernur Kalimantan Timur 2024", "Pemilihan Wali Kota Samarinda 2024"}


def test_between_3_and_12_november_2023_the_contest_decides_and_both_outcomes_show(client, people, make_report):
    case = verifying(make_report, people, "2023-11-06", "2023-11-07", region="64.71")
    form = ClassifyForm(case=case, user=people["verifier"], prefix="classify")
    assert form.initial["contest"] is None  # not guessed: the presidential guess would give E4 for everything
    labels = [label for _pk, label in form.fields["violation"].choices]
    assert any(label.startswith("E4/D6 – ") for label in labels)

    client.force_login(people["verifier"])
    like = ViolationType.objects.get(code="E4")
    preview = classify_post(client, case, violation=like.pk, conduct_date="2023-11-06", preview=True)
    assert preview.status_code == 200
    outcomes = {o["contest"].code: o["applied"].code for o in preview.context["preview"]["outcomes"]}
    assert outcomes["pileg-2024"] == "D6" and outcomes["pilpres-2024"] == "E4"
    assert 'data-applied="D6"' in preview.content.decode() and 'data-applied="E4"' in preview.content.decode()

    refused = classify_post(client, case, violation=like.pk, conduct_date="2023-11-06")
    assert refused.status_code == 400 and "Pilih kontestasi" in refused.content.decode()
    case.refresh_from_db()
    assert case.violation is None

    pileg = Contest.objects.get(code="pileg-2024")
    saved = classify_post(client, case, violation=like.pk, contest=pileg.pk, conduct_date="2023-11-06")
    assert saved.status_code == 302
    case.refresh_from_db()
    assert case.violation.code == "D6"


def test_presidential_pair_in_the_same_week_is_e4(client, people, make_report):
    case = verifying(make_report, people, "2023-11-06", "2023-11-07")
    client.force_login(people["verifier"])
    pilpres = Contest.objects.get(code="pilpres-2024")
    response = classify_post(client, case, violation=ViolationType.objects.get(code="E4").pk, contest=pilpres.pk,
                             conduct_date="2023-11-06")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.violation.code == "E4"


def test_preview_returns_to_the_form_not_the_top(client, people, make_report):
    case = verifying(make_report, people, "2024-10-10", "2024-10-11")
    client.force_login(people["verifier"])
    page = client.get(reverse("desk:case_detail", args=[case.code])).content.decode()
    assert f'action="/desk/kasus/{case.code}/aksi/classify/#action-classify"' in page
    assert 'id="action-classify"' in page


def test_ppk_is_offered_only_sanctions_a_ppk_imposes_with_full_labels(people, make_report):
    case = make_report().case
    form = DecisionForm(case=case, user=people["ppk"], prefix="record_ppk_decision")
    levels = {s.level for s in form.fields["sanction"].queryset}
    assert SanctionType.Level.CRIMINAL not in levels and SanctionType.Level.HEAVY in levels
    html = str(form["sanction"])
    assert 'type="radio"' in html
    assert "Hukuman disiplin berat: Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS" in html
    assert "Pidana" not in html


def test_overdue_badge_counts_working_days(make_report):
    case = make_report(received="2024-12-16").case
    assert case.due_date == dt.date(2024, 12, 23)
    # Due Mon 23 Dec; Fri 27 Dec is 2 working days late (24 Dec is a working day, 25 Dec Christmas,
    # 26 Dec cuti bersama, 27 Dec working).
    assert badge_label(case, "overdue", dt.date(2024, 12, 27)) == "Terlambat 2 hari kerja"
    assert badge_label(case, "ok", dt.date(2024, 12, 17)) == "Sesuai jadwal"


@pytest.mark.django_db
def test_history_says_what_was_decided(client, people, employee, make_report):
    case = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip).case
    services.start_verification(case, people["verifier"], at=at("2024-12-17"))
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="E3"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"), at=at("2024-12-18"))
    client.force_login(people["verifier"])
    page = client.get(reverse("desk:case_detail", args=[case.code])).content.decode()
    assert "Diklasifikasikan: D4, hukuman disiplin berat" in page


def test_roles_without_cases_land_on_their_work_page(client, people):
    for role, page in (("monitor", "monitoring:flags"), ("trainer", "learning:trainer"),
                       ("asn", "learning:my_quizzes")):
        client.force_login(people[role])
        response = client.get(reverse("desk:home"))
        assert response.status_code == 302 and response["Location"] == reverse(page), role
        assert client.get(response["Location"]).status_code == 200


def test_possible_duplicates_stand_at_the_top_of_the_case(client, people, make_report):
    first = make_report(subject="Budi Santoso").case
    second = make_report(subject="Budi Santoso").case
    client.force_login(people["verifier"])
    page = client.get(reverse("desk:case_detail", args=[first.code])).content.decode()
    assert "Kemungkinan duplikat" in page
    assert page.index('id="duplicates"') < page.index('id="summary"')
    assert second.code in page[page.index('id="duplicates"'):page.index('id="summary"')]
    # Supervisors see the warning too, without the merge button they may not use.
    client.force_login(people["supervisor"])
    page = client.get(reverse("desk:case_detail", args=[first.code])).content.decode()
    assert 'id="duplicates"' in page and "gabungkan ke kasus ini" not in page


def test_case_search_finds_a_case_by_a_reports_tracking_code(client, people, make_report):
    report = make_report(subject="Rahmat")
    make_report(subject="Siti")
    client.force_login(people["verifier"])
    for typed in (report.tracking_code, report.tracking_code.lower().replace("-", " ")):
        response = client.get(reverse("desk:case_list"), {"q": typed})
        assert [c.code for c in response.context["page"].object_list] == [report.case.code], typed
