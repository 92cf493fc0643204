-- 007: eligibility rules found wanting while building succession.
-- PP 11/2017 jo. PP 17/2020 asks for "paling rendah S1 atau D-IV": D-IV counts.
UPDATE rule_eligibility SET nilai = 'S1;D4',
       sumber = 'PP 11/2017 jo. PP 17/2020 (V): paling rendah S1 atau D-IV'
 WHERE jenjang_target = 'JPT Pratama' AND parameter = 'pendidikan_minimal';

-- Administrator and Pengawas had only the box rule: a box-9 pelaksana showed as ready for an
-- administrator post. Feeder levels below are a conservative reading of practice (R): adjust per agency.
INSERT INTO rule_eligibility VALUES
 ('Administrator', 'jabatan_sebelumnya', 'Pengawas;JF Ahli Muda;JF Ahli Madya', 'Praktik umum jenjang karier (R); atur per instansi'),
 ('Administrator', 'pendidikan_minimal', 'S1;D4', 'Praktik umum (R); atur per instansi'),
 ('Pengawas', 'jabatan_sebelumnya', 'Pelaksana;JF Ahli Pertama;JF Ahli Muda;JF Penyelia;JF Mahir', 'Praktik umum jenjang karier (R); atur per instansi'),
 ('Pengawas', 'pendidikan_minimal', 'D3', 'Praktik umum (R); atur per instansi');
