"""Users with their staff scope inline; roles are the user's groups (netra.core.roles)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from .models import StaffProfile


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    extra = 0
    max_num = 1
    autocomplete_fields = ("government",)
    verbose_name_plural = _("profil staf (cakupan PPK/instansi)")


class NetraUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, StaffProfileInline]
    list_display = ("username", "email", "roles", "government", "is_active", "is_staff")
    list_filter = ("groups", "is_active", "is_staff", "is_superuser")
    list_select_related = ("staff_profile__government",)

    @admin.display(description=_("peran"))
    def roles(self, obj):
        return ", ".join(sorted(g.name for g in obj.groups.all()))

    @admin.display(description=_("pemerintah daerah"))
    def government(self, obj):
        profile = getattr(obj, "staff_profile", None)
        return profile.government if profile and profile.government_id else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


admin.site.unregister(User)
admin.site.register(User, NetraUserAdmin)
