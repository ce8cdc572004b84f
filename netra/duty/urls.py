from django.urls import path

from . import views

app_name = "duty"
urlpatterns = [
    path("surat-tugas/", views.letter_list, name="list"),
    path("surat-tugas/baru/", views.letter_new, name="new"),
    path("surat-tugas/<str:code>/", views.letter_detail, name="detail"),
    path("surat-tugas/<str:code>/pdf/", views.letter_pdf_view, name="pdf"),
    path("surat-tugas/<str:code>/cabut/", views.letter_revoke, name="revoke"),
    path("verifikasi/surat-tugas/", views.verify_lookup, name="verify_lookup"),
    path("verifikasi/surat-tugas/<str:code>/", views.verify, name="verify"),
]
