"""The talent cycle's analytics: the funnel nests (hand-made and on the demo), the pool register's
entries and exits with their reasons, each watchlist signal at its threshold (exactly at and one
short), appointments filling posts from their date and moving the penempatan indicators."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import cycle
from analytics import sanctions as sanction_dates
from analytics import succession as sc
from analytics.engine import STATUS_NO_PERFORMANCE, STATUS_NOT_PROFILED, STATUS_PLACED
from analytics.movement import box_rank
from analytics.readiness import POTENSI, SIAP_SEGERA, SIAP_SEKARANG
from data.store import open_store
from tests.conftest import placed_people

ON = date(2026, 1, 15)


@pytest.fixture(scope="module")
def signals(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("cycle") / "rules.duckdb")
    try:
        return s.cycle_rules()["signals"]
    finally:
        s.close()


def placed_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["nip", "status", "kotak"]).astype({"kotak": "float"})


def apps(rows) -> pd.DataFrame:
    cols = ["id", "period", "nip", "post_id", "tanggal", "cara", "kesiapan", "lowong_sejak", "dibatalkan_pada"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("tanggal", "lowong_sejak", "dibatalkan_pada"):
        out[c] = pd.to_datetime(out[c])
    return out


# -- funnel ------------------------------------------------------------------------------------------

def test_the_funnel_nests_on_a_hand_made_case(rules):
    placed = placed_frame([
        ("a", STATUS_NOT_PROFILED, None),      # all ASN only
        ("b", STATUS_NO_PERFORMANCE, None),    # profiled, not placed
        ("c", STATUS_PLACED, 5),               # placed, outside the pool
        ("d", STATUS_PLACED, 7),               # pool, ready for nothing
        ("e", STATUS_PLACED, 9),               # pool, ready now → ready
        ("f", STATUS_PLACED, 8),               # pool, ready soon only → not ready
        ("g", STATUS_PLACED, 9),               # pool, appointed, recorded Siap Sekarang → ready and appointed
        ("h", STATUS_PLACED, 4),               # ready-now row but outside the pool (cannot be): not ready
        ("i", STATUS_PLACED, 8),               # pool, appointed while Siap 1–2 Tahun → not in the last stage
    ])
    ready = pd.DataFrame({"post_id": ["P1", "P2", "P1", "P3"], "nip": ["e", "f", "h", "e"],
                          "kesiapan": [SIAP_SEKARANG, SIAP_SEGERA, SIAP_SEKARANG, POTENSI]})
    appointed = apps([(1, 2025, "g", "P1", "2025-10-01", "talent_pool", SIAP_SEKARANG, None, None),
                      (2, 2025, "i", "P2", "2025-10-01", "talent_pool", SIAP_SEGERA, None, None),
                      (3, 2025, "e", "P3", "2025-11-01", "lainnya", SIAP_SEKARANG, None, "2025-11-02")])  # undone
    stages = cycle.funnel_stages(placed, ready, appointed, rules.boxes)
    assert stages == {"asn": set("abcdefghi"), "diprofil": set("bcdefghi"), "ditempatkan": set("cdefghi"),
                      "kelompok_suksesi": set("defgi"), "siap": {"e", "g"}, "diangkat": {"g"}}
    table = cycle.funnel(placed, ready, appointed, rules.boxes)
    assert table["tahap"].tolist() == list(cycle.STAGES)
    assert table["jumlah"].tolist() == [9, 8, 7, 5, 2, 1]
    assert table["persen_sebelumnya"].round(1).tolist() == [100.0, 88.9, 87.5, 71.4, 40.0, 50.0]
    assert table["persen_asn"].iloc[-1] == pytest.approx(100 / 9)


@pytest.fixture(scope="module")
def demo_cycle(demo_db):
    """The demo's 2025 placements, readiness per post (on the posts as the appointments leave them),
    appointments and rules."""
    s = open_store(demo_db, read_only=True)
    try:
        placed = placed_people(s, 2025)
        before = placed_people(s, 2024)
        rs = s.rules(2025)
        rules = sc.SuccessionRules(
            eligibility=s.table("rule_eligibility"), retirement=s.table("rule_retirement"),
            job_level=s.table("job_level"), education=s.table("education_level"), predikat=rs.predikat,
            boxes=rs.boxes, skj=rs.skj, skj_codes=rs.skj_codes(), jpm_bands=rs.jpm_bands,
            predikat_pair=rs.predikat_pair, legacy_score=rs.legacy_score, jpm_cap=rs.jpm_cap,
            discipline=s.table("rule_discipline"), field_words=s.table("rule_bidang"))
        found = s.sanctions(2025)
        appointed = s.appointments()
        posts = cycle.posts_as_of(s.target_posts(), appointed, ON)
        hist = s.predikat_history(2025, 2)
    finally:
        s.close()
    cand = placed.copy()
    cand[sanction_dates.HISTORY_COLUMN] = sanction_dates.as_column(found, cand["nip"])
    ready = cycle.readiness_by_post(posts, cand, rules, ON, 2025, hist)
    return {"placed": placed, "before": before, "rules": rules, "ready": ready, "appointments": appointed,
            "posts": posts, "cand": cand, "hist": hist, "sanctions": found}


def test_the_funnel_nests_and_sums_on_the_demo(demo_cycle):
    d = demo_cycle
    stages = cycle.funnel_stages(d["placed"], d["ready"], d["appointments"], d["rules"].boxes)
    sets = [stages[s] for s in cycle.STAGES]
    for outer, inner in zip(sets, sets[1:]):
        assert inner <= outer
    table = cycle.funnel(d["placed"], d["ready"], d["appointments"], d["rules"].boxes)
    counts = table["jumlah"].tolist()
    assert counts[0] == len(d["placed"]) == 6000
    assert all(c > 0 for c in counts), counts                       # every stage shows something
    # the drop-outs between stages and the last stage add up to all ASN
    assert sum(a - b for a, b in zip(counts, counts[1:])) + counts[-1] == counts[0]
    assert table["persen_asn"].tolist() == pytest.approx([c / counts[0] * 100 for c in counts])
    pool = d["placed"].loc[d["placed"]["kotak"].isin(cycle.pool_boxes(d["rules"].boxes)), "nip"]
    assert counts[3] == len(pool)


def test_readiness_per_post_matches_the_bench_and_leaves_the_holder_out(demo_cycle):
    d = demo_cycle
    bench = sc.bench_strength(d["posts"], d["cand"], d["rules"], ON, 2025, d["hist"]).set_index("post_id")
    ready = d["ready"]
    now = ready[ready["kesiapan"] == SIAP_SEKARANG].groupby("post_id").size()
    soon = ready[ready["kesiapan"] == SIAP_SEGERA].groupby("post_id").size()
    assert (bench["siap_sekarang"] == now.reindex(bench.index).fillna(0)).all()
    assert (bench["siap_1_2_tahun"] == soon.reindex(bench.index).fillna(0)).all()
    held = d["posts"].dropna(subset=["pemangku_nip"])
    pairs = set(zip(ready["post_id"], ready["nip"]))
    assert not [p for p, n in zip(held["post_id"], held["pemangku_nip"]) if (p, n) in pairs]


# -- appointments fill posts; indicators -------------------------------------------------------------

def posts3() -> pd.DataFrame:
    return pd.DataFrame({"post_id": ["P1", "P2", "P3"], "jabatan": ["Kepala A", "Kepala B", "Kepala C"],
                         "jenjang_jabatan": "JPT Pratama", "lowong": [True, False, True],
                         "kritikal": [True, True, False], "pemangku_nip": [None, "x", None]})


def without_holders(ready: pd.DataFrame, posts: pd.DataFrame) -> pd.DataFrame:
    """What readiness_by_post does: a post's holder is not its successor."""
    holder = posts.set_index("post_id")["pemangku_nip"]
    return ready[ready["post_id"].map(holder) != ready["nip"]]


def test_an_appointment_fills_the_post_from_its_date_and_moves_the_indicators():
    posts = posts3()
    ready = pd.DataFrame({"post_id": ["P1", "P1", "P2", "P2", "P3"], "nip": ["a", "b", "c", "d", "a"],
                          "kesiapan": [SIAP_SEKARANG, SIAP_SEKARANG, SIAP_SEKARANG, SIAP_SEGERA, SIAP_SEKARANG]})
    before = cycle.placement_indicators(apps([]), cycle.posts_as_of(posts, apps([]), ON), ready, 2025)
    assert (before["filled"], before["from_pool_share"], before["days_to_fill_median"]) == (0, 0.0, None)
    assert (before["critical_total"], before["critical_ready"]) == (2, 1)          # P1 has a and b
    appointed = apps([(1, 2025, "a", "P1", "2025-11-03", "talent_pool", SIAP_SEKARANG, "2025-07-26", None),
                      (2, 2025, "e", "P3", "2025-12-01", "seleksi_terbuka", SIAP_SEGERA, None, None)])
    on_eve = cycle.posts_as_of(posts, appointed, date(2025, 11, 2)).set_index("post_id")
    on_day = cycle.posts_as_of(posts, appointed, date(2025, 11, 3)).set_index("post_id")
    assert on_eve.loc["P1", "lowong"] and pd.isna(on_eve.loc["P1", "pemangku_nip"])
    assert not on_day.loc["P1", "lowong"] and on_day.loc["P1", "pemangku_nip"] == "a"
    assert on_day.loc["P1", "diisi_pada"] == pd.Timestamp("2025-11-03") and on_day.loc["P1", "appointment_id"] == 1
    assert on_day.loc["P2", "pemangku_nip"] == "x" and on_day.loc["P3", "lowong"]   # P3 only from 1 December
    now = cycle.posts_as_of(posts, appointed, ON)
    after = cycle.placement_indicators(appointed, now, without_holders(ready, now), 2025)
    assert after["filled"] == 2 and after["from_pool"] == 1 and after["from_pool_share"] == 50.0
    assert after["ready_now"] == 1 and after["ready_now_share"] == 50.0
    assert (after["days_known"], after["days_to_fill_median"], after["days_to_fill_mean"]) == (1, 100.0, 100.0)
    assert after["critical_ready"] == 0 and after["critical_ready_share"] == 0.0   # a now holds P1: b alone
    assert cycle.placement_indicators(appointed, now, ready, 2024)["filled"] == 0   # another period's


def test_an_undone_appointment_fills_nothing_and_the_latest_appointment_wins():
    posts = posts3()
    appointed = apps([(1, 2025, "a", "P1", "2025-11-03", "talent_pool", SIAP_SEKARANG, None, "2025-11-05"),
                      (2, 2025, "b", "P2", "2025-11-03", "talent_pool", SIAP_SEKARANG, None, None),
                      (3, 2025, "c", "P2", "2025-12-03", "lainnya", None, None, None)])
    now = cycle.posts_as_of(posts, appointed, ON).set_index("post_id")
    assert now.loc["P1", "lowong"] and now.loc["P2", "pemangku_nip"] == "c"
    assert cycle.placement_indicators(appointed, posts, pd.DataFrame(columns=cycle.READY_POST_COLUMNS))["filled"] == 1


# -- the talent-pool register ----------------------------------------------------------------------------

def test_register_entries_stays_and_exits_with_their_reasons(rules):
    prev = placed_frame([("stay", STATUS_PLACED, 9), ("old", STATUS_PLACED, 7), ("gone", STATUS_PLACED, 8),
                         ("sanc", STATUS_PLACED, 9), ("drop", STATUS_PLACED, 7), ("unplaced", STATUS_PLACED, 8),
                         ("new", STATUS_PLACED, 5), ("kept", STATUS_PLACED, 8), ("out", STATUS_PLACED, 4)])
    curr = placed_frame([("stay", STATUS_PLACED, 8), ("sanc", STATUS_PLACED, 5), ("drop", STATUS_PLACED, 5),
                         ("unplaced", STATUS_NOT_PROFILED, None), ("new", STATUS_PLACED, 8),
                         ("kept", STATUS_PLACED, 9), ("out", STATUS_PLACED, 4), ("fresh", STATUS_PLACED, 7),
                         ("old", STATUS_PLACED, 4)])      # past BUP and still listed: retirement wins
    reg = cycle.pool_register(prev, curr, rules.boxes, retired={"old"}, sanctioned={"sanc", "kept"},
                              earlier_pools=[{"stay", "gone"}, {"stay"}]).set_index("nip")
    assert reg["status"].to_dict() == {
        "drop": "keluar", "fresh": "masuk", "gone": "keluar", "kept": "tetap", "new": "masuk", "old": "keluar",
        "sanc": "keluar", "stay": "tetap", "unplaced": "keluar"}
    assert reg["alasan"].dropna().to_dict() == {"drop": "kotak_turun", "gone": "keluar", "old": "pensiun",
                                                "sanc": "hukdis", "unplaced": "tidak_ditempatkan"}
    assert set(reg["alasan"].dropna()) <= set(cycle.EXIT_REASONS)
    # time in the pool: stay was in the pool 4 periods running, gone 2 (then left), the others 1 or 2
    assert reg["lama_periode"].to_dict() == {"drop": 1, "fresh": 1, "gone": 2, "kept": 2, "new": 1, "old": 1,
                                             "sanc": 1, "stay": 4, "unplaced": 1}
    assert reg.loc["new", ["kotak_sebelum", "kotak_sesudah"]].tolist() == [5.0, 8.0]


def test_retired_by_and_sanctioned_between_date_their_people(rules):
    people = pd.DataFrame({"nip": ["a", "b"], "tanggal_lahir": pd.to_datetime(["1967-11-30", "1967-12-01"]),
                           "jenjang_jabatan": ["Administrator", "Administrator"]})   # BUP 58
    # a: 58 on 30 Nov 2025 → pension 1 Dec 2025; b: 58 on 1 Dec 2025 → pension 1 Jan 2026
    assert cycle.retired_by(people, rules_retirement(), date(2025, 12, 31)) == {"a"}
    assert cycle.retired_by(people, rules_retirement(), date(2026, 1, 1)) == {"a", "b"}
    found = pd.DataFrame({"nip": ["x", "y", "z"], "tingkat": ["berat", "sedang", "sedang"],
                          "tanggal_mulai": pd.to_datetime(["2024-01-01", "2025-06-01", "2026-01-02"]),
                          "tanggal_selesai": pd.to_datetime(["2024-12-31", "2026-05-31", None])})
    assert cycle.sanctioned_between(found, date(2025, 1, 1), date(2025, 12, 31)) == {"y"}
    assert cycle.sanctioned_between(found, date(2024, 12, 31), date(2025, 12, 31)) == {"x", "y"}


def rules_retirement() -> pd.DataFrame:
    return pd.DataFrame({"jenjang_jabatan": ["Administrator", "JPT Pratama"], "usia_bup": [58, 60]})


def test_the_demo_register_between_2024_and_2025(demo_cycle):
    d = demo_cycle
    reg = cycle.pool_register(d["before"], d["placed"], d["rules"].boxes,
                              retired=cycle.retired_by(d["before"], d["rules"].retirement, date(2025, 12, 31)),
                              sanctioned=cycle.sanctioned_between(d["sanctions"], date(2025, 1, 1),
                                                                  date(2025, 12, 31), d["rules"].discipline))
    pool = set(cycle.pool_boxes(d["rules"].boxes))
    now = set(d["placed"].loc[d["placed"]["kotak"].isin(pool), "nip"])
    assert set(reg.loc[reg["status"] != cycle.LEFT, "nip"]) == now
    left = reg[reg["status"] == cycle.LEFT]
    assert len(left) > 0 and left["alasan"].notna().all() and {"pensiun", "kotak_turun"} <= set(left["alasan"])


# -- the watchlist ---------------------------------------------------------------------------------------

def members(rows) -> pd.DataFrame:
    base = {"tmt_jabatan": pd.Timestamp("2024-01-01"), "tanggal_lahir": pd.Timestamp("1985-01-01"),
            "jenjang_jabatan": "Administrator", "kotak": 9.0, "kotak_sebelum": 9.0}
    return pd.DataFrame([{**base, **r} for r in rows])


def fired(watch: pd.DataFrame, signal: str) -> set[str]:
    return set(watch.loc[watch["sinyal"] == signal, "nip"])


def only(signals: pd.DataFrame, kode: str, **change) -> pd.DataFrame:
    s = signals[signals["kode"] == kode].copy()
    for k, v in change.items():
        s[k] = v
    return s


def test_no_development_action_for_12_months_fires_exactly_at_12(signals, rules):
    m = members([{"nip": n} for n in ("at", "short", "never", "cancelled")])
    dev = pd.DataFrame({"nip": ["at", "short", "cancelled", "at"], "status": ["selesai", "rencana", "batal", "batal"],
                        "dibuat_pada": pd.to_datetime(["2025-01-15 08:00", "2025-01-16 00:00", "2025-12-01 00:00", "2025-12-01 00:00"])})
    watch = cycle.watchlist(m, only(signals, "tanpa_pengembangan"), ON, rules.boxes, development=dev)
    assert fired(watch, "tanpa_pengembangan") == {"at", "never", "cancelled"}
    row = watch.set_index("nip").loc["at"]
    assert (row["nilai"], row["ambang"], row["satuan"]) == (12.0, 12.0, "bulan") and "(R)" in row["sumber"]
    assert pd.isna(watch.set_index("nip").loc["never", "nilai"])
    # the threshold is the rule row's: 11 months makes "short" fire too
    watch = cycle.watchlist(m, only(signals, "tanpa_pengembangan", ambang=11), ON, rules.boxes, development=dev)
    assert "short" in fired(watch, "tanpa_pengembangan")


def test_same_post_for_5_years_fires_exactly_at_5(signals, rules):
    m = members([{"nip": "at", "tmt_jabatan": pd.Timestamp("2021-01-15")},
                 {"nip": "short", "tmt_jabatan": pd.Timestamp("2021-01-16")},
                 {"nip": "unknown", "tmt_jabatan": pd.NaT}])
    watch = cycle.watchlist(m, only(signals, "jabatan_sama"), ON, rules.boxes)
    assert fired(watch, "jabatan_sama") == {"at"} and watch["nilai"].tolist() == [5.0]
    assert fired(cycle.watchlist(m, only(signals, "jabatan_sama", ambang=4), ON, rules.boxes),
                 "jabatan_sama") == {"at", "short"}


def test_box_dropped_fires_at_one_rank_step(signals, rules):
    rank = box_rank(rules.boxes)
    down_one = next((int(a), int(b)) for a in rank.index for b in rank.index if rank[a] - rank[b] == 1
                    and int(b) in cycle.pool_boxes(rules.boxes))
    same = next((int(a), int(b)) for a in rank.index for b in rank.index if a != b and rank[a] == rank[b]
                and int(b) in cycle.pool_boxes(rules.boxes))
    m = members([{"nip": "at", "kotak_sebelum": down_one[0], "kotak": down_one[1]},
                 {"nip": "short", "kotak_sebelum": same[0], "kotak": same[1]},
                 {"nip": "new", "kotak_sebelum": None, "kotak": 9}])
    watch = cycle.watchlist(m, only(signals, "kotak_turun"), ON, rules.boxes)
    assert fired(watch, "kotak_turun") == {"at"} and watch["nilai"].tolist() == [1.0]


def test_bup_within_2_years_fires_when_the_pension_date_is_exactly_2_years_away(signals, rules):
    on = date(2026, 1, 1)
    # BUP 58 (Administrator): born 15 Dec 1969 → pension 1 Jan 2028 = on + 2 years; born 1 Jan 1970 → 1 Feb 2028
    m = members([{"nip": "at", "tanggal_lahir": pd.Timestamp("1969-12-15")},
                 {"nip": "short", "tanggal_lahir": pd.Timestamp("1970-01-01")}])
    watch = cycle.watchlist(m, only(signals, "bup_dekat"), on, rules.boxes, retirement=rules_retirement())
    assert fired(watch, "bup_dekat") == {"at"} and watch["nilai"].tolist() == [2.0]
    assert watch.empty is False
    assert cycle.watchlist(m, only(signals, "bup_dekat"), on, rules.boxes).empty      # no rule given: not tested


def test_ready_with_no_target_post_in_sight_fires_beyond_2_years(signals, rules):
    on = date(2026, 1, 15)
    vacancy = pd.DataFrame({"post_id": ["P1", "P2", "P3"], "lowong": [False, False, True],
                            "tanggal_lowong": pd.to_datetime(["2028-01-15", "2028-01-16", None])})
    ready = pd.DataFrame({"post_id": ["P1", "P2", "P3", "P2", "P2"], "nip": ["at", "beyond", "vacant", "soon", "both"],
                          "kesiapan": [SIAP_SEKARANG, SIAP_SEKARANG, SIAP_SEKARANG, SIAP_SEGERA, SIAP_SEKARANG]})
    ready = pd.concat([ready, pd.DataFrame({"post_id": ["P3"], "nip": ["both"], "kesiapan": [SIAP_SEKARANG]})])
    m = members([{"nip": n} for n in ("at", "beyond", "vacant", "soon", "both", "none")])
    watch = cycle.watchlist(m, only(signals, "siap_tanpa_jabatan"), on, rules.boxes, ready=ready, vacancy=vacancy)
    assert fired(watch, "siap_tanpa_jabatan") == {"beyond"}
    assert fired(cycle.watchlist(m, only(signals, "siap_tanpa_jabatan", ambang=3), on, rules.boxes, ready=ready,
                                 vacancy=vacancy), "siap_tanpa_jabatan") == set()


def test_inactive_signals_are_not_tested_and_rows_come_in_signal_order(signals, rules):
    m = members([{"nip": "a", "tmt_jabatan": pd.Timestamp("2010-01-01"), "kotak_sebelum": 9, "kotak": 8}])
    watch = cycle.watchlist(m, signals, ON, rules.boxes, development=pd.DataFrame(columns=["nip", "dibuat_pada"]))
    assert watch["sinyal"].tolist() == ["tanpa_pengembangan", "jabatan_sama", "kotak_turun"]
    off = signals.assign(aktif=signals["kode"] != "jabatan_sama")
    watch = cycle.watchlist(m, off, ON, rules.boxes, development=pd.DataFrame(columns=["nip", "dibuat_pada"]))
    assert "jabatan_sama" not in set(watch["sinyal"])


def test_the_demo_watchlist_flags_some_pool_members(demo_cycle, signals):
    d = demo_cycle
    pool = d["placed"][d["placed"]["kotak"].isin(cycle.pool_boxes(d["rules"].boxes))].copy()
    pool["kotak_sebelum"] = pool["nip"].map(d["before"].set_index("nip")["kotak"])
    from analytics import needs
    vacancy = needs.vacancy_dates(d["posts"], d["placed"], d["rules"].retirement)
    watch = cycle.watchlist(pool, signals, ON, d["rules"].boxes,
                            development=pd.DataFrame(columns=["nip", "dibuat_pada"]), ready=d["ready"],
                            vacancy=vacancy, retirement=d["rules"].retirement)
    assert set(watch["sinyal"]) == set(cycle.SIGNALS)
    assert set(watch["nip"]) <= set(pool["nip"])
