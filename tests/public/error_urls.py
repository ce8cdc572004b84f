"""The site's URLs plus one view that fails, to see the 500 page as a user would."""

from django.urls import path

from netra.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("simulated failure for the 500 page test")


urlpatterns = [path("uji-galat-500/", boom), *site_urlpatterns]
