"""The legal catalogue and calendars: several values are UNCONFIRMED and must be editable."""

from django.contrib import admin

from .models import (
    Contest,
    ContestStage,
    ExtraNonWorkingDay,
    RecommendingAuthority,
    SanctionType,
    ViolationType,
)


@admin.register(SanctionType)
class SanctionTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "legal_basis", "order")
    list_filter = ("level",)
    search_fields = ("code", "name", "name_en", "legal_basis")
    ordering = ("order",)


@admin.register(ViolationType)
class ViolationTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "group", "stage", "title", "sanction_level", "default_sanction", "counterpart",
                    "social_media")
    list_filter = ("group", "stage", "sanction_level", "social_media")
    search_fields = ("code", "title", "title_en", "legal_basis", "note")
    filter_horizontal = ("sanctions",)
    autocomplete_fields = ("default_sanction", "counterpart")
    ordering = ("order",)


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "election", "kind", "region", "candidate_determination_date", "voting_date")
    list_filter = ("election", "kind", "region")
    search_fields = ("code", "name", "election")
    date_hierarchy = "voting_date"


@admin.register(ContestStage)
class ContestStageAdmin(admin.ModelAdmin):
    list_display = ("election", "kind", "starts_on", "ends_on")
    list_filter = ("election", "kind")
    search_fields = ("election", "asn_guidance")
    date_hierarchy = "starts_on"


@admin.register(RecommendingAuthority)
class RecommendingAuthorityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")
    search_fields = ("code", "name")


@admin.register(ExtraNonWorkingDay)
class ExtraNonWorkingDayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    search_fields = ("name",)
    date_hierarchy = "date"
