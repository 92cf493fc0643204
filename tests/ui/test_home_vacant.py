"""Beranda's "vacant posts with a candidate ready now" from the vacant posts' bench only equals the count
over Suksesi's whole bench (every target post)."""
from __future__ import annotations

from datetime import date

from data.store import Filters, Scope


def test_vacant_ready_equals_the_whole_bench(demo_copy):
    from ui import home, services, succession

    period = max(services.store().periods())
    posts = services.store().target_posts()
    opds = tuple(posts.loc[posts["lowong"].astype(bool), "opd_id"].dropna().unique()[:2])
    seen = []
    for filters, scope in ((Filters(), Scope(None)), (Filters(jenis_asn=("PNS",)), Scope(None)),
                           (Filters(), Scope(opds))):
        for on in (date(period, 12, 31), date(period + 3, 6, 1)):
            bench = succession.bench(period, filters, scope, on)
            expected = int((bench["lowong"] & (bench["siap_sekarang"] > 0)).sum())
            assert home.vacant_ready_count(period, filters, scope, on) == expected, (filters, scope, on)
            seen.append(expected)
    assert any(seen), "some vacant post must have a ready candidate, or the check says nothing"
