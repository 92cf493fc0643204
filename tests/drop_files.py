"""A period's three exports (personnel, performance, assessment) of a synthetic city, as files to drop
on Impor Data at once: the browser test, and the timing of the import click."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from data.importing.fields import FIELDS

NAMES = {"personnel": "pegawai", "performance": "kinerja", "assessment": "asesmen"}


def drop_frames(n_asn: int, period: int = 2025) -> dict[str, pd.DataFrame]:
    """Personnel as SIASN exports it; performance and assessment under the templates' headers."""
    from data.synthetic import build_demo
    from scripts.bench_import import export_frame

    frames = build_demo(n_asn=n_asn)
    out = {"personnel": export_frame(frames, period).assign(Periode=str(period))}
    for kind in ("performance", "assessment"):
        f = frames[kind][frames[kind]["period"] == period].drop(columns=["period"])
        label = {x.name: x.label for x in FIELDS[kind]}
        f = f[[c for c in f.columns if c in label]].rename(columns=label)
        out[kind] = f.assign(Periode=period)
    return out


def write_drop(folder: Path, n_asn: int, period: int = 2025, ext: str = "xlsx") -> list[Path]:
    """pegawai/kinerja/asesmen.<ext> in ``folder``; returns their paths (personnel first)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, frame in drop_frames(n_asn, period).items():
        path = folder / f"{NAMES[kind]}.{ext}"
        rows = frame.astype(object).where(frame.notna(), None)
        rows = rows.map(lambda v: v.strftime("%d-%m-%Y") if hasattr(v, "strftime") else v)
        if ext == "csv":
            with path.open("w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh, delimiter=";")
                w.writerow(frame.columns)
                w.writerows(["" if v is None else v for v in r] for r in rows.itertuples(index=False))
        else:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet("Data")
            ws.append(list(frame.columns))
            for r in rows.itertuples(index=False):
                ws.append(list(r))
            wb.save(path)
        paths.append(path)
    return paths
