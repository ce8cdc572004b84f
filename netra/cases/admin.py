"""Cases in the admin are for looking, not for changing.

Every state change is a service call that writes its event in the same transaction; an admin form
that edited a status (or anything else on a case) would change the record without an event, so
cases, reports, evidence and events are view-only here. Reporter identity is never shown: the
encrypted field is left out and nothing decrypts it. Work on cases happens in the staff desk.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from netra.core.admin import ViewOnlyMixin

from .models import Case, CaseEvent, Evidence, Report, ReportNote, Submission


class CaseEventInline(ViewOnlyMixin, admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ("at", "kind", "from_status", "to_status", "actor", "actor_label", "reason")
    readonly_fields = fields
    ordering = ("at", "id")


@admin.register(Case)
class CaseAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "status", "subject_name", "agency", "region", "violation", "due_date", "escalation",
                    "information_only")
    list_filter = ("status", "escalation", "information_only", "region", "violation")
    search_fields = ("code", "subject_name")
    date_hierarchy = "opened_at"
    list_select_related = ("agency", "region", "violation")
    readonly_fields = ("desk_link",)
    inlines = [CaseEventInline]

    @admin.display(description=_("meja kerja"))
    def desk_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("desk:case_detail", args=[obj.code]),
                           _("Buka kasus di meja kerja"))


class EvidenceInline(ViewOnlyMixin, admin.TabularInline):
    model = Evidence
    fk_name = "report"
    extra = 0
    # No file fields: evidence storage has no URL; files open only through the desk's checked views.
    fields = ("kind", "received_at", "original_name", "content_type", "size", "sha256", "url")
    readonly_fields = fields


@admin.register(Report)
class ReportAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("tracking_code", "received_at", "channel", "is_anonymous", "subject_name", "region", "case",
                    "within_window")
    list_filter = ("channel", "is_anonymous", "within_window", "region")
    search_fields = ("tracking_code", "subject_name", "case__code")
    date_hierarchy = "received_at"
    list_select_related = ("region", "case")
    exclude = ("identity_encrypted",)
    inlines = [EvidenceInline]


@admin.register(ReportNote)
class ReportNoteAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("report", "added_at")
    search_fields = ("report__tracking_code",)


@admin.register(Evidence)
class EvidenceAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("uid", "report", "kind", "content_type", "size", "sha256", "received_at")
    list_filter = ("kind", "content_type")
    search_fields = ("sha256", "report__tracking_code", "original_name")
    exclude = ("sealed_file", "view_file")


@admin.register(CaseEvent)
class CaseEventAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """The append-only log: no add, change or delete, whoever asks (database triggers agree)."""

    list_display = ("case", "at", "kind", "from_status", "to_status", "actor", "actor_label")
    list_filter = ("kind", "to_status")
    search_fields = ("case__code", "kind", "reason")
    date_hierarchy = "at"
    list_select_related = ("case", "actor")


@admin.register(Submission)
class SubmissionAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """The intake inbox: reports received through the API whose case opens after the answer.

    A failed submission (its region or agency was removed, it no longer passes the checks, or the
    database failed five times) is kept with its reason; "try again" opens it once the cause is fixed.
    The encrypted payload (the reporter's identity and address) is never shown.
    """

    list_display = ("tracking_code", "received_at", "channel", "status", "attempts", "report", "opened_at")
    list_filter = ("status", "channel")
    search_fields = ("tracking_code",)
    date_hierarchy = "received_at"
    exclude = ("payload_encrypted",)
    actions = ["retry"]

    @admin.action(description=_("Coba catat ulang kiriman yang gagal"))
    def retry(self, request, queryset):
        from .services import inbox

        opened = inbox.retry(queryset)
        self.message_user(request, _("%(n)s kiriman berhasil dicatat sebagai kasus.") % {"n": opened})
