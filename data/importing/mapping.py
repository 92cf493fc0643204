"""Column mapping: which file column feeds which field, and which kind of data a file holds."""
from __future__ import annotations

from dataclasses import dataclass

from data.importing.errors import Rejected
from data.importing.fields import FIELDS, KIND_LABELS, KINDS, Field, field_map, header_key, is_sensitive

IGNORE = ""          # mapping value for "ignore this column"
# fields that say nothing about the kind of file
_NEUTRAL = {"nip", "periode"}


def auto_map(headers: list[str], kind: str, remembered: dict[str, str] | None = None) -> dict[int, str]:
    """Column position → field name. A remembered mapping (header key → field, '' = ignore) wins
    over the synonyms; each field takes the first column that matches it."""
    remembered = remembered or {}
    fields = FIELDS[kind]
    by_key: dict[str, str] = {}
    for f in fields:
        for k in f.keys:
            by_key.setdefault(k, f.name)
    valid = {f.name for f in fields}
    out: dict[int, str] = {}
    taken: set[str] = set()
    keys = [header_key(h) for h in headers]
    # remembered choices first, so that a synonym elsewhere cannot take their field
    for i, k in enumerate(keys):
        if k in remembered:
            f = remembered[k]
            if f and f in valid and f not in taken:
                out[i] = f
                taken.add(f)
    for i, k in enumerate(keys):
        if i in out or k in remembered:
            continue
        f = by_key.get(k)
        if f and f not in taken:
            out[i] = f
            taken.add(f)
    return out


def kind_score(headers: list[str], kind: str) -> tuple[int, list[str]]:
    """(score, missing required labels) of ``kind`` for these headers.

    A field only this kind has counts 2, a shared one 1, the NIP 3; a kind whose required
    columns are all there gets 5 more; a file with a NIP column counts 5 less for a kind
    without one."""
    mapping = auto_map(headers, kind)
    mapped = set(mapping.values())
    others = {f.name for k in KINDS if k != kind for f in FIELDS[k]}
    score = 0
    for name in mapped:
        if name == "nip":
            score += 3
        elif name not in _NEUTRAL:
            score += 1 if name in others else 2
    missing = missing_required(kind, mapping)
    if not missing:
        score += 5
    nip_keys = next(f.keys for f in FIELDS["personnel"] if f.name == "nip")
    if "nip" not in field_map(kind) and any(header_key(h) in nip_keys for h in headers):
        score -= 5
    return score, missing


def detect_kind(headers: list[str]) -> str:
    """The kind whose fields the headers match best; :class:`Rejected` when none fits."""
    results = {k: kind_score(headers, k) for k in KINDS}
    pool = {k: s for k, (s, _) in results.items() if s > 0}
    if not pool or max(pool.values()) < 3:
        raise Rejected("Jenis data tidak dapat dikenali dari judul kolom. Pilih jenis data secara manual "
                       "atau gunakan templat dari halaman Impor Data.")
    ranked = sorted(pool.items(), key=lambda kv: (-kv[1], KINDS.index(kv[0])))
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        a, b = ranked[0][0], ranked[1][0]
        raise Rejected(f"Jenis data tidak dapat dipastikan dari judul kolom ({KIND_LABELS[a]} atau "
                       f"{KIND_LABELS[b]}). Pilih jenis data secara manual.")
    return ranked[0][0]


def missing_required(kind: str, mapping: dict[int, str]) -> list[str]:
    """Labels of required fields without a column (job level needs one of three columns)."""
    mapped = set(mapping.values())
    missing = [f.label for f in FIELDS[kind] if f.required and f.name not in mapped]
    if kind == "personnel" and not mapped & {"jenjang_jabatan", "jenis_jabatan", "eselon"}:
        missing.append("Jenjang Jabatan (atau Jenis Jabatan/Eselon)")
    if kind == "performance" and not mapped & {"predikat", "nilai_legacy"} \
            and not {"hasil_kerja", "perilaku"} <= mapped:
        missing.append("Predikat Kinerja (atau Rating Hasil Kerja dan Rating Perilaku Kerja, atau Nilai SKP)")
    if kind == "target-posts" and not mapped & {"jenjang_jabatan", "eselon"}:
        missing.append("Jenjang Jabatan (atau Eselon)")
    return missing


@dataclass(frozen=True)
class ColumnInfo:
    position: int
    header: str
    field: str            # '' = ignored
    sensitive: bool       # personal data the product never stores


def describe(headers: list[str], kind: str, mapping: dict[int, str]) -> list[ColumnInfo]:
    return [ColumnInfo(i, h, mapping.get(i, IGNORE), is_sensitive(h)) for i, h in enumerate(headers)]


def ignored_columns(headers: list[str], mapping: dict[int, str]) -> list[str]:
    return [h for i, h in enumerate(headers) if i not in mapping]


def field_label(kind: str, name: str) -> str:
    f: Field | None = field_map(kind).get(name)
    return f.label if f else name
