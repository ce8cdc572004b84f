"""Opening a reporter's identity on the case page: a reason, an event, then the identity is shown."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.cases import escrow
from netra.cases.models import Report
from netra.core.decorators import role_required
from netra.core.roles import SEES_REPORTER_IDENTITY

from ..access import case_for_user


@role_required(*SEES_REPORTER_IDENTITY)
@require_POST
def open_identity(request, code, report_id):
    case = case_for_user(request.user, code)
    report = get_object_or_404(Report, pk=report_id, case=case)
    try:
        escrow.open_identity(report, request.user, request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Identitas pelapor dibuka; pembukaan ini tercatat di riwayat kasus."))
    return redirect("desk:case_detail", code=case.code)
