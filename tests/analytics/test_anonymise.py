"""Pseudonyms, masked NIPs and small-group suppression (analytics/anonymise.py)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.anonymise import MASK, anonymise_people, code, mask_nips_in_text, masked_nip, pseudonym, suppress_small

KEY = b"k" * 32
NIPS = ["198703152010012001", "199001012015032002", "197512302000121003"]


def _people() -> pd.DataFrame:
    return pd.DataFrame({"nip": NIPS, "nama": ["Siti Aminah", "Budi Santoso", "Ahmad Fauzi"],
                         "gelar_depan": ["Dr.", None, "Ir."], "gelar_belakang": ["M.Si", "S.Kom", None],
                         "tanggal_lahir": pd.to_datetime(["1987-03-15", "1990-01-01", "1975-12-30"]),
                         "jabatan": ["Kepala Dinas Kesehatan", "Analis SDM", "Camat Serang"],
                         "jenjang_jabatan": ["JPT Pratama", "JF Ahli Pertama", "Administrator"],
                         "opd_nama": ["Dinas Kesehatan", "BKPSDM", "Kecamatan Serang"], "kotak": [9, 5, 7]})


def test_pseudonym_is_stable_per_key_and_unlinkable_without_it():
    assert pseudonym(NIPS[0], KEY) == pseudonym(NIPS[0], KEY)
    assert pseudonym(NIPS[0], KEY) != pseudonym(NIPS[1], KEY)
    assert pseudonym(NIPS[0], KEY) != pseudonym(NIPS[0], b"another key")
    assert len({code(f"19870315201001{i:04d}", KEY) for i in range(5000)}) == 5000


def test_masked_nip_keeps_the_length_and_no_digit_run_of_the_nip():
    m = masked_nip(NIPS[0], KEY)
    assert len(m) == 18 and m.startswith(MASK)
    assert not any(NIPS[0][i:i + 4] in m for i in range(15))


def test_anonymise_people_hides_identity_and_keeps_the_rest():
    out, back = anonymise_people(_people(), KEY)
    text = out.astype(str).to_string()
    for real in ["Siti", "Budi", "Fauzi", "M.Si", "Dr.", "Kepala Dinas Kesehatan", "Camat", "1987-03-15", *NIPS]:
        assert real not in text
    assert out["kotak"].tolist() == [9, 5, 7] and out["opd_nama"].tolist() == _people()["opd_nama"].tolist()
    assert out["jabatan"].tolist() == ["JPT Pratama", "JF Ahli Pertama", "Administrator"]
    assert out["nama"].iloc[0] == pseudonym(NIPS[0], KEY)
    assert {back[m] for m in out["nip"]} == set(NIPS)          # a click on a masked NIP finds the person
    assert _people()["nama"].iloc[0] == "Siti Aminah"            # the input is not modified


def test_anonymising_copies_only_the_identity_columns_and_leaves_the_frame_as_it_was():
    """The anonymised frame of a national roll is cached next to the real one: the columns it keeps
    share the real frame's memory, and replacing its identity columns leaves the real frame intact."""
    people = _people()
    out, _ = anonymise_people(people, KEY)
    assert np.shares_memory(out["kotak"].to_numpy(), people["kotak"].to_numpy())
    assert people["nip"].tolist() == NIPS and people["nama"].iloc[1] == "Budi Santoso"
    assert people["jabatan"].iloc[0] == "Kepala Dinas Kesehatan" and people["gelar_depan"].iloc[0] == "Dr."


def test_a_name_without_its_nip_is_hidden_not_kept():
    out, _ = anonymise_people(pd.DataFrame({"nama": ["Siti Aminah"], "kotak": [9]}), KEY)
    assert out["nama"].tolist() == ["–"]


def test_suppress_small_hides_counts_one_to_four_only():
    shown = suppress_small(pd.Series([0, 1, 4, 5, 120]), 5)
    assert shown.tolist() == ["0", "< 5", "< 5", "5", "120"]


def test_nips_in_free_text_are_masked():
    out = mask_nips_in_text(pd.Series([f"nip:{NIPS[0]}", '{"nip": "' + NIPS[1] + '"}', "periode:2025", None]), KEY)
    assert NIPS[0] not in out[0] and masked_nip(NIPS[0], KEY) in out[0]
    assert NIPS[1] not in out[1]
    assert out[2] == "periode:2025" and pd.isna(out[3])
