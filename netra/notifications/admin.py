"""Admin: staff preferences are editable; the outbox is read-only with a "send again" action.

Reporter contacts are deliberately NOT registered, and the outbox admin never shows a reporter's
address (only the channel): the address is used to send updates and for nothing else.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Message, StaffPreference


@admin.register(StaffPreference)
class StaffPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "channel", "language", "daily_digest"]
    list_filter = ["channel", "language", "daily_digest"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "topic", "audience", "channel", "case", "status", "attempts", "sent_at"]
    list_filter = ["status", "audience", "channel", "topic"]
    search_fields = ["case__code", "recipient_user__username"]
    date_hierarchy = "created_at"
    fields = ["created_at", "audience", "topic", "case", "recipient_user", "channel", "language", "subject",
              "body", "status", "attempts", "next_attempt_at", "sent_at", "last_error", "digest"]
    readonly_fields = fields
    actions = ["retry_now"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("case", "recipient_user")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Kirim ulang sekarang (pesan gagal atau menunggu)"))
    def retry_now(self, request, queryset):
        from .outbox import retry_now

        ids = retry_now(queryset)
        self.message_user(request, _("%(n)s pesan dijadwalkan ulang.") % {"n": len(ids)})
