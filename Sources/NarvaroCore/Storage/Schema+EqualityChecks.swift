// The CHECK constraints that list allowed values, rewritten from `IN (…)` to `=` … `OR`: SQLite
// 3.40 builds a temporary B-tree for a CHECK's IN list on every row written, ~4 per swipe.

extension Schema {
    /// Found by a callgrind profile of a batch (docs/benchmarks.md, "SQLite's work per swipe"):
    /// `EXPLAIN` of the check-in insert shows `OpenEphemeral` for `outcome IN (…)`, and each outbox
    /// note (a trigger on `day_totals`, `first_visits`) one for `kind IN (…)`; opening one zeroes its
    /// pages and sets up a pager, more instructions than the row's own B-tree insert. The conditions
    /// are equivalent (the columns are NOT NULL), so no row needs checking: SQLite's documented
    /// `writable_schema` procedure for changing a CHECK constraint edits the stored CREATE TABLE text;
    /// `NarvaroDatabase.migrate` then bumps `schema_version` so every connection reads the new text.
    /// Its own constant: the position in `migrations` may change when branches merge.
    static let equalityChecks = """
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = replace(sql,
        'CHECK (outcome IN (''counted'',''unknown'',''duplicate'',''revoked'',''activity''))',
        'CHECK (outcome = ''counted'' OR outcome = ''unknown'' OR outcome = ''duplicate'' OR outcome = ''revoked'' OR outcome = ''activity'')')
        WHERE type = 'table' AND name = 'checkins';
    UPDATE sqlite_schema SET sql = replace(replace(sql,
        'CHECK (gender IN (''woman'',''man'',''other'',''unstated''))',
        'CHECK (gender = ''woman'' OR gender = ''man'' OR gender = ''other'' OR gender = ''unstated'')'),
        'CHECK (role IN (''participant'',''volunteer'',''staff''))',
        'CHECK (role = ''participant'' OR role = ''volunteer'' OR role = ''staff'')')
        WHERE type = 'table' AND name = 'visitors';
    UPDATE sqlite_schema SET sql = replace(sql,
        'CHECK (kind IN (''day'', ''period'', ''venue''))',
        'CHECK (kind = ''day'' OR kind = ''period'' OR kind = ''venue'')')
        WHERE type = 'table' AND name = 'central_outbox';
    PRAGMA writable_schema = OFF;
    """

    /// Migrations that edit the stored schema text: the migrating connection keeps its parsed schema
    /// until `schema_version` changes.
    static func editsSchemaText(_ migration: String) -> Bool { migration.contains("writable_schema") }
}
