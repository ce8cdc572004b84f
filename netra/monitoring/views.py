"""Monitor and verifier pages: import posts, the flag queue, confirm or dismiss a flag."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netra.core.decorators import role_required
from netra.core.permissions import FLAG_REVIEWERS, MONITORING_ROLES
from netra.core.roles import Role

from . import services
from .forms import ConfirmForm, DismissForm, UploadForm
from .highlight import segments
from .models import Flag, ImportBatch
from .reader import read_upload

REVIEWERS = FLAG_REVIEWERS


@role_required(*REVIEWERS)
def flag_queue(request):
    status = request.GET.get("status", Flag.Status.OPEN)
    flags = (Flag.objects.filter(status=status).select_related("post__result", "post__account__employee")
             .order_by("-post__result__score", "created_at"))
    page = Paginator(flags, 50).get_page(request.GET.get("page"))
    return render(request, "monitoring/flags.html", {
        "page": page, "status": status, "statuses": Flag.Status.choices,
        "batches": ImportBatch.objects.all()[:10]})


@role_required(*MONITORING_ROLES)
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        rows, errors = read_upload(form.cleaned_data["file"])
        if not rows and errors:
            form.add_error("file", errors[0][1])
        else:
            batch = services.import_posts(rows, request.user, form.cleaned_data["source"]
                                          or form.cleaned_data["file"].name, errors=errors)
            message = _("%(n)s unggahan diimpor dan masuk antrean penyaringan.") % {"n": batch.imported}
            messages.success(request, message)
            return redirect("monitoring:batch", uid=batch.uid)
    return render(request, "monitoring/upload.html", {"form": form}, status=400 if form.errors else 200)


@role_required(*REVIEWERS)
def batch_detail(request, uid):
    batch = get_object_or_404(ImportBatch, uid=uid)
    return render(request, "monitoring/batch.html", {"batch": batch})


@role_required(*REVIEWERS)
@require_http_methods(["GET", "POST"])
def flag_detail(request, uid):
    flag = get_object_or_404(Flag.objects.select_related("post__result", "post__account__employee__agency",
                                                         "report__case"), uid=uid)
    confirm_form, dismiss_form = ConfirmForm(), DismissForm()
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "confirm":
                confirm_form = ConfirmForm(request.POST)
                if confirm_form.is_valid():
                    report = services.confirm_flag(flag, request.user, confirm_form.cleaned_data["note"])
                    messages.success(request, _("Dijadikan laporan %(code)s.") % {"code": report.tracking_code})
                    return redirect("monitoring:flag", uid=flag.uid)
            elif request.POST.get("decision") == "dismiss":
                dismiss_form = DismissForm(request.POST)
                if dismiss_form.is_valid():
                    services.dismiss_flag(flag, request.user, dismiss_form.cleaned_data["reason"],
                                          dismiss_form.cleaned_data["correct_label"])
                    messages.success(request, _("Tanda ditolak; label disimpan sebagai umpan balik."))
                    return redirect("monitoring:flags")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    result = flag.post.result
    return render(request, "monitoring/flag.html", {
        "flag": flag, "post": flag.post, "result": result, "segments": segments(flag.post.text, result.evidence),
        "confirm_form": confirm_form, "dismiss_form": dismiss_form,
    }, status=400 if (confirm_form.errors or dismiss_form.errors) else 200)


@role_required(Role.ADMIN)
def feedback_export(request):
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in services.feedback_rows())
    response = HttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="netra-feedback.jsonl"'
    return response
