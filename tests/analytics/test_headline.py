"""The headline sentence's parts (analytics.headline): each share with its base, no hidden number."""
from __future__ import annotations

import pytest

from analytics.headline import Counts, Part, parts, share


def _keys(c: Counts) -> list[str]:
    return [p.key for p in parts(c)]


def test_the_demo_shape_reads_placed_of_all_then_pool_of_placed_then_posts():
    out = parts(Counts(asn=6000, placed=1239, pool=347, vacant=5, vacant_ready=3))
    assert out == [
        Part("story.headline.placed_pool", {"placed": 1239, "asn": 6000, "pool": 347},
             {"placed_pct": pytest.approx(1239 / 6000 * 100), "pool_pct": pytest.approx(347 / 1239 * 100)}),
        Part("story.headline.vacant_ready", {"vacant": 5, "ready": 3})]
    # the pool's share is of those placed, never of all ASN
    assert out[0].shares["pool_pct"] == pytest.approx(28.0, abs=0.1)


def test_a_hidden_pool_leaves_its_number_and_share_out():
    out = parts(Counts(asn=40, placed=12, pool=3, vacant=1, vacant_ready=0, pool_hidden=True))
    assert _keys(Counts(asn=40, placed=12, pool=3, vacant=1, vacant_ready=0, pool_hidden=True)) == [
        "story.headline.placed", "story.headline.vacant_none_ready"]
    assert "pool" not in out[0].counts and "pool_pct" not in out[0].shares


def test_a_hidden_total_placed_leaves_every_people_clause_out():
    """With the total placed hidden, neither it nor a share of it (nor the pool, whose share names it) appears."""
    out = parts(Counts(asn=40, placed=4, pool=2, vacant=2, vacant_ready=1, placed_hidden=True, pool_hidden=False))
    assert [p.key for p in out] == ["story.headline.vacant_ready"]
    assert all(4 not in p.counts.values() and 2 not in (p.counts.get("pool"),) for p in out)


@pytest.mark.parametrize("vacant, ready, key", [
    (0, 0, "story.headline.no_vacant"), (0, None, "story.headline.no_vacant"),
    (3, None, "story.headline.vacant"), (3, 0, "story.headline.vacant_none_ready"),
    (3, 2, "story.headline.vacant_ready")])
def test_vacant_posts_clause(vacant, ready, key):
    assert parts(Counts(asn=10, placed=5, pool=1, vacant=vacant, vacant_ready=ready))[-1].key == key


def test_nobody_placed_and_nobody_at_all():
    assert _keys(Counts(asn=9, placed=0, pool=0, vacant=0, vacant_ready=None)) == [
        "story.headline.none_placed", "story.headline.no_vacant"]
    assert _keys(Counts(asn=0, placed=0, pool=0, vacant=0, vacant_ready=None))[0] == "story.headline.no_asn"


def test_share_of_nothing_is_zero():
    assert share(3, 0) == 0.0 and share(1, 4) == 25.0
