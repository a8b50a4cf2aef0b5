-- A migration that takes measurable time (filling a table), so replicas that start together really overlap.
CREATE TABLE reference_numbers (
  n     INT         NOT NULL PRIMARY KEY,
  label VARCHAR(40) NOT NULL
);

INSERT INTO reference_numbers (n, label)
SELECT seq, 'ref-' || LPAD(seq::text, 8, '0') FROM generate_series(1, 300000) AS seq;
