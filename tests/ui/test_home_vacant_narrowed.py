"""On the demo data, the candidates narrowed to who could be ready now for a level give every target post
the same ready-now count as the whole pool (every level of the target posts, several dates and filters)."""
from __future__ import annotations

from datetime import date

from analytics import succession as sc
from data.store import Filters, Scope


def test_narrowed_candidates_give_the_same_ready_now(demo_copy):
    from ui import services, succession

    period = max(services.store().periods())
    posts = services.store().target_posts()
    rules = succession.rules(period)
    checked = 0
    for filters in (Filters(), Filters(jenis_asn=("PNS",))):
        cand, hist = succession.candidates(period, filters, Scope(None))
        spans = succession.career_spans(sc.pool_only(cand, rules), period)
        for level, group in posts.groupby("jenjang_jabatan"):
            narrow, nhist = succession.ready_candidates(period, filters, Scope(None), [level])
            assert set(narrow["nip"]) < set(cand["nip"])
            for on in (date(period, 12, 31), date(period + 3, 6, 1)):
                full = sc.bench_strength(group, cand, rules, on, period, hist, career=spans)
                part = sc.bench_strength(group, narrow, rules, on, period, nhist,
                                         career=succession.career_spans(sc.pool_only(narrow, rules), period))
                assert part["siap_sekarang"].tolist() == full["siap_sekarang"].tolist(), (level, on, filters)
                checked += int(full["siap_sekarang"].sum())
    assert checked > 0, "some post must have a ready candidate, or the check says nothing"
