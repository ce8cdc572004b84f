"""REST API v1. Public endpoints: create a report, follow it by code, reference data.
Staff endpoints (token or session auth): cases visible to the caller and their transitions."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from netra.cases import services
from netra.cases.access import cases_visible_to
from netra.cases.models import CaseStatus, Report
from netra.cases.services import inbox
from netra.core.codes import normalize_code
from netra.core.permissions import CASE_DESK_ROLES
from netra.core.roles import has_role
from netra.core.throttles import PublicThrottleMixin
from netra.registry.models import Agency, Employee, Region
from netra.registry.validators import normalize_nip
from netra.rules.models import Contest, ContestStage, SanctionType, ViolationType

from . import serializers as s
from .pagination import CappedCountPagination


def _api_error(exc: ValidationError):
    """Turn a service's ValidationError into a 400 with the same Indonesian messages."""
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return ApiValidationError(detail)


class ReportCreateView(PublicThrottleMixin, APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_scope = "public_report"

    @extend_schema(request=s.ReportCreateSerializer, responses={201: s.ReportCreatedSerializer},
                   summary="Kirim laporan dugaan pelanggaran netralitas ASN")
    def post(self, request):
        incoming = s.ReportCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = incoming.validated_data
        reporter = d.get("reporter") or {}
        data = services.ReportInput(
            subject_name=d["subject_name"], subject_agency_text=d.get("subject_agency", ""), agency=d.get("agency"),
            subject_nip=d.get("subject_nip", ""), subject_position=d.get("subject_position", ""),
            region=d["region"], location=d.get("location", ""), conduct_date=d["conduct_date"],
            known_date=d.get("known_date"), description=d["description"], chronology=d.get("chronology", ""),
            links=d.get("links", []), is_anonymous=d["anonymous"], reporter_name=reporter.get("name", ""),
            reporter_email=reporter.get("email", ""), reporter_phone=reporter.get("phone", ""),
            reporter_address=reporter.get("address", ""), channel=Report.Channel.API,
        )
        updates = d.get("updates")
        extras = {"updates": {**updates, "language": updates.get("language") or get_language()}} if updates else {}
        try:
            # No transaction of our own: with the inbox the report and its update contact are one row
            # (one INSERT, no BEGIN/COMMIT round trips); without it accept_report opens the case and
            # keeps its contact in one transaction.
            accepted = inbox.accept_report(data, extras)
        except ValidationError as exc:
            raise _api_error(exc) from None
        notice = _("Laporan diterima. Simpan kode pelacakan untuk mengikuti perkembangannya.")
        if not accepted.within_window:
            notice = _("Laporan diterima di luar batas 7 hari sejak kejadian diketahui; ditangani sebagai "
                       "informasi untuk instansi, bukan laporan resmi.")
        # Every case opens in the received stage, whether the inbox opens it now or in a moment.
        body = {"tracking_code": accepted.tracking_code, "status": CaseStatus.RECEIVED,
                "within_window": accepted.within_window, "notice": notice,
                "status_url": request.build_absolute_uri(reverse("public:status", args=[accepted.tracking_code]))}
        # Plain values already; ReportCreatedSerializer documents the shape (extend_schema above).
        return Response(body, status=status.HTTP_201_CREATED)


def _report_by_code(code: str) -> Report:
    report = inbox.find_report(normalize_code(code))
    if report is None:
        raise Http404
    return report


class ReportStatusView(PublicThrottleMixin, APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_scope = "lookup"

    @extend_schema(responses={200: s.ReportStatusSerializer}, summary="Status laporan menurut kode pelacakan")
    def get(self, request, code):
        return Response(s.ReportStatusSerializer(_report_by_code(code)).data)


class ReportNoteView(PublicThrottleMixin, APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_scope = "report_note"

    @extend_schema(request=s.NoteCreateSerializer, responses={201: s.ReportStatusSerializer},
                   summary="Tambahkan keterangan pada laporan")
    def post(self, request, code):
        report = _report_by_code(code)
        incoming = s.NoteCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            services.add_report_info(report, incoming.validated_data.get("text", ""),
                                     links=incoming.validated_data.get("links", []))
        except ValidationError as exc:
            raise _api_error(exc) from None
        return Response(s.ReportStatusSerializer(report).data, status=status.HTTP_201_CREATED)


class ReferenceList(generics.ListAPIView):
    permission_classes = [AllowAny]
    pagination_class = None


class RegionList(ReferenceList):
    queryset = Region.objects.filter(is_active=True)
    serializer_class = s.RegionSerializer


class AgencyList(ReferenceList):
    queryset = Agency.objects.filter(is_active=True).select_related("region")
    serializer_class = s.AgencySerializer


class ViolationList(ReferenceList):
    queryset = ViolationType.objects.select_related("counterpart", "default_sanction").prefetch_related("sanctions")
    serializer_class = s.ViolationSerializer


class SanctionList(ReferenceList):
    queryset = SanctionType.objects.all()
    serializer_class = s.SanctionSerializer


class ContestList(ReferenceList):
    queryset = Contest.objects.select_related("region")
    serializer_class = s.ContestSerializer


class StageList(ReferenceList):
    queryset = ContestStage.objects.all()
    serializer_class = s.StageSerializer


class IsCaseStaff(IsAuthenticated):
    def has_permission(self, request, view):
        return super().has_permission(request, view) and has_role(request.user, *CASE_DESK_ROLES)


class CaseList(generics.ListAPIView):
    permission_classes = [IsCaseStaff]
    serializer_class = s.CaseSerializer
    pagination_class = CappedCountPagination

    def get_queryset(self):
        qs = cases_visible_to(self.request.user).select_related(
            "contest", "recommended_sanction", "decided_sanction", "authority").prefetch_related("reports")
        wanted = self.request.query_params.get("status")
        return qs.filter(status=wanted) if wanted else qs


class CaseDetail(generics.RetrieveAPIView):
    permission_classes = [IsCaseStaff]
    serializer_class = s.CaseDetailSerializer
    lookup_field = "code"

    def get_queryset(self):
        return cases_visible_to(self.request.user).prefetch_related("events__actor", "reports")


def _employee_by_nip(nip: str) -> Employee:
    employee = Employee.objects.filter(nip=normalize_nip(nip)).first() if (nip or "").strip() else None
    if employee is None:
        raise ApiValidationError({"nip": [_("NIP ini tidak ada di daftar pegawai.")]})
    return employee


def _duplicate_case(user, code: str):
    other = cases_visible_to(user).filter(code=(code or "").strip().upper()).first()
    if other is None:
        raise ApiValidationError({"duplicate": [_("Kasus dengan kode ini tidak ditemukan.")]})
    return other


def _desk_user(username: str):
    """The staff member to assign; blank means unassign."""
    if not (username or "").strip():
        return None
    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None or not has_role(user, *CASE_DESK_ROLES):
        raise ApiValidationError({"assignee": [_("Petugas tidak ditemukan.")]})
    return user


def _required(d: dict, name: str, message: str):
    if d.get(name) is None:
        raise ApiValidationError({name: [message]})
    return d[name]


# How each workflow action's API fields reach its service function; tests hold these keys to the
# workflow table, so an action added to the table must be added here too.
CALLS = {
    "start_verification": lambda case, user, d: services.start_verification(case, user),
    "link_employee": lambda case, user, d: services.link_employee(case, user, _employee_by_nip(d["nip"])),
    "set_agency": lambda case, user, d: services.set_agency(
        case, user, _required(d, "agency", _("Pilih instansi terlapor.")), reason=d["reason"]),
    "classify": lambda case, user, d: services.classify(
        case, user, violation=_required(d, "violation", _("Pilih bentuk pelanggaran.")), contest=d.get("contest"),
        sanction=d.get("sanction"), reason=d["reason"], conduct_date=d.get("conduct_date")),
    "forward_to_bawaslu": lambda case, user, d: services.forward_to_bawaslu(case, user, d["reason"]),
    "return_to_verification": lambda case, user, d: services.return_to_verification(case, user, d["reason"]),
    "recommend": lambda case, user, d: services.recommend(case, user, number=d["number"],
                                                          issued_on=d.get("issued_on"), reason=d["reason"]),
    "record_ppk_decision": lambda case, user, d: services.record_ppk_decision(
        case, user, sanction=_required(d, "sanction", _("Pilih sanksi yang dijatuhkan.")), number=d["number"],
        decision_date=d.get("decision_date"), reason=d["reason"]),
    "close_case": lambda case, user, d: services.close_case(case, user, d["reason"]),
    "merge_cases": lambda case, user, d: services.merge_cases(case, _duplicate_case(user, d["duplicate"]), user,
                                                              reason=d["reason"]),
    "assign": lambda case, user, d: services.assign(case, user, _desk_user(d["assignee"])),
    "dismiss": lambda case, user, d: services.dismiss(case, user, d.get("outcome", ""), d["reason"]),
    "mark_employee_exited": lambda case, user, d: services.mark_employee_exited(
        case, user, d["reason"], decision_reference=d["decision_reference"]),
}


class CaseTransition(APIView):
    """Move a case through the workflow with the same service functions as the desk."""

    permission_classes = [IsCaseStaff]

    @extend_schema(request=s.TransitionSerializer, responses={200: s.CaseDetailSerializer},
                   summary="Jalankan langkah alur kerja kasus")
    def post(self, request, code):
        case = get_object_or_404(cases_visible_to(request.user), code=code)
        incoming = s.TransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = incoming.validated_data
        user = request.user
        try:
            updated = CALLS[d["action"]](case, user, d)
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc) or None) from None
        except ValidationError as exc:
            raise _api_error(exc) from None
        fresh = cases_visible_to(user).prefetch_related("events__actor", "reports").get(pk=updated.pk)
        return Response(s.CaseDetailSerializer(fresh, context={"request": request}).data)
