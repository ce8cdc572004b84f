"""The workflow table, the services and the API held to each other.

Every row of `netra.cases.workflow.TRANSITIONS` is run through the API: from one of its source
stages by a role the table allows (the status and event the table names must follow), by a role it
does not allow (403, nothing written) and from a stage it does not list (400, nothing written).
"""

import inspect

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from netra.api import views as api_views
from netra.api.serializers import TransitionSerializer
from netra.cases import services, workflow
from netra.cases.access import QUEUES
from netra.cases.models import Case, CaseEvent, CaseStatus, EventKind
from netra.core.roles import Role
from netra.desk import actions as desk_actions
from netra.rules.models import Contest, ViolationType

S = CaseStatus
ROLE_PEOPLE = {Role.VERIFIER: "verifier", Role.BAWASLU: "bawaslu", Role.PPK: "ppk", Role.SUPERVISOR: "supervisor"}
STAGES = [S.RECEIVED, S.VERIFICATION, S.BAWASLU_REVIEW, S.RECOMMENDED, S.PPK_DECIDED]


def test_every_row_names_a_service_an_event_and_statuses_that_exist():
    for step in workflow.TRANSITIONS:
        assert callable(getattr(services, step.service, None)), step.name
        assert step.event in EventKind.values, step.name
        assert set(step.sources) <= set(S.values) and (step.target is None or step.target in S.values), step.name
        assert step.roles and Role.ADMIN in step.roles, step.name
        assert str(step.action_label) and str(step.staff_label), step.name
        if step.outcome:
            assert step.service == "dismiss" and step.target == step.outcome
    assert len(workflow.BY_NAME) == len(workflow.TRANSITIONS)


def test_desk_and_api_offer_exactly_the_tables_actions():
    names = set(workflow.action_names())
    assert set(TransitionSerializer.ACTIONS) == names
    assert set(api_views.CALLS) == names
    assert set(desk_actions.FORMS) == names and set(desk_actions.BY_NAME) == names


def test_every_service_of_a_workflow_step_reads_its_guard_from_the_table():
    for service in {step.service for step in workflow.TRANSITIONS}:
        source = inspect.getsource(getattr(services, service))
        assert "_allowed(" in source or "DISMISSALS" in source, service


def test_queues_and_labels_are_generated_from_the_table():
    assert QUEUES == {Role.VERIFIER: (S.RECEIVED, S.VERIFICATION), Role.BAWASLU: (S.BAWASLU_REVIEW,),
                      Role.PPK: (S.RECOMMENDED,)}
    for step in workflow.TRANSITIONS:
        assert workflow.STAFF_EVENT_LABELS[step.event]
        assert (step.event in workflow.PUBLIC_EVENT_LABELS) == (step.public_label is not None)


@pytest.fixture
def to_stage(people, employee, make_report):
    """A case of the Samarinda employee brought to `stage` through the services."""

    def _to(stage: str, subject: str = "Budi Santoso") -> Case:
        case = make_report(nip=employee.nip, subject=subject).case
        if stage == S.RECEIVED:
            return case
        services.start_verification(case, people["verifier"])
        services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D7"),
                          contest=Contest.objects.get(code="pilwali-6472-2024"))
        if stage != S.VERIFICATION:
            services.forward_to_bawaslu(case, people["verifier"])
        if stage in (S.RECOMMENDED, S.PPK_DECIDED):
            services.recommend(case, people["bawaslu"], number="001/REK/2024")
        if stage == S.PPK_DECIDED:
            case.refresh_from_db()
            services.record_ppk_decision(case, people["ppk"], sanction=case.recommended_sanction, number="SK/1",
                                         decision_date=timezone.localdate())
        case.refresh_from_db()
        assert case.status == stage
        return case

    return _to


def payload(step, case, to_stage, employee) -> dict:
    data = {"action": step.action_name, "reason": "Catatan uji"}
    extra = {
        "link_employee": lambda: {"nip": employee.nip},
        "set_agency": lambda: {"agency": "64-setda"},
        "classify": lambda: {"violation": "D7", "contest": "pilwali-6472-2024", "conduct_date": "2024-10-10"},
        "recommend": lambda: {"number": "002/REK/2024"},
        "record_ppk_decision": lambda: {"sanction": "berat-turun-jabatan", "number": "SK/2",
                                        "decision_date": timezone.localdate().isoformat()},
        "merge_cases": lambda: {"duplicate": to_stage(S.RECEIVED, subject="Budi Santoso duplikat").code},
        "assign": lambda: {"assignee": "verifikator"},
        "mark_employee_exited": lambda: {"decision_reference": "SK Pensiun 800/12/2024"},
    }.get(step.name, lambda: {})()
    if step.outcome:
        extra["outcome"] = step.outcome
    return {**data, **extra}


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("name", [t.name for t in workflow.TRANSITIONS])
def test_each_transition_runs_through_the_api_as_the_table_says(name, people, employee, to_stage):
    step = workflow.BY_NAME[name]
    case = to_stage(step.sources[-1])
    role = next(r for r in step.roles if r != Role.ADMIN)
    data = payload(step, case, to_stage, employee)
    response = api_as(people[ROLE_PEOPLE[role]]).post(f"/api/v1/cases/{case.code}/transitions/", data, format="json")
    assert response.status_code == 200, response.json()
    # A merge keeps the case it is run on and closes the duplicate.
    moved = Case.objects.get(code=data["duplicate"]) if name == "merge_cases" else case
    moved.refresh_from_db()
    assert moved.status == (step.target or step.sources[-1])
    event = moved.events.filter(kind=step.event).last()
    assert event is not None and event.actor == people[ROLE_PEOPLE[role]]


@pytest.mark.parametrize("name", [t.name for t in workflow.TRANSITIONS])
def test_a_role_outside_the_table_is_refused_and_nothing_changes(name, people, employee, to_stage):
    step = workflow.BY_NAME[name]
    outsider = next(r for r in (Role.VERIFIER, Role.BAWASLU, Role.SUPERVISOR) if r not in step.roles)
    case = to_stage(step.sources[-1])
    data = payload(step, case, to_stage, employee)
    before = (case.status, CaseEvent.objects.count())
    response = api_as(people[ROLE_PEOPLE[outsider]]).post(f"/api/v1/cases/{case.code}/transitions/", data,
                                                          format="json")
    assert response.status_code == 403
    case.refresh_from_db()
    assert (case.status, CaseEvent.objects.count()) == before


def _stages_of(step) -> set[str]:
    """Where the step's action may run at all; a dismissal outcome is reached from any of its rows."""
    if not step.outcome:
        return set(step.sources)
    return {s for t in workflow.TRANSITIONS if t.outcome == step.outcome for s in t.sources}


@pytest.mark.parametrize("name", [t.name for t in workflow.TRANSITIONS if set(STAGES) - _stages_of(t)])
def test_a_stage_outside_the_table_is_refused_and_nothing_changes(name, people, employee, to_stage):
    step = workflow.BY_NAME[name]
    stage = next(s for s in STAGES if s not in _stages_of(step))
    case = to_stage(stage)
    data = payload(step, case, to_stage, employee)
    before = (case.status, CaseEvent.objects.count())
    response = api_as(people["admin"]).post(f"/api/v1/cases/{case.code}/transitions/", data, format="json")
    assert response.status_code == 400, response.json()
    case.refresh_from_db()
    assert (case.status, CaseEvent.objects.count()) == before


def test_api_classify_takes_the_conduct_date(people, employee, to_stage):
    """Before the determination date (22 Sep 2024 for Pilwali Samarinda) the same conduct is E, not D."""
    case = to_stage(S.VERIFICATION)
    response = api_as(people["verifier"]).post(
        f"/api/v1/cases/{case.code}/transitions/",
        {"action": "classify", "violation": "D7", "contest": "pilwali-6472-2024", "conduct_date": "2024-09-01"},
        format="json")
    assert response.status_code == 200, response.json()
    case.refresh_from_db()
    assert case.conduct_date.isoformat() == "2024-09-01" and case.violation.code.startswith("E")


def test_each_dismissal_outcome_has_one_row_per_stage():
    """`services.dismiss` picks the row by the case's stage, so an outcome's rows may not overlap."""
    for outcome, steps in services.DISMISSALS.items():
        stages = [s for step in steps for s in step.sources]
        assert len(stages) == len(set(stages)), outcome
