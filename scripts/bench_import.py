"""Benchmark (not a test): personnel imports end to end, xlsx and csv, at 10k and 100k rows.

    .venv/bin/python scripts/bench_import.py                 # 10,000 and 100,000 rows
    .venv/bin/python scripts/bench_import.py --sizes 10000

Each file is a SIASN-style export (camelCase headers under a two-line title block, 20
columns including NIK, address and phone that must be dropped) built from the synthetic
city. Each measurement runs in a fresh child process against a fresh database that already
holds the demo reference data (periods, OPD, rule tables): read → map → validate → one
transaction. Reported: rows, seconds, rows/s and the child's peak RSS. Targets:
10k-row xlsx ≤ 3 s, 100k ≤ 20 s.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {("xlsx", 10_000): 3.0, ("xlsx", 100_000): 20.0}
HEADER = ["nipBaru", "nama", "gelarDepan", "gelarBelakang", "tglLahir", "jenisKelamin", "jenisPegawaiNama", "NIK",
          "unorNama", "unorIndukNama", "jenisJabatan", "jabatanNama", "eselon", "golRuangAkhir", "tmtGolAkhir",
          "tmtJabatan", "tkPendidikanTerakhir", "pendidikanTerakhirNama", "alamat", "noHp"]


# An xlsx worksheet holds at most 1,048,576 rows; the title block and the header take three.
XLSX_MAX_ROWS = 1_048_576 - 3


def export_frame(frames: dict, period: int = 2025):
    """SIASN-like export of ``period`` from the synthetic frames (``build_demo``): one row per ASN,
    the 20 columns of ``HEADER``, text (missing = NaN). Column-wise, so it works at national size."""
    import numpy as np
    import pandas as pd

    f = frames
    ap = f["asn_period"][f["asn_period"]["period"] == period]
    df = ap.merge(f["asn"], on="nip").merge(f["opd"][["opd_id", "nama"]].rename(columns={"nama": "opd_nama"}),
                                             on="opd_id")
    kind = df["jenis_jabatan"].map({"JPT": "Struktural", "Administrator": "Struktural", "Pengawas": "Struktural",
                                    "Fungsional": "Fungsional Tertentu", "Pelaksana": "Fungsional Umum"})

    def dmy(s):
        return s.dt.strftime("%d-%m-%Y").where(s.notna(), "")

    rng = np.random.default_rng(1)
    nik = pd_str(rng.integers(10**15, 10**16 - 1, len(df)))
    cols = [df["nip"], df["nama"], df["gelar_depan"], df["gelar_belakang"], dmy(df["tanggal_lahir"]),
            df["jenis_kelamin"].map({"L": "Laki-laki", "P": "Perempuan"}), df["jenis_asn"], nik, df["unit_kerja"],
            df["opd_nama"], kind, df["jabatan"], df["eselon"], df["golongan"], dmy(df["tmt_golongan"]),
            dmy(df["tmt_jabatan"]), df["pendidikan_tingkat"], df["pendidikan_bidang"],
            "Jl. Contoh No. " + pd_str(rng.integers(1, 200, len(df))),
            "0812" + pd_str(rng.integers(10**7, 10**8, len(df)))]
    return pd.DataFrame({h: pd.Series(c.to_numpy(), dtype="str") for h, c in zip(HEADER, cols)})


def export_rows(n: int):
    """SIASN-like rows (lists, None for missing) of period 2025 of a synthetic city of ``n`` ASN."""
    from data.synthetic import build_demo

    return list(_rows(export_frame(build_demo(n_asn=n))))


def _rows(frame, start: int = 0, stop: int | None = None):
    """Rows of ``frame[start:stop]`` as lists with None for missing, converted a chunk at a time."""
    stop = len(frame) if stop is None else min(stop, len(frame))
    for a in range(start, stop, 50_000):
        block = frame.iloc[a:min(a + 50_000, stop)]
        cols = [c.astype(object).where(c.notna(), None).tolist() for _, c in block.items()]
        yield from (list(r) for r in zip(*cols))


def pd_str(a):
    import pandas as pd
    return pd.Series(a).astype(str)


def write_xlsx(rows, path: Path) -> None:
    """``rows``: lists, or an export frame (its first ``XLSX_MAX_ROWS`` rows fit one sheet)."""
    import pandas as pd
    from openpyxl import Workbook

    if isinstance(rows, pd.DataFrame):
        if len(rows) > XLSX_MAX_ROWS:
            raise ValueError(f"{len(rows):,} rows do not fit one xlsx sheet (at most {XLSX_MAX_ROWS:,})")
        rows = _rows(rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data Pegawai")
    ws.append(["DAFTAR NOMINATIF ASN PEMERINTAH KOTA SERANG"])
    ws.append(["Keadaan 31 Desember 2025"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)


def write_csv(rows, path: Path) -> None:
    """``rows``: lists, or an export frame (written by pandas in chunks: same bytes as csv.writer)."""
    import csv

    import pandas as pd

    if isinstance(rows, pd.DataFrame):
        rows.to_csv(path, sep=";", index=False, encoding="utf-8-sig", lineterminator="\r\n", na_rep="",
                    chunksize=100_000)
        return
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(HEADER)
        w.writerows(["" if v is None else v for v in r] for r in rows)


def peak_rss_mb() -> float:
    """High-water RSS of this process image. /proc's VmHWM starts afresh at exec; ru_maxrss
    would also count the parent's memory at fork time (Linux keeps it across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(file: str, db: str) -> None:
    """Runs in a fresh process: the import itself, timed."""
    from data.importing import pipeline
    from data.store import open_store

    store = open_store(db)
    baseline = peak_rss_mb()               # interpreter, pandas, DuckDB, calamine loaded
    content_path = Path(file)
    t0 = time.perf_counter()
    # given the path, the importer reads the file and lets its bytes go once parsed (1.1 GB at 4.7M rows)
    result = pipeline.run(store, content_path, content_path.name, period=2025, actor="bench")
    seconds = time.perf_counter() - t0
    o = result.outcome
    print(json.dumps({"rows": o.rows, "seconds": seconds, "errors": o.errors, "warnings": o.warnings,
                      "batch": result.batch_id, "written": store.count_rows("asn_period", 2025),
                      "peak_rss_mb": peak_rss_mb(), "baseline_rss_mb": baseline}))
    store.close()


def run(sizes=(10_000, 100_000)) -> list[dict]:
    """Build the files, then time each import in a child process. One dict per (format, size)."""
    from data.store import open_store
    from data.synthetic import load_demo

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ref = tmp / "reference.duckdb"
        s = open_store(ref)
        load_demo(s, n_asn=200)                  # periods, OPD and rule tables
        s.close()
        for n in sizes:
            rows = export_rows(n)
            files = {"xlsx": tmp / f"siasn-{n}.xlsx", "csv": tmp / f"siasn-{n}.csv"}
            write_xlsx(rows, files["xlsx"])
            write_csv(rows, files["csv"])
            for fmt, path in files.items():
                db = tmp / f"bench-{fmt}-{n}.duckdb"
                db.write_bytes(ref.read_bytes())
                out = subprocess.run([sys.executable, __file__, "--child", str(path), str(db)], cwd=ROOT,
                                     capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
                if out.returncode != 0:
                    raise RuntimeError(out.stderr[-2000:])
                r = json.loads(out.stdout.strip().splitlines()[-1])
                if r["errors"] or r["batch"] is None or r["written"] != r["rows"]:
                    raise RuntimeError(f"import failed: {r}")
                target = TARGETS.get((fmt, n))
                results.append({"format": fmt, "rows": r["rows"], "seconds": round(r["seconds"], 2),
                                "rows_per_s": int(r["rows"] / r["seconds"]), "peak_rss_mb": round(r["peak_rss_mb"]),
                                "baseline_rss_mb": round(r["baseline_rss_mb"]),
                                "file_mb": round(path.stat().st_size / 2**20, 1), "warnings": r["warnings"],
                                "target_s": target, "ok": None if target is None else r["seconds"] <= target})
                db.unlink()
    return results


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--child", nargs=2, metavar=("FILE", "DB"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(*args.child)
        return
    print(f"{'format':6} {'rows':>8} {'seconds':>8} {'rows/s':>8} {'peak MB':>8} {'base MB':>8} {'file MB':>8}  target")
    for r in run(tuple(args.sizes)):
        target = "" if r["target_s"] is None else f"≤ {r['target_s']:g} s {'OK' if r['ok'] else 'MISSED'}"
        print(f"{r['format']:6} {r['rows']:>8,} {r['seconds']:>8.2f} {r['rows_per_s']:>8,} {r['peak_rss_mb']:>8} "
              f"{r['baseline_rss_mb']:>8} {r['file_mb']:>8}  {target}")


if __name__ == "__main__":
    main()
