"""The browser benchmark's database and files: a synthetic city with its 2024 data imported and the 2025
exports (personnel, performance, assessment) as xlsx and csv, the three files a drop brings."""
from __future__ import annotations

import time
from pathlib import Path

PERIOD = 2025
ADMIN = "admin"
PASSWORD = "Rahasia-Uji-123"


# -- the files ------------------------------------------------------------------------------------
PERFORMANCE_HEADER = ["NIP", "Predikat Kinerja", "Rating Hasil Kerja", "Rating Perilaku Kerja"]


def performance_frame(frames: dict, period: int = PERIOD):
    import pandas as pd

    p = frames["performance"][frames["performance"]["period"] == period]
    rating = lambda s: (s + " ekspektasi").where(s.notna(), "")  # noqa: E731
    return pd.DataFrame({"NIP": p["nip"].astype(str).to_numpy(), "Predikat Kinerja": p["predikat"].fillna("").to_numpy(),
                         "Rating Hasil Kerja": rating(p["hasil_kerja"]).to_numpy(),
                         "Rating Perilaku Kerja": rating(p["perilaku"]).to_numpy()})


def assessment_frame(frames: dict, period: int = PERIOD):
    """The assessments of ``period``, headed by the template's Indonesian labels; decimals with a comma."""
    import pandas as pd

    from data.importing.fields import ASSESSMENT

    a = frames["assessment"][frames["assessment"]["period"] == period]
    out = {}
    for f in ASSESSMENT:
        if f.name not in a.columns:
            continue
        col = a[f.name]
        if f.name == "tanggal":
            text = pd.to_datetime(col).dt.strftime("%d-%m-%Y")
        elif f.name in ("nip", "sumber"):
            text = col.astype(str)
        elif f.type == "level":
            text = col.astype("Int64").astype(str)
        else:
            text = col.map(lambda v: f"{v:g}".replace(".", ","), na_action="ignore")
        out[f.label] = text.where(col.notna(), "").to_numpy()
    return pd.DataFrame(out)


def write_table(frame, path: Path, sheet: str) -> None:
    """A plain export: one header row, text cells (xlsx via openpyxl, csv ';' in UTF-8 with BOM)."""
    if path.suffix == ".csv":
        frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig", lineterminator="\r\n")
        return
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([v if v != "" else None for v in row])
    wb.save(path)


def build(n: int, work: Path, formats: list[str]) -> tuple[Path, dict[str, list[Path]], dict]:
    """The reference database (2024 imported, 2025 empty, one admin) and the 2025 exports per format."""
    from data import auth
    from data.store import open_store
    from data.synthetic import build_demo
    from scripts.bench_import import export_frame, write_csv, write_xlsx

    t0 = time.perf_counter()
    frames = build_demo(n_asn=n)
    before = {k: (v[v["period"] != PERIOD] if "period" in v.columns and k != "period" else v) for k, v in frames.items()}
    ref = work / f"ref-{n}.duckdb"
    store = open_store(ref)
    store.replace_dataset(before, kind="dasar-bench", period=None, source="impor", actor="bench",
                          file_name="bench-dasar.xlsx")
    auth.add_user(store, ADMIN, "Admin Benchmark", "admin", None, PASSWORD, "bench")
    store.close()
    personnel = export_frame(frames, PERIOD)
    perf, assess = performance_frame(frames), assessment_frame(frames)
    files: dict[str, list[Path]] = {}
    for fmt in formats:
        paths = [work / f"pegawai-{n}.{fmt}", work / f"kinerja-{n}.{fmt}", work / f"asesmen-{n}.{fmt}"]
        (write_xlsx if fmt == "xlsx" else write_csv)(personnel, paths[0])
        write_table(perf, paths[1], "Kinerja")
        write_table(assess, paths[2], "Asesmen")
        files[fmt] = paths
    info = {"rows": len(personnel), "performance_rows": len(perf), "assessment_rows": len(assess),
            "build_s": round(time.perf_counter() - t0, 1)}
    return ref, files, info
