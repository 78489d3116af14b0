"""Reasons as English templates with named arguments: every code renders, names ending in a full stop stay tidy,
and the results of matching carry code and arguments that re-render to their text (what a translation needs)."""

from __future__ import annotations

import re
import string

import pytest

from mkdesk.core.context import build_context
from mkdesk.core.context.reasons import KIND_WORDS, TEMPLATES, kind_word, render, why
from mkdesk.core.mail.parse import parse_message
from tests.core.context_world import CORPUS, OWN, TODAY, world_cache, world_db  # noqa: F401


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_every_template_renders_with_its_named_arguments(code):
    names = {name for _, name, _, _ in string.Formatter().parse(TEMPLATES[code]) if name}
    assert all(re.fullmatch(r"[a-z]+", n) for n in names)  # named, never positional
    said = why(code, **{n: f"<{n}>" for n in names})
    assert said["reason_code"] == code and said["reason"].endswith(".")
    assert all(f"<{n}>" in said["reason"] for n in names)


def test_names_ending_in_a_full_stop_do_not_make_two():
    assert why("manual", partner="Firma d.o.o.")["reason"] == "You linked this message to Firma d.o.o."
    assert why("doc_other", kind="order", number="PP-1", partner="Firma d.o.o.", doc_type="sales_order",
               text="PP-1")["reason"] == ("The mail mentions order PP-1 of Firma d.o.o., not a document of the "
                                          "sender's partner.")


def test_unknown_codes_and_kinds():
    with pytest.raises(KeyError, match="no reason template 'nope'"):
        why("nope")
    assert kind_word("sales_order") == "order" and kind_word("something_new") == "document"
    assert set(KIND_WORDS) >= {"sales_order", "sales_offer", "sales_bill_domestic", "sales_bill_credit_note"}


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.eml")))
def test_results_carry_code_and_arguments_that_render_to_their_text(world_db, name):
    message = parse_message((CORPUS / name).read_bytes())
    c = world_db.read_sync(lambda conn: build_context(conn, message, today=TODAY, own_domains=OWN))
    results = [*c.candidates, *c.entities.documents, *c.entities.products]
    for r in results:
        assert r.reason_code in TEMPLATES and render(r.reason_code, r.reason_args) == r.reason
    if c.segment is not None:
        first = render(c.segment.reason_code, c.segment.reason_args)
        assert c.segment.reason.startswith(first) and c.segment.reason_code.startswith("seg_")
