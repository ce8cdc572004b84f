"""Every desk URL for every role: 200, 403, 404, a redirect to the login page, or a success redirect.

Add a URL by adding a row to ACCESS (and, if it needs an object, a line to `urls`). Each URL is one
test that checks all roles and reports every mismatch at once, which keeps the suite fast: the
people and the case are built once per URL, not once per role.
"""

import pytest
from django.urls import reverse

from tests.conftest import jpeg_with_gps, upload

ROLES = ["verifier", "bawaslu", "ppk", "ppk_other", "supervisor", "monitor", "trainer", "asn", "admin",
         "anonymous"]
LOGIN = "login"  # 302 to the login page
DONE = "done"  # 302 back to the case page after a successful action


def row(default, **overrides):
    table = {role: default for role in ROLES}
    table["anonymous"] = LOGIN
    table.update(overrides)
    return table


NO_CASE_ACCESS = {"monitor": 403, "trainer": 403, "asn": 403}
# The case belongs to an agency of Samarinda: `ppk` acts for Samarinda, `ppk_other` for Bontang. It is
# still at intake, and PPK officers see a case only from the recommendation on: 404 for both.
CASE_PAGE = row(200, ppk=404, ppk_other=404, **NO_CASE_ACCESS)

ACCESS = {
    # Roles without case work go on to their own work page (issue 12 item 5).
    "home": row(200, monitor="302 to /desk/pemantauan/", trainer="302 to /pelatih/", asn="302 to /kuis/"),
    "case_list": row(200, **NO_CASE_ACCESS),
    "export_csv": row(200, **NO_CASE_ACCESS),
    "export_xlsx": row(200, **NO_CASE_ACCESS),
    "case_detail": CASE_PAGE,
    "unknown_case": row(404, **NO_CASE_ACCESS),
    "evidence_view": CASE_PAGE,
    "evidence_original": row(403, verifier=200, admin=200, ppk=404, ppk_other=404),
    "dashboard": row(200, **NO_CASE_ACCESS),
    "region_map": row(200, **NO_CASE_ACCESS),
    "employee_import": row(403, admin=200, ppk=200, ppk_other=200),
    "employee_import_job": row(403, admin=404, ppk=404, ppk_other=404),  # unknown job
    # POST: `assign` is open to verifiers, supervisors and admins; the service refuses the rest.
    "action_assign": row(403, verifier=DONE, supervisor=DONE, admin=DONE, ppk=404, ppk_other=404),
    "action_unknown": row(404, **NO_CASE_ACCESS),
    # POST: only roles that may open a reporter's identity get through (the report here is anonymous,
    # so the service refuses and the page comes back with the message).
    "open_identity": row(403, verifier=DONE, bawaslu=DONE, admin=DONE),
}


@pytest.fixture
def target(make_report, employee):
    report = make_report(nip=employee.nip, files=[upload("foto.jpg", jpeg_with_gps())])
    return {"case": report.case, "evidence": report.evidence.get()}


def urls(target):
    code, uid = target["case"].code, target["evidence"].uid
    return {
        "home": ("get", reverse("desk:home"), {}),
        "case_list": ("get", reverse("desk:case_list"), {}),
        "export_csv": ("get", reverse("desk:case_export", args=["csv"]), {}),
        "export_xlsx": ("get", reverse("desk:case_export", args=["xlsx"]), {}),
        "case_detail": ("get", reverse("desk:case_detail", args=[code]), {}),
        "unknown_case": ("get", reverse("desk:case_detail", args=["KSS-0000-0000"]), {}),
        "evidence_view": ("get", reverse("desk:evidence_view", args=[uid]), {}),
        "evidence_original": ("get", reverse("desk:evidence_original", args=[uid]), {}),
        "dashboard": ("get", reverse("desk:dashboard"), {}),
        "region_map": ("get", reverse("desk:region_map"), {}),
        "employee_import": ("get", reverse("desk:employee_import"), {}),
        "employee_import_job": ("get", reverse("desk:employee_import_job",
                                               args=["00000000-0000-4000-8000-000000000000"]), {}),
        "action_assign": ("post", reverse("desk:case_action", args=[code, "assign"]), {"assign-assignee": ""}),
        "action_unknown": ("post", reverse("desk:case_action", args=[code, "delete_everything"]), {}),
        "open_identity": ("post", reverse("desk:open_identity", args=[code, target["evidence"].report_id]),
                          {"reason": "Menghubungi pelapor."}),
    }


def outcome(response, case_code):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("desk:login")):
            return LOGIN
        if location == reverse("desk:case_detail", args=[case_code]):
            return DONE
        return f"302 to {location}"
    return response.status_code


def test_table_covers_every_desk_url():
    from netra.desk.urls import urlpatterns

    named = {p.name for p in urlpatterns} - {"login", "logout"}
    covered = {"home", "case_list", "case_export", "case_detail", "evidence_view", "evidence_original",
               "dashboard", "region_map", "employee_import", "employee_import_job", "case_action", "open_identity"}
    assert named == covered, "add the new desk URL to ACCESS and urls() in this file"


@pytest.mark.parametrize("key", list(ACCESS))
def test_access(key, client, people, target):
    method, url, data = urls(target)[key]
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(people[role])
        response = getattr(client, method)(url, data)
        got = outcome(response, target["case"].code)
        if got != ACCESS[key][role]:
            wrong.append(f"{role}: expected {ACCESS[key][role]}, got {got}")
    assert not wrong, f"{key} {url}\n" + "\n".join(wrong)
