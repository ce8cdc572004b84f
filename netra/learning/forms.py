from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.rules.models import Contest

from .models import Certificate, Quiz, Topic
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


class QuizEditForm(forms.ModelForm):
    """A quiz's settings after creation. The view passes the form's data to services.update_quiz,
    which decides what may still change; the drawing/grading fields are shown disabled once the
    quiz has attempts (`locked`)."""

    topics = forms.MultipleChoiceField(label=_("Topik yang diundi"), choices=Topic.choices,
                                       widget=forms.CheckboxSelectMultiple)
    question_count = forms.IntegerField(label=_("Jumlah soal per percobaan"), min_value=1, max_value=100)
    pass_mark = forms.IntegerField(label=_("Nilai lulus (%)"), min_value=1, max_value=100, error_messages={
        "min_value": _("Nilai lulus harus 1–100."), "max_value": _("Nilai lulus harus 1–100."),
        "invalid": _("Nilai lulus harus berupa bilangan bulat 1–100."), "required": _("Nilai lulus wajib diisi.")})
    opens_at = forms.DateTimeField(label=_("Dibuka"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Ditutup"), widget=DateTimeInput())
    time_limit_minutes = forms.IntegerField(label=_("Batas waktu per percobaan (menit)"), min_value=1,
                                            max_value=600)
    max_attempts = forms.IntegerField(label=_("Maksimal percobaan (0 = tanpa batas)"), min_value=0,
                                      max_value=32767)

    class Meta:
        model = Quiz
        fields = ["title", "description", "topics", "question_count", "pass_mark", "opens_at", "closes_at",
                  "time_limit_minutes", "max_attempts"]
        labels = {"title": _("Judul"), "description": _("Keterangan")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked = locked
        if locked:
            for name in ("topics", "question_count", "pass_mark"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Terkunci: kuis ini sudah dikerjakan. Tutup kuis dan buat kuis "
                                                "baru bila aturan penilaian perlu diubah.")

    def _same_minute(self, name):
        """The datetime input shows minutes only: an unchanged field keeps its seconds."""
        value, current = self.cleaned_data.get(name), getattr(self.instance, name)
        if value and current and value == current.replace(second=0, microsecond=0):
            return current
        return value

    def clean_opens_at(self):
        return self._same_minute("opens_at")

    def clean_closes_at(self):
        return self._same_minute("closes_at")


class CertificateSearchForm(forms.Form):
    STATE_CHOICES = [("", _("Semua")), ("valid", _("Sah")), ("revoked", _("Dicabut"))]

    q = forms.CharField(label=_("Kode atau nama pemegang"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Status"), required=False, choices=STATE_CHOICES)
    kind = forms.ChoiceField(label=_("Jenis"), required=False,
                             choices=[("", _("Semua")), *Certificate.Kind.choices])


class RevokeCertificateForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pencabutan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Alasan pencabutan wajib diisi.")},
                             help_text=_("Alasan ini tampil di halaman verifikasi publik."))


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
    only_valid = forms.BooleanField(
        label=_("Terapkan hanya baris yang valid (baris bergalat dilewati)"), required=False,
        help_text=_("Tanpa pilihan ini, berkas yang memuat satu baris galat pun tidak mengubah kehadiran."))

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
