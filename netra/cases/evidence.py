"""Receiving evidence files: check type and size by content, hash, seal, strip metadata.

The sealed original is byte-for-byte what the reporter sent (its SHA-256 proves it later); the
copy staff open has EXIF/GPS removed so that a reporter's location does not travel further, and a
PDF's copy has its author, creator tool, producer and XMP removed so that they cannot name an
anonymous reporter.
"""

import hashlib
import io
import logging
import os
import threading
from dataclasses import dataclass, field

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

log = logging.getLogger(__name__)

ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


@dataclass
class CheckedFile:
    name: str
    content_type: str
    data: bytes
    sha256: str
    view_data: bytes | None  # None: no staff copy could be made (a PDF that cannot be read)
    removed: list[str] = field(default_factory=list)


def _image_metadata(img: Image.Image, keep: set[str]) -> set[str]:
    """Names of what an opened image carries beyond its pixels: Pillow `info` keys not in `keep`,
    plus "exif" and "gps" when present."""
    found = {k for k in img.info if k not in keep}
    exif = img.getexif()
    if exif:
        found.add("exif")
        if exif.get_ifd(0x8825):
            found.add("gps")
    return found


# One image decode at a time per process: with the pixel limit this bounds the memory a burst of
# uploads can take (about three copies of the largest allowed image per worker process).
_DECODE_LOCK = threading.BoundedSemaphore(1)


class TooManyPixels(ValueError):
    """An image whose header declares more pixels than NETRA_EVIDENCE_MAX_PIXELS."""

    def __init__(self, width: int | None = None, height: int | None = None):
        super().__init__(f"{width}x{height}")
        self.width, self.height = width, height


def _check_pixels(img: Image.Image) -> None:
    """Refuse an opened (not yet decoded) image by the size its header declares.

    `Image.open` reads only the header, so this runs before any pixel is decompressed: a small file
    can declare 20,000 × 20,000 pixels and would take gigabytes once decoded (a decompression bomb).
    """
    width, height = img.size
    if width * height > settings.NETRA_EVIDENCE_MAX_PIXELS:
        raise TooManyPixels(width, height)


def _strip_image(data: bytes, content_type: str) -> tuple[bytes, list[str]]:
    """Re-encode pixels only. Anything not pixels (EXIF, GPS, XMP, comments) is left behind.

    The decoded original is released before the clean copy is built, so at most two copies of the
    pixels are alive at once, and only one upload per process decodes at a time.
    """
    with _DECODE_LOCK:
        try:
            with Image.open(io.BytesIO(data)) as img:
                _check_pixels(img)
                img.load()
                removed = sorted(_image_metadata(img, {"dpi", "gamma"}))
                mode, size = img.mode, img.size
                palette = img.getpalette() if mode == "P" else None
                raw = img.tobytes()
            clean = Image.frombytes(mode, size, raw)
            del raw
            if palette:
                clean.putpalette(palette)
            out = io.BytesIO()
            fmt = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}[content_type]
            options = {"quality": 92} if fmt in {"JPEG", "WEBP"} else {}
            if fmt == "JPEG" and clean.mode not in {"RGB", "L"}:
                clean = clean.convert("RGB")
            clean.save(out, format=fmt, **options)
            return out.getvalue(), removed
        except TooManyPixels:
            raise
        except Image.DecompressionBombError:  # Pillow's own ceiling, hit while reading the header
            raise TooManyPixels() from None
        except (UnidentifiedImageError, OSError, ValueError):
            raise ValidationError(_("Berkas gambar %(name)s rusak atau tidak dapat dibaca."),
                                  code="corrupt", params={"name": ""}) from None


# Actions a staff copy keeps: moving within the document and plain links, which are part of what the
# reporter sent. Every other action (JavaScript, Launch, SubmitForm, ImportData, ...) and any chain of
# actions (/Next) is dropped.
_PDF_SAFE_ACTIONS = {"/GoTo", "/URI"}


def _resolved(obj):
    return obj.get_object() if obj is not None else None


def _clean_pdf_node(node: DictionaryObject, removed: set[str]) -> None:
    """Drop from a page, annotation, form field or XObject what can run code or carry private data."""
    if "/Metadata" in node:
        del node["/Metadata"]
        removed.add("xmp")
    if "/PieceInfo" in node:  # private data of the authoring application (e.g. Illustrator, Word)
        del node["/PieceInfo"]
        removed.add("pieceinfo")
    if "/AA" in node:  # actions run on open, close, focus, keystroke, calculate ...
        del node["/AA"]
        removed.add("actions")
    action = _resolved(node.get("/A"))
    if action is not None and (not isinstance(action, DictionaryObject) or action.get("/S") not in _PDF_SAFE_ACTIONS
                               or isinstance(_resolved(action.get("/Next")), (DictionaryObject, ArrayObject))):
        del node["/A"]
        kind = action.get("/S") if isinstance(action, DictionaryObject) else None
        removed.add("javascript" if kind == "/JavaScript" else "actions")


def _clean_pdf_page(page: DictionaryObject, removed: set[str]) -> None:
    """Clean a copied page, its annotations (and their form fields) and the XObjects it draws."""
    _clean_pdf_node(page, removed)
    annots = _resolved(page.get("/Annots"))
    if isinstance(annots, ArrayObject):
        kept = ArrayObject()
        for ref in annots:
            annot = _resolved(ref)
            if not isinstance(annot, DictionaryObject):
                continue
            if annot.get("/Subtype") == "/FileAttachment":  # a whole file, with its own metadata
                removed.add("embeddedfiles")
                continue
            node, depth = annot, 0
            while isinstance(node, DictionaryObject) and depth < 32:  # a widget, then its form fields
                _clean_pdf_node(node, removed)
                node, depth = _resolved(node.get("/Parent")), depth + 1
            kept.append(ref)
        page[NameObject("/Annots")] = kept
    pending, seen = [page.get("/Resources")], set()
    while pending:  # image and form XObjects, and those inside forms
        resources = _resolved(pending.pop())
        if not isinstance(resources, DictionaryObject) or id(resources) in seen:
            continue
        seen.add(id(resources))
        xobjects = _resolved(resources.get("/XObject"))
        for ref in xobjects.values() if isinstance(xobjects, DictionaryObject) else ():
            xobject = _resolved(ref)
            if isinstance(xobject, DictionaryObject):
                _clean_pdf_node(xobject, removed)
                pending.append(xobject.get("/Resources"))


# What a JPEG's Pillow `info` may hold that only describes how to decode it; anything else (exif, xmp,
# comment, photoshop/IPTC, ...) is metadata about the picture or its owner.
_JPEG_TECHNICAL_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "adobe", "adobe_transform",
                        "progressive", "progression", "icc_profile"}


def _strip_pdf_images(writer: PdfWriter, removed: set[str]) -> None:
    """Re-encode, from pixels, every JPEG image on the copied pages that carries metadata of its own.

    pypdf copies an image stream byte for byte, so a phone photo turned into a PDF keeps its EXIF
    (GPS position, camera owner) inside the stream. Only images with such metadata are touched;
    the others stay as sent. An image that cannot be re-encoded raises, so no staff copy is made
    rather than one that still carries the metadata.
    """
    done: set[int] = set()
    for page in writer.pages:
        for image in page.images:
            ref = image.indirect_reference
            if ref is None or ref.idnum in done:  # inline images carry no JPEG headers
                continue
            done.add(ref.idnum)
            stream = ref.get_object()
            filters = stream.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, ArrayObject) else [str(filters)]
            if "/DCTDecode" not in names:
                continue
            with _DECODE_LOCK, Image.open(io.BytesIO(stream.get_data())) as jpeg:
                found = _image_metadata(jpeg, _JPEG_TECHNICAL_INFO)
                if not found:
                    continue
                _check_pixels(jpeg)  # raises: no staff copy rather than a decompression bomb
                jpeg.load()
                pixels = jpeg.convert("RGB") if jpeg.mode not in {"RGB", "L"} else jpeg.copy()
            pixels.info = {}
            image.replace(pixels, quality=92)
            removed.update(f"image {name}" for name in found)


def _strip_pdf(data: bytes) -> tuple[bytes | None, list[str]]:
    """Rewrite the pages only. Anything not pages (document information, XMP, scripts, attachments) is left behind.

    The pages go into a new document, so nothing of the old catalog or trailer comes along: not the
    information dictionary (/Author, /Creator, /Producer, /Title, dates ...), /Metadata (XMP),
    /OpenAction, /Names (document JavaScript, embedded files), /AcroForm, outlines or /ID. Pages,
    annotations, form fields and XObjects lose /Metadata, /PieceInfo, /AA and actions other than
    GoTo/URI, and file attachment annotations go: a PDF can carry scripts and whole files, and staff
    download this copy. All of that is cheap with pypdf and the copy still shows what the reporter
    sent. A JPEG drawn on a page keeps its own EXIF (camera GPS, owner name) inside the image bytes,
    so such an image is re-encoded from its pixels (`_strip_pdf_images`).

    A PDF pypdf cannot read (damaged, or locked with a password other than the empty one) gives no
    copy (None) rather than an error: the submission is not refused for it and its original is sealed.
    """
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValueError("locked with a password")
        removed = {str(key).lstrip("/").lower() for key in (reader.metadata or {})}
        catalog = reader.trailer["/Root"].get_object()
        names = _resolved(catalog.get("/Names"))
        names = names if isinstance(names, DictionaryObject) else {}
        for key, found in (("/Metadata", "xmp"), ("/OpenAction", "openaction")):
            if key in catalog:
                removed.add(found)
        for key, found in (("/JavaScript", "javascript"), ("/EmbeddedFiles", "embeddedfiles")):
            if key in names:
                removed.add(found)
        if not reader.pages:
            raise ValueError("no pages")
        writer = PdfWriter()
        for page in reader.pages:
            _clean_pdf_page(writer.add_page(page), removed)
        _strip_pdf_images(writer, removed)
        writer.metadata = None  # not even pypdf's own /Producer
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue(), sorted(removed)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken input; none may refuse a report
        log.warning("PDF evidence could not be read, no staff copy made: %s", type(exc).__name__)
        return None, []


def check_upload(uploaded) -> CheckedFile:
    """Validate one uploaded file; raise ValidationError with an Indonesian message."""
    name = os.path.basename(getattr(uploaded, "name", "") or "berkas")[:200]
    size = getattr(uploaded, "size", None)
    limit = settings.NETRA_EVIDENCE_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            _("Berkas %(name)s terlalu besar (%(size)s MB); batasnya %(limit)s MB."),
            code="too_large",
            params={"name": name, "size": round(size / 1_048_576, 1), "limit": round(limit / 1_048_576)},
        )
    data = uploaded.read()
    if len(data) > limit:
        raise ValidationError(_("Berkas %(name)s terlalu besar; batasnya %(limit)s MB."), code="too_large",
                              params={"name": name, "limit": round(limit / 1_048_576)})
    if not data:
        raise ValidationError(_("Berkas %(name)s kosong."), code="empty", params={"name": name})
    kind = filetype.guess(data)
    content_type = kind.mime if kind else ""
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("Jenis berkas %(name)s tidak diterima. Yang diterima: gambar JPG, PNG, WEBP atau dokumen PDF. "
              "Video kirimkan sebagai tautan."),
            code="bad_type",
            params={"name": name},
        )
    if content_type.startswith("image/"):
        try:
            view_data, removed = _strip_image(data, content_type)
        except TooManyPixels as big:
            limit_mp = f"{settings.NETRA_EVIDENCE_MAX_PIXELS / 1_000_000:g}"
            if big.width is None:
                raise ValidationError(
                    _("Gambar %(name)s terlalu besar; batasnya %(limit)s megapiksel. "
                      "Perkecil ukuran gambar lalu kirim ulang."),
                    code="too_many_pixels", params={"name": name, "limit": limit_mp}) from None
            raise ValidationError(
                _("Gambar %(name)s terlalu besar (%(width)s × %(height)s piksel); batasnya %(limit)s megapiksel. "
                  "Perkecil ukuran gambar lalu kirim ulang."),
                code="too_many_pixels",
                params={"name": name, "width": big.width, "height": big.height, "limit": limit_mp},
            ) from None
        except ValidationError:
            raise ValidationError(_("Berkas gambar %(name)s rusak atau tidak dapat dibaca."), code="corrupt",
                                  params={"name": name}) from None
    else:
        view_data, removed = _strip_pdf(data)
        if view_data is None:
            with translation.override(settings.LANGUAGE_CODE):  # the record is Indonesian, whoever uploads
                removed = [_("tidak ada: PDF rusak atau terkunci sandi, jadi salinan untuk petugas tidak dibuat; "
                             "hanya berkas asli tersegel yang disimpan")]
    return CheckedFile(
        name=name,
        content_type=content_type,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        view_data=view_data,
        removed=removed,
    )


def canonical_post(text: str, url: str, captured_at) -> str:
    """The exact string whose SHA-256 seals an archived post."""
    import json

    stamp = captured_at.isoformat() if hasattr(captured_at, "isoformat") else str(captured_at)
    return json.dumps({"captured_at": stamp, "text": text, "url": url}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def sha256_text(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def store(evidence, checked: CheckedFile) -> None:
    """Write the sealed original and the viewable copy; names carry the hash, never user input.

    Without a viewable copy (an unreadable PDF) only the original is written and `view_file` stays empty.
    """
    ext = ALLOWED_TYPES[checked.content_type]
    evidence.sealed_file.save(f"{checked.sha256}.{ext}", ContentFile(checked.data), save=False)
    if checked.view_data is not None:
        evidence.view_file.save(f"{evidence.uid}.{ext}", ContentFile(checked.view_data), save=False)
