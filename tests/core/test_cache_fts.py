"""Tests for search: accent-insensitive prefix matching, indexes kept in step with upserts/deletes, and user-typed
text that never raises an FTS syntax error (hand-picked hostile strings plus generated ones)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from mkdesk.core.cache.fts import fts_query, fts_tokens
from mkdesk.core.cache.repo_documents import search_documents
from mkdesk.core.cache.repo_partners import count_partners, search_partners
from mkdesk.core.cache.repo_products import search_products
from tests.core.cache_data import FETCHED, document, partner, product

HOSTILE = ['"', '""', "'", "AND", "OR", "NOT", "and or not", "NEAR(", "NEAR(a b, 3)", "*", "kov*", "-", "-kov", ":",
           "name:kov", "{name city}:x", "^kov", "(", ")", "a OR", "+", "[]", "\\", "\x00", "   ", "", "🙂", "a\"b",
           "čšž ČŠŽ", "x" * 5000, "1/2026", "PP-2026-0117", "ana@firma1.si", "%_", "' OR 1=1 --"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    database = Database.open(tmp_path_factory.mktemp("fts") / "cache.sqlite")
    database.write_sync(U.upsert_partners, [partner(1, "Kovač d.o.o."), partner(2, "Šeštan Janez s.p."),
                                            partner(3, "Žagar in Čeh d.d."), partner(4, "Novak trgovina")], FETCHED)
    database.write_sync(U.upsert_products, [product(1, "Pralni stroj Gorenje"), product(2, "Sušilni stroj"),
                                            product(3, "Hladilnik")], FETCHED)
    database.write_sync(U.upsert_documents, [document(1, partner_i=1), document(2, "sales_order", partner_i=2)],
                        FETCHED)
    yield database
    database.close()


def _names(found) -> list[str]:
    return [r.name for r in found]


def test_query_builder_quotes_and_prefixes_every_token():
    assert fts_query("kov") == '"kov"*'
    assert fts_query('ana "NEAR( kov:ač') == '"ana"* "NEAR"* "kov"* "ač"*'
    assert fts_query("ana", prefix=False) == '"ana"'
    assert fts_query(' -*:"() ') is None and fts_query(None) is None
    assert fts_tokens("foo_bar 12,5") == ["foo", "bar", "12", "5"]
    assert fts_tokens("c\u030ce") == ["če"]  # typed with a combining caron: composed first
    assert fts_query("PP-2026-01 12345", min_digits_prefix=4) == '"PP"* "2026"* "01" "12345"*'


def test_accent_insensitive_both_ways(db: Database):
    assert _names(db.read_sync(search_partners, "kovac")) == ["Kovač d.o.o."]
    assert _names(db.read_sync(search_partners, "KOVAČ")) == ["Kovač d.o.o."]
    assert _names(db.read_sync(search_partners, "sest")) == ["Šeštan Janez s.p."]
    assert _names(db.read_sync(search_partners, "zagar ceh")) == ["Žagar in Čeh d.d."]
    assert _names(db.read_sync(search_products, "susil")) == ["Sušilni stroj"]


def test_prefix_search_as_you_type(db: Database):
    assert _names(db.read_sync(search_partners, "kov")) == ["Kovač d.o.o."]
    assert set(_names(db.read_sync(search_products, "str"))) == {"Pralni stroj Gorenje", "Sušilni stroj"}
    assert _names(db.read_sync(search_products, "pra str")) == ["Pralni stroj Gorenje"]
    assert [r.mk_id for r in db.read_sync(search_documents, "2026-0000")] == [document(2).mk_id, document(1).mk_id]
    best = db.read_sync(search_documents, "WEB-2")  # "2" is also a prefix of "2026": the buyer order ranks first
    assert best[0].count_code == document(2).count_code
    assert db.read_sync(search_documents, "partner 2")[0].mk_id == document(2).mk_id
    assert [r.mk_id for r in db.read_sync(search_documents, "dokument 1")] == [document(1).mk_id]


def test_partner_fields_are_searchable(db: Database):
    p = partner(3)
    for text in ("SI10000003", "10000003", "ana3@firma3", "firma3.si", "041 123", "041123456", "+386 41",
                 "Maribor", "Marko Kos", "P00003"):
        assert p.mk_id in [r.mk_id for r in db.read_sync(search_partners, text)], text
    assert db.read_sync(count_partners, "ljubljana") == 4
    assert db.read_sync(count_partners, "") == 4


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_raises(db: Database, text: str):
    for search in (search_partners, search_products, search_documents):
        assert isinstance(db.read_sync(search, text), tuple)
    assert db.read_sync(count_partners, text) >= 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_generated_text_never_raises(db: Database, text: str):
    db.read_sync(search_partners, text)
    db.read_sync(search_products, text)


def test_index_follows_updates_and_deletes(tmp_path: Path):
    with Database.open(tmp_path / "cache.sqlite") as db:
        db.write_sync(U.upsert_partners, [partner(1, "Kovač d.o.o.")], FETCHED)
        db.write_sync(U.upsert_partners, [partner(1, "Zupan d.o.o.")], FETCHED)
        assert db.read_sync(search_partners, "kovac") == ()
        assert _names(db.read_sync(search_partners, "zupan")) == ["Zupan d.o.o."]
        changed = replace(partner(1, "Zupan d.o.o."), contacts=())
        db.write_sync(U.upsert_partners, [changed], FETCHED)
        assert db.read_sync(search_partners, "ana1") == ()
        db.write_sync(U.delete_ids, "partners", [partner(1).mk_id])
        assert db.read_sync(search_partners, "zupan") == ()
        assert db.read_sync(lambda c: c.exec_driver_sql("SELECT count(*) FROM partners_fts").scalar()) == 0
