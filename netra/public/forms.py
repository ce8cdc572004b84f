"""Citizen-facing forms. Labels and help texts coach a complete report."""


from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.core import limits
from netra.notifications.contacts import available_channels, normalize_address
from netra.notifications.models import Channel
from netra.registry import refcache
from netra.registry.validators import validate_nip_any_type


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented recipe for several files in one field."""

    def __init__(self, *args, **kwargs):
        accept = "image/jpeg,image/png,image/webp,application/pdf"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def clean_links(raw: str) -> list[str]:
    """One URL per line (commas also separate); the first bad one is named in the message."""
    links = [line.strip() for line in (raw or "").replace(",", "\n").splitlines() if line.strip()]
    validator = forms.URLField(assume_scheme="https")
    for link in links:
        try:
            validator.clean(link)
        except ValidationError:
            raise ValidationError(_("Tautan tidak sah: %(link)s"), params={"link": link[:80]}) from None
    return links


class CachedChoiceField(forms.ChoiceField):
    """A region or agency chosen by primary key from the per-worker copy (registry/refcache.py).

    Renders and validates like a ModelChoiceField over the active rows, without the two queries
    per page view and one per submitted choice: the report form is the busiest page of an election.
    """

    default_error_messages = forms.ModelChoiceField.default_error_messages

    def __init__(self, *, rows, lookup, **kwargs):
        self.lookup = lookup
        super().__init__(choices=lambda: [("", "---------")] + [(str(r.pk), str(r)) for r in rows()], **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = self.lookup(value)
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        return found

    def validate(self, value):
        forms.Field.validate(self, value)  # the lookup above already checked the choice

    def prepare_value(self, value):
        return getattr(value, "pk", value)


class ReportForm(forms.Form):
    subject_name = forms.CharField(label=_("Nama ASN yang dilaporkan"), max_length=200)
    subject_agency_text = forms.CharField(
        label=_("Instansi/unit kerja"), max_length=200, required=False,
        help_text=_("Tulis seperti yang Anda ketahui, mis. Dinas Pendidikan Kota Samarinda."))
    agency = CachedChoiceField(label=_("atau pilih instansi dari daftar"), rows=refcache.agencies,
                               lookup=refcache.agency_by_pk, required=False)
    subject_position = forms.CharField(label=_("Jabatan (jika tahu)"), max_length=200, required=False)
    subject_nip = forms.CharField(label=_("NIP / NI PPPK (jika tahu)"), max_length=30, required=False,
                                  help_text=_("18 digit; spasi atau titik boleh."))
    region = CachedChoiceField(label=_("Kabupaten/kota tempat kejadian"), rows=refcache.report_regions,
                               lookup=refcache.region_by_pk)
    location = forms.CharField(label=_("Tempat kejadian"), max_length=300, required=False,
                               help_text=_("Alamat, nama acara, atau platform media sosial."))
    conduct_date = forms.DateField(label=_("Tanggal kejadian"), widget=forms.DateInput(attrs={"type": "date"}))
    known_date = forms.DateField(
        label=_("Tanggal Anda mengetahuinya"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Laporan resmi paling lambat 7 hari sejak kejadian diketahui. Laporan yang lebih lambat "
                    "tetap diterima sebagai informasi untuk instansi."))
    description = forms.CharField(label=_("Apa yang terjadi?"), widget=forms.Textarea,
                                  max_length=limits.DESCRIPTION_MAX,
                                  help_text=_("Siapa berbuat apa, untuk calon/partai mana."))
    chronology = forms.CharField(label=_("Kronologi"), widget=forms.Textarea, required=False,
                                 max_length=limits.CHRONOLOGY_MAX,
                                 help_text=_("Urutan kejadian, saksi, dan hal lain yang membantu verifikasi."))
    links = forms.CharField(label=_("Tautan unggahan atau video"), widget=forms.Textarea(attrs={"rows": 3}),
                            required=False, max_length=limits.LINKS_TEXT_MAX,
                            help_text=_("Satu tautan per baris."))
    files = MultipleFileField(label=_("Bukti (foto JPG/PNG/WEBP atau PDF, maks. 10 MB per berkas)"),
                              required=False)
    is_anonymous = forms.BooleanField(label=_("Laporkan secara anonim"), required=False, initial=True,
                                      help_text=_("Jika anonim, petugas tidak dapat menghubungi Anda; "
                                                  "ikuti perkembangan dengan kode pelacakan."))
    reporter_name = forms.CharField(label=_("Nama Anda"), max_length=200, required=False)
    reporter_email = forms.EmailField(label=_("Email"), required=False)
    reporter_phone = forms.CharField(label=_("Telepon/WhatsApp"), max_length=40, required=False)
    reporter_address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    # Optional, also for anonymous reports: where to send stage updates (netra.notifications).
    updates_channel = forms.ChoiceField(label=_("Kirim kabar perkembangan lewat"), required=False, choices=())
    updates_contact = forms.CharField(
        label=_("Alamat email atau nomor untuk kabar"), max_length=254, required=False,
        help_text=_("Opsional, juga untuk laporan anonim. Disimpan terenkripsi, hanya dipakai untuk mengirim "
                    "kabar laporan ini, dan tidak ditampilkan kepada petugas."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["updates_channel"].choices = [("", _("Tidak perlu kabar"))] + [
            (c, Channel(c).label) for c in available_channels()]

    def clean_subject_name(self):
        value = self.cleaned_data["subject_name"]
        if limits.is_blank(value):
            raise ValidationError(_("Nama ASN yang dilaporkan wajib diisi dengan huruf yang terlihat."))
        return value

    def clean_description(self):
        value = self.cleaned_data["description"]
        if limits.is_blank(value):
            raise ValidationError(_("Bidang ini wajib diisi dengan huruf yang terlihat."))
        return value

    def clean_subject_nip(self):
        raw = self.cleaned_data.get("subject_nip", "")
        if not raw.strip():
            return ""
        return validate_nip_any_type(raw)

    def clean_conduct_date(self):
        value = self.cleaned_data["conduct_date"]
        if value > timezone.localdate():
            raise ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        if value < limits.EARLIEST_CONDUCT_DATE:
            raise ValidationError(_("Tanggal kejadian terlalu lama."))
        return value

    def clean_updates_contact(self):
        channel = self.cleaned_data.get("updates_channel")
        contact = self.cleaned_data.get("updates_contact", "").strip()
        if not channel:
            return ""
        return normalize_address(channel, contact)

    def clean_links(self):
        return clean_links(self.cleaned_data.get("links", ""))

    CONTACT_FIELDS = ("reporter_name", "reporter_email", "reporter_phone", "reporter_address")

    def clean(self):
        data = super().clean()
        if data.get("is_anonymous") and any((self.data.get(f) or "").strip() for f in self.CONTACT_FIELDS):
            # Without JavaScript both are visible: never drop filled-in details silently, ask instead.
            self.add_error("is_anonymous", _("Anda memilih anonim tetapi juga mengisi nama atau kontak. Hapus "
                                             "centang anonim agar identitas Anda terkirim, atau kosongkan isian "
                                             "identitas."))
        if not data.get("is_anonymous"):
            if not (data.get("reporter_name") or "").strip():
                self.add_error("reporter_name", _("Isi nama Anda, atau pilih melapor secara anonim."))
            if not (data.get("reporter_email") or (data.get("reporter_phone") or "").strip()):
                self.add_error("reporter_email", _("Isi email atau nomor telepon agar petugas dapat menghubungi Anda."))
        return data


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Kode pelacakan"), max_length=40,
        help_text=_("Contoh: NTR-7KQ2-M9XD-4HRT. Huruf kecil, spasi, atau tanpa tanda hubung tetap dikenali."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                                      "placeholder": "NTR-XXXX-XXXX-XXXX"}))


class AddInfoForm(forms.Form):
    text = forms.CharField(label=_("Keterangan tambahan"), widget=forms.Textarea, required=False,
                           max_length=limits.NOTE_MAX)
    links = forms.CharField(label=_("Tautan"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                            max_length=limits.LINKS_TEXT_MAX)
    files = MultipleFileField(label=_("Bukti tambahan"), required=False)

    def clean_links(self):
        return clean_links(self.cleaned_data.get("links", ""))
