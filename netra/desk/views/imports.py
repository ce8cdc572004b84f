"""Upload of the ASN register by administrators and PPK/BKD officers."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netra.core.decorators import role_required
from netra.core.permissions import EMPLOYEE_IMPORTERS, government_scope
from netra.core.roles import Role, has_role
from netra.registry.importer import BACKGROUND_BYTES, ImportFileError, import_employees, queue_import
from netra.registry.models import EmployeeImportJob, Region

MAX_UPLOAD = 20 * 1024 * 1024


class EmployeeImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Berkas CSV atau XLSX"),
                           help_text=gettext_lazy("Kolom: jenis (PNS/PPPK), nip, nama, instansi (kode atau nama "
                                                  "persis), jabatan, wilayah (kode, mis. 64.72)."))
    only_valid = forms.BooleanField(
        label=gettext_lazy("Impor hanya baris yang valid (baris bergalat dilewati)"), required=False,
        help_text=gettext_lazy("Tanpa pilihan ini, berkas yang memuat satu baris galat pun tidak diimpor sama "
                               "sekali."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 20 MB)."))
        return upload


@role_required(*EMPLOYEE_IMPORTERS)
def employee_import(request):
    """Admins import for every government; a PPK/BKD officer only for theirs, and not at all while
    their account names no government (`government_scope`)."""
    report, status = None, 200
    scope = government_scope(request.user)
    government = None if scope.everything else Region.objects.filter(pk=scope.government_id).first()
    blocked = scope.nothing
    form = EmployeeImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not blocked and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        if len(data) > BACKGROUND_BYTES:
            job = queue_import(data, upload.name, request.user, only_valid=form.cleaned_data["only_valid"],
                               dry_run="check_only" in request.POST, government=government)
            return redirect("desk:employee_import_job", uid=job.uid)
        try:
            report = import_employees(data, upload.name, only_valid=form.cleaned_data["only_valid"],
                                      dry_run="check_only" in request.POST, government=government)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        if report is not None and report.has_errors and not report.imported:
            status = 400
    if form.errors:
        status = 400
    return render(request, "desk/employee_import.html", {
        "form": form, "report": report, "government": government, "blocked": blocked,
        "dry_run": "check_only" in request.POST,
    }, status=status)


@role_required(*EMPLOYEE_IMPORTERS)
def employee_import_job(request, uid):
    """Progress and result of a background import; only its author (or an admin) may see it."""
    job = get_object_or_404(EmployeeImportJob, uid=uid)
    if job.created_by_id != request.user.pk and not has_role(request.user, Role.ADMIN):
        raise Http404
    running = job.status in (EmployeeImportJob.Status.QUEUED, EmployeeImportJob.Status.RUNNING)
    return render(request, "desk/employee_import_job.html", {"job": job, "running": running})
