-- 010: a computed JPM is capped per competency by default.
-- The official JPM of an assessment file (jpm_sumber) is the person's JPM; a JPM is computed from
-- competency levels only where the file has none. 'ya' = each attained level counts at most as the
-- required level (SKJ) before summing: JPM = Σ min(capaian, standar) / Σ standar × 100, so ≤ 100 and a
-- surplus in one competency does not hide a gap in another (docs/decisions/0016-official-jpm.md).
-- Only the untouched default row changes: a value set on purpose stays.
UPDATE setting
   SET value = 'ya',
       sumber = 'JPM yang dihitung dari level: capaian di atas standar dihitung sama dengan standar, per kompetensi, '
                || 'sehingga JPM paling tinggi 100 (R: praktik pemetaan kompetensi; laporan CACT/asesmen memuat '
                || 'JPM 0–100). Sebagian sistem tidak membatasi: isi ''tidak'' bila instansi memakai cara itu'
 WHERE key = 'jpm_maksimal_100'
   AND value = 'tidak'
   AND sumber = 'Sebagian sistem membatasi JPM pada 100 (C); default tidak dibatasi';
