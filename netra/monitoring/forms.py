from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    source = forms.CharField(label=_("Sumber/keterangan"), max_length=200, required=False,
                             help_text=_("mis. ekspor tim Diskominfo 12 Nov 2024"))
    file = forms.FileField(label=_("Berkas unggahan (CSV atau JSONL)"),
                           help_text=_("Kolom: id, text; opsional: action, platform, posted_at, account, url."))


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Catatan untuk verifikasi"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)


class DismissForm(forms.Form):
    correct_label = forms.ChoiceField(label=_("Label yang benar"), choices=[
        ("political_neutral", _("Politik netral (informasi pemilu, ajakan memilih tanpa pihak)")),
        ("non_political", _("Bukan politik")),
    ])
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))
