-- 012: the share of placed ASN discussed under which the penetapan review names a breach (the chair must
-- acknowledge it by name before finalising; it does not block). Not a regulation: Permen PANRB 3/2020 sets
-- no minimum; a committee's own rules of procedure may (docs/decisions/0014-penetapan-review-and-minutes.md).
INSERT INTO setting VALUES
 ('penetapan_cakupan_minimal', '10',
  'Persen ASN terpetakan yang dibahas, di bawahnya tinjauan penetapan mencatat pelanggaran (R: kebijakan '
  || 'internal rapat komite, bukan ketentuan Permen PANRB 3/2020; sesuaikan dengan tata tertib komite)')
ON CONFLICT DO NOTHING;
