"""Citizen pages: report, follow a report, public transparency. No login, no personal data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netra.cases import escrow, services
from netra.cases.models import Report
from netra.cases.public_status import public_case, public_timeline
from netra.core import ratelimit
from netra.core.codes import normalize_code
from netra.core.forms import add_service_errors
from netra.desk import stats

from .forms import AddInfoForm, ReportForm, TrackForm


def home(request):
    return render(request, "public/home.html", {"totals": stats.public_totals()})


@require_http_methods(["GET", "POST"])
def report(request):
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        wait = ratelimit.hit(request, "report")
        if wait:  # the form comes back filled in, so nothing typed is lost
            form.add_error(None, ratelimit.wait_message(wait))
            return ratelimit.with_retry_after(render(request, "public/report_form.html", {"form": form}), wait)
        if form.is_valid():
            d = form.cleaned_data
            data = services.ReportInput(
                subject_name=d["subject_name"], subject_agency_text=d["subject_agency_text"], agency=d["agency"],
                subject_position=d["subject_position"], subject_nip=d["subject_nip"], region=d["region"],
                location=d["location"], conduct_date=d["conduct_date"], known_date=d["known_date"],
                description=d["description"], chronology=d["chronology"], links=d["links"],
                is_anonymous=d["is_anonymous"], reporter_name=d["reporter_name"],
                reporter_email=d["reporter_email"], reporter_phone=d["reporter_phone"],
                reporter_address=d["reporter_address"], channel=Report.Channel.WEB,
            )
            try:
                created = services.submit_report(data, files=d["files"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                request.session["just_reported"] = created.tracking_code
                return redirect("public:report_done", code=created.tracking_code)
    else:
        form = ReportForm(initial={"is_anonymous": True})
    return render(request, "public/report_form.html", {"form": form}, status=400 if form.errors else 200)


def _get_report(code: str) -> Report:
    try:
        return Report.objects.select_related("case").get(tracking_code=normalize_code(code))
    except Report.DoesNotExist:
        raise Http404(_("Kode pelacakan tidak ditemukan.")) from None


def report_done(request, code):
    found = _get_report(code)
    # The code is shown in full once, to the browser that sent the report.
    if request.session.get("just_reported") != found.tracking_code:
        return redirect("public:status", code=found.tracking_code)
    return render(request, "public/report_done.html", {"report": found,
                                                        "window_end": services.report_window_end(found.known_date)})


def track(request):
    form = TrackForm(request.GET or None)
    if form.is_bound and (wait := ratelimit.hit(request, "lookup")):
        form.add_error(None, ratelimit.wait_message(wait))
        return ratelimit.with_retry_after(render(request, "public/track.html", {"form": form}), wait)
    if form.is_valid():
        code = normalize_code(form.cleaned_data["code"])
        if Report.objects.filter(tracking_code=code).exists():
            return redirect("public:status", code=code)
        form.add_error("code", _("Kode pelacakan tidak ditemukan. Periksa kembali penulisannya."))
    return render(request, "public/track.html", {"form": form}, status=404 if form.errors else 200)


def _status_page(request, found: Report, form, status: int = 200):
    case = public_case(found.case)
    return render(request, "public/status.html", {
        "report": found, "case": case, "timeline": public_timeline(case), "form": form,
        "window_end": services.report_window_end(found.known_date), "identity_openings": escrow.openings(found),
    }, status=status)


@require_http_methods(["GET", "POST"])
def status(request, code):
    if request.method == "GET" and (wait := ratelimit.hit(request, "lookup")):
        return ratelimit.too_many_requests(request, wait)
    found = _get_report(code)
    form = AddInfoForm()
    if request.method == "POST":
        form = AddInfoForm(request.POST, request.FILES)
        if wait := ratelimit.hit(request, "note"):  # the text comes back in the form, not lost
            form.add_error(None, ratelimit.wait_message(wait))
            return ratelimit.with_retry_after(_status_page(request, found, form), wait)
        if form.is_valid():
            try:
                services.add_report_info(found, form.cleaned_data["text"], files=form.cleaned_data["files"],
                                         links=form.cleaned_data["links"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Terima kasih, keterangan tambahan telah diterima."))
                return redirect("public:status", code=found.tracking_code)
    return _status_page(request, found, form, status=400 if form.errors else 200)


def transparency(request):
    return render(request, "public/transparency.html", {"data": stats.public_aggregates()})
