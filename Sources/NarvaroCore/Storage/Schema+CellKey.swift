// The persons' random keys for the cell-key method (`export --protect cell-key`): one per visitor
// row, so `forget` and retention delete it with the person. The central push never reads it.

extension Schema {
    /// Existing visitors get a key now; new ones when inserted (SQLite's random() draws from the
    /// operating system's randomness). Its own constant: the position in `migrations` may change
    /// when branches merge.
    static let cellKeyMigration = """
    ALTER TABLE visitors ADD COLUMN cell_key INTEGER;
    UPDATE visitors SET cell_key = random();
    CREATE TRIGGER visitors_cell_key AFTER INSERT ON visitors WHEN NEW.cell_key IS NULL BEGIN
        UPDATE visitors SET cell_key = random() WHERE id = NEW.id;
    END;
    """
}
