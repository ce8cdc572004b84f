"""The English catalogue: every string translated, compiled, and served once English is chosen.

The msgids are Indonesian; Indonesian stays the default for a browser that chose nothing.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"

# page -> (English strings that must appear, Indonesian strings that must be gone)
PAGES = {
    "/": (
        ["Netra: safeguarding ASN neutrality", "Make a report", "Track a report", "Cases recorded:",
         "must remain neutral in general and regional elections", "Officer login"],
        ["menjaga netralitas ASN", "Buat laporan", "Lacak laporan", "kasus tercatat", "Masuk petugas"],
    ),
    "/lapor/": (
        ["Report a suspected ASN neutrality violation", "Name of the reported ASN",
         "Regency/city where it happened", "Report anonymously", "Send report",
         "Official reporting deadline: 7 days",
         # the file checks' messages in the script tag: Django doubles % in a template literal's msgid
         "File %(name)s is too large", "File type of %(name)s is not accepted"],
        ["Laporkan dugaan pelanggaran", "Nama ASN yang dilaporkan", "Kabupaten/kota tempat kejadian",
         "Laporkan secara anonim", "Kirim laporan", "7 hari", "terlalu besar", "tidak diterima. Yang diterima"],
    ),
    "/transparansi/": (
        ["Summary of ASN neutrality violation handling", "Aggregate figures only", "By regency/city",
         "By violation type", "decided by the PPK"],
        ["Rekap penanganan", "Hanya angka agregat", "Menurut kabupaten/kota", "Menurut bentuk pelanggaran",
         "sudah diputus PPK"],
    ),
    "/boleh-atau-tidak/": (
        ["Allowed or not?", "Choose a situation", "Determines the code", "(infer from date)"],
        ["Boleh atau tidak?", "Pilih situasi", "Menentukan kode", "(tebak dari tanggal)"],
    ),
}


def english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_in_english(client, reference, url):
    english(client)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="en"' in page
    present, gone = PAGES[url]
    for text in present:
        assert text in page, text
    for text in gone:
        assert text not in page, text


def test_desk_home_in_english(client, people):
    client.force_login(people["verifier"])
    english(client)
    response = client.get("/desk/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Desk", "My queue", "Case list", "Dashboard", "Log out"):
        assert text in page, text
    for text in ("Meja kerja", "Antrean saya", "Daftar kasus", "Dasbor", "Keluar"):
        assert text not in page, text


@pytest.mark.parametrize("headers", [{}, {"HTTP_ACCEPT_LANGUAGE": "id"}, {"HTTP_ACCEPT_LANGUAGE": "id-ID,id;q=0.9"}])
def test_indonesian_is_the_default(client, reference, headers):
    page = client.get("/", **headers).content.decode()
    assert 'lang="id"' in page
    assert "Netra: menjaga netralitas ASN" in page and "Buat laporan" in page
    assert "Make a report" not in page


def test_choosing_indonesian_again_switches_back(client, reference):
    english(client)
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert "Buat laporan" in client.get("/").content.decode()


def _unquote(text: str) -> str:
    """A C-quoted .po string to text: escapes (\\n, \\") resolved, UTF-8 kept."""
    return text[1:-1].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def po_entries() -> list[dict]:
    """(flags, msgid, msgid_plural, msgstrs) per entry, without a gettext library."""
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": "", "msgid": None, "msgid_plural": None, "msgstr": []}
        field = None
        for line in block.splitlines():
            if line.startswith("#~"):  # obsolete entries are not used
                entry["msgid"] = None
                break
            if line.startswith("#,"):
                entry["flags"] += line
                continue
            if line.startswith("#") or not line.strip():
                continue
            match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if match:
                field, value = match.group(1), _unquote(match.group(2))
                if field.startswith("msgstr"):
                    entry["msgstr"].append(value)
                else:
                    entry[field] = value
            elif line.startswith('"'):
                value = _unquote(line)
                if field.startswith("msgstr"):
                    entry["msgstr"][-1] += value
                else:
                    entry[field] += value
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = po_entries()
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "Language: en" in header["msgstr"][0]
    assert len(messages) > 900
    untranslated = [e["msgid"] for e in messages if not all(s.strip() for s in e["msgstr"])]
    assert untranslated == []
    assert [e["msgid"] for e in messages if "fuzzy" in e["flags"]] == []
    assert all(len(e["msgstr"]) == 2 for e in messages if e["msgid_plural"])


def test_placeholders_and_tags_survive_translation():
    pattern = re.compile(r"%\(\w+\)[-.\d]*[sdf]|</?\w+[^>]*>")
    for e in po_entries()[1:]:
        for msgstr in e["msgstr"]:
            assert sorted(pattern.findall(e["msgid"])) == sorted(pattern.findall(msgstr)), e["msgid"]


def test_compiled_catalogue_matches_the_po():
    """django.mo is committed (not every machine has gettext); it must be compiled from this .po."""
    with MO.open("rb") as f:
        mo = gettext.GNUTranslations(f)
    for e in po_entries()[1:]:
        if e["msgid_plural"]:
            assert mo.ngettext(e["msgid"], e["msgid_plural"], 1) == e["msgstr"][0], e["msgid"]
            assert mo.ngettext(e["msgid"], e["msgid_plural"], 2) == e["msgstr"][1], e["msgid"]
        else:
            assert mo.gettext(e["msgid"]) == e["msgstr"][0], e["msgid"]
