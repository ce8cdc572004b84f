"""Case list, exports, the case page and its actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rapidfuzz import process

from netra.cases import escrow, need_to_know
from netra.cases.models import Evidence, Report, ReportNote
from netra.core.decorators import role_required
from netra.core.forms import add_service_errors
from netra.core.permissions import CASE_DESK_ROLES
from netra.core.roles import can_see_nip, can_see_reporter_identity
from netra.duty.services import letters_for, registrar_label
from netra.registry.models import Employee

from .. import actions, exports
from ..access import can_open_sealed_original, case_for_user, visible_cases
from ..deadlines import deadline_state
from ..duplicates import suggestions
from ..filters import filter_cases
from ..labels import event_detail, event_label
from ..paging import CappedPaginator

desk_roles = role_required(*CASE_DESK_ROLES)


@desk_roles
def case_list(request):
    qs, form = filter_cases(visible_cases(request.user), request.GET)
    qs = qs.order_by("-opened_at")
    wanted = request.GET.get("page")
    searching = bool(form.is_bound and form.cleaned_data.get("q"))
    page = CappedPaginator(qs, 50, wanted_page=wanted, by_ids=searching).get_page(wanted)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "desk/case_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "may_see_nip": can_see_nip(request.user),
    })


@desk_roles
def case_export(request, fmt):
    qs, _form = filter_cases(visible_cases(request.user), request.GET)
    qs = qs.order_by("-opened_at")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(qs, request.user), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(qs, request.user),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="netra-kasus-{stamp}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _employee_candidates(case, limit: int = 5) -> list[Employee]:
    """Registered employees whose names resemble the reported name, to link with one click."""
    tokens = [t for t in case.subject_name.replace(",", " ").split() if len(t) >= 4][:4]
    if not tokens:
        return []
    pool = Employee.objects.none()
    for token in tokens:
        pool = pool | Employee.objects.filter(name__icontains=token)
    pool = list(pool.exclude(pk=case.employee_id or 0).select_related("agency")[:300])
    ranked = process.extract(case.subject_name, {e.pk: e.name for e in pool}, limit=limit, score_cutoff=60)
    by_pk = {e.pk: e for e in pool}
    return [by_pk[key] for _name, _score, key in ranked]


def _reports_with_evidence(case, user) -> list[dict]:
    """The merged reports, their notes and evidence, and identity only where this user opened it (escrow)."""
    reports = (Report.objects.filter(case=case).select_related("region", "agency")
               .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.filter(note__isnull=True)),
                                 Prefetch("notes", queryset=ReportNote.objects.prefetch_related("evidence")))
               .order_by("received_at"))
    return [{"report": r, "identity": escrow.opened_for(r, user), "label": need_to_know.neutral_report_label(i)}
            for i, r in enumerate(reports, start=1)]


def _duty_letters(case) -> list:
    """Letters that may explain the conduct, each with who registered it and whether in time."""
    letters = letters_for(employee=case.employee, name=None if case.employee_id else case.subject_name,
                          on_date=case.conduct_date, reported_at=case.opened_at)
    for letter in letters:
        letter.registrar = registrar_label(letter, with_name=True)
    return letters


def _history(case) -> list[dict]:
    """The case's events with what each decided ("Diklasifikasikan: D4, hukuman disiplin berat")."""
    from netra.rules.models import SanctionType

    sanctions = {s.code: s for s in SanctionType.objects.all()}
    return [{"event": e, "label": event_label(e.kind), "detail": event_detail(e, sanctions)}
            for e in case.events.select_related("actor").order_by("at", "id")]


def _render_case(request, case, *, failed=None, preview=None, status=200):
    """The case page; `failed` is (action name, bound form with errors) to show in place."""
    user = request.user
    forms_by_action = []
    for action in actions.offered(user, case):
        if failed and failed[0] == action.name:
            form = failed[1]
        else:
            form = action.form_class(case=case, user=user, prefix=action.name)
        forms_by_action.append({"action": action, "form": form})
    if failed and failed[0] not in {a["action"].name for a in forms_by_action}:
        # The action is no longer offered (state moved on): show its errors at the top.
        for errors in failed[1].errors.values():
            for error in errors:
                messages.error(request, error)
    offered_names = {a["action"].name for a in forms_by_action}
    return render(request, "desk/case_detail.html", {
        "case": case,
        "badge": deadline_state(case),
        "events": _history(case),
        "reports": _reports_with_evidence(case, user),
        "findings": [{"event": e, "label": event_label(e.kind)} for e in need_to_know.findings(case)],
        "may_see_content": need_to_know.sees_report_content(user),
        "actions": forms_by_action,
        "preview": preview,
        "duplicates": suggestions(case, visible_cases(user)) if case.is_open else [],
        "may_merge": "merge_cases" in offered_names,
        "employee_candidates": _employee_candidates(case) if "link_employee" in offered_names else [],
        "duty_letters": _duty_letters(case),
        "may_see_nip": can_see_nip(user),
        "may_see_identity": can_see_reporter_identity(user),
        "may_open_original": can_open_sealed_original(user),
    }, status=status)


@desk_roles
def case_detail(request, code):
    return _render_case(request, case_for_user(request.user, code))


@desk_roles
@require_POST
def case_action(request, code, name):
    """Run one action through its service. PermissionDenied from the service propagates as 403."""
    case = case_for_user(request.user, code)
    action = actions.BY_NAME.get(name)
    if action is None:
        raise Http404
    form = action.form_class(request.POST, case=case, user=request.user, prefix=action.name)
    if not form.is_valid():
        return _render_case(request, case, failed=(name, form), status=400)
    if name == "classify" and "preview" in request.POST:
        return _render_case(request, case, failed=(name, form), preview=form.preview())
    try:
        action.run(case, request.user, form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        case.refresh_from_db()
        return _render_case(request, case, failed=(name, form), status=400)
    messages.success(request, _("%(action)s: tersimpan.") % {"action": action.label})
    return redirect("desk:case_detail", code=case.code)
