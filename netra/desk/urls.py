from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="desk/login.html"), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
]
