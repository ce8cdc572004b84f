from django import forms
from django.core.exceptions import ValidationError

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
        """A phone number is required for WhatsApp/SMS and, when given, always stored as E.164."""
        data = super().clean()
        phone = data.get("phone", "")
        if phone or data.get("channel") in (Channel.WHATSAPP, Channel.SMS):
            try:
                data["phone"] = normalize_phone(phone)
            except ValidationError as exc:
                self.add_error("phone", exc)
        return data
