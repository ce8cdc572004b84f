"""OpenAPI post-processing: every operation documents the errors it can answer.

drf-spectacular documents only the success responses the views declare; clients (and schemathesis)
then meet undocumented 400/401/403/404/413/415/429 answers. This hook adds them, all with the one
error shape the API uses (`netra.api.errors`): an object with `detail`, or with one list of
messages per invalid field.
"""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Error: `detail` (a message) or one list of messages per invalid field.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
MESSAGES = {
    "400": "Masukan tidak sah (pesan per kolom) / invalid input",
    "401": "Tanpa autentikasi atau token tidak sah / not authenticated",
    "403": "Tidak berhak / forbidden",
    "404": "Tidak ditemukan / not found",
    "405": "Metode tidak diizinkan / method not allowed",
    "406": "Format jawaban tidak tersedia / not acceptable",
    "413": "Isi permintaan terlalu besar / request body too large",
    "415": "Jenis media tidak didukung / unsupported media type",
    "429": "Terlalu banyak permintaan / throttled",
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            codes = ["400", "401", "403", "404", "405", "406", "429"]
            if method in ("post", "put", "patch"):
                codes += ["413", "415"]
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(code, {"description": MESSAGES[code],
                                            "content": {"application/json": {"schema": ref}}})
    return result
