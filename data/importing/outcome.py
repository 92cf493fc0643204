"""What validation reads (:class:`Reference`) and gives back (:class:`Outcome`, its :class:`Issues`)."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import pandas as pd

from data.importing.reader import RawTable

ERROR, WARNING = "galat", "peringatan"


@dataclass
class Reference:
    """What validation needs to know about the database (read once per import)."""

    period_status: dict[int, str] = field(default_factory=dict)   # period → 'terbuka' / 'ditetapkan'
    # NIPs of the import period / every NIP in asn: a set, or a text column (Store.import_reference).
    # personnel_nips None: not known yet (the drop's personnel file is still being read); the
    # outcome keeps the NIPs to look up (Outcome.roll_check), for validate.complete
    personnel_nips: Collection[str] | None = field(default_factory=set)
    known_nips: Collection[str] = field(default_factory=set)
    opd: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["opd_id", "nama", "singkatan"]))
    levels: dict[str, str] = field(default_factory=dict)          # jenjang_jabatan → jenis_jabatan
    predikat: list[str] = field(default_factory=list)
    predikat_pairs: dict[tuple[str, str], str] = field(default_factory=dict)
    education: list[str] = field(default_factory=list)


@dataclass
class RollCheck:
    """A file's NIPs still to be looked up in the period's roll, and the words of its issue."""

    parsed: pd.DataFrame        # check_nip's frame: nip, valid
    message: str
    column: str


@dataclass
class Outcome:
    kind: str
    period: int | None
    table: RawTable
    mapping: dict[int, str]
    frames: dict[str, pd.DataFrame]
    issues: pd.DataFrame
    rows: int
    scope: dict = field(default_factory=dict)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    ignored: list[str] = field(default_factory=list)
    new_opd: list[str] = field(default_factory=list)   # OPD names not in the database (to confirm)
    roll_check: RollCheck | None = None   # the roll look-up left for later (Reference.personnel_nips None)

    @property
    def errors(self) -> int:
        return int((self.issues["tingkat"] == ERROR).sum())

    @property
    def warnings(self) -> int:
        return int((self.issues["tingkat"] == WARNING).sum())

    @property
    def ok(self) -> bool:
        return self.errors == 0 and self.rows > 0 and bool(self.frames)

    def messages(self, limit: int | None = None) -> list[str]:
        """'Baris 7, kolom NIP: …' lines, errors first."""
        iss = self.issues.sort_values("tingkat", key=lambda s: s.ne(ERROR), kind="stable")
        out = []
        for r in iss.head(limit).itertuples(index=False):
            where = []
            if not pd.isna(r.baris):
                where.append(f"Baris {int(r.baris)}")
            if r.kolom:
                where.append(f"kolom {r.kolom}")
            prefix = ", ".join(where)
            tag = "" if r.tingkat == ERROR else "Peringatan: "
            out.append(f"{prefix}: {tag}{r.pesan}" if prefix else f"{tag}{r.pesan}")
        return out


class Issues:
    def __init__(self, found: pd.DataFrame | None = None):
        """``found``: issues of the same file already listed (a :meth:`frame`); new ones follow them."""
        self._parts: list[pd.DataFrame] = [found] if found is not None and len(found) else []

    def add(self, messages: pd.Series, column: str | None, severity: str = ERROR) -> None:
        m = messages.dropna()
        if m.empty:
            return
        self._parts.append(pd.DataFrame({"baris": m.index.to_numpy(dtype="int64"), "kolom": column or "",
                                         "tingkat": severity, "pesan": m.astype(str).to_numpy()}))

    def file(self, message: str, severity: str = ERROR, column: str | None = None) -> None:
        self._parts.append(pd.DataFrame({"baris": [pd.NA], "kolom": [column or ""], "tingkat": [severity],
                                         "pesan": [message]}))

    def frame(self) -> pd.DataFrame:
        if not self._parts:
            return pd.DataFrame({"baris": pd.Series([], dtype="Int64"), "kolom": pd.Series([], dtype=object),
                                 "tingkat": pd.Series([], dtype=object), "pesan": pd.Series([], dtype=object)})
        f = pd.concat(self._parts, ignore_index=True)
        f["baris"] = f["baris"].astype("Int64")
        return f.sort_values("baris", na_position="first", kind="stable").reset_index(drop=True)
