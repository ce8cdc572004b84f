from django.urls import path, re_path

from netra.learning.api import SelfCheckView
from netra.monitoring import api as monitoring_api

from . import errors, views

app_name = "api"
urlpatterns = [
    path("reports/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/<str:code>/", views.ReportStatusView.as_view(), name="report-status"),
    path("reports/<str:code>/notes/", views.ReportNoteView.as_view(), name="report-note"),
    path("cases/", views.CaseList.as_view(), name="case-list"),
    path("cases/<str:code>/", views.CaseDetail.as_view(), name="case-detail"),
    path("cases/<str:code>/transitions/", views.CaseTransition.as_view(), name="case-transition"),
    path("monitoring/posts/", monitoring_api.ImportPostsView.as_view(), name="monitoring-import"),
    path("monitoring/batches/<uuid:uid>/", monitoring_api.BatchView.as_view(), name="monitoring-batch"),
    path("reference/regions/", views.RegionList.as_view(), name="regions"),
    path("reference/agencies/", views.AgencyList.as_view(), name="agencies"),
    path("reference/violations/", views.ViolationList.as_view(), name="violations"),
    path("reference/sanctions/", views.SanctionList.as_view(), name="sanctions"),
    path("reference/contests/", views.ContestList.as_view(), name="contests"),
    path("reference/stages/", views.StageList.as_view(), name="stages"),
    path("self-check/", SelfCheckView.as_view(), name="self-check"),
    re_path(r"^.*$", errors.not_found, name="not-found"),  # last: any other /api/v1/ address is JSON 404
]
