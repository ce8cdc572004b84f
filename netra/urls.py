from django.contrib import admin
from django.urls import include, path
from drf_spectacular import renderers as schema_renderers
from drf_spectacular.views import SpectacularAPIView

from netra.core.health import healthz
from netra.core.views import robots_txt

urlpatterns = [
    path("", include("netra.public.urls")),
    path("", include("netra.learning.urls")),
    path("", include("netra.duty.urls")),
    path("desk/", include("netra.desk.urls")),
    path("desk/pemantauan/", include("netra.monitoring.urls")),
    path("desk/notifikasi/", include("netra.notifications.urls")),
    # JSON unless YAML is asked for (?format=yaml or Accept: application/yaml)
    path("api/v1/schema/", SpectacularAPIView.as_view(renderer_classes=[
        schema_renderers.OpenApiJsonRenderer, schema_renderers.OpenApiJsonRenderer2,
        schema_renderers.OpenApiYamlRenderer, schema_renderers.OpenApiYamlRenderer2]), name="api-schema"),
    path("api/v1/", include("netra.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
]
