"""AppTest: the login gate, roles in the navigation, OPD scope on pages, idle timeout, demo mode."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from data.store import Scope, open_store
from tests.conftest import make_user

TIMEOUT = 60
PASSWORD = "Rahasia-Uji-123"


def _metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_real_data_shows_only_the_login_form(real_copy, app_as):
    at = app_as(user=None)
    assert not at.exception
    assert at.title[0].value == "Masuk ke Talenta ASN"
    assert not at.metric and not at.get("plotly_chart")
    # no page script other than the login form is even registered while nobody is logged in
    with pytest.raises(ValueError, match="Could not find a navigation page") as err:
        at.switch_page("app_pages/sembilan_kotak.py")
    assert "beranda.py" not in str(err.value) and "impor.py" not in str(err.value)


def test_login_with_wrong_then_right_password(real_copy, app_as):
    make_user(real_copy, "komite1", "komite")
    at = app_as(user=None)
    at.text_input(key="masuk_username").input("komite1")
    at.text_input(key="masuk_password").input("salah-sekali")
    at.button[0].click().run()
    assert at.error[0].value == ("Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan gagal dari "
                                 "perangkat ini. Periksa lalu coba lagi sebentar lagi.")
    at.text_input(key="masuk_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value == "Beranda"
    assert any("komite1" in c.value for c in at.sidebar.caption)


def test_operator_sees_only_their_opd_even_with_a_crafted_filter(real_copy, app_as):
    at = app_as(real_copy, "op.dinkes", "operator", "DINKES", run=False)
    at.query_params["opd"] = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    at.run()
    assert not at.exception
    s = open_store(real_copy)
    expected = s.headline(2025, scope=Scope(("DINKES",)))["asn"]
    s.close()
    assert _metric(at, "Jumlah ASN") == f"{expected:,}".replace(",", ".")
    assert at.sidebar.multiselect(key="opd").options == ["Dinas Kesehatan"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/impor.py")


def test_operator_profile_of_another_opd_shows_nothing(real_copy):
    s = open_store(real_copy)
    outsider = s.population(2025).query("opd_id != 'DINKES'")["nip"].iloc[0]
    s.close()

    def script(nip: str, db: str):
        import os
        os.environ["TALENTA_DB"] = db
        from data.store import Scope
        from ui import profile
        profile.render(nip, 2025, Scope(("DINKES",)))

    at = AppTest.from_function(script, args=(outsider, str(real_copy)), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.info[0].value == "Data ASN ini tidak tersedia dalam saringan Anda."
    assert not at.metric and not at.dataframe


def test_admin_sees_admin_pages_and_audit_log(real_copy, app_as):
    at = app_as(real_copy)
    at.switch_page("app_pages/audit.py").run()
    assert not at.exception
    assert at.title[0].value == "Log Audit"
    log = at.dataframe[0].value
    assert "Pengguna ditambahkan" in set(log["action"])   # the action in words, not its code


def test_pimpinan_cannot_open_admin_pages(real_copy, app_as):
    at = app_as(real_copy, "pimpinan1", "pimpinan")
    assert at.title[0].value == "Beranda"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/impor.py")  # not in this role's navigation at all


def test_idle_session_is_logged_out(real_copy, app_as):
    """Idle time is the server's: a login session last active 3 hours ago (limit 120 minutes) ends."""
    at = app_as(real_copy, run=False)
    s = open_store(real_copy)
    s._con.execute("UPDATE login_session SET terakhir_aktif = terakhir_aktif - INTERVAL 3 HOUR")
    s.close()
    at.run()
    assert at.title[0].value == "Masuk ke Talenta ASN"
    assert "lama tidak aktif" in at.info[0].value


def test_logout(real_copy, app_as):
    at = app_as(real_copy)
    at.sidebar.button(key="keluar").click().run()
    assert at.title[0].value == "Masuk ke Talenta ASN"
    assert at.info[0].value == "Anda telah keluar."


def test_demo_mode_opens_without_login_and_read_only(demo_copy, app_as):
    at = app_as(user=None)
    assert not at.exception
    assert at.title[0].value == "Beranda"
    assert any("Data sintetis" in w.value for w in at.warning)
    assert any("Mode peragaan" in c.value for c in at.sidebar.caption)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/impor.py")
    at.switch_page("app_pages/masuk.py").run()  # an admin can log in from here
    assert at.title[0].value == "Masuk ke Talenta ASN"
