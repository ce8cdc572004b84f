from django.contrib import admin

from netra.core.admin import ViewOnlyMixin

from . import services
from .models import (
    AllowedAct,
    Attempt,
    AttendanceImport,
    Certificate,
    LearningEvent,
    Module,
    Question,
    Quiz,
    Registration,
    StageReminder,
    Webinar,
)


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "version", "is_published", "order"]
    list_filter = ["topic", "is_published"]


@admin.register(AllowedAct)
class AllowedActAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "unconfirmed"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "topic", "violation", "allowed_act", "is_active", "version"]
    list_filter = ["topic", "is_active"]
    search_fields = ["code", "scenario"]


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "status", "opens_at", "closes_at", "question_count", "pass_mark"]
    list_filter = ["status"]
    readonly_fields = ["code", "created_by", "created_at", "published_at", "status"]

    def get_readonly_fields(self, request, obj=None):
        """Once attempted, the grading rules are fixed here too (see `services.update_quiz`)."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and services.grading_locked(obj):
            fields += [f for f in services.GRADING_FIELDS if f not in fields]
        return fields


class ReadOnlyAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Records written by services only: viewable, never edited in the admin."""


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyAdmin):
    list_display = ["code", "quiz", "employee", "state", "score", "passed", "started_at"]
    list_filter = ["state", "passed"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind", "holder_name", "title", "issued_at", "revoked_at"]
    search_fields = ["code", "holder_name"]


@admin.register(Webinar)
class WebinarAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "starts_at", "min_minutes", "registration_open"]
    readonly_fields = ["code", "created_by", "created_at"]


admin.site.register(Registration, ReadOnlyAdmin)
admin.site.register(AttendanceImport, ReadOnlyAdmin)
admin.site.register(LearningEvent, ReadOnlyAdmin)
admin.site.register(StageReminder, ReadOnlyAdmin)
