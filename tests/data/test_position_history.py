"""Position history (riwayat jabatan) through the importer: a file read, checked and written as one
undoable batch; the years in a field counted across the posts it lists."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import career
from data.importing import pipeline
from tests.import_helpers import xlsx

HEADER = ["NIP", "Nama Jabatan", "Perangkat Daerah", "Unit Kerja", "Jenjang Jabatan", "TMT Jabatan", "TMT Selesai"]


@pytest.fixture
def store(real_store):
    return real_store


def _nip(store) -> str:
    return store._frame("SELECT nip FROM asn_period WHERE period = 2025 AND jenjang_jabatan = 'Administrator'"
                        " AND tmt_jabatan > DATE '2021-01-01' ORDER BY nip LIMIT 1")["nip"].iloc[0]


def _rows(nip: str) -> list[list]:
    return [HEADER,
            [nip, "Pengadministrasi Umum", "Dinas Sosial", "Sekretariat", "Pelaksana", "01-03-2008", ""],
            [nip, "Perencana Ahli Pertama", "Badan Perencanaan Pembangunan Daerah", "Sekretariat",
             "JF Ahli Pertama", "01-03-2012", ""],
            [nip, "Kepala Subbidang Perencanaan Infrastruktur", "Bappeda", "Bidang Infrastruktur dan Kewilayahan",
             "Pengawas", "01-03-2016", "28-02-2019"],
            [nip, "Kepala Bidang Anggaran", "Badan Pengelolaan Keuangan dan Aset Daerah", "Bidang Anggaran",
             "Administrator", "01-03-2019", "29-02-2020"],
            [nip, "Kepala Bidang Perencanaan Pemerintahan dan Pembangunan Manusia", "Bappeda",
             "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia", "Administrator", "01-03-2020", ""]]


def test_history_file_imported_and_years_in_field_counted_across_posts(store, tmp_path):
    nip = _nip(store)
    path = tmp_path / "riwayat-jabatan.xlsx"
    path.write_bytes(xlsx(_rows(nip), title=["Riwayat Jabatan ASN (ekspor SIASN)"]))
    res = pipeline.run(store, path, path.name, actor="uji")      # kind recognised from the headers
    assert res.outcome.kind == "position-history" and res.outcome.errors == 0, res.outcome.issues
    assert res.batch_id is not None

    hist = store.position_history(2025, nips=[nip])
    assert hist["jabatan"].tolist()[0] == "Pengadministrasi Umum" and len(hist) == 5
    assert hist["opd_id"].tolist()[1:3] == ["BAPPEDA", "BAPPEDA"]       # known OPD names matched quietly

    words = career.FieldWords(store.table("rule_bidang"))
    current = store.population(2025, nips=[nip])
    spans = career.spans(hist, current, words)
    # a clerk ("Pengadministrasi Umum") at Dinas Sosial counts as sosial: the generic word gives way to the OPD
    # the current post (personnel data, TMT after the file's last row) follows the file's posts
    now = pd.Timestamp(current["tmt_jabatan"].iloc[0])
    assert spans["bidang"].tolist()[:5] == ["sosial", "perencanaan", "perencanaan", "keuangan", "perencanaan"]
    assert spans["mulai"].iloc[5] == now and spans["selesai"].iloc[4] == now
    on = date(2026, 3, 1)
    nips = pd.Series([nip])
    days = career.days_in_fields(spans, ["perencanaan"], nips, on)
    # 2012-03-01 … 2019-02-28 (two posts) + 2020-03-01 … the current post: the keuangan year is not counted
    expected = (pd.Timestamp("2019-02-28") - pd.Timestamp("2012-03-01")).days + (now - pd.Timestamp("2020-03-01")).days
    if spans["bidang"].iloc[5] == "perencanaan":
        expected += (pd.Timestamp(on) - now).days
    assert days.iloc[0] == expected
    admin = career.days_in_levels(spans, ["Administrator", "JF Ahli Madya"], nips, on)
    # Administrator from 01-03-2019 to the appointment date, less the day between 29-02-2020 and 01-03-2020
    assert admin.iloc[0] == (pd.Timestamp(on) - pd.Timestamp("2019-03-01")).days - 1
    assert career.source_of(spans, nips).iloc[0] == career.FROM_HISTORY

    # a second file for the same NIP replaces that person's history only; undo brings it back
    other = store._frame("SELECT nip FROM asn_period WHERE period = 2025 AND nip <> ? ORDER BY nip LIMIT 1",
                         [nip])["nip"].iloc[0]
    pipeline.run(store, xlsx([HEADER, [other, "Analis Kebencanaan", "BPBD", "", "JF Ahli Muda", "01-01-2020", ""]]),
                 "lain.xlsx", kind="position-history", actor="uji")
    again = pipeline.run(store, xlsx(_rows(nip)[:2]), "ulang.xlsx", kind="position-history", actor="uji")
    assert again.batch_id and len(store.position_history(2025, nips=[nip])) == 1
    assert len(store.position_history(2025, nips=[other])) == 1
    assert store.position_history_count([nip]) == 1 and store.position_history_count([nip, other]) == 2
    store.undo_import("position-history", None, "uji")
    assert len(store.position_history(2025, nips=[nip])) == 5


def test_history_rows_checked_in_indonesian_and_nothing_written(store):
    nip = _nip(store)
    before = store.count_rows("position_history")
    rows = [HEADER,
            [nip, "Kepala Seksi Kedaruratan", "BPBD", "", "Pengawas", "31-02-2019", ""],
            [nip, "", "BPBD", "", "Pengawas", "01-03-2019", ""],
            [nip, "Kepala Bidang Kedaruratan", "BPBD", "", "Administrator", "01-03-2021", "01-01-2021"],
            ["198001012005011999", "Staf", "BPBD", "", "Pelaksana", "01-01-2010", ""]]
    res = pipeline.run(store, xlsx(rows), "salah.xlsx", kind="position-history", actor="uji")
    assert res.batch_id is None and store.count_rows("position_history") == before
    issues = res.outcome.issues
    by_row = {(int(r), c): m for r, c, m in zip(issues["baris"], issues["kolom"], issues["pesan"])}
    assert any(c == "TMT Jabatan" and r == 2 for r, c in by_row)
    assert by_row[(3, "Nama Jabatan")] == "Nama Jabatan wajib diisi."
    assert by_row[(4, "TMT Selesai")] == "TMT selesai lebih awal dari TMT jabatan."
    assert "tidak ada dalam data kepegawaian" in " ".join(m for (r, _), m in by_row.items() if r == 5)


def test_demo_siasn_export_recognised_and_imported(store):
    """docs/contoh/riwayat-jabatan-siasn.csv: SIASN camelCase headers, the job level from the eselon and
    the job kind; the kind is recognised from the headers."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "docs" / "contoh" / "riwayat-jabatan-siasn.csv"
    res = pipeline.run(store, path, path.name, actor="uji")
    assert res.outcome.kind == "position-history" and res.outcome.errors == 0, res.outcome.issues
    hist = store.position_history(2025, nips=["197003221999051005"])
    assert hist["jenjang_jabatan"].tolist() == ["Pelaksana", "Pelaksana", "Pengawas", "Administrator", "JPT Pratama"]
    spans = career.spans(hist, store.population(2025, nips=["197003221999051005"]),
                         career.FieldWords(store.table("rule_bidang")))
    nips = pd.Series(["197003221999051005"])
    # Pengawas or above from 01-12-2006 (Pengawas, Administrator, JPT) to 01-12-2025: 19 years
    days = career.days_in_levels(spans, ["Pengawas", "Administrator", "JPT Pratama"], nips, date(2025, 12, 1))
    assert days.iloc[0] == (pd.Timestamp("2025-12-01") - pd.Timestamp("2006-12-01")).days


def test_demo_histories_are_plausible():
    """The synthetic city: every PNS has a history from the appointment to the current post, several posts
    for most, mostly in one OPD, some movers; the five vacant posts have five different fields of work."""
    from data.synthetic import build_demo

    demo = build_demo()
    h, ap, asn = demo["position_history"], demo["asn_period"], demo["asn"]
    pns25 = ap[(ap["period"] == 2025) & ap["nip"].isin(asn.loc[asn["jenis_asn"] == "PNS", "nip"])]
    assert set(pns25["nip"]) == set(h["nip"])
    assert h.groupby("nip")["tmt_jabatan"].apply(lambda s: s.is_monotonic_increasing).all()
    first = h.groupby("nip")["tmt_jabatan"].min()
    assert (first >= pd.to_datetime(pns25.set_index("nip")["tmt_cpns"]).reindex(first.index)).all()
    last = h.sort_values("tmt_jabatan").groupby("nip").last()
    now = pns25.set_index("nip").reindex(last.index)
    assert (last["jabatan"] == now["jabatan"]).all()        # the last post is the current one
    posts = h.groupby("nip").size()
    assert (posts >= 2).mean() > 0.5
    opds = h.groupby("nip")["opd_id"].nunique()
    assert 0.1 < (opds[posts >= 3] >= 2).mean() < 0.8       # movers, but most careers stay in one OPD
    tp = demo["target_post"]
    vacant = tp.loc[tp["lowong"].astype(bool), "bidang_tugas"]
    assert vacant.notna().all() and vacant.nunique() == 5
