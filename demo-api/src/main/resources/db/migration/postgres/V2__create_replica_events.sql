-- An audit trail of what each replica did; a second table so a migration race has more than one step to lose.
CREATE TABLE replica_events (
  id         BIGSERIAL    PRIMARY KEY,
  replica    VARCHAR(100) NOT NULL,
  event      VARCHAR(200) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
