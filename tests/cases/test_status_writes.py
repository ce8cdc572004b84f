"""No case status is written outside the case services, `netra/cases/services/` (issue 9 item 6).

Every status change must come with its event in the same transaction, and only the services do
that. This reads the source of every module under netra/ (migrations aside) and refuses:
- `<x>.status = ...` outside a services module, and on anything named like a case outside the
  case services (other apps' services set the status of their own records: flags, quizzes);
- `.update(status=...)`, `setattr(x, "status", ...)` outside a services module, and any call on
  `Case` that passes a status outside the case services;
- raw SQL that updates or inserts into `cases_case`.
"""

import ast
from pathlib import Path

import pytest

NETRA = Path(__file__).resolve().parents[2] / "netra"
CASE_SERVICES = Path("cases/services")  # the package: intake, transitions, escalation, base
# Modules that are the one write path of another record's own state (not a case's).
OWN_STATE_SERVICES = {
    Path("notifications/outbox.py"),  # an outbox message's send state
    Path("registry/importer.py"),  # a background import job's progress
}
WRITE_METHODS = {"create", "update", "update_or_create", "get_or_create", "bulk_create"}


def status_writes(source: str, relpath: Path) -> list[str]:
    """The forbidden status writes in one module, as "line: code" strings."""
    in_case_services = relpath.parent == CASE_SERVICES
    in_services = relpath.name == "services.py" or relpath in OWN_STATE_SERVICES or in_case_services
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == "status":
                owner = ast.unparse(target.value).lower()
                if not in_services or ("case" in owner and not in_case_services):
                    found.append(f"{node.lineno}: {ast.unparse(target)} = ...")
        if isinstance(node, ast.Call):
            func = ast.unparse(node.func)
            keywords = {k.arg for k in node.keywords}
            if func.endswith(".update") and "status" in keywords and not in_services:
                found.append(f"{node.lineno}: {func}(status=...)")
            if func == "setattr" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                    and node.args[1].value == "status" and not in_services:
                found.append(f"{node.lineno}: setattr(..., 'status', ...)")
            writes = func == "Case" or func.rsplit(".", 1)[-1] in WRITE_METHODS
            if writes and "Case" in func.split("(")[0] and "status" in keywords and not in_case_services:
                found.append(f"{node.lineno}: {func}(status=...)")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            sql = " ".join(node.value.lower().split())
            if ("update cases_case " in sql or "into cases_case " in sql or "into cases_case(" in sql) \
                    and not in_case_services:
                found.append(f"{node.lineno}: raw SQL on cases_case")
    return found


def modules():
    for path in sorted(NETRA.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def test_no_case_status_is_written_outside_the_services():
    offenders = []
    for path in modules():
        rel = path.relative_to(NETRA)
        offenders += [f"netra/{rel}:{hit}" for hit in status_writes(path.read_text(encoding="utf-8"), rel)]
    assert offenders == []


@pytest.mark.parametrize("source, where", [
    ("case.status = 'closed'\ncase.save()", "desk/views/cases.py"),
    ("Case.objects.filter(pk=1).update(status='closed')", "desk/views/cases.py"),
    ("Case.objects.filter(pk=1).update(status='closed')", "monitoring/services.py"),
    ("self.case.status = 'closed'", "monitoring/services.py"),
    ("setattr(case, 'status', 'closed')", "api/views.py"),
    ("Case(status='closed', code='X').save()", "demo/seed.py"),
    ("cursor.execute(\"UPDATE cases_case SET status = 'closed'\")", "core/management/x.py"),
])
def test_the_check_finds_each_kind_of_write(source, where):
    assert status_writes(source, Path(where)), source


def test_the_check_lets_the_services_and_other_records_be():
    assert status_writes("case.status = to\nCase.objects.create(status='received')",
                         CASE_SERVICES / "transitions.py") == []
    assert status_writes("flag.status = 'confirmed'", Path("monitoring/services.py")) == []
    assert status_writes("return render(request, 'x.html', status=400)", Path("public/views.py")) == []
