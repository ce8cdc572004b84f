"""Fixtures: reference data, people in each role, and a factory for reports through the services."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from netra.accounts.models import StaffProfile
from netra.cases import services
from netra.core.roles import Role
from netra.demo.management.commands.load_reference import load_all
from netra.registry.models import Agency, Employee, Region

WITA = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hour: int = 10) -> dt.datetime:
    """A moment in WITA, the zone the legal clock runs in."""
    y, m, d = (int(x) for x in day.split("-"))
    return dt.datetime(y, m, d, hour, 0, tzinfo=WITA)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave cached rows behind.

    The database cache (the default without REDIS_URL) lives in the test's transaction and is rolled
    back with it; clearing it here would also need database access in tests that have none.
    """
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    if not isinstance(caches["default"], DatabaseCache):
        caches["default"].clear()
    yield


@pytest.fixture
def reference(db):
    return load_all()


def make_user(username: str, *roles, government=None) -> User:
    user = User.objects.create_user(username=username, password="rahasia-uji-123")
    for role in roles:
        group, _ = Group.objects.get_or_create(name=str(role))
        user.groups.add(group)
    if government is not None:
        StaffProfile.objects.create(user=user, government=government)
    return user


@pytest.fixture
def people(reference):
    samarinda_gov = Region.objects.get(code="64.72")
    return {
        "verifier": make_user("verifikator", Role.VERIFIER),
        "bawaslu": make_user("bawaslu", Role.BAWASLU),
        "ppk": make_user("ppk_samarinda", Role.PPK, government=samarinda_gov),
        "ppk_other": make_user("ppk_bontang", Role.PPK, government=Region.objects.get(code="64.74")),
        "supervisor": make_user("pimpinan", Role.SUPERVISOR),
        "monitor": make_user("pemantau", Role.MONITOR),
        "trainer": make_user("pelatih", Role.TRAINER),
        "asn": make_user("asn", Role.ASN),
        "admin": User.objects.create_superuser("admin", "admin@example.org", "rahasia-uji-123"),
    }


@pytest.fixture
def employee(reference):
    agency = Agency.objects.get(code="6472-disdik")
    return Employee.objects.create(employee_type="PNS", nip="198603152010011002", name="Budi Santoso",
                                   agency=agency, position="Guru", region=agency.region)


def jpeg_with_gps() -> bytes:
    """A small JPEG carrying EXIF with a GPS block, like a phone photo."""
    img = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (0.0, 30.0, 0.0)
    gps[3] = "E"
    gps[4] = (117.0, 9.0, 0.0)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def make_report(reference):
    def _make(conduct="2024-10-10", received="2024-10-12", subject="Budi Santoso", nip="", region="64.72",
              files=(), anonymous=True, **extra):
        data = services.ReportInput(
            subject_name=subject, region=Region.objects.get(code=region),
            conduct_date=dt.date.fromisoformat(conduct), description=extra.pop("description", "Mengunggah "
            "foto dengan salam dua jari bersama pasangan calon."), subject_nip=nip, is_anonymous=anonymous,
            **extra,
        )
        return services.submit_report(data, files=files, at=at(received))

    return _make


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """A real worker on the Redis broker, reading the test's PostgreSQL database."""
    from tests.celery_worker import start_worker, stop_worker

    proc, log, log_path = start_worker(tmp_path)
    yield log_path
    stop_worker(proc, log)
