from django.contrib import admin

from netra.core.admin import ViewOnlyMixin

from .models import DutyLetter, DutyLetterEvent


@admin.register(DutyLetter)
class DutyLetterAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """View-only: letters are registered and revoked through the duty pages (services.py)."""

    list_display = ["letter_number", "holder_name", "agency", "date_from", "date_to", "revoked_at"]
    search_fields = ["letter_number", "holder_name", "code"]
    list_filter = ["revoked_at"]


@admin.register(DutyLetterEvent)
class DutyLetterEventAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ["letter", "kind", "at", "actor"]

    def has_delete_permission(self, request, obj=None):
        return False
