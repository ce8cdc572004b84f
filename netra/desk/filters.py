"""The case list filters; the list page and both exports read the same query string."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.cases.models import OPEN_STATUSES, Case, CaseStatus, Report
from netra.core.codes import normalize_code
from netra.registry.models import Agency, Region
from netra.rules.models import ViolationType

YES_NO = [("", _("Semua")), ("yes", _("Ya")), ("no", _("Tidak"))]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari kode kasus, kode pelacakan atau nama terlapor"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua")), ("open", _("Semua yang masih berjalan")),
                                        *CaseStatus.choices])
    region = forms.ModelChoiceField(label=_("Kabupaten/kota"), required=False,
                                    queryset=Region.objects.filter(is_active=True), to_field_name="code")
    agency = forms.ModelChoiceField(label=_("Instansi"), required=False,
                                    queryset=Agency.objects.filter(is_active=True), to_field_name="code")
    violation = forms.ModelChoiceField(label=_("Bentuk pelanggaran"), required=False,
                                       queryset=ViolationType.objects.all(), to_field_name="code")
    overdue = forms.ChoiceField(label=_("Lewat batas waktu"), required=False, choices=YES_NO)
    information_only = forms.ChoiceField(label=_("Di luar batas waktu pelaporan"), required=False,
                                         choices=YES_NO)


def exact_code_match(term: str) -> int | None:
    """The id of the case whose case code or report tracking code this is, typed however it was
    read out (a hotline call starts with the reporter's tracking code); two unique-index lookups."""
    code = normalize_code(term)
    if not code:
        return None
    found = Case.objects.filter(code__in={code, term.strip().upper()}).values_list("pk", flat=True).first()
    if found is None:
        found = Report.objects.filter(tracking_code=code, case__isnull=False).values_list("case_id", flat=True).first()
    return found


def search(qs: QuerySet, term: str) -> QuerySet:
    """A case or tracking code finds its one case through the unique indexes before any name search;
    otherwise part of a name or code (on PostgreSQL a trigram index serves both, migration 0008).
    Visibility stays the caller's queryset: a code of a case the user may not see finds nothing."""
    term = term.strip()
    exact = exact_code_match(term)
    if exact is not None:
        return qs.filter(pk=exact)
    return qs.filter(Q(subject_name__icontains=term) | Q(code__icontains=term))


def filter_cases(qs: QuerySet, data) -> tuple[QuerySet, CaseFilterForm]:
    """Apply the valid filters; an invalid value (say a stale agency code) is ignored, not fatal."""
    form = CaseFilterForm(data or None)
    if not form.is_bound:
        return qs, form
    form.is_valid()
    f = form.cleaned_data
    if f.get("q"):
        qs = search(qs, f["q"])
    status = f.get("status")
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if f.get("region"):
        qs = qs.filter(region=f["region"])
    if f.get("agency"):
        qs = qs.filter(agency=f["agency"])
    if f.get("violation"):
        qs = qs.filter(violation=f["violation"])
    today = timezone.localdate()
    overdue = Q(status__in=OPEN_STATUSES, due_date__lt=today)
    if f.get("overdue") == "yes":
        qs = qs.filter(overdue)
    elif f.get("overdue") == "no":
        qs = qs.exclude(overdue)
    if f.get("information_only") == "yes":
        qs = qs.filter(information_only=True)
    elif f.get("information_only") == "no":
        qs = qs.filter(information_only=False)
    return qs, form
