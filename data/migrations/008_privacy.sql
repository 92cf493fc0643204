-- 008: the anonymisation switch.
-- A per-installation secret for stable pseudonyms: a pseudonym is an HMAC of the NIP under this key,
-- so nobody holding a list of NIPs can recompute it (NIPs are structured and easy to enumerate).
-- Changing the value gives everyone new pseudonyms.
INSERT INTO setting VALUES
 ('kunci_samaran', md5(gen_random_uuid()::VARCHAR) || md5(gen_random_uuid()::VARCHAR),
  'Kunci rahasia samaran nama/NIP, acak per instalasi (UU 27/2022: pseudonimisasi)');

-- A role for broadcast and launch-event screens: sees everything, never identities.
INSERT INTO role VALUES
 ('tamu', 'Layar Presentasi', 'lihat', 'semua', 'Untuk layar siaran/peluncuran: nama dan NIP selalu disamarkan');
