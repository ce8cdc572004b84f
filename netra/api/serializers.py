"""API shapes. Public serializers never carry personal data; staff ones follow the role rules."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from netra.cases import workflow
from netra.cases.models import Case, CaseEvent
from netra.cases.need_to_know import neutral_report_label, redact_event_data, sees_report_content
from netra.cases.public_status import public_case, public_timeline
from netra.core import limits
from netra.core.roles import can_see_nip
from netra.notifications.contacts import normalize_address
from netra.registry import refcache
from netra.registry.models import Agency, Region
from netra.registry.validators import mask_nip, validate_nip_any_type
from netra.rules.models import Contest, ContestStage, SanctionType, ViolationType


class ReporterSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)


class UpdatesContactSerializer(serializers.Serializer):
    """Optional (also for anonymous reports): where to send stage updates. Write-only; never echoed."""

    channel = serializers.ChoiceField(choices=["email", "whatsapp", "sms"])
    address = serializers.CharField(max_length=254, help_text=_("Alamat email atau nomor telepon"))
    language = serializers.ChoiceField(choices=["id", "en"], required=False,
                                       help_text=_("Bahasa pesan; bawaan: bahasa permintaan"))

    def validate(self, attrs):
        try:
            attrs["address"] = normalize_address(attrs["channel"], attrs["address"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"address": exc.messages}) from None
        return attrs


class CachedCodeField(serializers.SlugRelatedField):
    """A region or agency named by its code, looked up in the per-worker copy (registry/refcache.py).

    Same contract, schema and error messages as `SlugRelatedField(slug_field="code")` on the active
    rows, without a database query per report. `lookup` is a refcache function.
    """

    def __init__(self, lookup, model, **kwargs):
        self.lookup = lookup
        super().__init__(slug_field="code", queryset=model.objects.none(), **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        found = self.lookup(data)
        if found is None:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return found


class ReportCreateSerializer(serializers.Serializer):
    subject_name = serializers.CharField(max_length=200, help_text=_("Nama ASN yang dilaporkan"))
    subject_agency = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                           help_text=_("Instansi seperti diketahui pelapor"))
    agency_code = CachedCodeField(refcache.agency_by_code, Agency, required=False, allow_null=True, source="agency")
    subject_nip = serializers.CharField(max_length=30, required=False, allow_blank=True,
                                        help_text=_("NIP atau NI PPPK, 18 digit, jika diketahui"))
    subject_position = serializers.CharField(max_length=200, required=False, allow_blank=True)
    region_code = CachedCodeField(refcache.region_by_code, Region, source="region",
                                  help_text=_("Kode Kemendagri kabupaten/kota, mis. 64.72"))
    location = serializers.CharField(max_length=300, required=False, allow_blank=True)
    conduct_date = serializers.DateField(help_text=_("Tanggal kejadian (YYYY-MM-DD)"))
    known_date = serializers.DateField(required=False, allow_null=True,
                                       help_text=_("Tanggal pelapor mengetahui; batas pelaporan 7 hari sejak itu"))
    description = serializers.CharField(max_length=limits.DESCRIPTION_MAX, help_text=_("Apa yang terjadi"))
    chronology = serializers.CharField(max_length=limits.CHRONOLOGY_MAX, required=False, allow_blank=True)
    links = serializers.ListField(child=serializers.URLField(max_length=1000), required=False, max_length=20)
    anonymous = serializers.BooleanField(default=True)
    reporter = ReporterSerializer(required=False)
    updates = UpdatesContactSerializer(required=False, write_only=True)

    def validate_subject_nip(self, value):
        if not value.strip():
            return ""
        try:
            return validate_nip_any_type(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def validate_subject_name(self, value):
        if limits.is_blank(value):
            raise serializers.ValidationError(_("Nama ASN yang dilaporkan wajib diisi dengan huruf yang terlihat."))
        return value

    def validate_description(self, value):
        if limits.is_blank(value):
            raise serializers.ValidationError(_("Bidang ini wajib diisi dengan huruf yang terlihat."))
        return value

    def validate_conduct_date(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        if value < limits.EARLIEST_CONDUCT_DATE:
            raise serializers.ValidationError(_("Tanggal kejadian terlalu lama."))
        return value

    def validate_known_date(self, value):
        if value is not None and (value > timezone.localdate() or value < limits.EARLIEST_CONDUCT_DATE):
            raise serializers.ValidationError(_("Tanggal diketahui harus antara tanggal kejadian dan hari ini."))
        return value


class ReportCreatedSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.CharField()
    within_window = serializers.BooleanField()
    notice = serializers.CharField()
    status_url = serializers.CharField()


class TimelineItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    label = serializers.CharField()


class ReportStatusSerializer(serializers.Serializer):
    """What anyone holding the tracking code may know: no names, no NIP, no identity."""

    tracking_code = serializers.CharField()
    status = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    received_at = serializers.DateTimeField()
    within_window = serializers.BooleanField()
    timeline = serializers.SerializerMethodField()

    def _case(self, report):
        return public_case(report.case)

    def get_status(self, report) -> str:
        return self._case(report).status

    def get_status_label(self, report) -> str:
        return str(self._case(report).get_status_display())

    def get_timeline(self, report) -> list[dict]:
        return TimelineItemSerializer(public_timeline(self._case(report)), many=True).data


class NoteCreateSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, max_length=limits.NOTE_MAX)
    links = serializers.ListField(child=serializers.URLField(max_length=1000), required=False, max_length=20)


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "kind", "area_km2", "has_ikn_area"]


class AgencySerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code")

    class Meta:
        model = Agency
        fields = ["code", "name", "short_name", "region_code"]


class SanctionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SanctionType
        fields = ["code", "level", "name", "name_en", "legal_basis"]


class ViolationSerializer(serializers.ModelSerializer):
    counterpart = serializers.CharField(source="counterpart.code", default=None, allow_null=True)
    default_sanction = serializers.CharField(source="default_sanction.code", default=None, allow_null=True)
    sanctions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = ViolationType
        fields = ["code", "group", "stage", "title", "title_en", "legal_basis", "sanction_level", "default_sanction",
                  "sanctions", "counterpart", "social_media", "note"]


class ContestSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", default=None, allow_null=True)

    class Meta:
        model = Contest
        fields = ["code", "name", "election", "kind", "region_code", "candidate_determination_date", "voting_date"]


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContestStage
        fields = ["election", "kind", "starts_on", "ends_on", "asn_guidance", "asn_guidance_en"]


class CaseEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    data = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["at", "kind", "from_status", "to_status", "actor", "reason", "data"]

    def get_actor(self, event) -> str:
        return event.actor.get_username() if event.actor_id else event.actor_label

    def get_data(self, event) -> dict:
        """Tracking codes only for roles with need to know (netra/cases/need_to_know.py)."""
        if sees_report_content(self.context["request"].user):
            return event.data
        return redact_event_data(event.data)


class CaseSerializer(serializers.ModelSerializer):
    """Staff view of a case. NIP only for roles that need it; reporter identity never (desk only)."""

    region_code = serializers.CharField(source="region.code", default=None, allow_null=True)
    agency_code = serializers.CharField(source="agency.code", default=None, allow_null=True)
    violation = serializers.CharField(source="violation.code", default=None, allow_null=True)
    contest = serializers.CharField(source="contest.code", default=None, allow_null=True)
    recommended_sanction = serializers.CharField(source="recommended_sanction.code", default=None, allow_null=True)
    decided_sanction = serializers.CharField(source="decided_sanction.code", default=None, allow_null=True)
    authority = serializers.CharField(source="authority.code", default=None, allow_null=True)
    nip = serializers.SerializerMethodField()
    reports = serializers.SerializerMethodField(
        help_text="Tracking codes for verifiers, Bawaslu and admins; neutral labels for other roles.")

    class Meta:
        model = Case
        fields = ["code", "status", "opened_at", "due_date", "subject_name", "nip", "agency_code", "region_code",
                  "conduct_date", "information_only", "contest", "violation", "recommended_sanction",
                  "authority", "recommendation_number", "recommended_on", "decided_sanction", "decision_number",
                  "decision_date", "escalation", "closed_at", "reports"]

    def get_reports(self, case) -> list[str]:
        reports = [r.tracking_code for r in sorted(case.reports.all(), key=lambda r: (r.received_at, r.id))]
        if sees_report_content(self.context["request"].user):
            return reports
        return [neutral_report_label(i) for i in range(1, len(reports) + 1)]

    def get_nip(self, case) -> str | None:
        nip = case.employee.nip if case.employee_id else ""
        if not nip:
            return None
        return nip if can_see_nip(self.context["request"].user) else mask_nip(nip)


class CaseDetailSerializer(CaseSerializer):
    events = CaseEventSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "events"]


class TransitionSerializer(serializers.Serializer):
    """One workflow step; the actions are the workflow table's (netra/cases/workflow.py)."""

    ACTIONS = workflow.action_names()
    action = serializers.ChoiceField(choices=ACTIONS)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    violation = serializers.SlugRelatedField(slug_field="code", queryset=ViolationType.objects.all(), required=False)
    contest = serializers.SlugRelatedField(slug_field="code", queryset=Contest.objects.all(), required=False)
    conduct_date = serializers.DateField(required=False)
    sanction = serializers.SlugRelatedField(slug_field="code", queryset=SanctionType.objects.all(), required=False)
    number = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False)
    issued_on = serializers.DateField(required=False, help_text="recommend: tanggal surat rekomendasi "
                                      "(bawaan: hari dicatat)")
    decision_reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    outcome = serializers.CharField(required=False)
    nip = serializers.CharField(required=False, allow_blank=True, default="", max_length=30,
                                help_text="link_employee: NIP / NI PPPK pegawai")
    agency = serializers.SlugRelatedField(slug_field="code", queryset=Agency.objects.filter(is_active=True),
                                          required=False, help_text="set_agency: kode instansi")
    duplicate = serializers.CharField(required=False, allow_blank=True, default="", max_length=20,
                                      help_text="merge_cases: kode kasus duplikat")
    assignee = serializers.CharField(required=False, allow_blank=True, default="", max_length=150,
                                     help_text="assign: nama pengguna petugas; kosong melepas penugasan")
