"""Tests for mkdesk.emulator.config: validation of scale/faults/latency, Switches defaults, the default today."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime

import pytest

from mkdesk.emulator import config as config_module
from mkdesk.emulator.config import SCALES, EmulatorConfig, Switches


def test_scales_are_the_four_sizes() -> None:
    assert SCALES == ("tiny", "small", "medium", "large")
    for scale in SCALES:
        assert EmulatorConfig(scale=scale, today=date(2026, 1, 1)).scale == scale


@pytest.mark.parametrize("scale", ["huge", "", "Tiny", "small "])
def test_unknown_scale_rejected(scale: str) -> None:
    with pytest.raises(ValueError, match="unknown scale") as info:
        EmulatorConfig(scale=scale)
    assert "tiny, small, medium, large" in str(info.value)


@pytest.mark.parametrize("faults", [-0.01, 1.01, 2.0, -1.0])
def test_fault_rate_outside_0_1_rejected(faults: float) -> None:
    with pytest.raises(ValueError, match="faults must be a rate between 0 and 1"):
        EmulatorConfig(faults=faults)


@pytest.mark.parametrize("faults", [0.0, 0.5, 1.0])
def test_fault_rate_bounds_accepted(faults: float) -> None:
    assert EmulatorConfig(faults=faults).faults == faults


@pytest.mark.parametrize("field", ["latency_ms", "search_latency_ms", "fault_delay_ms"])
def test_negative_latency_rejected(field: str) -> None:
    with pytest.raises(ValueError, match="latency must not be negative"):
        EmulatorConfig(**{field: -1})
    assert getattr(EmulatorConfig(**{field: 0}), field) == 0


def test_defaults() -> None:
    cfg = EmulatorConfig()
    assert (cfg.seed, cfg.scale, cfg.company_id) == (1, "small", "4711")
    assert (cfg.faults, cfg.fault_seed, cfg.latency_ms, cfg.search_latency_ms) == (0.0, None, 0, 0)
    assert cfg.fault_kinds == () and cfg.fault_delay_ms == 250
    assert cfg.switches == Switches()
    assert re.fullmatch(r"[0-9a-f]{32}", cfg.secret_key)
    assert EmulatorConfig().secret_key != cfg.secret_key  # a fresh random key per config


def test_config_is_frozen() -> None:
    cfg = EmulatorConfig(today=date(2026, 1, 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.scale = "tiny"  # type: ignore[misc]


def test_switch_defaults() -> None:
    s = Switches()
    assert s.auth_error_code == "3"
    assert s.auth_error_text == "Invalid value for secret_key and company_id"
    assert s.unknown_product_code == "8"
    assert s.offers_reject_doc_date is True
    assert s.last_change_doc_types == ("sales_order",)
    assert s.single_object_lists is True
    assert s.strict_doc_date is True
    assert s.inline_partner_always_new is True
    assert s.status_accepts_labels is True
    assert s.partner_paging is False
    assert s.serialize_searches is True
    assert s.unique_buyer_order is False
    assert s.write_reply_lost is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.partner_paging = True  # type: ignore[misc]
    assert dataclasses.replace(s, partner_paging=True).partner_paging is True


def test_today_defaults_to_the_ljubljana_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """23:30 UTC on 24 Nov is already 25 Nov in Ljubljana (UTC+1): the default must be the local date."""
    instant = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return instant.astimezone(tz) if tz is not None else instant.replace(tzinfo=None)

    monkeypatch.setattr(config_module, "datetime", FrozenClock)
    assert EmulatorConfig().today == date(2026, 11, 25)
    assert EmulatorConfig(today=date(2020, 2, 29)).today == date(2020, 2, 29)


def test_today_default_is_timezone_local_in_summer(monkeypatch: pytest.MonkeyPatch) -> None:
    instant = datetime(2026, 6, 30, 22, 15, tzinfo=UTC)  # 00:15 on 1 July in Ljubljana (UTC+2)

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return instant.astimezone(tz) if tz is not None else instant.replace(tzinfo=None)

    monkeypatch.setattr(config_module, "datetime", FrozenClock)
    assert EmulatorConfig().today == date(2026, 7, 1)
