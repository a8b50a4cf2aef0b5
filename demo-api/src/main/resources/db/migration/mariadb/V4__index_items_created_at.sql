CREATE INDEX items_created_at ON items (created_at);
