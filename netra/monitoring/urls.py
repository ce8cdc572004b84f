from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.flag_queue, name="flags"),
    path("impor/", views.upload, name="upload"),
    path("impor/<uuid:uid>/", views.batch_detail, name="batch"),
    path("tanda/<uuid:uid>/", views.flag_detail, name="flag"),
    path("umpan-balik.jsonl", views.feedback_export, name="feedback"),
]
