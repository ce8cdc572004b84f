from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("belajar/", views.modules, name="modules"),
    path("belajar/<slug:slug>/", views.module_detail, name="module"),
    path("boleh-atau-tidak/", views.self_check, name="self_check"),
    path("kalender-pemilu/", views.calendar, name="calendar"),
    path("kuis/", views.my_quizzes, name="my_quizzes"),
    path("kuis/<str:code>/mulai/", views.start, name="start"),
    path("kuis/percobaan/<str:code>/", views.attempt, name="attempt"),
    path("kuis/percobaan/<str:code>/hasil/", views.result, name="result"),
    path("sertifikat/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("verifikasi/sertifikat/", views.verify_certificate_lookup, name="verify_certificate_lookup"),
    path("verifikasi/sertifikat/<str:code>/", views.verify_certificate, name="verify_certificate"),
    path("webinar/", views.webinars, name="webinars"),
    path("webinar/<str:code>/daftar/", views.webinar_register, name="webinar_register"),
    path("pelatih/", views.trainer_home, name="trainer"),
    path("pelatih/kuis/baru/", views.quiz_new, name="quiz_new"),
    path("pelatih/kuis/<str:code>/", views.quiz_detail, name="quiz_detail"),
    path("pelatih/kuis/<str:code>/ubah/", views.quiz_edit, name="quiz_edit"),
    path("pelatih/kuis/<str:code>/<str:action>/", views.quiz_action, name="quiz_action"),
    path("pelatih/webinar/baru/", views.webinar_new, name="webinar_new"),
    path("pelatih/webinar/<str:code>/", views.webinar_detail, name="webinar_detail"),
    path("pelatih/webinar/<str:code>/sertifikat/", views.webinar_certificates, name="webinar_certificates"),
    path("pelatih/sertifikat/", views.certificates, name="certificates"),
    path("pelatih/sertifikat/<str:code>/cabut/", views.certificate_revoke, name="certificate_revoke"),
    path("pelatih/cakupan/", views.coverage, name="coverage"),
]
