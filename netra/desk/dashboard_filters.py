"""Period and contest filters of the leadership dashboard.

The figures keep their meaning under a filter: the period selects cases by the day the first report
came in (the day the case was opened, WITA), the contest by the race the case was classified under.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from netra.rules.models import Contest

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class DashboardFilterForm(forms.Form):
    start = forms.DateField(label=_("Laporan masuk sejak"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("sampai dengan"), required=False, widget=DATE_WIDGET)
    contest = forms.ModelChoiceField(label=_("Kontestasi"), required=False, queryset=Contest.objects.all(),
                                     to_field_name="code", empty_label=_("Semua kontestasi"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


def is_filtered(form: DashboardFilterForm) -> bool:
    """True when a valid filter narrows the cases (an invalid one changes nothing)."""
    return form.is_bound and form.is_valid() and any(form.cleaned_data.get(k) for k in ("start", "end", "contest"))


def apply(qs: QuerySet, params) -> tuple[QuerySet, DashboardFilterForm]:
    """Filter the dashboard's cases; an invalid filter changes nothing and shows its message."""
    form = DashboardFilterForm(params or None)
    if not form.is_bound or not form.is_valid():
        return qs, form
    f = form.cleaned_data
    if f.get("start"):
        qs = qs.filter(opened_at__date__gte=f["start"])
    if f.get("end"):
        qs = qs.filter(opened_at__date__lte=f["end"])
    if f.get("contest"):
        qs = qs.filter(contest=f["contest"])
    return qs, form
