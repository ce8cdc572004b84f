"""API for monitoring tools: send posts for screening, follow the batch."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from netra.core.permissions import MONITORING_ROLES
from netra.core.roles import has_role

from . import services
from .models import ImportBatch


class PostInSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=200)
    text = serializers.CharField()
    action = serializers.CharField(required=False)
    platform = serializers.CharField(required=False, allow_blank=True)
    posted_at = serializers.CharField(required=False, allow_blank=True)
    account = serializers.CharField(required=False, allow_blank=True)
    url = serializers.CharField(required=False, allow_blank=True)


class ImportRequestSerializer(serializers.Serializer):
    source = serializers.CharField(max_length=200, required=False, allow_blank=True)
    posts = serializers.ListField(child=serializers.DictField(), min_length=1, max_length=10000,
                                  help_text="Objects with the fields of PostIn; invalid ones are reported by index.")


class BatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportBatch
        fields = ["uid", "source", "status", "rows", "imported", "duplicates", "screened", "flagged", "row_errors",
                  "created_at", "finished_at"]


class IsMonitor(IsAuthenticated):
    def has_permission(self, request, view):
        return super().has_permission(request, view) and has_role(request.user, *MONITORING_ROLES)


class ImportPostsView(APIView):
    permission_classes = [IsMonitor]

    @extend_schema(request=ImportRequestSerializer, responses={202: BatchSerializer},
                   summary="Kirim unggahan akun ASN untuk disaring")
    def post(self, request):
        incoming = ImportRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        rows = list(enumerate(incoming.validated_data["posts"], start=1))
        batch = services.import_posts(rows, request.user, incoming.validated_data.get("source", "api"))
        batch.refresh_from_db()
        return Response(BatchSerializer(batch).data, status=status.HTTP_202_ACCEPTED)


class BatchView(APIView):
    permission_classes = [IsMonitor]

    @extend_schema(responses={200: BatchSerializer}, summary="Status penyaringan satu impor")
    def get(self, request, uid):
        return Response(BatchSerializer(get_object_or_404(ImportBatch, uid=uid)).data)
