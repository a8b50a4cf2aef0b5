-- Items created through the API; the cross-replica state probe reads them back from every replica.
CREATE TABLE items (
  id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  body       LONGTEXT     NOT NULL,
  created_by VARCHAR(100) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB;
