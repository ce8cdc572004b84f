from django.contrib.auth import views as auth_views
from django.urls import path

from .views import cases, dashboard, evidence, identity, imports, queues

app_name = "desk"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="desk/login.html"), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", queues.home, name="home"),
    path("kasus/", cases.case_list, name="case_list"),
    path("kasus/ekspor.<str:fmt>", cases.case_export, name="case_export"),
    path("kasus/<str:code>/", cases.case_detail, name="case_detail"),
    path("kasus/<str:code>/aksi/<slug:name>/", cases.case_action, name="case_action"),
    path("kasus/<str:code>/identitas/<int:report_id>/", identity.open_identity, name="open_identity"),
    path("bukti/<uuid:uid>/", evidence.evidence_view, name="evidence_view"),
    path("bukti/<uuid:uid>/asli/", evidence.evidence_original, name="evidence_original"),
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    path("dasbor/wilayah.geojson", dashboard.region_map, name="region_map"),
    path("pegawai/impor/", imports.employee_import, name="employee_import"),
    path("pegawai/impor/<uuid:uid>/", imports.employee_import_job, name="employee_import_job"),
]
