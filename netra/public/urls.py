from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("lapor/", views.report, name="report"),
    path("lapor/terkirim/<str:code>/", views.report_done, name="report_done"),
    path("lacak/", views.track, name="track"),
    path("lacak/<str:code>/", views.status, name="status"),
    path("transparansi/", views.transparency, name="transparency"),
    path("transparansi/wilayah.geojson", views.region_map, name="region_map"),
]
