"""Decompression bombs and file modes: refused from the header with a 400, never a 500; sealed files 0600."""

import io
import os
import stat
import struct
import tracemalloc
import zlib

from django.test import override_settings
from django.urls import reverse
from PIL import Image

from netra.cases.models import Case, Report
from netra.core.sqlite.base import DatabaseWrapper
from tests.conftest import jpeg_with_gps, upload
from tests.public.test_report_pages import form_data, region_id  # noqa: F401 - fixture


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bilevel_png(width: int, height: int) -> bytes:
    """A valid, all-black 1-bit PNG: tiny on disk, `width × height` pixels once decoded."""
    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def post_report(client, region, files):
    return client.post(reverse("public:report"), {**form_data(region=region), "files": files})


def test_a_20000_pixel_square_bomb_answers_400_with_a_clear_message(client, region_id):  # noqa: F811
    bomb = bilevel_png(20_000, 20_000)
    assert len(bomb) < 500_000  # small on the wire, 400 megapixels decoded
    response = post_report(client, region_id, [upload("bom.png", bomb, "image/png")])
    assert response.status_code == 400
    assert "Gambar bom.png terlalu besar" in response.content.decode()
    assert Report.objects.count() == 0 and Case.objects.count() == 0


def test_an_image_over_the_pixel_setting_is_refused_before_it_is_decoded(client, region_id):  # noqa: F811
    big = bilevel_png(8_000, 8_000)  # 64 MP: under Pillow's own ceiling, over Netra's 50 MP default
    tracemalloc.start()
    response = post_report(client, region_id, [upload("besar.png", big, "image/png")])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    body = response.content.decode()
    assert response.status_code == 400
    assert "Gambar besar.png terlalu besar (8000 × 8000 piksel); batasnya 50 megapiksel." in body
    assert peak < 40_000_000  # decoding would have taken 64 MB for the pixels alone
    assert Report.objects.count() == 0


@override_settings(NETRA_EVIDENCE_MAX_PIXELS=1_000)
def test_the_limit_is_a_setting(client, region_id):  # noqa: F811
    response = post_report(client, region_id, [upload("foto.jpg", jpeg_with_gps(), "image/jpeg")])  # 32 × 24
    assert response.status_code == 302
    response = post_report(client, region_id, [upload("foto.png", bilevel_png(40, 40), "image/png")])
    assert response.status_code == 400 and "batasnya 0.001 megapiksel" in response.content.decode()


def test_a_bomb_added_with_a_reporter_note_answers_400_not_500(client, region_id):  # noqa: F811
    client.post(reverse("public:report"), form_data(region=region_id))
    report = Report.objects.get()
    response = client.post(reverse("public:status", args=[report.tracking_code]),
                           {"text": "Foto tambahan", "files": [upload("b.png", bilevel_png(20_000, 20_000))]})
    assert response.status_code == 400 and "terlalu besar" in response.content.decode()
    assert report.notes.count() == 0


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_sealed_originals_and_copies_are_readable_by_the_service_user_only(make_report):
    report = make_report(files=[upload("foto.jpg", jpeg_with_gps(), "image/jpeg")])
    ev = report.evidence.get()
    for field in (ev.sealed_file, ev.view_file):
        assert _mode(field.path) == 0o600
        assert _mode(os.path.dirname(field.path)) == 0o700
    assert Image.open(io.BytesIO(open(ev.view_file.path, "rb").read())).size == (32, 24)


def test_the_sqlite_file_is_created_0600_and_an_existing_one_is_tightened(tmp_path, monkeypatch):
    # Browser tests earlier in the run leave an event loop in this thread; this is a plain sync connect.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    old_umask = os.umask(0o022)
    try:
        name = tmp_path / "netra.sqlite3"
        wrapper = DatabaseWrapper({"NAME": str(name), "ENGINE": "netra.core.sqlite", "OPTIONS": {},
                                   "TIME_ZONE": None, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False,
                                   "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False, "TEST": {}})
        params = wrapper.get_connection_params()  # opened directly: pytest-django guards Django's own connect
        conn = wrapper.get_new_connection(params)
        conn.execute("CREATE TABLE t (x int)")
        conn.close()
        assert _mode(name) == 0o600
        os.chmod(name, 0o644)
        wrapper.get_new_connection(params).close()
        assert _mode(name) == 0o600
    finally:
        os.umask(old_umask)
