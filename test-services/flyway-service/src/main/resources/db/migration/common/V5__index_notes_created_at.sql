CREATE INDEX idx_notes_created_at ON notes (created_at);
