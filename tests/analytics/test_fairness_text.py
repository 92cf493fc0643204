"""The fairness panel's plain sentences, on hand-made placements whose shares and means are known:
a clear difference, no difference, too few people to say, several groups, a flagged group, English."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.fairness import analyse
from analytics.fairness_text import box_span, findings
from tests.analytics.test_fairness import GENEROUS, _people

# box -> (performance value, potential value) of everyone put there
VALUES = {9: (100.0, 95.0), 5: (80.0, 83.0), 1: (40.0, 70.0)}
SEX = {"L": "laki-laki", "P": "perempuan"}


def placed(spec: dict[str, dict[int, int]], attribute: str = "jenis_kelamin") -> pd.DataFrame:
    """``spec``: group -> {box: people}; everyone in a box has that box's VALUES."""
    rows = [dict(kotak=k, kinerja_nilai=VALUES[k][0], potensial_nilai=VALUES[k][1], **{attribute: g})
            for g, per_box in spec.items() for k, n in per_box.items() for _ in range(n)]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def boxes(rules):
    return rules.boxes


def test_a_clear_difference_between_two_groups(boxes):
    # boxes 7–9: 150 of 500 men (30%), 60 of 500 women (12%)
    res = analyse(placed({"L": {9: 150, 5: 350}, "P": {9: 60, 5: 400, 1: 40}}), "jenis_kelamin", boxes)
    box, kinerja, potensial = findings(res, boxes, SEX)
    assert box.sentence == ("Perempuan lebih jarang masuk kotak 7–9 dibanding laki-laki (12% vs 30%); "
                            "perbedaan ini kecil kemungkinannya kebetulan.")
    assert box.notable and box.tingkat == "kecil"
    assert kinerja.sentence.startswith("Perempuan rata-rata mendapat nilai kinerja lebih rendah daripada laki-laki "
                                       "(79,2 vs 86,0)")
    assert potensial.topic == "potensial" and potensial.notable
    for f in (box, kinerja, potensial):   # the statistics stay out of the sentence
        assert not any(word in f.sentence for word in ("p=", "p<", "chi", "Mann", "Kruskal", "Cramér", "Holm"))


def test_no_difference_says_it_could_be_chance(boxes):
    res = analyse(placed({"L": {9: 20, 5: 80}, "P": {9: 20, 5: 80}}), "jenis_kelamin", boxes)
    found = findings(res, boxes, SEX)
    assert [f.tingkat for f in found] == ["tidak ada"] * 3 and not any(f.notable for f in found)
    assert found[0].sentence == ("Sebaran kotak tidak berbeda nyata menurut jenis kelamin: kotak 7–9 20% (laki-laki) "
                                 "dan 20% (perempuan); selisih sebesar ini bisa terjadi karena kebetulan.")
    assert found[1].sentence == ("Nilai kinerja tidak berbeda nyata menurut jenis kelamin: rata-rata 84,0 (laki-laki) "
                                 "dan 84,0 (perempuan); selisih sebesar ini bisa terjadi karena kebetulan.")


def test_too_few_to_say_names_no_group(boxes):
    res = analyse(placed({"Unit Kecil": {9: 3}, "Dinas Besar": {9: 20, 5: 80}}, "opd_nama"), "opd_nama", boxes)
    [only] = findings(res, boxes)
    assert only.topic == "data" and not only.notable
    assert only.sentence == ("Data tidak cukup untuk menilai perbedaan menurut OPD: kurang dari dua kelompok yang "
                             "beranggotakan sedikitnya 5 orang.")
    assert "Unit Kecil" not in only.sentence and "Dinas Besar" not in only.sentence


def test_several_groups_name_the_highest_and_lowest(boxes):
    res = analyse(placed({"Dinas A": {9: 40, 5: 60}, "Dinas B": {9: 20, 5: 80}, "Dinas C": {9: 5, 5: 95},
                          "Unit Kecil": {9: 4}}, "opd_nama"), "opd_nama", boxes)
    box, kinerja, _ = findings(res, boxes)
    assert box.sentence == ("Bagian yang masuk kotak 7–9 berbeda menurut OPD: tertinggi Dinas A (40%), terendah "
                            "Dinas C (5%); perbedaan ini cukup besar dan kecil kemungkinannya kebetulan.")
    assert kinerja.sentence.startswith("Nilai kinerja berbeda menurut OPD: rata-rata tertinggi Dinas A (88,0), "
                                       "terendah Dinas C (81,0)")
    assert "Unit Kecil" not in " ".join(f.sentence for f in findings(res, boxes))   # under five: never named


def test_the_band_that_differs_most_carries_the_sentence(boxes):
    # boxes 7–9: 24% vs 20%; 4–6: 74% vs 50%; 1–3: 2% vs 30%, the widest gap
    res = analyse(placed({"L": {9: 120, 5: 370, 1: 10}, "P": {9: 100, 5: 250, 1: 150}}), "jenis_kelamin", boxes)
    box = findings(res, boxes, SEX)[0]
    assert box.sentence.startswith("Perempuan lebih sering masuk kotak 1–3 dibanding laki-laki (30% vs 2%)")


def test_a_flagged_group_gets_its_own_sentence(boxes):
    rng = np.random.default_rng(11)
    df = _people(rng, boxes, {"Dinas A": 200, "Dinas B": 200, "Dinas C": 200},
                 perf={"Dinas C": GENEROUS}, pot_shift={"Dinas C": -6.0})
    res = analyse(df, "opd_nama", boxes)
    assert res.flagged == ["Dinas C"]
    flagged = [f for f in findings(res, boxes) if f.topic == "ditandai"]
    assert len(flagged) == 1 and flagged[0].notable
    assert flagged[0].sentence.startswith("Dinas C dinilai lebih tinggi pada kinerja tetapi lebih rendah pada "
                                          "potensial dibanding kelompok lain (persentil ")


def test_english(boxes):
    res = analyse(placed({"L": {9: 150, 5: 350}, "P": {9: 60, 5: 400, 1: 40}}), "jenis_kelamin", boxes)
    box = findings(res, boxes, {"L": "men", "P": "women"}, lang="en")[0]
    assert box.sentence == ("Women are less often in boxes 7–9 than men (12% vs 30%); this difference is unlikely "
                            "to be chance.")


def test_box_span_reads_the_rule_table(boxes):
    assert (box_span(boxes, "atas"), box_span(boxes, "tengah"), box_span(boxes, "bawah")) == ("7–9", "4–6", "1–3")
