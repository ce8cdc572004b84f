"""Receiving evidence files: check type and size by content, hash, seal, strip metadata.

The sealed original is byte-for-byte what the reporter sent (its SHA-256 proves it later); the
copy staff open has EXIF/GPS removed so that a reporter's location does not travel further.
"""

import hashlib
import io
import os
from dataclasses import dataclass, field

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

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
    view_data: bytes
    removed: list[str] = field(default_factory=list)


def _strip_image(data: bytes, content_type: str) -> tuple[bytes, list[str]]:
    """Re-encode pixels only. Anything not pixels (EXIF, GPS, XMP, comments) is left behind."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            removed = sorted(k for k in img.info if k not in {"dpi", "gamma"})
            exif = img.getexif()
            if exif:
                removed = sorted(set(removed) | {"exif"})
                if exif.get_ifd(0x8825):
                    removed = sorted(set(removed) | {"gps"})
            clean = Image.frombytes(img.mode, img.size, img.tobytes())
            if img.mode == "P" and img.getpalette():
                clean.putpalette(img.getpalette())
            out = io.BytesIO()
            fmt = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}[content_type]
            options = {"quality": 92} if fmt in {"JPEG", "WEBP"} else {}
            if fmt == "JPEG" and clean.mode not in {"RGB", "L"}:
                clean = clean.convert("RGB")
            clean.save(out, format=fmt, **options)
            return out.getvalue(), removed
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(_("Berkas gambar %(name)s rusak atau tidak dapat dibaca."),
                              code="corrupt", params={"name": ""}) from None


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
        except ValidationError:
            raise ValidationError(_("Berkas gambar %(name)s rusak atau tidak dapat dibaca."), code="corrupt",
                                  params={"name": name}) from None
    else:
        view_data, removed = data, []
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
    """Write the sealed original and the viewable copy; names carry the hash, never user input."""
    ext = ALLOWED_TYPES[checked.content_type]
    evidence.sealed_file.save(f"{checked.sha256}.{ext}", ContentFile(checked.data), save=False)
    evidence.view_file.save(f"{evidence.uid}.{ext}", ContentFile(checked.view_data), save=False)
