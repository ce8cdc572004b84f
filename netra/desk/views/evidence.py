"""Evidence files, streamed only to staff who may see the case.

Evidence storage has no URL: files leave the server only through these views. Staff open the
copy with metadata removed; the sealed original (byte-exact, may carry GPS) is a download for
verifiers and admins, who need it to prove integrity against its SHA-256.
"""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

from netra.core.decorators import role_required
from netra.core.permissions import CASE_DESK_ROLES

from ..access import can_open_sealed_original, evidence_for_user


def _stream(file_field, content_type: str, filename: str, *, attachment: bool) -> FileResponse:
    if not file_field:
        raise Http404
    try:
        handle = file_field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type or "application/octet-stream",
                            as_attachment=attachment, filename=filename)
    response["Cache-Control"] = "private, no-store"
    # A hostile upload opened in the browser must not run scripts or reach the desk session.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response


@role_required(*CASE_DESK_ROLES)
def evidence_view(request, uid):
    evidence = evidence_for_user(request.user, uid)
    ext = evidence.view_file.name.rsplit(".", 1)[-1] if evidence.view_file else "bin"
    # Images open inline for the viewer; a PDF is downloaded, since browsers' PDF viewers do not run
    # under the sandbox policy and a PDF can carry scripts.
    return _stream(evidence.view_file, evidence.content_type, f"bukti-{evidence.uid}.{ext}",
                   attachment=not evidence.is_image)


@role_required(*CASE_DESK_ROLES)
def evidence_original(request, uid):
    evidence = evidence_for_user(request.user, uid)
    if not can_open_sealed_original(request.user):
        raise PermissionDenied
    ext = evidence.sealed_file.name.rsplit(".", 1)[-1] if evidence.sealed_file else "bin"
    return _stream(evidence.sealed_file, evidence.content_type, f"asli-{evidence.sha256[:16]}.{ext}",
                   attachment=True)
