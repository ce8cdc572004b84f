"""Citizen pages: report, follow a report, public transparency. No login, no personal data."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from netra.cases import escrow, services
from netra.cases.models import Report
from netra.cases.public_status import public_case, public_outcome, public_timeline
from netra.cases.services import inbox
from netra.core import ratelimit
from netra.core.codes import normalize_code
from netra.core.forms import add_service_errors
from netra.desk import stats
from netra.notifications.services import save_reporter_contact
from netra.registry.models import Region

from . import upload_stash
from .forms import AddInfoForm, ReportForm, TrackForm


def home(request):
    return render(request, "public/home.html", {"totals": stats.public_totals()})


@require_http_methods(["GET", "POST"])
def report(request):
    kept_ids: list[str] = []
    wait: int | None = None
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        carried = upload_stash.unsign(request.POST.get("kept_files", ""))
        dropped = set(request.POST.getlist("drop_kept"))
        upload_stash.discard([i for i in carried if i in dropped])
        kept_ids = [i for i in carried if i not in dropped]
        wait = ratelimit.hit(request, "report")
        if wait:  # the form comes back filled in and its files kept, so nothing sent is lost
            form.add_error(None, ratelimit.wait_message(wait))
        elif form.is_valid():
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
                with transaction.atomic():  # the report and its update contact are kept together
                    created = services.submit_report(data, files=[*upload_stash.load(kept_ids), *d["files"]])
                    if d["updates_channel"]:
                        save_reporter_contact(created, d["updates_channel"], d["updates_contact"],
                                              get_language())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                upload_stash.discard(kept_ids)
                request.session["just_reported"] = created.tracking_code
                return redirect("public:report_done", code=created.tracking_code)
        # The form came back: keep the files that were fine so the citizen need not choose them again.
        room = max(settings.NETRA_EVIDENCE_MAX_FILES - len(kept_ids), 0)
        uploads = request.FILES.getlist("files")
        new_ids, problems = upload_stash.keep(uploads[:room])
        kept_ids += new_ids
        if uploads[room:]:
            problems.append(_("Paling banyak %(n)s berkas; tidak disimpan: %(names)s.") % {
                "n": settings.NETRA_EVIDENCE_MAX_FILES, "names": ", ".join(f.name for f in uploads[room:])})
        if problems and "files" not in form.errors:
            form.add_error("files", " ".join(problems))
    else:
        form = ReportForm(initial={"is_anonymous": True})
    response = render(request, "public/report_form.html", {
        "form": form, "kept_files": upload_stash.listing(kept_ids), "kept_token": upload_stash.sign(kept_ids),
        "max_bytes": settings.NETRA_EVIDENCE_MAX_BYTES,
    }, status=429 if wait else 400 if form.errors else 200)
    return ratelimit.with_retry_after(response, wait) if wait else response


def _get_report(code: str) -> Report:
    """The report of a code; one still waiting in the intake inbox is opened now (services/inbox.py)."""
    report = inbox.find_report(normalize_code(code))
    if report is None:
        raise Http404(_("Kode pelacakan tidak ditemukan."))
    return report


HELD_MESSAGE = gettext_lazy("Laporan dengan kode ini sudah kami terima dan tersimpan, tetapi belum dapat dicatat "
                 "sebagai kasus. Petugas sedang memeriksanya; silakan periksa kembali nanti.")


def _not_found(request, code):
    """A mistyped code gets the lookup form back with the code and a message, not a bare 404.
    A received report that could not be opened yet says so: it is kept, not lost."""
    form = TrackForm({"code": code})
    form.is_valid()
    if inbox.is_held(normalize_code(code)):
        form.add_error("code", HELD_MESSAGE)
        return render(request, "public/track.html", {"form": form}, status=200)
    form.add_error("code", _("Kode pelacakan tidak ditemukan. Periksa kembali penulisannya."))
    return render(request, "public/track.html", {"form": form}, status=404)


def report_done(request, code):
    found = _get_report(code)
    # The code is shown in full once, to the browser that sent the report.
    if request.session.get("just_reported") != found.tracking_code:
        return redirect("public:status", code=found.tracking_code)
    return render(request, "public/report_done.html", {"report": found,
                                                        "window_end": services.report_window_end(found.known_date)})


def track(request):
    form = TrackForm(request.GET or None)
    typed = normalize_code(request.GET.get("code", ""))
    if form.is_bound and (wait := ratelimit.hit(request, "lookup", item=typed)):
        form.add_error(None, ratelimit.wait_message(wait))
        return ratelimit.with_retry_after(render(request, "public/track.html", {"form": form}), wait)
    if form.is_valid():
        code = normalize_code(form.cleaned_data["code"])
        if inbox.find_report(code) is not None:
            return redirect("public:status", code=code)
        if inbox.is_held(code):
            form.add_error("code", HELD_MESSAGE)
            return render(request, "public/track.html", {"form": form})
        form.add_error("code", _("Kode pelacakan tidak ditemukan. Periksa kembali penulisannya."))
    return render(request, "public/track.html", {"form": form}, status=404 if form.errors else 200)


def _status_page(request, found: Report, form, status: int = 200):
    case = public_case(found.case)
    return render(request, "public/status.html", {
        "report": found, "case": case, "timeline": public_timeline(case), "form": form,
        "outcome": public_outcome(case),
        "window_end": services.report_window_end(found.known_date), "identity_openings": escrow.openings(found),
    }, status=status)


@require_http_methods(["GET", "POST"])
def status(request, code):
    if request.method == "GET" and (wait := ratelimit.hit(request, "lookup", item=normalize_code(code))):
        return ratelimit.too_many_requests(request, wait)
    try:
        found = _get_report(code)
    except Http404:
        return _not_found(request, code)
    if found.tracking_code != code and request.method == "GET":
        return redirect("public:status", code=found.tracking_code)
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
    """Public figures with the dashboard's chart and map; every count passes the same suppression."""
    data = stats.public_aggregates()
    regions = Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY], is_active=True)
    return render(request, "public/transparency.html", {
        "data": data,
        "map_counts": [{"code": r.code, "name": str(r), "n": data["region_counts"].get(r.code, 0)} for r in regions],
        "chart_data": {
            "status": [[str(row["label"]), row["n"]] for row in data["by_status"]],
            "violation": [[row["key"], row["n"]] for row in data["by_violation"]],
            "sanction": [[str(row["label"]), row["n"]] for row in data["by_sanction"]],
        },
    })


@cache_control(public=True, max_age=86400)
def region_map(request):
    """Kabupaten/kota boundaries for the public map (the same file the desk dashboard uses)."""
    from netra.desk.views.dashboard import GEOJSON

    return FileResponse(GEOJSON.open("rb"), content_type="application/geo+json")
