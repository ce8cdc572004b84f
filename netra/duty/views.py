"""Duty letters: officers register and revoke them; the public verifies them by code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netra.core import ratelimit
from netra.core.codes import normalize_code
from netra.core.forms import add_service_errors
from netra.core.permissions import government_scope
from netra.core.roles import Role, has_role
from netra.core.views import code_lookup
from netra.registry.models import Employee
from netra.registry.validators import normalize_nip

from . import services
from .forms import LetterForm, RevokeForm, SearchForm
from .models import DutyLetter
from .pdf import letter_pdf


def _may_use(user) -> bool:
    return has_role(user, *services.READER_ROLES, Role.ASN)


@login_required
def letter_list(request):
    user = request.user
    if not _may_use(user):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    searched = None
    if form.is_valid() and (form.cleaned_data["name"] or form.cleaned_data["nip"]) and has_role(
            user, *services.READER_ROLES):
        d = form.cleaned_data
        employee = Employee.objects.filter(nip=normalize_nip(d["nip"])).first() if d["nip"] else None
        searched = [letter for letter in services.letters_for(employee=employee, name=d["name"] or None,
                                                              on_date=d["on_date"]) if services.can_read(user, letter)]
    qs = DutyLetter.objects.select_related("employee", "agency").order_by("-registered_at")
    scope = government_scope(user)
    if has_role(user, *services.READER_ROLES):
        mine = scope.filter(qs, "agency__region_id")[:100]
    else:
        mine = qs.filter(employee__user=user)[:100]
    today = timezone.localdate()
    for letter in mine:
        letter.state = letter.state_on(today)
    return render(request, "duty/list.html", {"letters": mine, "form": form, "searched": searched,
                                              "can_search": has_role(user, *services.READER_ROLES),
                                              "can_register": has_role(user, *services.OFFICER_ROLES)})


@login_required
@require_http_methods(["GET", "POST"])
def letter_new(request):
    user = request.user
    if not has_role(user, *services.OFFICER_ROLES):
        # An employee never registers the letter that covers them: the issuing office does.
        raise PermissionDenied(_("Surat tugas dicatat oleh instansi penerbit, bukan oleh pegawai yang ditugaskan."))
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = services.LetterInput(
            employee=form.employee, letter_number=d["letter_number"], event=d["event"], place=d["place"],
            date_from=d["date_from"], date_to=d["date_to"], purpose=d["purpose"],
            issuing_official=d["issuing_official"], issued_on=d["issued_on"], region=d["region"],
        )
        try:
            letter = services.register_letter(data, user)
        except PermissionDenied:
            form.add_error("nip", _("Anda tidak berwenang mencatat surat tugas untuk pegawai ini."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Surat tugas dicatat. Cetak PDF-nya dan bawa saat bertugas."))
            return redirect("duty:detail", code=letter.code)
    return render(request, "duty/form.html", {"form": form}, status=400 if form.errors else 200)


def _readable(request, code) -> DutyLetter:
    letter = get_object_or_404(DutyLetter.objects.select_related("employee", "agency", "region"), code=code)
    if not services.can_read(request.user, letter):
        raise PermissionDenied
    return letter


@login_required
def letter_detail(request, code):
    letter = _readable(request, code)
    return render(request, "duty/detail.html", {
        "letter": letter, "state": letter.state_on(), "events": letter.events.select_related("actor"),
        "registrar": services.registrar_label(letter, with_name=True),
        "revoke_form": RevokeForm() if services.can_revoke(request.user, letter) and not letter.revoked_at else None,
        "verify_url": services.verify_url(letter, request),
    })


@login_required
def letter_pdf_view(request, code):
    letter = _readable(request, code)
    response = HttpResponse(letter_pdf(letter, services.verify_url(letter, request)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="surat-tugas-{letter.code}.pdf"'
    return response


@login_required
@require_POST
def letter_revoke(request, code):
    letter = _readable(request, code)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.revoke_letter(letter, request.user, form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Surat tugas dicabut."))
    else:
        messages.error(request, _("Alasan pencabutan wajib diisi."))
    return redirect("duty:detail", code=letter.code)


def verify_lookup(request):
    """/verifikasi/surat-tugas/: type the code printed on a duty letter by hand (no QR scanner)."""
    return code_lookup(request, "duty:verify", title=_("Verifikasi surat tugas"), label=_("Kode surat tugas"),
                       placeholder="ST-XXXX-XXXX-XXXX-XXXX")


def verify(request, code):
    if wait := ratelimit.hit(request, "lookup"):  # codes are credentials: no guessing at speed
        return ratelimit.too_many_requests(request, wait)
    letter = DutyLetter.objects.select_related("agency", "region", "registered_by").filter(
        code=normalize_code(code)).first()
    if letter is None:
        return render(request, "duty/verify.html", {"code": code}, status=404)
    return render(request, "duty/verify.html", {
        "letter": letter, "state": letter.state_on(), "today": timezone.localdate(),
        "registrar": services.registrar_label(letter, with_name=False),
        # A letter that entered Netra only after its duty had begun may have been written afterwards.
        "registered_late": timezone.localdate(letter.registered_at) > letter.date_from,
    })
