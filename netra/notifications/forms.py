from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .contacts import available_channels, normalize_phone
from .models import Channel, StaffPreference


class StaffPreferenceForm(forms.ModelForm):
    class Meta:
        model = StaffPreference
        fields = ["channel", "phone", "language", "daily_digest"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = available_channels()
        current = self.instance.channel if self.instance else None
        self.fields["channel"].choices = [(v, label) for v, label in Channel.choices if v in allowed or v == current]

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        if channel and channel != Channel.EMAIL:
            try:
                data["phone"] = normalize_phone(data.get("phone", ""))
            except ValidationError as exc:
                self.add_error("phone", exc)
        elif data.get("phone"):
            try:
                data["phone"] = normalize_phone(data["phone"])
            except ValidationError as exc:
                self.add_error("phone", exc)
        if channel and channel not in available_channels() and self.has_changed():
            self.add_error("channel", _("Saluran ini tidak tersedia."))
        return data
