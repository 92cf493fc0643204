"""The one masking step of files: what a workbook carries with the switch on and off."""
from __future__ import annotations

import io
import zipfile

import pandas as pd

from analytics.anonymise import MASK, anonymise_people, masked_nip, pseudonym
from reports.masking import SHOW, Masking
from reports.workbook import workbook

KEY = b"kunci-uji-penyamaran-0123456789"
NIP, OTHER = "198601012010011001", "199002022015022002"


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"nip": [NIP], "nama": ["Budi Santoso"], "jabatan": ["Kepala Dinas Kesehatan"],
                         "jenjang_jabatan": ["JPT Pratama"], "alasan": [f"Menggantikan {OTHER}; lihat {NIP}."],
                         "hasil": pd.Categorical([f"catatan {OTHER}"])})


def test_masking_hides_names_nips_and_nips_inside_text():
    out = Masking(KEY).frame(_frame())
    row = out.iloc[0]
    assert row["nama"] == pseudonym(NIP, KEY) and row["nip"].startswith(MASK)
    assert row["jabatan"] == "JPT Pratama"
    text = " ".join(map(str, row.tolist()))
    assert NIP not in text and OTHER not in text and "Budi" not in text
    assert row["hasil"] == f"catatan {masked_nip(OTHER, KEY)}"          # categorical text too
    assert Masking(KEY).text(f"Jabatan {OTHER}") == f"Jabatan {masked_nip(OTHER, KEY)}"


def test_masking_twice_keeps_the_same_pseudonyms():
    once = Masking(KEY).frame(_frame())
    assert Masking(KEY).frame(once).equals(once)
    screen = anonymise_people(_frame(), KEY)[0]          # anonymised for the screen, then for the file
    assert Masking(KEY).frame(screen)["nama"].iloc[0] == screen["nama"].iloc[0]
    assert anonymise_people(screen, KEY)[1] == {}          # no masked → masked entry in the click map


def test_show_changes_nothing_and_the_workbook_applies_the_masking():
    frame = _frame()
    assert SHOW.frame(frame) is frame and SHOW.text(NIP) == NIP

    def xml(data: bytes) -> str:
        z = zipfile.ZipFile(io.BytesIO(data))
        return "".join(z.read(n).decode("utf-8") for n in z.namelist())
    title, context = f"Daftar {NIP}", [("Pemangku", OTHER)]
    shown = xml(workbook({"Data": frame}, title, context, masking=SHOW))
    assert NIP in shown and OTHER in shown and "Budi Santoso" in shown
    hidden = xml(workbook({"Data": frame}, title, context, masking=Masking(KEY)))
    assert NIP not in hidden and OTHER not in hidden and "Budi" not in hidden
