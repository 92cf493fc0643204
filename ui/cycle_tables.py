"""The Siklus Talenta tables as a person reads them (and as the Monev workbook writes them): codes in
words, missing values as "–", names joined from the placements. Columns keep their data names; the
headers come from the catalog (``label.<column>``)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import needs as nd
from common import fmt
from common.i18n import language, t
from common.terms import term
from ui import privacy, services
from ui.cycle_data import Cycle

DASH = "–"


def _box(v: object) -> str:
    return DASH if v is None or pd.isna(v) else str(int(v))


def needs_table(needs: pd.DataFrame, lang: str | None = None, suppress: bool = True) -> pd.DataFrame:
    """Talent needs per job level and field; the people counts read "*" under the minimum group while
    the switch is on (``suppress``)."""
    lang = lang or language()
    out = needs.assign(bidang=needs["bidang"].map(lambda b: b if isinstance(b, str) and b
                                                  else t("siklus.field_none", lang=lang)))
    if suppress:
        for col in ("siap_sekarang", "siap_segera"):
            out[col] = privacy.counts(out[col].astype(int))
    return out


def profile_first(c: Cycle) -> pd.DataFrame:
    """The unprofiled feeders of the posts with a gap, in the order to profile them, with who they are."""
    job_level = services.store().table("job_level")
    first = nd.profile_first(c.feeders, job_level if "urutan" in job_level.columns else None)
    if first.empty:
        return pd.DataFrame(columns=["nama", "nip", "jabatan", "jenjang_jabatan", "opd_nama", "jenjang_target",
                                     "opd_kesenjangan"])
    who = c.placed.set_index("nip")[["nama", "jabatan", "opd_nama"]]
    out = first[["nip", "jenjang_jabatan", "jenjang_target", "opd_kesenjangan"]].join(who, on="nip")
    return out[["nama", "nip", "jabatan", "jenjang_jabatan", "opd_nama", "jenjang_target",
                "opd_kesenjangan"]].reset_index(drop=True)


@dataclass(frozen=True)
class Quota:
    """The CACT quota proposal: the quota now, the profiles that would cover every feeder, the table."""
    current: int
    proposed: int
    table: pd.DataFrame       # as shown: levels in words, numbers as text, the total row last
    numbers: pd.DataFrame     # the same with numbers (the workbook)


def quota(period: int, c: Cycle, lang: str | None = None) -> Quota:
    lang = lang or language()
    current = int(services.store().setting("kuota_cact") or 0)
    table = nd.quota_proposal(c.feeders, current)
    numbers = table.assign(jenjang_jabatan=table["jenjang_jabatan"].map(
        lambda v: t("siklus.total", lang=lang) if v == nd.TOTAL else v))
    proposed = int(table["usulan"].iloc[-1]) if len(table) else 0
    shown = numbers.copy()
    for col in shown.columns[1:]:
        shown[col] = [DASH if pd.isna(v) else fmt.num(v, lang=lang) for v in shown[col]]
    return Quota(current, proposed, shown, numbers)


def register_table(reg: pd.DataFrame, c: Cycle, previous: pd.DataFrame, reasons: dict[str, str],
                   lang: str | None = None) -> pd.DataFrame:
    """The pool register: who left first (with why), then who entered, then who stayed."""
    lang = lang or language()
    cols = ["nip", "nama", "jabatan", "jenjang_jabatan", "opd_nama"]   # the level: the switch shows it for the post
    who = pd.concat([c.placed[cols], previous[cols]]).drop_duplicates("nip").set_index("nip")
    order = {"keluar": 0, "masuk": 1, "tetap": 2}
    out = reg.join(who, on="nip").assign(_o=reg["status"].map(order)).sort_values(["_o", "nip"])
    return pd.DataFrame({   # what the register says first, who they are after (a wide table scrolls)
        "nama": out["nama"], "status_kelompok": out["status"].map(lambda s: t(f"siklus.reg.word.{s}", lang=lang)),
        "alasan_keluar": out["alasan"].map(lambda a: reasons.get(a, a) if isinstance(a, str) else DASH),
        "kotak_sebelum": out["kotak_sebelum"].map(_box), "kotak_sesudah": out["kotak_sesudah"].map(_box),
        "lama_periode": out["lama_periode"].astype(int), "nip": out["nip"], "jabatan": out["jabatan"],
        "jenjang_jabatan": out["jenjang_jabatan"], "opd_nama": out["opd_nama"]}).reset_index(drop=True)


def _signal_text(code: str, value: float, lang: str) -> str:
    if code == "tanpa_pengembangan" and pd.isna(value):
        return t("siklus.watch.val.never", lang=lang)
    decimals = 1 if code == "bup_dekat" else 0
    return t(f"siklus.watch.val.{code}", lang=lang, v=DASH if pd.isna(value) else fmt.num(value, decimals, lang))


def watch_table(watch: pd.DataFrame, placed: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """One row per pool member at risk: who, their box, and each signal that fires with its value."""
    lang = lang or language()
    texts = watch.assign(teks=[_signal_text(s, v, lang) for s, v in zip(watch["sinyal"], watch["nilai"])])
    per = texts.groupby("nip", sort=False).agg(sinyal=("teks", "; ".join), jumlah_sinyal=("sinyal", "size"))
    who = placed.set_index("nip")[["nama", "jabatan", "jenjang_jabatan", "opd_nama", "kotak"]]
    out = per.join(who).reset_index().sort_values(["jumlah_sinyal", "nip"], ascending=[False, True])
    return out[["nama", "jumlah_sinyal", "sinyal", "kotak", "nip", "jabatan", "jenjang_jabatan", "opd_nama"]].assign(
        kotak=out["kotak"].map(_box)).reset_index(drop=True)


def appointment_table(appts: pd.DataFrame, lang: str | None = None, hide_posts: bool = False) -> pd.DataFrame:
    """The period's appointments: who, to which post, when, the SK, how, and the readiness recorded.
    ``hide_posts`` (the switch on): the post's level instead of its title, which names one person."""
    lang = lang or language()
    days = (pd.to_datetime(appts["tanggal"]) - pd.to_datetime(appts["lowong_sejak"])).dt.days
    return pd.DataFrame({
        "nama": appts["nama"], "jabatan_target": appts["jenjang_target" if hide_posts else "jabatan_target"],
        "tanggal": pd.to_datetime(appts["tanggal"]).dt.date,
        "cara": appts["cara"].map(lambda k: t(f"siklus.route.{k}", lang=lang)),
        "kesiapan_saat_itu": appts["kesiapan"].map(lambda v: term(v, lang) if isinstance(v, str) and v else DASH),
        "nomor_sk": appts["nomor_sk"], "hari_lowong": [DASH if pd.isna(d) else fmt.num(d, lang=lang) for d in days],
        "nip": appts["nip"], "dicatat_oleh": appts["dicatat_oleh"]}).reset_index(drop=True)


def funnel_parts(c: Cycle, lang: str, hide_under: int) -> tuple[list[str], list[float], list[str], bool]:
    """(stage labels, bar lengths, bar texts, any hidden): each text is the stage's count and its share of
    the stage before, that stage named; a count under ``hide_under`` (0: none) reads "*"."""
    mark = t("privacy.hidden_mark", lang=lang)
    labels = [t(f"siklus.stage.{s}", lang=lang) for s in c.funnel["tahap"]]
    values, texts, hidden = [], [], False
    for i, row in enumerate(c.funnel.itertuples(index=False)):
        if hide_under and 0 < row.jumlah < hide_under:
            hidden = True
            values.append(0)
            texts.append(mark)
            continue
        values.append(row.jumlah)
        text = fmt.num(row.jumlah, lang=lang)
        if i:
            text += " · " + t("siklus.funnel.of", lang=lang, pct=fmt.pct(row.persen_sebelumnya, 1, lang),
                              base=labels[i - 1])
        texts.append(text)
    return labels, values, texts, hidden


def indicator_tiles(c: Cycle, lang: str) -> list[tuple[str, str, str, str]]:
    """(label, value, base, short base) of the four penempatan indicators: each share with what it is of
    ("4 dari 7 jabatan target yang diisi"; short, for a slide's tile: "4 dari 7")."""
    i = c.indicators
    n = lambda v: fmt.num(v, lang=lang)  # noqa: E731
    of = lambda k, whole: t("siklus.ind.short", lang=lang, k=n(k), n=n(whole))  # noqa: E731
    days = i["days_to_fill_median"]
    return [
        (t("siklus.ind.from_pool_share", lang=lang), fmt.pct(i["from_pool_share"], 1, lang) if i["filled"] else "–",
         t("siklus.ind.base_filled", lang=lang, k=n(i["from_pool"]), n=n(i["filled"])), of(i["from_pool"], i["filled"])),
        (t("siklus.ind.ready_now_share", lang=lang), fmt.pct(i["ready_now_share"], 1, lang) if i["filled"] else "–",
         t("siklus.ind.base_filled", lang=lang, k=n(i["ready_now"]), n=n(i["filled"])), of(i["ready_now"], i["filled"])),
        (t("siklus.ind.days_to_fill", lang=lang), "–" if days is None else t("siklus.unit.days", lang=lang, n=n(days)),
         t("siklus.ind.days_help", lang=lang, n=n(i["days_known"])),
         t("siklus.ind.days_short", lang=lang, n=n(i["days_known"]))),
        (t("siklus.ind.critical_ready_share", lang=lang),
         fmt.pct(i["critical_ready_share"], 1, lang) if i["critical_total"] else "–",
         t("siklus.ind.base_critical", lang=lang, k=n(i["critical_ready"]), n=n(i["critical_total"])),
         of(i["critical_ready"], i["critical_total"]))]
