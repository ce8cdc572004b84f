from django import forms
from django.utils.translation import gettext_lazy as _

from netra.registry.models import Employee, Region
from netra.registry.validators import normalize_nip


class LetterForm(forms.Form):
    nip = forms.CharField(label=_("NIP / NI PPPK pegawai"), max_length=30)
    letter_number = forms.CharField(label=_("Nomor surat"), max_length=120)
    event = forms.CharField(label=_("Kegiatan"), max_length=300,
                            help_text=_("mis. Pengamanan rapat umum pasangan calon di Lapangan Kinibalu"))
    place = forms.CharField(label=_("Tempat"), max_length=300)
    region = forms.ModelChoiceField(label=_("Kabupaten/kota"), required=False,
                                    queryset=Region.objects.exclude(kind=Region.Kind.PROVINCE).filter(is_active=True))
    date_from = forms.DateField(label=_("Berlaku dari"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Berlaku sampai"), widget=forms.DateInput(attrs={"type": "date"}))
    purpose = forms.CharField(label=_("Maksud penugasan"), widget=forms.Textarea(attrs={"rows": 3}))
    issuing_official = forms.CharField(label=_("Pejabat pemberi tugas (nama dan jabatan)"), max_length=200)
    issued_on = forms.DateField(label=_("Tanggal surat"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, own_employee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_employee = own_employee
        if own_employee is not None:
            self.fields["nip"].required = False
            self.fields["nip"].widget = forms.HiddenInput()

    def clean_nip(self):
        if self.own_employee is not None:
            return self.own_employee.nip
        nip = normalize_nip(self.cleaned_data["nip"])
        employee = Employee.objects.select_related("agency").filter(nip=nip).first()
        if employee is None:
            raise forms.ValidationError(_("Pegawai dengan NIP ini tidak ditemukan di data kepegawaian."))
        self.employee = employee
        return nip

    def clean(self):
        data = super().clean()
        if self.own_employee is not None:
            self.employee = self.own_employee
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pencabutan"), widget=forms.Textarea(attrs={"rows": 2}))


class SearchForm(forms.Form):
    name = forms.CharField(label=_("Nama pegawai"), required=False, max_length=200)
    nip = forms.CharField(label=_("NIP"), required=False, max_length=30)
    on_date = forms.DateField(label=_("Tanggal kejadian"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
