"""Narrowing the pool to who could be ready now (box and current level for the target level) changes no
ready-now count: everyone it leaves out is never Siap Sekarang, by the same checks."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics import succession as sc
from tests.analytics.test_succession import JPT, ON, good_history, person


@pytest.fixture(scope="module")
def srules(rules_store, rules):
    return sc.SuccessionRules(
        eligibility=rules_store.table("rule_eligibility"), retirement=rules_store.table("rule_retirement"),
        job_level=rules_store.table("job_level"), education=rules_store.table("education_level"),
        predikat=rules.predikat, boxes=rules.boxes, skj=rules.skj, skj_codes=rules.skj_codes(),
        jpm_bands=rules.jpm_bands, predikat_pair=rules.predikat_pair, legacy_score=rules.legacy_score)

ADMIN = {"post_id": "T2", "jabatan": "Kepala Bidang Uji", "jenjang_jabatan": "Administrator",
         "bidang_pendidikan": None, "pemangku_nip": None, "lowong": True, "kritikal": False, "opd_nama": None}


def frame(people: list[dict]) -> pd.DataFrame:
    f = pd.DataFrame(people)
    f["nip"] = [f"{i:018d}" for i in range(len(f))]
    return f


def people() -> list[dict]:
    """Ready-now for JPT Pratama save for what the narrowing reads (box, current level), and the ones it
    must keep: a JF Ahli Madya (the same rank as Administrator: a JF, not the name, meets the level) and
    a JPT Pratama (above the feeder level)."""
    return [person(), person(jenjang_jabatan="JF Ahli Madya"), person(jenjang_jabatan="JPT Pratama"),
            person(jenjang_jabatan="Pengawas"), person(jenjang_jabatan="JF Ahli Muda"),
            person(jenjang_jabatan=None), person(jenjang_jabatan="Jenjang Tak Dikenal"),
            person(kotak=7), person(kotak=8), person(kotak=6), person(kotak=5, jenjang_jabatan="JF Ahli Madya")]


def test_who_is_left_out_is_never_ready_now(srules):
    c = frame(people())
    for target in (JPT, ADMIN):
        summary, _ = sc.evaluate(c, target, srules, ON, 2025, good_history(c["nip"]), reasons=False)
        ready = (summary["kesiapan"] == sc.SIAP_SEKARANG).to_numpy()
        keep = sc.ready_now_possible(c, [target["jenjang_jabatan"]], srules)
        assert not (ready & ~keep).any(), c.loc[ready & ~keep, ["jenjang_jabatan", "kotak"]]
        assert ready.any() and (~keep).any(), "the case must have both, or it checks nothing"
    keep = sc.ready_now_possible(c, ["JPT Pratama"], srules)
    # the JF of the same rank and the higher level are kept; lower levels, unknown levels and boxes the
    # rule does not allow for JPT Pratama are not
    assert keep.tolist()[:7] == [True, True, True, False, False, False, False]


def test_several_levels_keep_who_fits_any_of_them(srules):
    c = frame(people())
    both = sc.ready_now_possible(c, ["JPT Pratama", "Administrator"], srules)
    each = sc.ready_now_possible(c, ["JPT Pratama"], srules) | sc.ready_now_possible(c, ["Administrator"], srules)
    assert both.tolist() == each.tolist()
    assert not sc.ready_now_possible(c, [], srules).any()


def test_the_bench_ready_now_is_the_same_on_the_narrowed_pool(srules):
    c = frame(people() * 3)
    c["nip"] = [f"{i:018d}" for i in range(len(c))]
    c.loc[0, "kotak"] = 3            # outside the pool: left out by the bench in both cases
    hist = good_history(c["nip"])
    posts = pd.DataFrame([{**JPT, "lowong": True, "kritikal": True, "opd_nama": None},
                          {**ADMIN, "pemangku_nip": c["nip"].iloc[1]}])
    for on in (ON, date(2029, 6, 1)):
        full = sc.bench_strength(posts, c, srules, on, 2025, hist)
        narrowed = c[sc.ready_now_possible(c, posts["jenjang_jabatan"], srules)]
        assert len(narrowed) < len(c)
        part = sc.bench_strength(posts, narrowed, srules, on, 2025, hist)
        assert part["siap_sekarang"].tolist() == full["siap_sekarang"].tolist()
    assert np.asarray(full["siap_sekarang"]).sum() > 0
