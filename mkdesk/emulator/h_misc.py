"""Emulator layer: `report` (a real PDF of a document, or a JSON error envelope)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from mkdesk.emulator import pdf, wire_in
from mkdesk.emulator.envelope import ApiError, Ctx

REPORT_TYPES = ("PDF",)


def report(ctx: Ctx, body: dict[str, Any]) -> Response:
    mk_id = wire_in.text(body.get("mk_id"))
    if mk_id is None:
        raise ApiError("2", "Paramether mk_id must be set")
    if wire_in.text(body.get("report_id")) is None:
        raise ApiError("2", "Paramether 'report_id' is required paramether")
    if wire_in.as_bool(body.get("async")):
        raise ApiError("2", "Paramether 'async' is not supported for this report")
    report_type = "PDF"
    for param in wire_in.as_list(body.get("params")):
        if isinstance(param, dict) and param.get("type") == "REPORT_TYPE":
            report_type = str(param.get("value", "PDF")).upper()
    if report_type not in REPORT_TYPES:
        raise ApiError("2", f"Paramether 'REPORT_TYPE' has invalid value : {report_type}. Valid values : PDF")
    doc = ctx.store.find_document(mk_id)
    if doc is None:
        raise ApiError("2", f"Cannot find document with id = {mk_id}")
    content = pdf.render(ctx.store, doc)
    name = doc.count_code.replace("/", "-")
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'},
    )
