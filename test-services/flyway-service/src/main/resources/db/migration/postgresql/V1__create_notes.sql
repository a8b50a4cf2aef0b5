CREATE TABLE notes (
    id         BIGSERIAL PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- a slow first migration, as a big table copy would be
SELECT pg_sleep(2);
