-- A migration that takes measurable time (filling a table), so replicas that start together really overlap.
CREATE TABLE reference_numbers (
  n     INT         NOT NULL PRIMARY KEY,
  label VARCHAR(40) NOT NULL
) ENGINE=InnoDB;

INSERT INTO reference_numbers (n, label)
SELECT seq, CONCAT('ref-', LPAD(seq, 8, '0')) FROM seq_1_to_300000;
