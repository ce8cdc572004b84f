from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.rules.models import Contest

from .models import Topic
from .selfcheck import scenario_choices


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class QuizForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    topics = forms.MultipleChoiceField(label=_("Topik yang diundi"), choices=Topic.choices,
                                       widget=forms.CheckboxSelectMultiple)
    question_count = forms.IntegerField(label=_("Jumlah soal per percobaan"), min_value=1, max_value=100, initial=10)
    pass_mark = forms.IntegerField(label=_("Nilai lulus (%)"), min_value=1, max_value=100, initial=70)
    opens_at = forms.DateTimeField(label=_("Dibuka"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Ditutup"), widget=DateTimeInput())
    time_limit_minutes = forms.IntegerField(label=_("Batas waktu per percobaan (menit)"), min_value=1,
                                            max_value=600, initial=30)
    max_attempts = forms.IntegerField(label=_("Maksimal percobaan (0 = tanpa batas)"), min_value=0, initial=0)
    publish = forms.BooleanField(label=_("Langsung terbitkan"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["opens_at"].initial = now
        self.fields["closes_at"].initial = now + timezone.timedelta(days=30)


class WebinarForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    speakers = forms.CharField(label=_("Narasumber"), required=False, max_length=400)
    platform = forms.CharField(label=_("Platform"), initial="Zoom", max_length=60)
    starts_at = forms.DateTimeField(label=_("Mulai"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Selesai"), widget=DateTimeInput())
    min_minutes = forms.IntegerField(label=_("Minimal kehadiran (menit)"), min_value=1, initial=60)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Nama lengkap (sesuai nama di Zoom)"), max_length=200)
    email = forms.EmailField(label=_("Email (yang dipakai di Zoom)"))
    institution = forms.CharField(label=_("Instansi"), required=False, max_length=200)


class AttendanceForm(forms.Form):
    file = forms.FileField(label=_("Berkas peserta (CSV ekspor Zoom)"),
                           help_text=_("Kolom: nama, email, waktu bergabung, waktu keluar, durasi (menit)."))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimal 5 MB)."))
        return f


class SelfCheckForm(forms.Form):
    action = forms.ChoiceField(label=_("Pilih situasi"), required=False)
    text = forms.CharField(label=_("…atau tulis apa yang ingin Anda lakukan atau unggah"), required=False,
                           max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    date = forms.DateField(label=_("Tanggal perbuatan"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("Menentukan kode: sebelum penetapan calon = kode etik (E), sesudahnya = "
                                       "disiplin (D)."))
    contest = forms.ModelChoiceField(label=_("Pemilihan"), required=False, queryset=Contest.objects.none(),
                                     empty_label=_("(tebak dari tanggal)"), to_field_name="code")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("— pilih —")), *scenario_choices()]
        self.fields["contest"].queryset = Contest.objects.filter(region__isnull=True) | Contest.objects.filter(
            kind=Contest.Kind.GOVERNOR)

    def clean(self):
        data = super().clean()
        if not data.get("action") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Pilih situasi atau tulis pertanyaan/teks Anda."))
        return data
