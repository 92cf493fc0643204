"""The synthetic Kota Serang: invariants the demo, the engine and the benchmarks rely on."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.nip import parse_nips
from data.store import open_store
from data.synthetic import (
    DL_CODES,
    ES_CODES,
    GOL,
    K_CODES,
    KECAMATAN,
    P_CODES,
    VACANT_JPT,
    build_demo,
    load_demo,
)

N = 6000
OFFICIALS = ["JPT", "Administrator", "Pengawas"]
TABLES = ["period", "opd", "asn", "asn_period", "performance", "assessment", "discipline", "target_post",
          "position_history", "appointment", "retention_action", "development_action"]


@pytest.fixture(scope="module")
def demo() -> dict[str, pd.DataFrame]:
    return build_demo()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("synthetic") / "t.duckdb")
    yield s
    s.close()


@pytest.fixture(scope="module")
def loaded(store):
    """Load the demo twice into one fresh database; dumps after each load."""
    counts = load_demo(store)
    first = {t: store.dump_table(t) for t in TABLES}
    counts2 = load_demo(store)
    second = {t: store.dump_table(t) for t in TABLES}
    return counts, first, counts2, second


@pytest.fixture(scope="module")
def rules(store):
    return {name: store.table(name) for name in ("job_level", "rule_retirement", "rule_skj",
                                                   "rule_predikat_pair", "education_level")}


def people(demo, period: int) -> pd.DataFrame:
    ap = demo["asn_period"]
    return ap[ap["period"] == period].merge(demo["asn"], on="nip")


# -- frames and schema -------------------------------------------------------------------------

def test_frames_use_schema_columns(demo, store):
    assert list(demo) == TABLES                     # insertion order: parents before children
    for table, frame in demo.items():
        schema = [c for c in store.columns(table) if c not in ("batch_id", "assessment_id", "discipline_id")]
        assert set(frame.columns) <= set(schema), table
        required = {"asn": schema, "asn_period": schema, "performance": schema, "target_post": schema}
        assert set(required.get(table, [])) <= set(frame.columns), table
    assert demo["period"][["period", "label", "status"]].values.tolist() == \
        [[2024, "Periode 2024", "terbuka"], [2025, "Periode 2025", "terbuka"]]


def test_same_seed_same_frames_other_seed_other_frames(demo):
    again = build_demo()
    for table in TABLES:
        pd.testing.assert_frame_equal(demo[table], again[table], obj=table)
    other = build_demo(seed=7)
    assert not demo["asn"]["nip"].equals(other["asn"]["nip"])
    assert not demo["asn"]["nama"].equals(other["asn"]["nama"])


# -- NIP ---------------------------------------------------------------------------------------

def test_every_nip_is_valid_unique_and_consistent(demo):
    asn = demo["asn"]
    assert asn["nip"].is_unique
    parsed = parse_nips(asn["nip"])
    assert parsed["valid"].all()
    assert (parsed["tanggal_lahir"].to_numpy() == asn["tanggal_lahir"].to_numpy()).all()
    assert (parsed["jenis_kelamin"] == asn["jenis_kelamin"]).all()
    assert (parsed["jenis_asn"] == asn["jenis_asn"]).all()
    assert set(demo["asn_period"]["nip"]) == set(asn["nip"])


def test_nip_carries_tmt_cpns_and_pppk_year(demo):
    ap = demo["asn_period"].merge(demo["asn"][["nip", "jenis_asn"]], on="nip")
    pns = ap[ap["jenis_asn"] == "PNS"]
    derived = parse_nips(pns["nip"])["tmt_cpns"].to_numpy()
    assert (derived == pns["tmt_cpns"].to_numpy()).all()
    pppk = ap[ap["jenis_asn"] == "PPPK"]
    assert pppk["tmt_cpns"].isna().all()
    assert pppk["nip"].str.slice(8, 12).astype(int).between(2021, 2024).all()
    assert set(pppk["nip"].str.slice(12, 14)) <= {"21", "24"}


# -- structure ---------------------------------------------------------------------------------

def test_headcount_and_kinds(demo):
    p25 = people(demo, 2025)
    assert len(p25) == N
    share_pppk = (p25["jenis_asn"] == "PPPK").mean()
    assert 0.25 <= share_pppk <= 0.35
    assert set(p25.loc[p25["jenis_asn"] == "PPPK", "status_kepegawaian"]) == {"penuh waktu", "paruh waktu"}
    assert p25.loc[p25["jenis_asn"] == "PNS", "status_kepegawaian"].isna().all()
    assert (p25.loc[p25["jenis_asn"] == "PPPK", "jenis_jabatan"].isin(["Fungsional", "Pelaksana"])).all()


def test_structure_counts(demo):
    p25 = people(demo, 2025)
    counts = p25["jenis_jabatan"].value_counts()
    assert 30 <= counts["JPT"] <= 36
    assert 60 <= counts["Administrator"] <= 80
    assert 140 <= counts["Pengawas"] <= 180
    assert counts.idxmax() == "Fungsional"
    assert (p25["jabatan"] == "Sekretaris Daerah").sum() == 1
    assert p25.loc[p25["jabatan"] == "Sekretaris Daerah", "eselon"].item() == "II.a"
    jpt = p25[p25["jenis_jabatan"] == "JPT"]
    assert jpt["jabatan"].str.startswith("Staf Ahli Wali Kota").sum() == 2      # one of three vacant
    assert jpt["jabatan"].str.startswith("Asisten").sum() == 3
    fung = p25[p25["jenis_jabatan"] == "Fungsional"]
    teachers = fung["jabatan"].str.startswith("Guru ")
    health = fung["jabatan"].str.match(r"(Perawat|Bidan|Dokter|Apoteker|Asisten Apoteker|Pranata Laboratorium"
                                       r"|Nutrisionis|Tenaga Sanitasi|Penyuluh Kesehatan|Epidemiolog"
                                       r"|Radiografer|Perekam Medis|Fisioterapis|Administrator Kesehatan) ")
    assert (teachers | health).mean() > 0.7
    assert teachers.sum() > health.sum() > 0
    assert (fung.loc[teachers, "opd_id"] == "DINDIKBUD").all()
    assert fung.loc[teachers, "unit_kerja"].str.match(r"(SDN|SMPN|TK Negeri) ").all()
    assert fung.loc[health, "opd_id"].isin(["DINKES", "RSUD"]).all()
    assert fung.loc[health & (fung["opd_id"] == "DINKES"), "unit_kerja"].str.startswith("Puskesmas").mean() > 0.6


def test_opd_and_kecamatan(demo):
    opd = demo["opd"]
    assert 35 <= len(opd) <= 45 and opd["opd_id"].is_unique
    assert set(opd["kelompok"]) == {"sekretariat", "dinas", "badan", "kecamatan", "lainnya"}
    assert {"SETDA", "DPRD", "BKPSDM", "DINKES", "DINDIKBUD", "RSUD", "KEC-SERANG"} <= set(opd["opd_id"])
    kec = opd[opd["kelompok"] == "kecamatan"]
    assert sorted(kec["nama"].str.removeprefix("Kecamatan ")) == sorted(KECAMATAN)
    assert sum(len(v) for v in KECAMATAN.values()) == 67
    p24 = people(demo, 2024)
    lurah = p24[p24["jabatan"].str.startswith("Lurah ")]
    assert len(lurah) == 67 and lurah["unit_kerja"].str.startswith("Kelurahan ").all()
    assert lurah["opd_id"].str.startswith("KEC-").all()
    assert set(demo["asn_period"]["opd_id"]) <= set(opd["opd_id"])


def test_job_levels_eselon_and_golongan(demo, rules):
    ap = demo["asn_period"].merge(demo["asn"][["nip", "jenis_asn"]], on="nip")
    levels = rules["job_level"].set_index("jenjang_jabatan")["jenis_jabatan"]
    assert ap["jenjang_jabatan"].isin(levels.index).all()
    assert (ap["jenjang_jabatan"].map(levels) == ap["jenis_jabatan"]).all()
    structural = ap["jenis_jabatan"].isin(OFFICIALS)
    assert ap.loc[structural, "eselon"].isin(["II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b"]).all()
    assert ap.loc[~structural, "eselon"].isna().all()
    assert ap.loc[ap["jenis_jabatan"] == "JPT", "eselon"].str.startswith("II").all()
    assert ap.loc[ap["jenis_jabatan"] == "Pengawas", "eselon"].str.startswith("IV").all()
    pns = ap[ap["jenis_asn"] == "PNS"]
    assert pns["golongan"].isin(GOL).all()
    assert ap.loc[ap["jenis_asn"] == "PPPK", "golongan"].isin(["V", "VII", "IX", "X", "XI"]).all()
    rank = pns["golongan"].map({g: i for i, g in enumerate(GOL)})
    assert (rank[pns["jenjang_jabatan"] == "JPT Pratama"] >= GOL.index("IV/b")).all()
    assert (rank[pns["jenjang_jabatan"] == "Administrator"] >= GOL.index("III/d")).all()
    assert (rank[pns["jenjang_jabatan"] == "JF Ahli Madya"] >= GOL.index("IV/a")).all()
    assert (rank[pns["jenjang_jabatan"] == "JF Terampil"] <= GOL.index("II/d")).all()
    assert ap["pendidikan_tingkat"].isin(rules["education_level"]["tingkat"]).all()
    assert set(ap["pendidikan_tingkat"]) == {"SMA", "D3", "D4", "S1", "S2", "S3"}
    assert ap["pendidikan_bidang"].notna().all()
    assert (ap.loc[ap["jenis_jabatan"] == "JPT", "pendidikan_tingkat"].isin(["D4", "S1", "S2", "S3"])).all()
    for col in ("tmt_golongan", "tmt_jabatan"):
        assert ap[col].notna().all()
        assert (ap[col].dt.year <= ap["period"]).all()
        assert (ap.loc[ap["jenis_asn"] == "PNS", col] >= ap.loc[ap["jenis_asn"] == "PNS", "tmt_cpns"]).all()


def test_titles_match_education(demo):
    p = people(demo, 2025)
    assert not p["nama"].str.contains(r"\b(?:S\.Pd|dr\.|Drs\.|S\.E)\b", regex=True).any()
    assert p.loc[p["pendidikan_tingkat"] == "SMA", "gelar_belakang"].isna().all()
    d3 = p[p["pendidikan_tingkat"] == "D3"]
    assert d3["gelar_belakang"].str.startswith("A.Md").mean() > 0.95
    assert p.loc[p["pendidikan_bidang"].str.startswith("Pendidikan") & (p["pendidikan_tingkat"] == "S1"),
                 "gelar_belakang"].eq("S.Pd.").all()
    doctors = p[p["jabatan"].str.match(r"Dokter (Ahli|Gigi)") & ~p["jabatan"].str.startswith("Dokter Gigi")]
    assert doctors["gelar_depan"].str.contains(r"\bdr\.").all()
    assert (p.loc[p["jabatan"].str.startswith("Bidan "), "jenis_kelamin"] == "P").all()
    s2 = p[p["pendidikan_tingkat"] == "S2"]
    assert s2["gelar_belakang"].str.contains(r"M\.|Sp\.", regex=True).mean() > 0.95


def test_nobody_at_or_over_retirement_age(demo, rules):
    bup = rules["rule_retirement"].set_index("jenjang_jabatan")["usia_bup"]
    for period in (2024, 2025):
        p = people(demo, period)
        age = period - p["tanggal_lahir"].dt.year                  # age at the end of the period
        assert (age < p["jenjang_jabatan"].map(bup)).all(), period
        officials = age[p["jenis_jabatan"].isin(OFFICIALS)]
        assert officials.min() >= 30 and officials.max() <= 59 and 44 <= officials.mean() <= 54
        assert age.min() >= 19


def test_two_periods_mostly_the_same_people(demo):
    ap = demo["asn_period"]
    n24, n25 = set(ap.loc[ap["period"] == 2024, "nip"]), set(ap.loc[ap["period"] == 2025, "nip"])
    assert 0.005 * N <= len(n24 - n25) <= 0.05 * N                          # left after 2024
    assert abs(len(n25 - n24) - 0.03 * N) <= 2                              # ~3 % new entrants
    wide = ap.pivot(index="nip", columns="period", values="jenjang_jabatan").dropna()
    assert ((wide[2024] == "Pengawas") & (wide[2025] == "Administrator")).sum() >= 2
    assert ((wide[2024] == "Administrator") & (wide[2025] == "JPT Pratama")).sum() >= 1
    opd = ap.pivot(index="nip", columns="period", values="opd_id").dropna()
    assert (opd[2024] != opd[2025]).sum() >= 10                               # mutations between OPD
    new = ap[(ap["period"] == 2025) & ap["nip"].isin(n25 - n24)]
    assert new["jenjang_jabatan"].isin(["JF Ahli Pertama", "JF Terampil", "Pelaksana"]).all()
    assert (new["tmt_jabatan"].dt.year == 2025).all()


# -- target posts ------------------------------------------------------------------------------

def test_exactly_the_five_launch_posts_are_vacant(demo):
    tp = demo["target_post"]
    assert tp["post_id"].is_unique and tp["post_id"].str.fullmatch(r"TP-\d{3}").all()
    jpt = tp[tp["jenjang_jabatan"] == "JPT Pratama"]
    assert len(jpt) == 37                                                   # every JPT Pratama post
    vacant = jpt[jpt["lowong"]]
    assert sorted(vacant["jabatan"]) == sorted(VACANT_JPT)
    assert {"Kepala Dinas Pariwisata, Pemuda dan Olahraga", "Kepala Badan Penanggulangan Bencana Daerah",
            "Sekretaris DPRD", "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"} < set(vacant["jabatan"])
    assert vacant["jabatan"].str.startswith("Staf Ahli Wali Kota").sum() == 1
    assert vacant["pemangku_nip"].isna().all() and vacant["kritikal"].all()
    assert tp.loc[~tp["lowong"], "pemangku_nip"].notna().all()
    ap = demo["asn_period"]
    for period, holders in ((2025, 0), (2024, 1)):
        rows = ap[(ap["period"] == period) & ap["jabatan"].isin(VACANT_JPT)]
        assert rows["jabatan"].value_counts().reindex(list(VACANT_JPT), fill_value=0).eq(holders).all(), period
    filled = tp[~tp["lowong"]].merge(ap[ap["period"] == 2025], left_on="pemangku_nip", right_on="nip",
                                     suffixes=("", "_ap"))
    assert len(filled) == (~tp["lowong"]).sum()
    assert (filled["jabatan"] == filled["jabatan_ap"]).all() and (filled["opd_id"] == filled["opd_id_ap"]).all()
    dinkes = tp.loc[tp["jabatan"] == "Kepala Dinas Kesehatan", "bidang_pendidikan"].item()
    assert set(dinkes.split(";")) == {"Kedokteran", "Kesehatan Masyarakat"}
    technical = filled[filled["bidang_pendidikan"].notna()]
    assert all(b in req.split(";") for b, req in zip(technical["pendidikan_bidang"], technical["bidang_pendidikan"]))


# -- performance -------------------------------------------------------------------------------

def test_performance_for_every_person_and_period(demo, rules):
    ap, pf = demo["asn_period"], demo["performance"]
    assert pf[["period", "nip"]].equals(ap[["period", "nip"]])
    share = pf["predikat"].value_counts(normalize=True)
    assert 0.62 <= share["Baik"] <= 0.78 and 0.10 <= share["Sangat Baik"] <= 0.20
    assert set(share.index) == {"Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"}
    pairs = rules["rule_predikat_pair"].set_index(["hasil_kerja", "perilaku"])["predikat"]
    with_pair = pf.dropna(subset=["hasil_kerja", "perilaku"])
    assert 0.8 <= len(with_pair) / len(pf) < 1
    expected = pairs.reindex(pd.MultiIndex.from_frame(with_pair[["hasil_kerja", "perilaku"]])).to_numpy()
    assert (expected == with_pair["predikat"].to_numpy()).all()
    assert pf["nilai_legacy"].isna().all()
    support = pf.dropna(subset=["umpan_balik"])
    assert (support["period"] == 2025).all() and len(support) > 50
    officials = set(ap.loc[(ap["period"] == 2025) & ap["jenis_jabatan"].isin(OFFICIALS), "nip"])
    assert set(support["nip"]) <= officials
    for col in ("penghargaan", "penugasan_tim", "umpan_balik"):
        assert support[col].between(0, 100).all()
    value = pf["predikat"].map({"Sangat Baik": 100, "Baik": 80, "Butuh Perbaikan": 60, "Kurang": 40,
                                "Sangat Kurang": 20})
    wide = pf.assign(v=value).pivot(index="nip", columns="period", values="v").dropna()
    assert wide.corr().loc[2024, 2025] > 0.3                                 # persistent across years


# -- assessments -------------------------------------------------------------------------------

def test_cact_quota_and_assessment_centre(demo):
    a, ap = demo["assessment"], demo["asn_period"]
    cact25 = a[(a["period"] == 2025) & (a["sumber"] == "CACT")]
    assert cact25["nip"].nunique() == len(cact25) == 1152
    off25 = set(ap.loc[(ap["period"] == 2025) & ap["jenis_jabatan"].isin(OFFICIALS), "nip"])
    ac25 = a[(a["period"] == 2025) & (a["sumber"] == "AC")]
    assert set(ac25["nip"]) == off25
    assert off25 <= set(cact25["nip"])                                       # officials first
    lv = cact25.merge(ap[ap["period"] == 2025], on="nip")["jenjang_jabatan"].value_counts()
    assert lv.get("JF Ahli Madya", 0) > 100 and lv.get("JF Ahli Muda", 0) > 100
    assert lv.get("Pelaksana", 0) > 20 and lv.get("JF Ahli Pertama", 0) > 20    # and a spread of others
    cact24 = a[(a["period"] == 2024) & (a["sumber"] == "CACT")]
    assert len(cact24) == cact24["nip"].nunique() == 500
    ac24 = set(a.loc[(a["period"] == 2024) & (a["sumber"] == "AC"), "nip"])
    assert ac24 == set(ap.loc[(ap["period"] == 2024) & ap["jenis_jabatan"].isin(["JPT", "Administrator"]), "nip"])
    assert set(a["nip"]) <= set(ap["nip"])
    assert (a["tanggal"].dt.year == a["period"]).all()


def test_cact_quota_scales():
    small = build_demo(n_asn=1000, seed=3)
    a = small["assessment"]
    assert a[(a["period"] == 2025) & (a["sumber"] == "CACT")]["nip"].nunique() == round(1000 * 0.192)
    assert (small["asn_period"]["period"] == 2025).sum() == 1000
    assert small["target_post"].query("jenjang_jabatan == 'JPT Pratama'")["lowong"].sum() == 5


def test_assessment_scores(demo, rules):
    a, ap = demo["assessment"], demo["asn_period"]
    k = a[list(K_CODES)]
    assert all(str(t) == "int8" for t in k.dtypes) and k.isin([1, 2, 3, 4, 5]).all().all()
    p = a[list(P_CODES)]
    assert p.notna().all().all() and ((p >= 1) & (p <= 5)).all().all()
    assert (p.round(1) == p).all().all()
    cact = a[a["sumber"] == "CACT"]
    ac = a[a["sumber"] == "AC"]
    assert ac["jpm_sumber"].isna().all() and cact["nilai_potensi"].isna().all()
    assert ac["nilai_potensi"].between(0, 100).all()
    for col in (*DL_CODES, *ES_CODES):
        assert cact[col].between(0, 100).all() and ac[col].isna().all()
    # JPM as reported = sum min(attained, required) / sum required x 100 against the job level's SKJ
    skj = rules["rule_skj"].groupby("jenjang_jabatan")["level"]
    jen = cact.merge(ap[["period", "nip", "jenjang_jabatan"]], on=["period", "nip"])
    level = jen["jenjang_jabatan"].map(skj.first()).to_numpy()[:, None]
    expected = (np.minimum(jen[list(K_CODES)].to_numpy(), level).sum(axis=1)
                / jen["jenjang_jabatan"].map(skj.sum()) * 100).round(2)
    assert np.allclose(expected, jen["jpm_sumber"])
    assert jen["jpm_sumber"].between(0, 100).all() and (jen["jpm_sumber"] < 100).any()
    # officials near their SKJ level, with gaps
    ac25 = ac[ac["period"] == 2025].merge(ap, on=["period", "nip"])
    mean_level = ac25[list(K_CODES)].mean(axis=1).groupby(ac25["jenjang_jabatan"]).mean()
    assert 3.3 <= mean_level["JPT Pratama"] <= 4.6
    assert 2.4 <= mean_level["Administrator"] <= 3.6
    assert 1.7 <= mean_level["Pengawas"] <= 2.9
    below = (ac25[list(K_CODES)].to_numpy() < ac25["jenjang_jabatan"].map(
        {"JPT Pratama": 4, "Administrator": 3, "Pengawas": 2}).to_numpy()[:, None]).any(axis=1)
    assert 0.2 <= below.mean() <= 0.95


def test_nine_box_is_plausible(demo):
    """Potential composite 0.20 JPM(levels capped at the SKJ) + 0.25 aspects + 0.10 education + 0.15 integrity."""
    ap, a = demo["asn_period"], demo["assessment"]
    pop = ap[ap["period"] == 2025]
    latest = (a[a["period"].isin([2024, 2025])].assign(pr=(a["sumber"] != "AC").astype(int))
              .sort_values(["nip", "period", "pr"], ascending=[True, False, True]).drop_duplicates("nip"))
    x = pop.merge(latest, on="nip", suffixes=("", "_a"))
    skj = x["jenjang_jabatan"].map({"JPT Pratama": 4, "Administrator": 3, "Pengawas": 2, "JF Ahli Madya": 4,
                                    "JF Ahli Muda": 3, "JF Ahli Pertama": 2, "JF Penyelia": 2, "JF Mahir": 1,
                                    "JF Terampil": 1, "Pelaksana": 1})
    jpm = np.minimum(x[list(K_CODES)].to_numpy(), skj.to_numpy()[:, None]).sum(axis=1) / (9 * skj) * 100
    aspects = x[list(P_CODES)].mean(axis=1) / 5 * 100
    edu = x["pendidikan_tingkat"].map({"SMA": 45, "D3": 65, "D4": 80, "S1": 80, "S2": 95, "S3": 100})
    hukdis = x["nip"].isin(demo["discipline"]["nip"])
    composite = (0.2 * jpm + 0.25 * aspects + 0.1 * edu + 0.15 * np.where(hukdis, 70, 100)) / 0.7
    # default cut-offs (002_rules.sql): tinggi >= 90, menengah >= 78
    tinggi, menengah = (composite >= 90).mean(), ((composite >= 78) & (composite < 90)).mean()
    assert 0.12 <= tinggi <= 0.30, tinggi
    assert 0.45 <= menengah <= 0.70, menengah
    # potential correlates with performance (~0.3 in the latent traits)
    perf = x.merge(demo["performance"][demo["performance"]["period"] == 2025], on="nip")["predikat"]
    score = perf.map({"Sangat Baik": 5, "Baik": 4, "Butuh Perbaikan": 3, "Kurang": 2, "Sangat Kurang": 1})
    assert 0.05 < np.corrcoef(score, composite)[0, 1] < 0.5


# -- discipline --------------------------------------------------------------------------------

def test_discipline_records(demo):
    d = demo["discipline"]
    assert 0.003 * N <= d["nip"].nunique() <= 0.008 * N
    assert set(d["tingkat"]) <= {"ringan", "sedang", "berat"} and "ringan" in set(d["tingkat"])
    assert d["tanggal_mulai"].dt.year.between(2024, 2025).all()
    ended = d.dropna(subset=["tanggal_selesai"])
    assert (ended["tanggal_selesai"] >= ended["tanggal_mulai"]).all()
    assert (ended["tanggal_selesai"] < pd.Timestamp("2026-01-01")).any()
    assert set(d["nip"]) <= set(demo["asn"]["nip"])
    jpt = demo["asn_period"].loc[demo["asn_period"]["jenis_jabatan"] == "JPT", "nip"]
    assert not d["nip"].isin(jpt).any()



def test_development_actions_cover_most_of_the_likely_pool(demo):
    d = demo["development_action"]
    assert set(d["period"]) == {2024, 2025} and (d["period"] == 2024).sum() < 0.1 * len(d)   # a few in 2024
    assert set(d["jenis"]) == {"diklat", "coaching", "mentoring", "rotasi", "tugas_belajar"}
    assert set(d["status"]) == {"rencana", "berjalan", "selesai"} and (d["dibuat_oleh"] == "bkpsdm").all()
    assert d["uraian"].str.len().gt(10).all() and not d["setelah_penetapan"].any()
    for period, part in d.groupby("period"):
        # made within the period's year (the last weeks of 2024 for 2024), aimed after they were made
        assert (part["dibuat_pada"].dt.year == period).all() and (part["target_tanggal"] > part["dibuat_pada"]).all()
        ap = demo["asn_period"]
        assert part["nip"].isin(ap.loc[ap["period"] == period, "nip"]).all()
    # 2025: one or two actions for about 65-75 % of the people assessed with a 'Sangat Baik' or 'Baik' predikat
    perf = demo["performance"]
    good = perf.loc[(perf["period"] == 2025) & perf["predikat"].isin(["Sangat Baik", "Baik"]), "nip"]
    assessed = demo["assessment"].loc[demo["assessment"]["period"] == 2025, "nip"]
    likely = set(good) & set(assessed)
    acts = d[d["period"] == 2025]
    assert set(acts["nip"]) <= likely
    assert 0.65 <= acts["nip"].nunique() / len(likely) <= 0.75
    assert acts.groupby("nip").size().max() == 2


def test_development_actions_leave_the_rest_of_the_demo_unchanged(demo, monkeypatch):
    import data.synthetic.build as build
    monkeypatch.setattr(build, "development_actions", lambda frames, seed: frames["appointment"].iloc[:0])
    without = build_demo()
    assert without["development_action"].empty
    for table, frame in without.items():
        if table != "development_action":
            pd.testing.assert_frame_equal(frame, demo[table], obj=table)

# -- loading -----------------------------------------------------------------------------------

def test_load_into_fresh_database_is_repeatable(loaded, store, demo):
    counts, first, counts2, second = loaded
    assert counts == counts2 == {t: len(f) for t, f in demo.items()}
    for table in TABLES:
        assert len(first[table]) == counts[table], table
        pd.testing.assert_frame_equal(first[table], second[table], obj=table)
    assert store.periods() == [2024, 2025]
    assert store.has_synthetic_data() and not store.has_real_data()
    head = store.headline(2025)
    assert head == {"asn": N, "profiled_cact": 1152, "quota_cact": 1152, "vacant_posts": 5}
    pop = store.population(2025)
    assert len(pop) == N and pop["predikat"].notna().all()


@pytest.mark.slow
def test_large_build_keeps_invariants():
    big = build_demo(n_asn=60_000, seed=11)
    ap, a = big["asn_period"], big["assessment"]
    assert (ap["period"] == 2025).sum() == 60_000
    assert big["asn"]["nip"].is_unique and parse_nips(big["asn"]["nip"])["valid"].all()
    assert a[(a["period"] == 2025) & (a["sumber"] == "CACT")]["nip"].nunique() == round(60_000 * 0.192)
    counts = ap[ap["period"] == 2025]["jenis_jabatan"].value_counts()
    assert 600 <= counts["Administrator"] <= 800 and 1400 <= counts["Pengawas"] <= 1800
    assert (big["target_post"].query("jenjang_jabatan == 'JPT Pratama'")["lowong"]).sum() == 5
