"""Reference data admins maintain by hand: regions, agencies, the ASN register and known accounts."""

from django.contrib import admin

from .models import Agency, Employee, Region, SocialAccount


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "has_ikn_area", "is_active")
    list_filter = ("kind", "is_active", "has_ikn_area")
    search_fields = ("code", "name")
    ordering = ("code",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "short_name", "region", "is_active")
    list_filter = ("region", "is_active")
    search_fields = ("code", "name", "short_name")
    autocomplete_fields = ("region",)


class SocialAccountInline(admin.TabularInline):
    model = SocialAccount
    extra = 0


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    """Bulk changes go through `import_employees` (desk page or command); this is for single fixes."""

    list_display = ("name", "nip", "employee_type", "agency", "position", "region", "status")
    list_filter = ("employee_type", "status", "region", "agency__region")
    search_fields = ("name", "nip", "position", "agency__name")
    autocomplete_fields = ("agency", "region", "user")
    list_select_related = ("agency", "region")
    inlines = [SocialAccountInline]


@admin.register(SocialAccount)
class SocialAccountAdmin(admin.ModelAdmin):
    list_display = ("handle", "platform", "employee", "is_active")
    list_filter = ("platform", "is_active")
    search_fields = ("handle", "url", "employee__name", "employee__nip")
    autocomplete_fields = ("employee",)
