"""AppTest: the Siklus Talenta page — renders for each role (committee and admin record, leaders and
operators only view, an operator within their own OPD), an appointment recorded through the form shows
in the appointments and moves the penempatan indicators (audited), an appointment is undone with a reason
and a confirmation (kept, marked, audited), and the form and the undo on a finalised period are refused
with the period lock's message, writing nothing.

Expected values come from the store and ``analytics.cycle`` on the same database copy.
"""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from analytics.readiness import SIAP_SEKARANG
from data.store import StoreError, open_store
from tests.conftest import app_test

pytestmark = pytest.mark.slow  # whole-app AppTest runs, several seconds each

PAGE = "app_pages/siklus.py"
SAVE = "Catat pengangkatan"
FILLED = re.compile(r"^(\d+) dari (\d+) jabatan target yang diisi$")


def _open(path: Path, user: str, role: str, opd: str | None = None, lang: str | None = None):
    at = app_test(path, user, role, opd, run=False)
    if lang:
        at.session_state["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.stack_trace[-3:] for e in at.exception]
    return at


def _filled(at) -> tuple[int, int]:
    """(posts filled from the pool, target posts filled) as the first indicator's base says."""
    base = next(c.value for c in at.caption if FILLED.match(c.value))
    k, n = FILLED.match(base).groups()
    return int(k), int(n)


@pytest.mark.parametrize("role,opd,records", [("admin", None, True), ("komite", None, True),
                                              ("pimpinan", None, False), ("operator", "DINKES", False)])
def test_renders_for_each_role_and_only_committee_and_admin_record(demo_copy, role, opd, records):
    at = _open(demo_copy, f"{role}1", role, opd)
    assert at.title[0].value == "Siklus Talenta · 2025"
    assert [t.label for t in at.tabs] == ["Akuisisi", "Pengembangan", "Retensi", "Penempatan"]
    assert bool(at.get("form")) is records                       # the retention and appointment forms
    assert ("siklus_pl_undo_button" in {b.key for b in at.button}) is records   # and the undo of an appointment
    assert (at.selectbox(key="siklus_pl_post") if records else None) is not None or not records
    labels = {m.label for m in at.metric}
    assert {"Diisi dari kelompok talenta", "Diisi ASN Siap Sekarang", "Lowong sampai diangkat",
            "Kritikal ≥ 2 penerus siap"} <= labels
    if opd:   # an operator sees their own OPD only: every appointment listed is to a post of it
        s = open_store(demo_copy)
        try:
            own = set(s.target_posts().query("opd_id == @opd")["jabatan"])
        finally:
            s.close()
        shown = next((d.value for d in at.dataframe if "jabatan_target" in d.value.columns), None)
        assert shown is None or set(shown["jabatan_target"]) <= own


def _pick_ready(at, path: Path) -> tuple[str, str]:
    """Choose, on the form, a vacant target post with a candidate Siap Sekarang whose name is unique, and
    that candidate; returns (post_id, nip). (The options are labels: the NIP is found by the name.)"""
    s = open_store(path)
    try:
        people = s.population(2025, columns=["nama"])
    finally:
        s.close()
    unique = people.drop_duplicates("nama", keep=False).set_index("nama")["nip"]
    posts = at.selectbox(key="siklus_pl_post")
    for label in list(posts.options):
        if not label.endswith("· lowong"):
            continue
        post_id = label_value(label)
        at.selectbox(key="siklus_pl_post").set_value(post_id).run()
        for option in at.selectbox(key=f"siklus_pl_person_{post_id}").options:
            name, _, readiness = option.rpartition(" · ")
            if readiness == "Siap Sekarang" and name in unique.index:
                nip = unique[name]
                at.selectbox(key=f"siklus_pl_person_{post_id}").set_value(nip)
                return post_id, nip
    raise AssertionError("the demo has a vacant post with a candidate ready now")


def label_value(label: str) -> str:
    """The post id behind a post option's label (the store's posts, matched by title)."""
    title = label.split(" · ")[0]
    s = open_store(Path(os.environ["TALENTA_DB"]))
    try:
        posts = s.target_posts()
    finally:
        s.close()
    return posts.loc[posts["jabatan"] == title, "post_id"].iloc[0]


def _record(at, path: Path, sk: str = "800/123/BKPSDM/2025") -> tuple[str, str]:
    post_id, nip = _pick_ready(at, path)
    at.date_input(key="siklus_pl_date").set_value(date(2025, 11, 3))
    at.date_input(key="siklus_pl_since").set_value(date(2025, 9, 1))
    at.text_input(key="siklus_pl_sk").input(sk)
    at.radio(key="siklus_pl_how").set_value("talent_pool")
    at.button[[b.label for b in at.button].index(SAVE)].click().run()
    assert not at.exception, [e.stack_trace[-3:] for e in at.exception]
    return post_id, nip


def test_an_appointment_recorded_through_the_form_moves_the_indicators(demo_copy):
    at = _open(demo_copy, "komite1", "komite")
    from_pool, filled = _filled(at)
    rows = len(next(d.value for d in at.dataframe if "jabatan_target" in d.value.columns))
    post_id, nip = _record(at, demo_copy)
    assert not at.error, [e.value for e in at.error]
    assert _filled(at) == (from_pool + 1, filled + 1)             # one more post filled, from the pool
    table = next(d.value for d in at.dataframe if "jabatan_target" in d.value.columns)
    assert len(table) == rows + 1 and nip in set(table["nip"])
    row = table[table["nip"] == nip].iloc[0]
    assert (row["nomor_sk"], row["cara"], row["kesiapan_saat_itu"]) == ("800/123/BKPSDM/2025", "Kelompok talenta",
                                                                         "Siap Sekarang")
    s = open_store(demo_copy)
    try:
        kept = s.appointments(2025).query("nip == @nip").iloc[0]
        log = s.audit_entries(action="penempatan:")
    finally:
        s.close()
    assert (kept["post_id"], kept["kesiapan"], str(kept["tanggal"])[:10]) == (post_id, SIAP_SEKARANG, "2025-11-03")
    assert log["actor"].tolist()[:1] == ["komite1"]


def test_refused_on_a_finalised_period_with_the_lock_message(demo_copy):
    s = open_store(demo_copy)
    try:
        before = len(s.appointments(2025))
        s.finalise_period(2025, "ketua1")
    finally:
        s.close()
    at = _open(demo_copy, "admin1", "admin")
    _record(at, demo_copy)
    assert len(at.error) == 1 and at.error[0].value.startswith(
        "Periode 2025 sudah ditetapkan; datanya tidak dapat diubah.")   # the period lock's own message
    s = open_store(demo_copy)
    try:
        assert len(s.appointments(2025)) == before                # nothing written
    finally:
        s.close()


def _undo(at, appointment_id: int, reason: str):
    """Pick an appointment in the undo section, give the reason, confirm and click."""
    at.selectbox(key="siklus_pl_undo_pick").set_value(appointment_id)
    at.text_input(key="siklus_pl_undo_reason").input(reason)
    at.checkbox(key="siklus_pl_undo_confirm").check()
    at.run()
    at.button(key="siklus_pl_undo_button").click().run()
    assert not at.exception, [e.stack_trace[-3:] for e in at.exception]


def test_an_appointment_is_undone_with_a_reason_and_a_confirmation(demo_copy):
    s = open_store(demo_copy)
    try:
        newest = s.appointments(2025).iloc[0]
    finally:
        s.close()
    at = _open(demo_copy, "komite1", "komite")
    rows = len(next(d.value for d in at.dataframe if "jabatan_target" in d.value.columns))
    at.selectbox(key="siklus_pl_undo_pick").set_value(int(newest["id"])).run()
    assert at.button(key="siklus_pl_undo_button").disabled          # not without the confirmation
    _undo(at, int(newest["id"]), "  ")
    assert [e.value for e in at.error] == ["Alasan pembatalan penempatan wajib diisi."]   # the store's words
    _undo(at, int(newest["id"]), "SK dicabut")
    assert not at.error, [e.value for e in at.error]
    table = next(d.value for d in at.dataframe if "jabatan_target" in d.value.columns)
    assert len(table) == rows - 1
    s = open_store(demo_copy)
    try:
        kept = s.appointments(2025, include_undone=True).set_index("id").loc[int(newest["id"])]
        log = s.audit_entries(action="penempatan:batal")
    finally:
        s.close()
    assert (kept["dibatalkan_oleh"], kept["alasan_batal"]) == ("komite1", "SK dicabut")   # kept, marked
    assert log["actor"].tolist() == ["komite1"] and log["entity"].tolist() == [f"nip:{newest['nip']}"]


def test_an_undo_on_a_finalised_period_shows_the_lock_message_and_changes_nothing(demo_copy):
    s = open_store(demo_copy)
    try:
        s.finalise_period(2025, "ketua1")
        target = int(s.appointments(2025)["id"].iloc[0])
        with pytest.raises(StoreError) as refused:      # what the store says, to compare word for word
            s.undo_appointment(target, "SK dicabut", "admin1")
        before = s.table_checksums()["appointment"]
    finally:
        s.close()
    at = _open(demo_copy, "admin1", "admin")
    _undo(at, target, "SK dicabut")
    assert [e.value for e in at.error] == [str(refused.value)]
    assert str(refused.value).startswith("Periode 2025 sudah ditetapkan; datanya tidak dapat diubah.")
    s = open_store(demo_copy)
    try:   # nothing written (the app's own login and derived rows aside)
        assert s.table_checksums()["appointment"] == before and s.audit_entries(action="penempatan:batal").empty
    finally:
        s.close()


def test_english(demo_copy):
    at = _open(demo_copy, "pimpinan1", "pimpinan", lang="en")
    assert at.title[0].value == "Talent Cycle · 2025"
    assert [t.label for t in at.tabs] == ["Acquisition", "Development", "Retention", "Placement"]


def test_the_switch_hides_names_and_the_posts_that_name_a_person(demo_copy):
    at = app_test(demo_copy, "admin1", "admin", run=False)
    at.query_params["anonim"] = "true"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.stack_trace[-3:] for e in at.exception]
    s = open_store(demo_copy)
    try:
        names = set(s.population(2025, columns=["nama"])["nama"])
        levels = set(s.target_posts()["jenjang_jabatan"])
    finally:
        s.close()
    frames = [d.value for d in at.dataframe if "nama" in d.value.columns]
    assert frames and all(not (set(f["nama"].dropna()) & names) for f in frames)   # pseudonyms only
    appointed = next(f for f in frames if "jabatan_target" in f.columns)
    assert set(appointed["jabatan_target"]) <= levels                           # the level, not the title
    register = next(f for f in frames if "status_kelompok" in f.columns)
    assert set(register["jabatan"].dropna()) <= set(register["jenjang_jabatan"].dropna())
