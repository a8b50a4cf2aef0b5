CREATE TABLE tags (
    id   BIGSERIAL PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    CONSTRAINT uk_tags_name UNIQUE (name)
);
