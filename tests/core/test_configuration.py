import re
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import override_settings

from netra.cases import services
from netra.cases.models import Report

ROOT = Path(__file__).resolve().parents[2]


def test_env_example_documents_every_variable_settings_read():
    settings_src = (ROOT / "netra" / "settings.py").read_text()
    read = set(re.findall(r'(?:environ\.get|env_bool|env_list)\("([A-Z_]+)"', settings_src)) - {"NETRA_TESTING"}
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - documented == set()


def test_identity_key_rotation(make_report, people):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(NETRA_IDENTITY_KEYS=[old]):
        report = make_report(anonymous=False, reporter_name="Siti", reporter_email="s@example.org")
    with override_settings(NETRA_IDENTITY_KEYS=[new, old]):
        call_command("rotate_identity_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with override_settings(NETRA_IDENTITY_KEYS=[new]):
        assert services.reporter_identity(Report.objects.get(pk=report.pk), people["verifier"])["name"] == "Siti"
