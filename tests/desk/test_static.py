"""The dashboard's libraries are served from this server, never from a CDN."""

import pytest
from django.contrib.staticfiles import finders

VENDORED = ["vendor/leaflet-1.9.4/leaflet.js", "vendor/leaflet-1.9.4/leaflet.css", "vendor/leaflet-1.9.4/LICENSE",
            "vendor/chartjs-4.6.1/chart.umd.min.js", "vendor/chartjs-4.6.1/LICENSE.md"]


def test_desk_assets_are_found():
    assert finders.find("desk/dashboard.js") and finders.find("desk/desk.css")
    assert finders.find("netra/netra.css")


@pytest.mark.parametrize("path", VENDORED)
def test_vendored_libraries_are_found_by_staticfiles(path):
    assert finders.find(path), path
