-- Items created through the API; the cross-replica state probe reads them back from every replica.
CREATE TABLE items (
  id         BIGSERIAL    PRIMARY KEY,
  body       TEXT         NOT NULL,
  created_by VARCHAR(100) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
