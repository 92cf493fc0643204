"""Words that arrive as data (a rule table's labels, the readiness levels the engine writes) in the
language of the page: the catalog's ``ui.term.<Indonesian text>`` when there is one, else the text
as it is (an agency's own wording stays readable, in Indonesian)."""
from __future__ import annotations

from common.i18n import DEFAULT, catalog, language

#: the rule table's categories (``rule_box``: CHECK constraints) → catalog words
_PERFORMANCE = {"di atas": "above", "sesuai": "meets", "di bawah": "below"}
_POTENTIAL = {"tinggi": "high", "menengah": "medium", "rendah": "low"}


def term(text: object, lang: str | None = None) -> str:
    """``text`` in ``lang`` (the page's language by default); Indonesian, or an unknown text, as it is."""
    s = "" if text is None else str(text)
    lang = lang or language()
    if lang == DEFAULT:
        return s
    return catalog(lang).get(f"ui.term.{s}") or s


def box_label(label: object, kinerja: str, potensial: str, lang: str | None = None) -> str:
    """A 9-box box's label: the rule table's own (Indonesian), or in another language made from the
    box's two categories ("Performance above expectations, high potential")."""
    lang = lang or language()
    if lang == DEFAULT or kinerja not in _PERFORMANCE or potensial not in _POTENTIAL:
        return "" if label is None else str(label)
    words = catalog(lang)
    return words["ui.box_label"].format(perf=words[f"ui.perf.{_PERFORMANCE[kinerja]}"],
                                        pot=words[f"ui.pot.{_POTENTIAL[potensial]}"])


def followups(rekomendasi: object, lang: str | None = None) -> str:
    """A box's ';'-separated follow-ups, each in ``lang`` (kept ';'-separated)."""
    return ";".join(term(p.strip(), lang) for p in str(rekomendasi or "").split(";") if p.strip())
