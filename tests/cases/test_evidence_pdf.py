"""PDF evidence: the sealed original stays byte-exact, the staff copy loses author, producer, XMP and scripts."""

import hashlib
import io

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript, PageTrigger
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, RectangleObject, StreamObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from netra.cases import evidence as evidence_io
from tests.conftest import upload

REPORTER = "Siti Pelapor Rahasia"
XMP = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:creator><rdf:Seq><rdf:li>{REPORTER}</rdf:li></rdf:Seq></dc:creator>
<xmp:CreatorTool>LaptopKantorSiti Word</xmp:CreatorTool>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode()
PAGE_TEXT = ["Surat edaran dukungan calon nomor 2", "Tanda tangan kepala dinas"]


def _pages() -> bytes:
    """Two pages of real text, as a scanned letter turned into PDF might be."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for text in PAGE_TEXT:
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def pdf_with_metadata(*, scripts: bool = False, encrypt_with: str | None = None) -> bytes:
    """A PDF whose information dictionary and XMP name the reporter, optionally with scripts and a file."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pages())))
    writer.metadata = {
        "/Author": REPORTER, "/Creator": "LaptopKantorSiti Word", "/Producer": "PelaporPDF 1.0",
        "/Title": "Bukti untuk Bawaslu", "/Subject": "Laporan", "/Keywords": "siti, rumah",
        "/CreationDate": "D:20241010120000+08'00'", "/ModDate": "D:20241011120000+08'00'",
    }
    writer.xmp_metadata = XMP
    if scripts:
        writer.root_object[NameObject("/OpenAction")] = JavaScript("app.alert('dibuka');")
        writer.add_open_action(JavaScript("app.alert('dokumen');"))  # document-level, in /Names
        writer.add_attachment("alamat-siti.txt", f"{REPORTER}, Jl. Mawar 3".encode())
        writer.pages[0].add_action(PageTrigger.OPEN, JavaScript("app.alert('halaman');"))
        writer.add_annotation(0, {"/Type": "/Annot", "/Subtype": "/Link", "/Rect": [72, 700, 300, 730],
                                  "/A": {"/S": "/JavaScript", "/JS": "app.alert('tautan');"}})
        writer.add_uri(0, "https://example.org/", RectangleObject([72, 650, 300, 680]))
    if encrypt_with is not None:
        writer.encrypt(user_password=encrypt_with, owner_password="pemilik-dokumen", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _texts(reader: PdfReader) -> list[str]:
    return [page.extract_text().strip() for page in reader.pages]


def test_fixture_really_carries_the_metadata():
    original = PdfReader(io.BytesIO(pdf_with_metadata(scripts=True)))
    assert original.metadata.author == REPORTER and original.metadata.producer == "PelaporPDF 1.0"
    assert REPORTER.encode() in original.xmp_metadata.stream.get_data()
    assert "/OpenAction" in original.trailer["/Root"] and original.attachments
    assert _texts(original) == PAGE_TEXT


def test_staff_copy_of_a_pdf_has_no_author_producer_or_xmp_and_the_original_is_sealed(make_report):
    original = pdf_with_metadata()
    report = make_report(files=[upload("surat.pdf", original, "application/pdf")])
    ev = report.evidence.get()
    assert ev.content_type == "application/pdf" and ev.size == len(original)
    assert ev.sha256 == hashlib.sha256(original).hexdigest()
    assert {"author", "creator", "producer", "title", "subject", "keywords", "creationdate", "moddate",
            "xmp"} <= set(ev.metadata_removed)
    with ev.sealed_file.open("rb") as f:
        assert f.read() == original
    assert ev.sha256 in ev.sealed_file.name and "surat" not in ev.sealed_file.name
    with ev.view_file.open("rb") as f:
        copy_bytes = f.read()
    copy = PdfReader(io.BytesIO(copy_bytes))
    assert not copy.metadata  # no /Info at all: not the reporter's, not even pypdf's /Producer
    assert "/Info" not in copy.trailer and "/Metadata" not in copy.trailer["/Root"]
    assert copy.xmp_metadata is None
    for leak in (REPORTER, "LaptopKantorSiti", "PelaporPDF", "Bukti untuk Bawaslu", "pypdf", "/Producer"):
        assert leak.encode() not in copy_bytes
    assert len(copy.pages) == 2 and _texts(copy) == PAGE_TEXT


def test_staff_copy_of_a_pdf_drops_scripts_open_action_and_attached_files():
    original = pdf_with_metadata(scripts=True)
    checked = evidence_io.check_upload(upload("surat.pdf", original))
    assert checked.data == original and checked.sha256 == hashlib.sha256(original).hexdigest()
    assert {"openaction", "embeddedfiles", "javascript", "actions", "xmp", "author"} <= set(checked.removed)
    copy = PdfReader(io.BytesIO(checked.view_data))
    root = copy.trailer["/Root"]
    assert "/OpenAction" not in root and "/Names" not in root and not copy.attachments
    page = copy.pages[0]
    assert "/AA" not in page
    actions = [annot.get_object()["/A"] for annot in page["/Annots"] if "/A" in annot.get_object()]
    assert [a["/S"] for a in actions] == ["/URI"]  # the plain link stays, the script link loses its action
    for leak in (b"/JavaScript", b"app.alert", b"alamat-siti", b"Jl. Mawar"):
        assert leak not in checked.view_data
    assert _texts(copy) == PAGE_TEXT


def test_pdf_locked_with_an_empty_user_password_still_gets_a_clean_copy():
    original = pdf_with_metadata(encrypt_with="")
    assert PdfReader(io.BytesIO(original)).metadata.author == REPORTER  # readable by anyone, but encrypted
    checked = evidence_io.check_upload(upload("surat.pdf", original))
    copy = PdfReader(io.BytesIO(checked.view_data))
    assert not copy.is_encrypted and not copy.metadata and copy.xmp_metadata is None
    assert "author" in checked.removed and _texts(copy) == PAGE_TEXT


def _assert_sealed_without_staff_copy(ev, original: bytes) -> None:
    assert ev.content_type == "application/pdf" and ev.sha256 == hashlib.sha256(original).hexdigest()
    with ev.sealed_file.open("rb") as f:
        assert f.read() == original
    assert not ev.view_file  # no copy: never the original passed off as a cleaned one
    assert len(ev.metadata_removed) == 1 and "salinan untuk petugas tidak dibuat" in ev.metadata_removed[0]


def test_pdf_with_a_password_is_kept_sealed_without_a_staff_copy(make_report):
    original = pdf_with_metadata(encrypt_with="rahasia")
    assert PdfReader(io.BytesIO(original)).is_encrypted
    report = make_report(files=[upload("terkunci.pdf", original, "application/pdf")])
    _assert_sealed_without_staff_copy(report.evidence.get(), original)
    assert report.case is not None  # the report went through


def test_corrupt_pdf_is_kept_sealed_without_a_staff_copy(make_report):
    original = b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"
    checked = evidence_io.check_upload(upload("rusak.pdf", original))
    assert checked.content_type == "application/pdf" and checked.view_data is None
    report = make_report(files=[upload("rusak.pdf", original, "application/pdf"),
                                upload("surat.pdf", pdf_with_metadata(), "application/pdf")])
    broken, good = report.evidence.get(original_name="rusak.pdf"), report.evidence.get(original_name="surat.pdf")
    _assert_sealed_without_staff_copy(broken, original)
    assert good.view_file and "author" in good.metadata_removed  # one bad file does not spoil the others


def _jpeg_with_exif(colour=(200, 30, 30)) -> bytes:
    """A phone-style photo: EXIF with the owner's name and a GPS position, plus a JPEG comment."""
    exif = Image.Exif()
    exif[0x013B] = REPORTER  # Artist
    exif[0x8825] = {1: "S", 2: (0.0, 30.0, 0.0), 3: "E", 4: (117.0, 9.0, 0.0)}  # GPS: Samarinda
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buf, "JPEG", exif=exif.tobytes(), comment=b"rumah Jl. Mawar 3")
    return buf.getvalue()


def pdf_with_photo(jpeg: bytes, pages: int = 2) -> bytes:
    """A PDF that draws the JPEG stream as it is (DCTDecode), on every page, as scan-to-PDF apps do."""
    writer = PdfWriter()
    photo = StreamObject()
    photo._data = jpeg
    photo.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(64), NameObject("/Height"): NumberObject(48),
                  NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
                  NameObject("/BitsPerComponent"): NumberObject(8), NameObject("/Filter"): NameObject("/DCTDecode")})
    ref = writer._add_object(photo)
    for _ in range(pages):
        page = writer.add_blank_page(200, 200)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): ref})})
        content = DecodedStreamObject()
        content.set_data(b"q 64 0 0 48 72 72 cm /Im0 Do Q")
        page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_photo_inside_a_pdf_loses_its_exif_gps_and_comment_in_the_staff_copy():
    original = pdf_with_photo(_jpeg_with_exif())
    assert REPORTER.encode() in original and b"Mawar" in original  # the fixture really leaks
    checked = evidence_io.check_upload(upload("foto.pdf", original))
    assert checked.data == original
    assert {"image exif", "image gps", "image comment"} <= set(checked.removed)
    assert REPORTER.encode() not in checked.view_data and b"Mawar" not in checked.view_data
    copy = PdfReader(io.BytesIO(checked.view_data))
    assert len(copy.pages) == 2
    photo = copy.pages[1].images[0].image
    assert photo.size == (64, 48)
    red, green, blue = photo.convert("RGB").getpixel((32, 24))
    assert red > 150 and green < 80 and blue < 80  # still the same picture


def test_photo_without_metadata_inside_a_pdf_is_left_as_sent():
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 160, 40)).save(buf, "JPEG")
    jpeg = buf.getvalue()
    checked = evidence_io.check_upload(upload("foto.pdf", pdf_with_photo(jpeg, pages=1)))
    assert not any(item.startswith("image ") for item in checked.removed)
    stream = PdfReader(io.BytesIO(checked.view_data)).pages[0].images[0].indirect_reference.get_object()
    assert stream.get_data() == jpeg
