"""POST /api/v1/self-check/: the "Boleh atau tidak?" answer as JSON, open to anyone."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from netra.core.throttles import PublicThrottleMixin
from netra.rules.models import Contest

from . import selfcheck


class SelfCheckRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, trim_whitespace=True,
        help_text=_("Apa yang ingin dilakukan atau teks yang ingin diunggah."),
        error_messages={"max_length": _("Teks paling panjang 5000 karakter."),
                        "invalid": _("Teks harus berupa string.")})
    action = serializers.CharField(
        required=False, allow_blank=True, max_length=40,
        help_text=_("Kunci skenario (mis. like, attend_campaign_passive, spouse_with_cltn) atau tindakan atas "
                    "teks: post, share, like, comment, follow, photo, photo_gesture."))
    date = serializers.DateField(
        required=False, allow_null=True, help_text=_("Tanggal perbuatan (YYYY-MM-DD); menentukan kode E atau D."),
        error_messages={"invalid": _("Format tanggal salah, gunakan YYYY-MM-DD.")})
    contest = serializers.SlugRelatedField(
        slug_field="code", queryset=Contest.objects.all(), required=False, allow_null=True,
        help_text=_("Kode kontestasi (mis. pilgub-kaltim-2024); bila kosong ditebak dari tanggal."),
        error_messages={"does_not_exist": _("Kontestasi {value} tidak dikenal.")})

    def validate_action(self, value):
        if value and value not in selfcheck.rulebook().by_key and value not in selfcheck.CONTENT_FORMS:
            raise serializers.ValidationError(_("Tindakan tidak dikenal: %(a)s.") % {"a": value})
        return value

    def validate(self, attrs):
        if not (attrs.get("text") or "").strip() and not attrs.get("action"):
            raise serializers.ValidationError({"text": _("Isi teks atau pilih tindakan.")})
        return attrs


class RuleSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("E1–E7, D1–D13, atau A1–A11 (perbuatan yang boleh)"))
    kind = serializers.ChoiceField(choices=["violation", "allowed"])
    title = serializers.CharField()
    title_en = serializers.CharField(required=False)
    sanction_level = serializers.CharField(required=False)
    sanction = serializers.CharField(required=False)
    default_sanction = serializers.CharField(required=False)
    legal_basis = serializers.CharField(required=False)
    conditions = serializers.CharField(required=False)
    source = serializers.CharField()


class SelfCheckResponseSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=["allowed", "forbidden", "depends"])
    rules = RuleSerializer(many=True)
    explanation = serializers.CharField()
    scenario = serializers.CharField(allow_null=True)
    scenario_label = serializers.CharField(allow_blank=True)
    date_note = serializers.CharField(allow_blank=True)
    screening = serializers.DictField(allow_null=True, help_text=_("Hasil pemeriksa teks (label, skor, target, ...)"))
    rulebook_version = serializers.CharField()
    ask = serializers.CharField(
        allow_blank=True, help_text=_("Fakta yang menentukan dan belum disebut (jawaban tergantung)"))
    reading = serializers.DictField(
        allow_null=True, help_text=_("Bacaan pertanyaan: perbuatan, objek, konteks, keyakinan"))
    language = serializers.CharField(allow_blank=True, help_text=_("Bahasa jawaban: id atau en"))


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(required=False)


class SelfCheckView(PublicThrottleMixin, APIView):
    """Boleh atau tidak? Jawaban untuk satu pertanyaan atau teks, dengan aturan yang dikutip."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_scope = "self_check"  # settings.NETRA_RATE_LIMITS["self_check"] (NETRA_SELF_CHECK_RATE)

    @extend_schema(
        operation_id="self_check", tags=["self-check"], request=SelfCheckRequestSerializer,
        responses={200: SelfCheckResponseSerializer, 400: ErrorSerializer},
        examples=[OpenApiExample("like", value={"text": "Bolehkah saya like postingan tim sukses capres?",
                                                "date": "2024-01-10"}, request_only=True)],
    )
    def post(self, request):
        serializer = SelfCheckRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        d = serializer.validated_data
        answer = selfcheck.check(text=d.get("text", ""), action=d.get("action") or None, on_date=d.get("date"),
                                 contest=d.get("contest"))
        return Response(answer.to_dict())
