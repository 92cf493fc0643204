"""Small-cell suppression on the pages (AppTest): with the switch on and one small OPD chosen, nothing
Beranda, the first two slides or Sembilan Kotak show can be combined into a hidden box count, and a
hidden box draws no dot.

DISHUB in the demo data has a handful of placed ASN, most in box 5 and single people in other boxes (the
outside finding, on 5 in box 5 and 1 in box 8: "5 · 83,3%" beside "< 5" and a pool of 1 gave the one person
away). The tests read which boxes are small from the data.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.anonymise import Suppression
from common import fmt
from data.store import Filters
from tests.analytics.test_suppression import POOL_BOXES, recoverable
from tests.conftest import placed_people_in

pytestmark = pytest.mark.slow  # whole-app AppTest runs

TIMEOUT = 90
APP = str(Path(__file__).resolve().parents[2] / "app.py")
OPD = "DISHUB"
MARK = "*"
POOL_LABEL = "Kelompok rencana suksesi"


def _truth(path) -> dict[int, int]:
    ref = placed_people_in(path, 2025, Filters(opd_ids=(OPD,)))
    counts = ref["kotak"].dropna().astype(int).value_counts()
    return {k: int(counts.get(k, 0)) for k in range(1, 10)}


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["anonim"] = "true"
    at.run()
    at.sidebar.multiselect(key="opd").set_value([OPD]).run()
    assert not at.exception
    return at


def _num(text: str) -> int | None:
    """A shown count, or None when hidden ("*"; the old "< 5" read as hidden too, so the check bites on it)."""
    return None if text.strip() == MARK or text.startswith("<") else int(text.replace(".", ""))


def _assert_nothing_derivable(truth: dict[int, int], counts: dict[int, str], shares: dict[int, str],
                              total: str, pool: str) -> None:
    """What a page shows, as a linked table: shown cells are known, the total and the pool headline are
    sums; a share with the total shown gives the count again (it must match), a hidden cell's share is hidden."""
    shown = {k: _num(c) for k, c in counts.items()}
    assert [k for k, v in shown.items() if v is not None and v != truth[k]] == []   # what is shown is true
    assert all(shown[k] is None for k, v in truth.items() if 0 < v < 5)            # small boxes hidden
    t, p = _num(total), _num(pool)
    assert t in (None, sum(truth.values())) and p in (None, sum(truth[k] for k in POOL_BOXES))
    s = Suppression(frozenset(k for k, v in shown.items() if v is None),
                    frozenset({"pool"} if p is None else ()), t is None)
    assert recoverable(truth, s, {"pool": POOL_BOXES}) == []
    for k, share in shares.items():
        if shown[k] is None or t is None:
            assert share == MARK, (k, share)
        else:
            assert share == fmt.pct(round(shown[k] / t * 100, 1)), (k, share)


def _small(truth: dict[int, int]) -> set[int]:
    """The boxes of 1–4 people (the data decides which)."""
    return {k for k, v in truth.items() if 0 < v < 5}


def _pool(at: AppTest) -> str:
    """The pool tile's count ("338 (27%)" → "338"; "*" when hidden)."""
    return next(m.value for m in at.metric if m.label.startswith(POOL_LABEL)).split(" (")[0]


def _figure(at: AppTest, i: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def _grid_counts(fig: dict) -> dict[int, tuple[str, str]]:
    """Box → (count, share) from the grid's hover texts ("Kotak k<br>label<br>c orang · p")."""
    out = {}
    for text in fig["data"][0]["text"]:
        box = int(re.search(r"Kotak (\d)", text).group(1))
        count, share = re.search(r"<br>([^<]*) orang · (.*)$", text).groups()
        out[box] = (count, share)
    return out


def test_beranda_shows_nothing_that_gives_a_small_box_away(demo_copy):
    truth = _truth(demo_copy)
    small = _small(truth)
    assert small and sum(truth.values()) < 10  # the finding's shape: a few people, small boxes among them
    at = _app()
    pool = _pool(at)
    total = next(re.match(r"^(\S+) ASN ditempatkan", c.value).group(1) for c in at.caption
                 if "ASN ditempatkan" in c.value)
    at.session_state["beranda_legend_open"] = True   # the legend, opened (its table is built only then)
    at.run()
    legend = at.dataframe[0].value.set_index("kotak")
    counts, shares = legend["jumlah"].astype(str).to_dict(), legend["persen"].astype(str).to_dict()
    _assert_nothing_derivable(truth, counts, shares, total, pool)
    assert all(counts[k] == MARK for k in small)
    if small & set(POOL_BOXES):
        assert pool == MARK
    assert _grid_counts(_figure(at)) == {k: (counts[k], shares[k]) for k in counts}  # the grid says the same
    assert any("disembunyikan" in c.value for c in at.caption)                       # and says why


def test_slides_one_and_two_show_nothing_that_gives_a_small_box_away(demo_copy):
    truth = _truth(demo_copy)
    at = _app()
    at.switch_page("app_pages/presentasi.py").run()
    assert not at.exception and at.toggle(key="anonim").value is True
    pool = _pool(at)
    label = next(m.label for m in at.metric if m.label.startswith(POOL_LABEL))   # "…, dari 6 ditempatkan"
    found = re.search(r"dari (\S+) ditempatkan", label)
    total = found.group(1) if found else MARK      # a hidden total is not named in the label either
    at.button(key="pres_next").click().run()
    table = at.table[0].value.set_index("Kotak")
    counts, shares = table["Jumlah"].astype(str).to_dict(), table["Persen"].astype(str).to_dict()
    _assert_nothing_derivable(truth, counts, shares, total, pool)  # slides 1 and 2 as one linked table
    assert _grid_counts(_figure(at)) == {k: (counts[k], shares[k]) for k in counts}


def test_sembilan_kotak_draws_no_dot_in_a_hidden_box(demo_copy):
    truth = _truth(demo_copy)
    at = _app()
    at.switch_page("app_pages/sembilan_kotak.py").run()
    assert not at.exception
    fig = _figure(at)
    badges = fig["data"][0]
    hidden = {int(c.split(":")[1]) for c, h in zip(badges["customdata"], badges["hovertext"]) if f"{MARK} orang" in h}
    assert _small(truth) <= hidden
    dots = [row for trace in fig["data"][1:] for row in (trace.get("customdata") or [])]
    assert [row for row in dots if int(row[6]) in hidden] == []
    assert len(dots) == sum(v for k, v in truth.items() if k not in hidden)


def test_sembilan_kotak_lists_nobody_of_a_hidden_box_and_hides_the_simulation(demo_copy):
    at = _app()
    at.switch_page("app_pages/sembilan_kotak.py").run()
    next(w for w in at.get("segmented_control") if w.key == "kotak").set_value(8)
    at.run()
    assert not at.exception
    assert "Kotak 8 · * ASN" in [s.value for s in at.subheader]
    assert not [d for d in at.dataframe if "nip" in d.value.columns]         # no list: its length is the count
    at.session_state["nk_whatif_open"] = True                                 # the what-if opened (a rerun)
    at.run()
    assert any("Simulasi batas tidak ditampilkan" in i.value for i in at.info)
    assert not [d for d in at.dataframe if "tersimpan" in d.value.columns]   # nor the exact counts per box
