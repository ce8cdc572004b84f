"""The deploy/ recipe: systemd units parse and verify, the nginx site passes `nginx -t` with a
throw-away certificate, and its body limit matches the evidence limits."""

import configparser
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("netra-*.*"))
VENV_BIN = Path(sys.executable).parent


def parse_unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True, delimiters=("=",))
    parser.optionxform = str
    parser.read_string(path.read_text())
    return parser


def test_every_unit_parses_and_the_services_restart_on_failure():
    names = {u.name for u in UNITS}
    assert {"netra-web.service", "netra-worker.service", "netra-beat.service"} <= names
    for path in UNITS:
        unit = parse_unit(path)
        assert "Unit" in unit
        if path.suffix == ".service":
            service = unit["Service"]
            assert service["User"] == "netra" and service["EnvironmentFile"] == "/etc/netra/netra.env"
            assert service["ExecStart"].startswith("/")
            if service.get("Type") != "oneshot":
                assert service["Restart"] == "on-failure", path.name
    web = parse_unit(DEPLOY / "systemd" / "netra-web.service")["Service"]
    assert "netra serve" in web["ExecStart"] and "-HUP" in web["ExecReload"]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_units_pass_systemd_analyze_verify(tmp_path):
    """Verify with the install prefix pointed at this checkout's virtualenv, so ExecStart exists."""
    for path in UNITS:
        text = path.read_text().replace("/opt/netra/venv/bin", str(VENV_BIN))
        (tmp_path / path.name).write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
                            capture_output=True, text=True, timeout=120)
    # Outside a booted systemd (containers, CI) verify still parses every unit; only complaints
    # about the unit files themselves count, not about the host's missing units or users.
    ours = [line for line in result.stderr.splitlines() if "netra-" in line and "not found" not in line
            and "Failed to connect" not in line and "/etc/netra" not in line]
    assert ours == [], result.stderr


def throwaway_certificate(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "netra.kaltimprov.go.id")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "fullchain.pem", directory / "privkey.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_nginx_body_limit_matches_the_evidence_limits():
    site = (DEPLOY / "nginx" / "netra.conf").read_text()
    limit_mb = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    evidence_mb = settings.NETRA_EVIDENCE_MAX_FILES * settings.NETRA_EVIDENCE_MAX_BYTES / (1024 * 1024)
    assert evidence_mb < limit_mb <= evidence_mb + 5
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in site and "X-Forwarded-Proto $scheme" in site


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx not installed (apt-get install nginx-light)")
def test_nginx_accepts_the_site_with_a_throwaway_certificate(tmp_path):
    cert, key = throwaway_certificate(tmp_path)
    site = (DEPLOY / "nginx" / "netra.conf").read_text()
    site = site.replace("/etc/ssl/netra/fullchain.pem", str(cert)).replace("/etc/ssl/netra/privkey.pem", str(key))
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "netra.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n  client_body_temp_path {tmp_path}/body;\n"
        f"  proxy_temp_path {tmp_path}/proxy;\n  fastcgi_temp_path {tmp_path}/fcgi;\n"
        f"  uwsgi_temp_path {tmp_path}/uwsgi;\n"
        f"  scgi_temp_path {tmp_path}/scgi;\n  include {tmp_path}/netra.conf;\n}}\n"
    )
    result = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
