"""AppTest: Kalibrasi with several committee members — a stale save is refused with who, when and
the new box; the agenda's "Berikutnya" opens the next person and a save keeps the person open; the
typed reason and comment survive a reload (a new session of the same login)."""
from __future__ import annotations

from pathlib import Path

import pytest

from analytics.agenda import ranked
from data.store import open_store
from tests.conftest import app_test, placed_people_in, widget_token

pytestmark = pytest.mark.slow  # whole-app AppTest runs, 5-10 s each

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "kalibrasi.py")
PERIOD = 2025
COMMENT = "Ada bukti kinerja baru dari atasan"


@pytest.fixture
def db(real_copy):
    return real_copy


_LOGINS: dict[tuple[str, str], tuple[str, str]] = {}  # (database, label) -> (login session id, its token)


def _page(db, user="ketua1", role="ketua", session: str | None = None):
    at = app_test(db, user, role, run=False)  # a new server-side login session
    if session:  # the same login session as before under this label, as a reload finds it by its cookie
        login = _LOGINS.setdefault((str(db), session),
                                   (at.session_state["_session_id"], at.session_state["_session_token"]))
        at.session_state["_session_id"], at.session_state["_session_token"] = login
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _box(db, box: int) -> str:
    placed = placed_people_in(db, PERIOD)
    return placed.loc[placed["kotak"] == box, "nip"].iloc[0]


def _save(at):
    at.button[[b.label for b in at.button].index("Simpan")].click().run()
    assert not at.exception


def test_a_stale_save_is_refused_with_who_when_and_the_new_box(db):
    nip = _box(db, 9)
    tk = widget_token(db, nip)
    at = _page(db)
    at.session_state["kal_nip"] = nip
    at.run()                                     # the member opens the person at box 9
    s = open_store(db)
    try:                                         # meanwhile the chair moves them to 8 on another screen
        s.calibrate(PERIOD, nip, 9, 8, "BUKTI_KINERJA", "dipindah ketua", "ketua2")
        pada = s.calibration_state(PERIOD, nip).pada
    finally:
        s.close()
    at.segmented_control(key=f"kal_target_{tk}").set_value(7).run()
    notice = [w.value for w in at.warning if "Diubah oleh ketua2" in w.value]
    assert notice and "ke kotak 8" in notice[0]  # the form says so before the save
    at.selectbox(key=f"kal_reason_{tk}").set_value("BUKTI_POTENSI")
    at.text_area(key=f"kal_comment_{tk}").input(COMMENT)
    _save(at)

    [error] = [e.value for e in at.error]
    assert error.startswith("Belum disimpan: orang ini sudah diubah oleh ketua2 pada ") and "ke kotak 8" in error
    assert f"pukul {pada:%H.%M}" in error
    s = open_store(db)
    try:
        assert s.calibrations(PERIOD)[["nip", "kotak_baru", "oleh"]].values.tolist() == [[nip, 8, "ketua2"]]
        assert s.discussions(PERIOD).empty      # nothing of the refused decision was written
    finally:
        s.close()
    # the form shows the stored state and keeps what was typed
    assert at.segmented_control(key=f"kal_target_{tk}").value == 8
    assert at.text_area(key=f"kal_comment_{tk}").value == COMMENT
    assert at.selectbox(key=f"kal_reason_{tk}").value == "BUKTI_POTENSI"
    assert next(m.value for m in at.metric if m.label == "Kotak sekarang") == "8"

    at.segmented_control(key=f"kal_target_{tk}").set_value(7).run()   # decided again on the current state
    _save(at)
    assert not at.error
    s = open_store(db)
    try:
        assert s.calibrations(PERIOD)[["nip", "kotak_baru", "oleh"]].values.tolist() == [[nip, 7, "ketua1"]]
    finally:
        s.close()


def test_agenda_next_opens_the_next_person_and_a_save_keeps_the_place(db):
    placed = placed_people_in(db, PERIOD)
    s = open_store(db)
    try:
        order = ranked(placed[placed["kotak"].notna()], "kotak", s.rules(PERIOD))
    finally:
        s.close()
    names = dict(zip(placed["nip"], placed["nama"]))
    at = _page(db)
    assert any(f"**Berikutnya:** {names[order[0]]}" in m.value for m in at.markdown)
    at.button(key="kal_next").click().run()
    assert at.session_state["kal_nip"] == order[0]
    assert any(m.value == f"### {names[order[0]]}" for m in at.markdown)
    assert any(f"**Berikutnya:** {names[order[1]]}" in m.value for m in at.markdown)

    _save(at)                                     # no move: marked discussed
    assert at.session_state["kal_nip"] == order[0]  # the person stays open, showing the saved state
    assert any(m.value == f"### {names[order[0]]}" for m in at.markdown)
    at.button(key="kal_next").click().run()
    assert at.session_state["kal_nip"] == order[1]
    s = open_store(db)
    try:
        assert s.discussions(PERIOD)["nip"].tolist() == [order[0]]
    finally:
        s.close()


def test_the_typed_reason_and_comment_survive_a_reload_and_go_after_the_save(db):
    nip = _box(db, 5)
    tk = widget_token(db, nip)
    at = _page(db, session="sesi-uji-1")
    at.session_state["kal_nip"] = nip
    at.run()
    at.selectbox(key=f"kal_reason_{tk}").set_value("KOREKSI_DATA").run()
    at.text_area(key=f"kal_comment_{tk}").input(COMMENT).run()

    again = _page(db, session="sesi-uji-1")      # a reload: a new script session of the same login
    assert again.session_state["kal_nip"] == nip
    assert again.text_area(key=f"kal_comment_{tk}").value == COMMENT
    assert again.selectbox(key=f"kal_reason_{tk}").value == "KOREKSI_DATA"
    again.segmented_control(key=f"kal_target_{tk}").set_value(6).run()
    _save(again)

    after = _page(db, session="sesi-uji-1")
    assert after.text_area(key=f"kal_comment_{tk}").value == ""
    assert after.selectbox(key=f"kal_reason_{tk}").value is None
    other = _page(db, session="sesi-uji-2")      # another login session never sees this one's drafts
    assert [i.value for i in other.info] == ["Pilih seseorang pada grafik atau lewat pencarian untuk membahasnya."]


def test_using_the_current_state_from_the_notice_lets_the_next_save_through(db):
    nip = _box(db, 9)
    tk = widget_token(db, nip)
    at = _page(db, user="anggota1", role="komite")
    at.session_state["kal_nip"] = nip
    at.run()
    s = open_store(db)
    try:
        s.calibrate(PERIOD, nip, 9, 8, "BUKTI_KINERJA", "dipindah ketua", "ketua1")
    finally:
        s.close()
    at.run()                                     # what the live watch does when it sees the save
    assert any("Diubah oleh ketua1" in w.value for w in at.warning)
    at.button(key=f"kal_accept_{tk}").click().run()
    assert not [w for w in at.warning if "Diubah oleh" in w.value]
    assert at.segmented_control(key=f"kal_target_{tk}").value == 8
    at.segmented_control(key=f"kal_target_{tk}").set_value(7)
    at.selectbox(key=f"kal_reason_{tk}").set_value("BUKTI_POTENSI")
    at.text_area(key=f"kal_comment_{tk}").input(COMMENT)
    _save(at)
    assert not at.error
    s = open_store(db)
    try:
        assert s.calibrations(PERIOD)[["nip", "kotak_baru", "oleh"]].values.tolist() == [[nip, 7, "anggota1"]]
    finally:
        s.close()
