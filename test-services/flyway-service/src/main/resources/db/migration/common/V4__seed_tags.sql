INSERT INTO tags (name) VALUES ('todo'), ('idea'), ('done');
