"""The admin shows reference data and cases, but never changes a case, an event or shows identity."""

import pytest
from django.contrib import admin
from django.urls import reverse

from netra.cases.models import Case, CaseEvent, Report
from netra.registry.models import Agency, Employee, Region, SocialAccount
from netra.rules.models import (
    Contest,
    ContestStage,
    ExtraNonWorkingDay,
    RecommendingAuthority,
    SanctionType,
    ViolationType,
)

REFERENCE = [Region, Agency, Employee, SocialAccount, SanctionType, ViolationType, Contest, ContestStage,
             RecommendingAuthority, ExtraNonWorkingDay]


def test_reference_models_are_registered():
    for model in REFERENCE:
        assert admin.site.is_registered(model), model


@pytest.mark.parametrize("model", [Case, CaseEvent, Report])
def test_case_records_are_view_only_even_for_superusers(rf, people, model):
    request = rf.get("/")
    request.user = people["admin"]
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_admin_pages_render_without_identity(client, people, make_report):
    report = make_report(anonymous=False, reporter_name="Rahasia Pelapor", reporter_email="pelapor@example.org")
    client.force_login(people["admin"])
    for url in [reverse("admin:cases_report_change", args=[report.pk]),
                reverse("admin:cases_case_change", args=[report.case.pk]),
                reverse("admin:cases_caseevent_changelist"),
                reverse("admin:registry_employee_changelist"),
                reverse("admin:rules_violationtype_changelist"),
                reverse("admin:auth_user_change", args=[people["ppk"].pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Rahasia Pelapor" not in body and "pelapor@example.org" not in body
        assert report.identity_encrypted[:20] not in body
    # A status change cannot be posted through the admin.
    case_url = reverse("admin:cases_case_change", args=[report.case.pk])
    assert client.post(case_url, {"status": "closed"}).status_code == 403
    report.case.refresh_from_db()
    assert report.case.status == "received"


def test_staff_profile_is_inline_on_user(client, people):
    client.force_login(people["admin"])
    body = client.get(reverse("admin:auth_user_change", args=[people["ppk"].pk])).content.decode()
    assert "staff_profile-0-government" in body
