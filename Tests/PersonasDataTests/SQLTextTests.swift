import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// Identifiers and string literals as each dialect spells them.
@Suite("SQL spelling per dialect")
struct SQLTextTests {
    static let hostile = "it's \"a\" `b` back\\slash -- ; /* é\nx\\"

    // Fails on main before this change: identifiers were double-quoted in every dialect, which
    // Spark reads as a string literal.
    @Test("Identifiers: double quotes doubled inside, backticks doubled inside in Spark")
    func identifiers() {
        for dialect in [SQLDialect.ansi, .postgres, .sqlite, .trino] {
            #expect(dialect.identifier("a\"b`c") == "\"a\"\"b`c\"")
        }
        #expect(SQLDialect.spark.identifier("a\"b`c") == "`a\"b``c`")
    }

    // Fails on main before this change: backslashes were left as they are, which Spark and
    // Snowflake read as an escape (a trailing one ate the closing quote).
    @Test("Literals: quotes doubled; backslash as CHR(92) in ansi and postgres, escaped in Spark, itself in SQLite and Trino")
    func literals() {
        #expect(SQLDialect.sqlite.text("a'b\\") == "'a''b\\'")
        #expect(SQLDialect.trino.text("a'b\\") == "'a''b\\'")
        #expect(SQLDialect.ansi.text("a'b") == "'a''b'")
        #expect(SQLDialect.ansi.text("a\\b\\") == "('a' || CHR(92) || 'b' || CHR(92) || '')")
        #expect(SQLDialect.postgres.text("\\") == "('' || CHR(92) || '')")
        #expect(SQLDialect.spark.text("a'b\\c") == "'a\\'b\\\\c'")
        #expect(SQLDialect.spark.text("${x}") == "'\\u0024{x}'")
        for dialect in [SQLDialect.ansi, .postgres] {
            #expect(!dialect.text(Self.hostile).contains("\\"), "\(dialect): no backslash reaches the lexer")
        }
    }

    @Test("SQLite reads every literal and identifier back byte for byte")
    func sqliteRoundTrip() throws {
        guard SQLite.isAvailable else { return }
        let directory = try TemporaryDirectory()
        let sqlite = SQLDialect.sqlite
        let script = """
            .mode list
            CREATE TABLE t (\(sqlite.identifier(Self.hostile)) TEXT);
            INSERT INTO t VALUES (\(sqlite.text(Self.hostile)));
            SELECT hex(\(sqlite.identifier(Self.hostile))) FROM t;
            SELECT hex(name) FROM pragma_table_info('t');
            """
        let output = try SQLite.run(script, in: directory).split(separator: "\n").map(String.init)
        let hex = Data(Self.hostile.utf8).map { String(format: "%02X", $0) }.joined()
        #expect(output == [hex, hex])
    }
}
