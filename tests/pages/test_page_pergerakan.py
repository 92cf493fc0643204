"""AppTest: the Pergerakan & Keadilan page — matrix total, notable moves → profile, fairness panel.

Expected numbers come from the store and the engine (population → ``place``), never through
the page's helpers. The demo data holds no calibrations, so the engine's box is the final box.
"""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.store import Filters, open_store
from tests.conftest import placed_people_in

pytestmark = pytest.mark.slow  # whole-app AppTest runs, about 5 s each

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "app_pages/pergerakan.py"


def _open(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if lang:
        at.sidebar.selectbox(key="lang").set_value(lang).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _id_num(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _moves(at: AppTest):
    return next(d for d in at.dataframe if "langkah" in d.value.columns)


def _headers(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("### ")]


def _specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _array(value) -> np.ndarray:
    """A Plotly spec array: a plain list, or plotly ≥ 6's typed array {dtype, bdata, shape}."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        return out.reshape([int(x) for x in str(shape).split(",")]) if shape else out
    return np.asarray(value)


def _everything_shown(at: AppTest) -> str:
    """All text of the page but the notable-moves list (which names each mover's OPD): markdown,
    captions, alerts, metrics, every other table cell and every chart spec."""
    parts = [e.value for e in (*at.markdown, *at.caption, *at.subheader, *at.info, *at.warning, *at.success)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [d.value.to_csv(index=False) for d in at.dataframe if "langkah" not in d.value.columns]
    parts += [c.proto.spec for c in at.get("plotly_chart")]
    return "\n".join(str(p) for p in parts)


def _both(path: Path, before: int = 2024, after: int = 2025, filters: Filters = Filters()) -> pd.DataFrame:
    a, b = placed_people_in(path, before, filters), placed_people_in(path, after, filters)
    a, b = a[a["kotak"].notna()], b[b["kotak"].notna()]
    return a[["nip", "kotak"]].merge(b[["nip", "kotak"]], on="nip", suffixes=("_a", "_b"))


def _distinct(small: set[str], big: set[str]) -> set[str]:
    """Small-group names that are not part of a shown group's name (so their absence is testable)."""
    out = {n for n in small if not any(n in b for b in big)}
    assert len(out) >= len(small) - 1
    return out


# -- tests ------------------------------------------------------------------------------------
def test_matrix_total_is_the_people_placed_in_both_periods(demo_copy):
    at = _open()
    assert at.title[0].value == "Pergerakan & Keadilan"
    assert at.selectbox(key="pg_awal").value == 2024 and at.selectbox(key="pg_akhir").value == 2025
    both = _both(demo_copy)
    assert len(both) > 100
    assert _metric(at, "Ditempatkan di kedua periode") == _id_num(len(both))
    heat = next(s for s in _specs(at) if s["data"][0]["type"] == "heatmap")
    z = _array(heat["data"][0]["z"])
    assert z.shape == (9, 9) and int(z.sum()) == len(both)
    # cell by cell, rows = 2024 box, columns = 2025 box
    expected = pd.crosstab(both["kotak_a"].astype(int), both["kotak_b"].astype(int)).reindex(
        index=range(1, 10), columns=range(1, 10), fill_value=0)
    assert z.astype(int).tolist() == expected.to_numpy().tolist()
    stayed = int((both["kotak_a"] == both["kotak_b"]).sum())
    assert any(f"Tetap di kotak yang sama: {_id_num(stayed)} (" in c.value for c in at.caption)
    # up / same / down by box rank (row + column), each with its share of those placed in both: they add up
    rank = {1: 0, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3, 9: 4}
    step = both["kotak_b"].astype(int).map(rank) - both["kotak_a"].astype(int).map(rank)
    shown = {label: _metric(at, label) for label in ("Naik peringkat kotak", "Peringkat kotak sama",
                                                      "Turun peringkat kotak")}
    expected = {"Naik peringkat kotak": int((step > 0).sum()), "Peringkat kotak sama": int((step == 0).sum()),
                "Turun peringkat kotak": int((step < 0).sum())}
    for label, n in expected.items():
        assert shown[label] == f"{_id_num(n)} ({round(n / len(both) * 100)}%)", label
    assert sum(expected.values()) == len(both)
    assert any(f"Naik + sama + turun = {_id_num(len(both))} ASN" in c.value for c in at.caption)
    # the fall into boxes 1–3 is never a tile beside "Naik": only the notable moves, under its full label
    assert not [m for m in at.metric if m.label.startswith(("Turun ke", "Masuk kotak", "Naik ≥"))]
    sankey = next(s for s in _specs(at) if s["data"][0]["type"] == "sankey")
    assert int(_array(sankey["data"][0]["link"]["value"]).sum()) == len(both)

    # the same with a sidebar OPD filter
    at.sidebar.multiselect(key="opd").set_value(["DINKES"]).run()
    assert not at.exception
    both = _both(demo_copy, filters=Filters(opd_ids=("DINKES",)))
    assert 0 < len(both)
    assert _metric(at, "Ditempatkan di kedua periode") == _id_num(len(both))


def test_period_order_and_same_period(demo_copy):
    at = _open()
    at.selectbox(key="pg_awal").set_value(2025).run()
    at.selectbox(key="pg_akhir").set_value(2024).run()
    assert not at.exception
    assert any("2024 → 2025" in c.value for c in at.caption)  # read old → new whatever the order
    assert _metric(at, "Ditempatkan di kedua periode") == _id_num(len(_both(demo_copy)))
    at.selectbox(key="pg_akhir").set_value(2025).run()
    assert at.warning and "berbeda" in at.warning[-1].value
    assert not [m for m in at.metric if m.label == "Ditempatkan di kedua periode"]


def test_notable_moves_match_the_rule_and_a_row_opens_the_profile(demo_copy):
    at = _open()
    both = _both(demo_copy)
    rank = {1: 0, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3, 9: 4}  # row + column on the national grid
    step = both["kotak_b"].astype(int).map(rank) - both["kotak_a"].astype(int).map(rank)
    up = set(both.loc[step >= 2, "nip"])
    down = set(both.loc[both["kotak_b"].isin([1, 2, 3]) & ~both["kotak_a"].isin([1, 2, 3]), "nip"])
    table = _moves(at).value
    assert len(table) > 0
    assert set(table["nip"]) == up | down
    kinds = next(w for w in at.get("segmented_control") if w.key == "pg_jenis").options
    assert kinds == [f"Naik ≥ 2 langkah ({_id_num(len(up))})",
                     f"Masuk kotak 1–3 dari kotak lebih tinggi ({_id_num(len(down))})"]

    # only the falls
    next(w for w in at.get("segmented_control") if w.key == "pg_jenis").set_value("turun ke 1–3").run()
    table = _moves(at).value
    assert set(table["nip"]) == down and _headers(at) == []

    s = open_store(demo_copy)
    try:
        views_before = len(s._frame("SELECT * FROM audit_log WHERE action = 'lihat:profil'"))
    finally:
        s.close()
    row = 1 if len(table) > 1 else 0
    nip, nama = table.iloc[row]["nip"], table.iloc[row]["nama"]
    at.session_state[_moves(at).key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    header = _headers(at)
    assert len(header) == 1 and nama in re.sub(r"\\(.)", r"\1", header[0])
    assert any(f"NIP {nip}" in c.value for c in at.caption)
    s = open_store(demo_copy)
    try:
        views = s._frame("SELECT * FROM audit_log WHERE action = 'lihat:profil' ORDER BY audit_id")
    finally:
        s.close()
    assert len(views) == views_before + 1 and views.iloc[-1]["entity"] == f"nip:{nip}"

    # a rerun keeps it closed; another list never opens someone nobody clicked
    at.run()
    assert _headers(at) == []
    next(w for w in at.get("segmented_control") if w.key == "pg_jenis").set_value("naik ≥2").run()
    assert _headers(at) == [] and not at.exception


def test_fairness_panel_never_shows_a_group_under_five(demo_copy):
    at = _open()
    next(w for w in at.get("segmented_control") if w.key == "pg_fair_attr").set_value("opd_nama").run()
    assert not at.exception
    # the whole city: every group shown has five people or more
    check = next(d.value for d in at.dataframe if "persentil_kinerja" in d.value.columns)
    assert (check["n"] >= 5).all()

    # one job kind makes many OPDs small: none of them shows, not even by name
    at.sidebar.multiselect(key="jabatan").set_value(["Pengawas"]).run()
    assert not at.exception
    now = placed_people_in(demo_copy, 2025, Filters(jenis_jabatan=("Pengawas",)))
    sizes = now[now["kotak"].notna()]["opd_nama"].value_counts()
    small, big = set(sizes.index[sizes < 5]), set(sizes.index[sizes >= 5])
    assert small and len(big) >= 2, "the demo data must hold small groups or the test proves nothing"
    check = next(d.value for d in at.dataframe if "persentil_kinerja" in d.value.columns)
    assert set(check["kelompok"]) == big
    assert (check["n"] >= 5).all()
    assert check.set_index("kelompok")["n"].to_dict() == sizes[sizes >= 5].to_dict()
    bars = next(s for s in _specs(at) if s["data"][0]["type"] == "bar")
    shown_groups = {y for trace in bars["data"] for y in trace["y"]}
    assert len(shown_groups) == len(big)
    text = _everything_shown(at)
    for name in _distinct(small, big):
        assert name not in text, name
    assert any("kurang dari 5 orang" in c.value for c in at.caption)


def test_english_catalog(demo_copy):
    at = _open(lang="en")
    assert at.title[0].value == "Movement & Fairness"
    assert _metric(at, "Placed in both periods") == f"{len(_both(demo_copy)):,}"
    texts = [e.value for e in (*at.markdown, *at.subheader, *at.caption, *at.info, *at.title, *at.success,
                               *at.warning)] + [m.label for m in at.metric]
    texts += [c for d in at.dataframe for c in d.value.astype(str).to_numpy().ravel()]
    assert not [x for x in texts if re.search(r"\b(pg|fair|col|grid|nav)\.[a-z_]+", str(x))]
    assert any("no indication of a difference" in x or "difference (p" in x for x in texts)


def _panel_script(data, boxes):
    from ui import fairness_panel
    fairness_panel.render(data, key="t_fair", boxes=boxes, min_group=5)


def test_panel_flags_a_planted_group_and_shows_its_name_as_typed(rules):
    """The panel alone, on a planted bias: one OPD (with markup in its name) rated higher on
    performance but lower on potential; a 4-person OPD must not show."""
    from analytics.ninebox import box_number

    rng = np.random.default_rng(5)
    odd = "<b>Dinas</b> *C* [x](y)"
    groups = {"Dinas A": 150, "Dinas B": 150, odd: 150, "Dinas D": 150, "Unit Kecil": 4}
    frames = []
    for g, n in groups.items():
        p = [0.40, 0.52, 0.05, 0.02, 0.01] if g == odd else [0.15, 0.65, 0.12, 0.05, 0.03]
        frames.append(pd.DataFrame({"opd_nama": g, "kinerja_nilai": rng.choice([100.0, 80, 60, 40, 20], n, p=p),
                                    "potensial_nilai": rng.normal(83 - (4 if g == odd else 0), 7, n)}))
    df = pd.concat(frames, ignore_index=True)
    kin = np.where(df["kinerja_nilai"] >= 100, "di atas", np.where(df["kinerja_nilai"] >= 80, "sesuai", "di bawah"))
    pot = np.where(df["potensial_nilai"] >= 88, "tinggi", np.where(df["potensial_nilai"] >= 78, "menengah", "rendah"))
    df["kotak"] = box_number(pd.Series(kin), pd.Series(pot), rules.boxes)
    df["nip"] = [f"N{i:04d}" for i in range(len(df))]
    for col, v in (("jenis_kelamin", "L"), ("kelompok_usia", "40–49"), ("jenis_jabatan", "Fungsional"),
                   ("jenis_asn", "PNS")):
        df[col] = v

    at = AppTest.from_function(_panel_script, args=(df, rules.boxes), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    next(w for w in at.get("segmented_control") if w.key == "t_fair_attr").set_value("opd_nama").run()
    assert not at.exception
    warning = at.warning[0].value   # the flagged group's plain sentence, its name as typed
    assert re.sub(r"\\(.)", r"\1", warning).startswith(f"{odd} dinilai lebih tinggi pada kinerja")
    assert not re.search(r"(?<!\\)[<>*\[\]]", warning), "unescaped markup in the warning"
    check = next(d.value for d in at.dataframe if "persentil_kinerja" in d.value.columns)
    assert check.set_index("kelompok").loc[odd, "ditandai"]
    assert "Unit Kecil" not in _everything_shown(at)
    # one value only (everyone 'L'): not enough groups, said plainly
    next(w for w in at.get("segmented_control") if w.key == "t_fair_attr").set_value("jenis_kelamin").run()
    assert at.info and "tidak cukup" in at.info[0].value
