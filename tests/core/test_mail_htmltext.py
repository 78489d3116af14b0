"""Tests for HTML → plain text: blocks and breaks become lines, lists dashes, scripts/styles/head vanish, entities
decode, broken markup is tolerated."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mkdesk.core.mail.htmltext import html_to_text


def test_blocks_breaks_lists_and_entities():
    html = ("<html><head><title>Title</title><style>p{color:red}</style><script>var x=1</script></head><body>"
            "<h1>Ponudba</h1><p>Spo&scaron;tovani,<br>cena&nbsp;12,50&nbsp;&euro;</p><ul><li>ena</li><li>dve</li>"
            "</ul><table><tr><td>PRD-1</td><td>5 kos</td></tr></table><img alt=\"logo\" src=\"x\"></body></html>")
    assert html_to_text(html) == "Ponudba\n\nSpoštovani,\ncena 12,50 €\n\n- ena\n- dve\n\nPRD-1 5 kos\n\n[logo]"


def test_whitespace_collapses_but_pre_is_kept():
    assert html_to_text("<p>a\n   b\t c</p>") == "a b c"
    assert html_to_text("<pre>x   y\nz</pre>") == "x   y\nz"


def test_broken_markup_keeps_the_text():
    assert html_to_text("<p>unclosed <b>bold <i>both") == "unclosed bold both"
    assert html_to_text("<div><script>never closed") == ""
    assert html_to_text("a < b > c") == "a < b > c"


@given(st.text(max_size=300))
def test_any_text_never_raises(text):
    assert isinstance(html_to_text(text), str)
