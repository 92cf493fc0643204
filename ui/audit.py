"""Audit (the Log Audit page): its entries as an administrator may read them — actions and objects in
words from the catalog (``audit.action.*``, ``audit.entity.*``), the detail as "Label: value" lines,
never a code or raw JSON; the stored codes stay as they are (the filter still matches them)."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, time

import pandas as pd

from common import fmt
from common.i18n import catalog, column_label, t
from data.importing import KINDS
from ui import privacy, services

# the action prefixes the filter offers ("" = every action)
ACTIONS = ("", "login", "impor", "impor:batal", "aturan", "lihat", "ekspor", "pengguna", "kalibrasi", "hapus-data",
           "cadangan")
_SESSION_SHOWN = 8        # characters of a session id shown (enough to tell two apart)


def _known(key: str, lang: str) -> bool:
    return key in catalog(lang) or key in catalog("id")


def _words(code: str) -> str:
    """An unknown code as words ("9-kotak-png" → "9 kotak png"), never as an identifier."""
    return re.sub(r"[_:\-]+", " ", code).strip()


def action_label(code: object, lang: str) -> str:
    """An action code as words: ``ekspor:laporan`` → "Ekspor laporan Excel"; ``impor:personnel`` →
    "Impor: Data kepegawaian"; an unknown one by its group ("Ekspor: …")."""
    if code is None or (isinstance(code, float) and code != code):
        return fmt.MISSING
    code = str(code)
    if _known(f"audit.action.{code}", lang):
        return t(f"audit.action.{code}", lang=lang)
    group, _, rest = code.partition(":")
    if group == "impor" and rest in (*KINDS, "demo"):
        return t("audit.action.impor_kind", lang=lang, kind=t(f"impor.kind.{rest}", lang=lang))
    if _known(f"audit.group.{group}", lang):
        return f"{t(f'audit.group.{group}', lang=lang)}: {_words(rest)}" if rest else t(f"audit.group.{group}",
                                                                                         lang=lang)
    return _words(code).capitalize()


def group_label(prefix: str, lang: str) -> str:
    """A filter choice: "" → every action, else the group's name."""
    if not prefix:
        return t("sidebar.all", lang=lang)
    key = f"audit.group.{prefix}" if _known(f"audit.group.{prefix}", lang) else f"audit.action.{prefix}"
    return t(key, lang=lang) if _known(key, lang) else _words(prefix)


def entity_label(entity: object, lang: str) -> str:
    """What an entry is about: ``nip:1985…`` → "NIP 1985…", ``periode:2025`` → "Periode 2025",
    ``batch:5`` → "Impor #5", ``rule_jpm_band`` → "Tabel aturan: jpm band"."""
    if entity is None or (isinstance(entity, float) and entity != entity):
        return fmt.MISSING
    text = str(entity)
    kind, sep, rest = text.partition(":")
    if not sep:
        if text.startswith("rule_") or text.endswith("_level") or "_" in text:
            return t("audit.entity.table", lang=lang, name=_words(text.removeprefix("rule_")))
        return text
    if kind == "sesi":
        return t("audit.entity.sesi_semua", lang=lang) if rest == "semua" else \
            t("audit.entity.sesi", lang=lang, id=rest[:_SESSION_SHOWN] + ("…" if len(rest) > _SESSION_SHOWN else ""))
    if kind == "periode" and ":" in rest:
        period, _, axis = rest.partition(":")
        return t("audit.entity.periode_sumbu", lang=lang, period=period, axis=_words(axis))
    if kind == "pemetaan":
        label = t(f"impor.kind.{rest}", lang=lang) if rest in KINDS else _words(rest)
        return t("audit.entity.pemetaan", lang=lang, kind=label)
    if _known(f"audit.entity.{kind}", lang):
        return t(f"audit.entity.{kind}", lang=lang, id=rest)
    return f"{_words(kind).capitalize()} {rest}"


_YEARS = ("periode", "period", "tahun", "penetapan")


def _value(value: object, lang: str, key: str = "", codes: dict[str, dict] | None = None) -> str:
    """A detail value in words: yes/no, lists joined, a year as 2025, a code by its name (``codes``:
    key → {code: name}, e.g. calibration reasons and roles)."""
    named = (codes or {}).get(key, {})
    if isinstance(value, str) and value in named:
        return str(named[value])
    if key in _YEARS and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, bool):
        return t("label.yes" if value else "label.no", lang=lang)
    if isinstance(value, list):
        return ", ".join(_value(v, lang, key, codes) for v in value) or fmt.MISSING
    if isinstance(value, dict):
        return "; ".join(f"{_key(k, lang)} {_value(v, lang, k, codes)}" for k, v in value.items()) or fmt.MISSING
    return fmt.cell(value, lang)


def _key(key: str, lang: str) -> str:
    label = t(f"audit.key.{key}", lang=lang) if _known(f"audit.key.{key}", lang) else column_label(key, lang)
    return f"{label}:"


def detail_text(detail: object, lang: str, codes: dict[str, dict] | None = None) -> str:
    """The stored JSON detail as "Label: value · Label: value" (a text that is no JSON as it is)."""
    if detail is None or (isinstance(detail, float) and detail != detail):
        return fmt.MISSING
    try:
        data = json.loads(detail) if isinstance(detail, str) else detail
    except ValueError:
        return str(detail)
    if not isinstance(data, dict):
        return _value(data, lang, "", codes)
    return " · ".join(f"{_key(k, lang)} {_value(v, lang, k, codes)}" for k, v in data.items()) or fmt.MISSING


def entries(actor: str | None, action: str | None, since: date | None, lang: str) -> pd.DataFrame:
    """Entries, newest first, by an actor and an action prefix from a day on, in words under the
    catalog's headers; personal data in the object and detail hidden while identities are hidden."""
    store = services.store()
    found = store.audit_entries(actor=actor, action=action,
                                since=datetime.combine(since, time()) if isinstance(since, date) else None)
    codes = _codes(store)
    readable = pd.DataFrame({
        "audit_id": found["audit_id"],
        "occurred_at": found["occurred_at"],
        "actor": found["actor"].map(lambda v: fmt.cell(v, lang)).astype(object),
        "action": found["action"].map(lambda v: action_label(v, lang)).astype(object),
        "entity": found["entity"].map(lambda v: entity_label(v, lang)).astype(object),
        "detail": found["detail"].map(lambda v: detail_text(v, lang, codes)).astype(object),
    })
    return privacy.text(readable, ["entity", "detail"])


def _codes(store) -> dict[str, dict]:
    """The codes a detail may hold, by their names: calibration reasons and roles."""
    reasons = store.calibration_reasons(False)
    roles = store.roles()
    return {"alasan": dict(zip(reasons["kode"], reasons["label"])),
            "role": dict(zip(roles["role"], roles["nama"])) if {"role", "nama"} <= set(roles.columns) else {}}
