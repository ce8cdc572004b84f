from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from netra.core.admin import ViewOnlyMixin

from .models import Feedback, Flag, ImportBatch, LexiconEntry, Post, ScreeningResult


class LexiconEntryForm(forms.ModelForm):
    class Meta:
        model = LexiconEntry
        fields = ["name", "entry", "is_active"]

    def clean_entry(self):
        """Refuse an entry the screener cannot load, before it can break screening for everyone."""
        entry = self.cleaned_data["entry"]
        from netra.screening.lexicon import Lexicon

        try:
            Lexicon.load(extra=[entry])
        except Exception as exc:  # noqa: BLE001 - any load error is the admin's input error
            raise forms.ValidationError(_("Entri leksikon tidak dapat dimuat: %(err)s") % {"err": exc}) from None
        return entry


@admin.register(LexiconEntry)
class LexiconEntryAdmin(admin.ModelAdmin):
    form = LexiconEntryForm
    list_display = ["name", "is_active", "updated_at"]


class ReadOnly(ViewOnlyMixin, admin.ModelAdmin):
    """Screening records are evidence of what the monitor saw: view only."""


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnly):
    list_display = ["source", "status", "rows", "imported", "screened", "flagged", "created_at"]
    list_filter = ["status"]


@admin.register(Post)
class PostAdmin(ReadOnly):
    list_display = ["platform", "account_handle", "external_id", "action", "posted_at", "screened_at"]
    search_fields = ["text", "account_handle", "external_id"]
    list_filter = ["platform", "action"]


@admin.register(ScreeningResult)
class ScreeningResultAdmin(ReadOnly):
    list_display = ["post", "label", "score", "violation", "model_version"]
    list_filter = ["label", "violation"]


@admin.register(Flag)
class FlagAdmin(ReadOnly):
    list_display = ["post", "status", "decided_by", "decided_at"]
    list_filter = ["status"]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnly):
    list_display = ["post", "label", "created_by", "created_at"]
    list_filter = ["label"]
