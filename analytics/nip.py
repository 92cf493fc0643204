"""NIP (PNS) and NI PPPK: parse, validate, build.

Layout (18 digits):

* PNS:  ``YYYYMMDD`` birth date · ``YYYYMM`` first appointment (TMT CPNS) · sex ``1``/``2`` · ``NNN``
* PPPK: ``YYYYMMDD`` birth date · ``YYYY`` year · 2-digit code (e.g. ``21``) where the month would
  be · sex · ``NNN``. Digits 13-14 outside 01-12 therefore mean PPPK.

Pure functions: no Streamlit, no database. Messages are Indonesian so that the import page can
show them as they are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

NIP_LENGTH = 18
MIN_BIRTH_YEAR = 1900
# Age at first appointment must fall in this range, otherwise the digits are implausible.
MIN_AGE_AT_APPOINTMENT = 15
MAX_AGE_AT_APPOINTMENT = 70

# '1.98609262015051E+17', '1,98609E+17', '198609262015051000.0', '1.986E17'
_EXCEL_TEXT = re.compile(r"[+-]?[0-9]+([.,][0-9]*)?[eE][+-]?[0-9]+|[0-9]+[.,][0-9]+")
# '19860926 201505 1 001', '19860926-201505-1-001' (plain characters: pyarrow's RE2 runs it natively)
_SEPARATORS = re.compile("[ \t\r\n\u00a0_-]")
_FIELDS = re.compile(r"([^{]*)(?:\{(\w)\})?")

MSG_EXCEL = (
    "NIP '{v}' tersimpan sebagai angka (format ilmiah/desimal Excel): digit terakhirnya sudah "
    "hilang dan tidak dapat dipulihkan. Di Excel, format kolom sebagai Teks, isi ulang NIP dari "
    "sumber aslinya, lalu impor kembali."
)
MSG_EMPTY = "NIP kosong."
MSG_DIGITS = "NIP '{v}' mengandung karakter selain angka."
MSG_LENGTH = "NIP '{v}' harus 18 digit (ditemukan {x} digit)."
MSG_BIRTH = "NIP '{v}': tanggal lahir {x} (digit 1-8) bukan tanggal yang sah."
MSG_SEX = "NIP '{v}': digit ke-15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan {x}."
MSG_AGE = (
    "NIP '{v}': tahun pengangkatan {x} (digit 9-12) tidak masuk akal untuk tanggal lahirnya "
    "(usia saat diangkat harus 15-70 tahun)."
)
MSG_SEQ = (
    "NIP '{v}': nomor urut (digit 16-18) tidak boleh 000. Bila NIP berasal dari Excel, digit "
    "terakhirnya kemungkinan hilang karena kolom berformat angka: format kolom sebagai Teks, "
    "isi ulang NIP dari sumber aslinya, lalu impor kembali."
)


class InvalidNip(ValueError):
    """A NIP that cannot be used; the message (Indonesian) can be shown to a user as is."""


@dataclass(frozen=True)
class NipInfo:
    """What an 18-digit NIP / NI PPPK tells us."""

    nip: str
    tanggal_lahir: date
    jenis_kelamin: str            # 'L' / 'P'
    jenis_asn: str                # 'PNS' / 'PPPK'
    tmt_cpns: date | None         # PNS only: first day of the appointment month
    tahun_pengangkatan: int
    kode_pppk: str | None         # PPPK only: the 2 digits where a PNS NIP has the month
    urut: int


def looks_like_excel_number(value: object) -> bool:
    """True for values Excel turned into a number: floats, '1.98609262015051E+17', '1,98E+17'."""
    if isinstance(value, (float, np.floating)):
        return True
    text = str(value).strip().replace(" ", "")
    return bool(_EXCEL_TEXT.fullmatch(text))


def normalise_nip(value: object) -> str:
    """Text of an 18-digit NIP: strip spaces, a leading apostrophe and separators.

    Raises :class:`InvalidNip` for an Excel number, an empty value or non-digits.
    """
    if value is None or (isinstance(value, (float, np.floating)) and np.isnan(value)):
        raise InvalidNip(MSG_EMPTY)
    if isinstance(value, (bool, np.bool_)):
        raise InvalidNip(MSG_DIGITS.format(v=value))
    if isinstance(value, (int, np.integer)):
        text = str(int(value))
    elif isinstance(value, (float, np.floating)):
        raise InvalidNip(MSG_EXCEL.format(v=repr(float(value))))
    else:
        text = str(value).strip().lstrip("'").strip()
    if not text:
        raise InvalidNip(MSG_EMPTY)
    if looks_like_excel_number(text):
        raise InvalidNip(MSG_EXCEL.format(v=text))
    compact = _SEPARATORS.sub("", text)
    if not (compact.isascii() and compact.isdigit()):
        raise InvalidNip(MSG_DIGITS.format(v=text))
    return compact


def parse_nip(nip: object) -> NipInfo:
    """Derive birth date, sex, ASN kind and appointment from an 18-digit NIP or NI PPPK.

    Raises :class:`InvalidNip` with an Indonesian message when the value is unusable.
    """
    text = normalise_nip(nip)
    if len(text) != NIP_LENGTH:
        raise InvalidNip(MSG_LENGTH.format(v=text, x=len(text)))
    y, m, d = int(text[0:4]), int(text[4:6]), int(text[6:8])
    try:
        birth = date(y, m, d)
    except ValueError:
        birth = None
    if birth is None or y < MIN_BIRTH_YEAR:
        raise InvalidNip(MSG_BIRTH.format(v=text, x=text[0:8]))
    sex_digit = text[14]
    if sex_digit not in ("1", "2"):
        raise InvalidNip(MSG_SEX.format(v=text, x=sex_digit))
    year = int(text[8:12])
    if not MIN_AGE_AT_APPOINTMENT <= year - y <= MAX_AGE_AT_APPOINTMENT:
        raise InvalidNip(MSG_AGE.format(v=text, x=year))
    seq = int(text[15:18])
    if seq == 0:
        raise InvalidNip(MSG_SEQ.format(v=text))
    code = text[12:14]
    if 1 <= int(code) <= 12:
        jenis, tmt, kode = "PNS", date(year, int(code), 1), None
    else:
        jenis, tmt, kode = "PPPK", None, code
    return NipInfo(
        nip=text,
        tanggal_lahir=birth,
        jenis_kelamin="L" if sex_digit == "1" else "P",
        jenis_asn=jenis,
        tmt_cpns=tmt,
        tahun_pengangkatan=year,
        kode_pppk=kode,
        urut=seq,
    )


def is_valid_nip(nip: object) -> bool:
    """True when :func:`parse_nip` accepts the value."""
    try:
        parse_nip(nip)
    except InvalidNip:
        return False
    return True


def build_nip(
    tanggal_lahir: date,
    jenis_kelamin: str,
    *,
    tmt_cpns: date | None = None,
    tahun_pppk: int | None = None,
    kode_pppk: str = "21",
    urut: int = 1,
) -> str:
    """Compose a NIP (give ``tmt_cpns``) or an NI PPPK (give ``tahun_pppk``).

    The result always passes :func:`parse_nip`; ValueError (or InvalidNip) otherwise.
    """
    if (tmt_cpns is None) == (tahun_pppk is None):
        raise ValueError("Berikan tepat satu dari tmt_cpns (PNS) atau tahun_pppk (PPPK).")
    if jenis_kelamin not in ("L", "P"):
        raise ValueError("jenis_kelamin harus 'L' atau 'P'.")
    if not 1 <= urut <= 999:
        raise ValueError("urut harus 1-999.")
    if tmt_cpns is not None:
        middle = f"{tmt_cpns.year:04d}{tmt_cpns.month:02d}"
    else:
        if len(kode_pppk) != 2 or not kode_pppk.isdigit() or 1 <= int(kode_pppk) <= 12:
            raise ValueError("kode_pppk harus 2 digit di luar 01-12.")
        middle = f"{tahun_pppk:04d}{kode_pppk}"
    nip = f"{tanggal_lahir:%Y%m%d}{middle}{'1' if jenis_kelamin == 'L' else '2'}{urut:03d}"
    parse_nip(nip)
    return nip


def _messages(template: str, v: pd.Series, x: pd.Series | None = None) -> pd.Series:
    """Vectorised ``template.format(v=..., x=...)`` for a few invalid rows."""
    out = pd.Series("", index=v.index, dtype="str")
    for literal, field in _FIELDS.findall(template):
        out = out + literal
        if field == "v":
            out = out + v
        elif field == "x":
            out = out + x
    return out


def _digit_matrix(texts: pd.Series) -> np.ndarray:
    """(n, 18) int64 digits of a column whose every value is 18 ASCII digits."""
    try:
        import pyarrow as pa
        arr = pa.array(texts)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        if arr.type == pa.large_string():
            offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)
        elif arr.type == pa.string():
            offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)
        else:
            raise TypeError(arr.type)
        offsets = offsets[arr.offset:arr.offset + len(arr) + 1]
        raw = np.frombuffer(arr.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
        if raw.size != NIP_LENGTH * len(texts):
            raise ValueError("unexpected layout")
    except Exception:  # no pyarrow or another string layout: copy through fixed-width bytes
        raw = texts.to_numpy(dtype=object).astype(f"S{NIP_LENGTH}").view(np.uint8)
    return raw.reshape(-1, NIP_LENGTH).astype(np.int64) - 48


def parse_nips(series: pd.Series) -> pd.DataFrame:
    """Vectorised :func:`parse_nip` for whole columns (1M rows in about a second).

    Returns a frame on the same index with columns ``nip`` (normalised text, NA when invalid),
    ``tanggal_lahir`` and ``tmt_cpns`` (datetime64, NaT when invalid / not PNS),
    ``jenis_kelamin``, ``jenis_asn``, ``valid`` (bool) and ``kesalahan`` (Indonesian message,
    NA when valid). Same rules and messages as :func:`parse_nip`.
    """
    index = series.index
    n = len(series)
    missing = series.isna().to_numpy()
    if pd.api.types.is_float_dtype(series.dtype):
        is_float = ~missing
    elif series.dtype == object:
        is_float = np.fromiter((isinstance(v, (float, np.floating)) for v in series.to_numpy()),
                               dtype=bool, count=n) & ~missing
    else:
        is_float = np.zeros(n, dtype=bool)
    text = series.astype("str").str.strip().str.lstrip("'").str.strip()
    text = text.where(~missing, "")
    odd = text.str.contains(r"[^0-9]", regex=True).to_numpy(dtype=bool)   # few rows, usually
    excel = is_float.copy()
    compact = text.copy()
    if odd.any():
        sub = text[odd]
        excel[odd] |= sub.str.replace(" ", "", regex=False).str.fullmatch(_EXCEL_TEXT.pattern) \
            .to_numpy(dtype=bool)
        compact[odd] = sub.str.replace(_SEPARATORS.pattern, "", regex=True)
    length = compact.str.len().to_numpy(dtype=np.int64)
    empty = length == 0
    digits = ~odd | compact.str.fullmatch(r"[0-9]+").to_numpy(dtype=bool)
    shape_ok = ~empty & ~excel & digits & (length == NIP_LENGTH)

    d = _digit_matrix(compact.where(shape_ok, "190001011920010001"))
    def part(a: int, b: int) -> np.ndarray:
        w = 10 ** np.arange(b - a - 1, -1, -1, dtype=np.int64)
        return d[:, a:b] @ w
    by, bm, bd = part(0, 4), part(4, 6), part(6, 8)
    year, code, sex, seq = part(8, 12), part(12, 14), part(14, 15), part(15, 18)

    month_ok = (bm >= 1) & (bm <= 12) & (bd >= 1) & (bd <= 31)
    ym = ((by - 1970) * 12 + np.clip(bm, 1, 12) - 1).astype("datetime64[M]")
    birth = ym.astype("datetime64[D]") + (np.clip(bd, 1, 31) - 1)
    birth_ok = month_ok & (birth.astype("datetime64[M]") == ym) & (by >= MIN_BIRTH_YEAR)
    sex_ok = (sex == 1) | (sex == 2)
    age_ok = ((year - by) >= MIN_AGE_AT_APPOINTMENT) & ((year - by) <= MAX_AGE_AT_APPOINTMENT)
    seq_ok = seq > 0
    valid = shape_ok & birth_ok & sex_ok & age_ok & seq_ok
    pns = (code >= 1) & (code <= 12)

    msg = pd.Series(pd.NA, index=index, dtype="str")
    remaining = ~valid
    checks = [
        (empty, MSG_EMPTY, None, None),
        (excel, MSG_EXCEL, text, None),
        (~digits, MSG_DIGITS, text, None),
        (length != NIP_LENGTH, MSG_LENGTH, compact, pd.Series(length, index=index).astype("str")),
        (~birth_ok, MSG_BIRTH, compact, compact.str.slice(0, 8)),
        (~sex_ok, MSG_SEX, compact, compact.str.slice(14, 15)),
        (~age_ok, MSG_AGE, compact, compact.str.slice(8, 12)),
        (~seq_ok, MSG_SEQ, compact, None),
    ]
    for cond, template, v, x in checks:
        hit = remaining & cond
        if hit.any():
            if v is None:
                msg[hit] = template
            else:
                msg[hit] = _messages(template, v[hit], None if x is None else x[hit]).to_numpy()
            remaining &= ~hit

    nat = np.datetime64("NaT", "s")
    tmt = ((year - 1970) * 12 + np.clip(code, 1, 12) - 1).astype("datetime64[M]")
    return pd.DataFrame({
        "nip": compact.where(valid),
        "tanggal_lahir": np.where(valid, birth.astype("datetime64[s]"), nat),
        "jenis_kelamin": pd.Series(np.where(sex == 1, "L", "P"), index=index,
                                   dtype="str").where(valid),
        "jenis_asn": pd.Series(np.where(pns, "PNS", "PPPK"), index=index, dtype="str").where(valid),
        "tmt_cpns": np.where(valid & pns, tmt.astype("datetime64[s]"), nat),
        "valid": valid,
        "kesalahan": msg,
    }, index=index)
