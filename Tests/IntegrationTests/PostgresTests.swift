import DalaPostgres
import Foundation
import Testing

// MARK: - Pure tests (no server)

@Suite("DalaPostgres: queries and codecs (no server)")
struct PostgresQueryCodecTests {
    @Test func interpolatedValuesBecomeNumberedParameters() {
        let id = 42
        let name = "O'Brien; DROP TABLE docs"
        let q: PostgresQuery = "SELECT * FROM t WHERE id = \(id) AND name = \(name)"
        #expect(q.sql == "SELECT * FROM t WHERE id = $1 AND name = $2")
        #expect(q.binds == [
            PostgresBind(value: "42", typeOID: PostgresTypeOID.int8),
            PostgresBind(value: name, typeOID: PostgresTypeOID.unspecified),
        ])
    }

    @Test func optionalNilIsTypedNull() {
        let missing: UUID? = nil
        let present: Int32? = 7
        let q: PostgresQuery = "INSERT INTO t VALUES (\(missing), \(present))"
        #expect(q.sql == "INSERT INTO t VALUES ($1, $2)")
        #expect(q.binds == [
            PostgresBind(value: nil, typeOID: PostgresTypeOID.uuid),
            PostgresBind(value: "7", typeOID: PostgresTypeOID.int4),
        ])
    }

    @Test func unescapedAndIdentifierSpliceRawSQL() {
        let column = "created_at"
        let q: PostgresQuery = "SELECT * FROM \(identifier: "public.my \"docs\"") ORDER BY \(unescaped: column) LIMIT \(10)"
        #expect(q.sql == #"SELECT * FROM "public"."my ""docs""" ORDER BY created_at LIMIT $1"#)
        #expect(q.binds.count == 1)
    }

    @Test func fragmentsAreRenumbered() {
        let filter: PostgresQuery = "lang = \("kk") AND year > \(2020)"
        var q: PostgresQuery = "SELECT id FROM docs WHERE source = \("tengri") AND \(fragment: filter)"
        q.append(" LIMIT \(5)")
        #expect(q.sql == "SELECT id FROM docs WHERE source = $1 AND lang = $2 AND year > $3 LIMIT $4")
        #expect(q.binds.map(\.value) == ["tengri", "kk", "2020", "5"])
        #expect(q.description == q.sql)  // values never printed
    }

    @Test func scalarEncodings() {
        #expect(Int.max.postgresText == "9223372036854775807")
        #expect(Int32.min.postgresText == "-2147483648")
        #expect(Int64(-5).postgresText == "-5")
        #expect(0.1.postgresText == "0.1")
        #expect(Double.infinity.postgresText == "Infinity")
        #expect((-Double.infinity).postgresText == "-Infinity")
        #expect(Double.nan.postgresText == "NaN")
        #expect(true.postgresText == "true")
        #expect(false.postgresText == "false")
        let uuid = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        #expect(uuid.postgresText == "e621e1f8-c36c-495a-93fc-0c247a3e6e5f")
        #expect(Int.postgresTypeOID == 20 && Int32.postgresTypeOID == 23 && Double.postgresTypeOID == 701)
        #expect(Bool.postgresTypeOID == 16 && UUID.postgresTypeOID == 2950 && Date.postgresTypeOID == 1184)
    }

    @Test func scalarDecodings() throws {
        #expect(try Int(postgresText: "-17") == -17)
        #expect(try Double(postgresText: "Infinity") == .infinity)
        #expect(try Double(postgresText: "NaN").isNaN)
        #expect(try Double(postgresText: "1e-300") == 1e-300)
        #expect(try Bool(postgresText: "t") == true)
        #expect(try Bool(postgresText: "f") == false)
        #expect(throws: PostgresError.self) { try Int(postgresText: "12.5") }
        #expect(throws: PostgresError.self) { try Bool(postgresText: "yes") }
    }

    @Test func dateEncodingIsISO8601UTCWithMicroseconds() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        #expect(date.postgresText == "2023-11-14T22:13:20.123456Z")
        #expect(Date(timeIntervalSince1970: 0).postgresText == "1970-01-01T00:00:00Z")
        #expect(Date(timeIntervalSince1970: -1).postgresText == "1969-12-31T23:59:59Z")
        // 1 BC in PostgreSQL's calendar is astronomical year 0.
        let bc = try Date(postgresText: "0001-01-01 00:00:00+00 BC")
        #expect(bc.postgresText == "0001-01-01T00:00:00Z BC")
    }

    @Test func dateDecodingHandlesServerOutputForms() throws {
        let base = 1_700_000_000.0  // 2023-11-14 22:13:20 UTC
        #expect(try Date(postgresText: "2023-11-14 22:13:20+00").timeIntervalSince1970 == base)
        #expect(try Date(postgresText: "2023-11-14 22:13:20.5+00").timeIntervalSince1970 == base + 0.5)
        #expect(try Date(postgresText: "2023-11-15 04:13:20+06").timeIntervalSince1970 == base)  // Almaty
        #expect(try Date(postgresText: "2023-11-15 03:43:20+05:30").timeIntervalSince1970 == base)
        #expect(try Date(postgresText: "2023-11-14 20:13:20-02").timeIntervalSince1970 == base)
        #expect(try Date(postgresText: "2023-11-14T22:13:20Z").timeIntervalSince1970 == base)
        #expect(try Date(postgresText: "2023-11-14 22:13:20").timeIntervalSince1970 == base)  // timestamp: UTC
        #expect(try Date(postgresText: "2023-11-14").timeIntervalSince1970 == base - 22 * 3600 - 13 * 60 - 20)
        #expect(try Date(postgresText: "infinity") == .distantFuture)
        #expect(try Date(postgresText: "-infinity") == .distantPast)
        #expect(throws: PostgresError.self) { try Date(postgresText: "14.11.2023") }
        #expect(throws: PostgresError.self) { try Date(postgresText: "2023-11-14 22:13:20+00 junk") }
    }

    @Test func arrayLiterals() throws {
        let strings = ["plain", "with,comma", "quote\"d", "back\\slash", "", "NULL", "Қазақстан"]
        #expect(strings.postgresText == #"{"plain","with,comma","quote\"d","back\\slash","","NULL","Қазақстан"}"#)
        #expect([String].postgresTypeOID == PostgresTypeOID.textArray)
        #expect([1, -2, 3].postgresText == #"{"1","-2","3"}"#)
        #expect([Int].postgresTypeOID == PostgresTypeOID.int8Array)
        #expect([String]().postgresText == "{}")
        // Server output: unquoted when possible, NULL unquoted, optional bounds prefix.
        #expect(try [String](postgresText: #"{plain,"with,comma","quote\"d","back\\slash","","NULL",Қазақстан}"#)
            == strings)
        #expect(try [Int](postgresText: "{1,-2,3}") == [1, -2, 3])
        #expect(try [Int](postgresText: "[0:1]={7,8}") == [7, 8])
        #expect(try [Int](postgresText: "{}") == [])
        #expect(throws: PostgresError.self) { try [String](postgresText: "{a,NULL}") }
        #expect(throws: PostgresError.self) { try [Int](postgresText: "{{1,2},{3,4}}") }
    }

    @Test func byteaIsHex() throws {
        let bytes: [UInt8] = [0x00, 0xff, 0x10, 0x5c]
        #expect(bytes.postgresText == #"\x00ff105c"#)
        #expect(Data(bytes).postgresText == #"\x00ff105c"#)
        #expect([UInt8].postgresTypeOID == PostgresTypeOID.bytea && Data.postgresTypeOID == PostgresTypeOID.bytea)
        #expect(try [UInt8](postgresText: #"\x00FF105c"#) == bytes)
        #expect(try Data(postgresText: #"a\\b\001"#) == Data([0x61, 0x5c, 0x62, 0x01]))  // escape format
        #expect(throws: PostgresError.self) { try Data(postgresText: #"\x0g"#) }
    }

    @Test func jsonFromEncodable() throws {
        struct Doc: Codable, Equatable { var title: String; var lang: String; var year: Int }
        let doc = Doc(title: "Сайлау / election", lang: "ru", year: 2024)
        let json = try PostgresJSON(encoding: doc)
        #expect(json.rawJSON == #"{"lang":"ru","title":"Сайлау / election","year":2024}"#)
        #expect(PostgresJSON.postgresTypeOID == PostgresTypeOID.jsonb)
        #expect(try json.decode(as: Doc.self) == doc)
        #expect(throws: PostgresError.self) { try PostgresJSON(rawJSON: "[1]").decode(as: Doc.self) }
    }

    @Test func copyTextEscaping() {
        let row: [String?] = ["a\tb", "line1\nline2", #"back\slash"#, nil, "cr\r", "", #"\N"#]
        let expected = [#"a\tb"#, #"line1\nline2"#, #"back\\slash"#, #"\N"#, #"cr\r"#, "", #"\\N"#]
        #expect(PostgresCopyText.encodeRow(row) == expected.joined(separator: "\t") + "\n")
        #expect(PostgresCopyText.encodeRow(["ok", "nul\u{0}byte"]) == nil)
    }

    /// Rows written field by field are byte for byte the rows `append` writes from arrays, problems included.
    @Test func fieldByFieldRowsAreTheArrayRows() {
        let rows: [[String?]] = [["a\tb", "line1\nline2", #"back\slash"#, nil, "cr\r", "", #"\N"#],
                                 ["Қазақстан", "0", "-42", "9223372036854775807", "-9223372036854775808", nil, "x"]]
        var arrays = PostgresCopyRows(columns: 7), fields = PostgresCopyRows(columns: 7)
        for row in rows { arrays.append(row) }
        for row in rows {
            fields.beginRow()
            for value in row {
                // Integers go in as integers (written in decimal), the rest as text.
                if let v = value, let n = Int(v), String(n) == v { fields.field(n) } else { fields.field(value) }
            }
            fields.endRow()
        }
        #expect(fields.chunks == arrays.chunks && fields.count == 2 && fields.problem == nil)
        fields.beginRow(); fields.field(nil as Int?); fields.endRow()  // one value of seven
        arrays.append([nil])
        #expect(fields.chunks == arrays.chunks && fields.problem == arrays.problem && fields.problem != nil)
        var nul = PostgresCopyRows(columns: 2)
        nul.beginRow(); nul.field(1); nul.field("nul\u{0}byte"); nul.endRow()
        nul.beginRow(); nul.field(2); nul.field("fine"); nul.endRow()
        #expect(nul.problem == "COPY row 1 contains a NUL byte" && nul.count == 2 && nul.byteCount == 0)
    }

    /// Ids travel as text both ways (parameters, arrays, COPY, results): the byte-wise form and parse must be
    /// Foundation's, and any text that is not canonical must be read exactly as `UUID(uuidString:)` reads it.
    @Test func uuidTextIsFoundations() throws {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(id.canonicalText == id.uuidString.lowercased())
            #expect(UUID(canonicalText: id.uuidString) == id && UUID(canonicalText: id.canonicalText) == id)
            #expect(try UUID(postgresText: id.canonicalText) == id && id.postgresText == id.uuidString.lowercased())
        }
        let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), ones = UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))
        #expect(zero.canonicalText == "00000000-0000-0000-0000-000000000000" && ones.canonicalText == "ffffffff-ffff-ffff-ffff-ffffffffffff")
        for bad in ["", "xyz", "00000000-0000-0000-0000-00000000000", "00000000-0000-0000-0000-0000000000000",
                    "000000000-000-0000-0000-000000000000", "0000000g-0000-0000-0000-000000000000",
                    "{00000000-0000-0000-0000-000000000000}", "00000000000000000000000000000000",
                    "ffffffff-ffff-ffff-ffff-fffffffffffF", "ÿfffffff-ffff-ffff-ffff-ffffffffffff"] {
            if let parsed = UUID(canonicalText: bad) { #expect(parsed == UUID(uuidString: bad), "\(bad)") }
            #expect((try? UUID(postgresText: bad)) == UUID(uuidString: bad), "\(bad)")
        }
    }

    @Test func urlRedaction() {
        func redacted(_ url: String) -> String { PostgresConfiguration(url: url).redactedURL }
        #expect(redacted("postgres://dala:s3cr3t@127.0.0.1:55432/dala?sslmode=disable")
            == "postgres://dala:***@127.0.0.1:55432/dala?sslmode=disable")
        #expect(redacted("postgres://dala@127.0.0.1:55432/dala") == "postgres://dala@127.0.0.1:55432/dala")
        #expect(redacted("postgresql://u:p@ss/w@db.example:5432/x") == "postgresql://u:***@db.example:5432/x")
        #expect(redacted("postgres://h/db?user=u&password=hunter2&sslmode=require")
            == "postgres://h/db?user=u&password=***&sslmode=require")
        #expect(redacted("host=h password='se cret\\' x' dbname=d") == "host=h password=*** dbname=d")
        #expect(redacted("host=h password = plain user=u") == "host=h password=*** user=u")
        #expect(PostgresConfiguration(url: "postgres://x").poolSize == 4)
        #expect(PostgresConfiguration(url: "postgres://x").connectTimeoutSeconds == 5)
    }

    @Test func rowDecoding() throws {
        let row = PostgresRow(columns: ["id", "title", "deleted_at"], values: ["7", "Ақорда", nil])
        #expect(row.columns == ["id", "title", "deleted_at"])
        #expect(row["title"] == "Ақорда")
        #expect(row["deleted_at"] == nil)
        #expect(try row.decode("id", as: Int.self) == 7)
        #expect(try row.decode("deleted_at", as: Date?.self) == nil)
        #expect(try row.decode("id", as: Int?.self) == 7)
        let missing = #expect(throws: PostgresError.self) { try row.decode("nope", as: String.self) }
        #expect(missing?.code == .badValue)
        let null = #expect(throws: PostgresError.self) { try row.decode("deleted_at", as: Date.self) }
        #expect(null?.code == .badValue)
        let bad = #expect(throws: PostgresError.self) { try row.decode("title", as: Int.self) }
        #expect(bad?.message.contains("Ақорда") == false)  // values stay out of messages
    }

    @Test func errorDescriptionHasCodeAndState() {
        let e = PostgresError(code: .uniqueViolation, sqlState: "23505", message: "duplicate key", constraint: "docs_pkey")
        #expect("\(e)" == "PostgresError(uniqueViolation, sqlState: 23505, constraint: docs_pkey): duplicate key")
    }
}

// MARK: - Server tests (DALA_TEST_PG_URL)

private let testURL = ProcessInfo.processInfo.environment["DALA_TEST_PG_URL"].flatMap { $0.isEmpty ? nil : $0 }

/// Unique table name per test run so runs against a shared database do not collide.
private func tableName(_ base: String) -> String {
    "dala_pgtest_\(base)_\(UInt32.random(in: 0...UInt32.max))"
}

private func withClient<T>(
    poolSize: Int = 4, _ body: (PostgresClient) async throws -> T
) async throws -> T {
    let client = PostgresClient(configuration: PostgresConfiguration(url: testURL!, poolSize: poolSize))
    do {
        let value = try await body(client)
        await client.shutdown()
        return value
    } catch {
        await client.shutdown()
        throw error
    }
}

@Suite(
    "DalaPostgres against a server",
    .serialized,
    .enabled(if: testURL != nil, "set DALA_TEST_PG_URL (e.g. $(deploy/scripts/pg.sh url)) to run PostgreSQL tests")
)
struct PostgresServerTests {
    struct Sample: Codable, Equatable, Sendable { var name: String; var tags: [String] }

    @Test func everyTypeRoundTripsThroughATable() async throws {
        let text = "Қазақстан «Nur Otan» — 'quoted' \"double\" \\ back\ttab\nnewline Ельбасы"
        let uuid = UUID()
        let date = Date(timeIntervalSince1970: 1_700_000_000.654321)
        let bytes = Data((0...255).map { UInt8($0) })
        let json = try PostgresJSON(encoding: Sample(name: "Тоқаев", tags: ["kk", "ru"]))
        let strings = ["a", "b,c", "d\"e", "f\\g", "", "NULL", "Алматы"]
        let ints = [Int.min, -1, 0, Int.max]
        let table = tableName("types")
        try await withClient { client in
            let row = try await client.withConnection { conn in
                try conn.execute("""
                    CREATE TEMP TABLE \(identifier: table) (
                        s text, i int8, i32 int4, i64 bigint, d float8, b bool, u uuid, t timestamptz,
                        sa text[], ia int8[], j jsonb, by bytea, raw bytea, n int4)
                    """)
                try conn.execute("""
                    INSERT INTO \(identifier: table) VALUES (\(text), \(Int.max), \(Int32.min), \(Int64.min),
                        \(-1.5e-300), \(true), \(uuid), \(date), \(strings), \(ints), \(json), \(bytes),
                        \([UInt8](bytes)), \(nil as Int32?))
                    """)
                return try conn.query("SELECT * FROM \(identifier: table)").first!
            }
            #expect(try row.decode("s", as: String.self) == text)
            #expect(try row.decode("i", as: Int.self) == Int.max)
            #expect(try row.decode("i32", as: Int32.self) == Int32.min)
            #expect(try row.decode("i64", as: Int64.self) == Int64.min)
            #expect(try row.decode("d", as: Double.self) == -1.5e-300)
            #expect(try row.decode("b", as: Bool.self) == true)
            #expect(try row.decode("u", as: UUID.self) == uuid)
            let back = try row.decode("t", as: Date.self)
            #expect(abs(back.timeIntervalSince(date)) < 1e-6)
            #expect(try row.decode("sa", as: [String].self) == strings)
            #expect(try row.decode("ia", as: [Int].self) == ints)
            #expect(try row.decode("j", as: PostgresJSON.self).decode(as: Sample.self)
                == Sample(name: "Тоқаев", tags: ["kk", "ru"]))
            #expect(try row.decode("by", as: Data.self) == bytes)
            #expect(try row.decode("raw", as: [UInt8].self) == [UInt8](bytes))
            #expect(try row.decode("n", as: Int32?.self) == nil)
            #expect(row["n"] == nil)
        }
    }

    @Test func serverValuesDecode() async throws {
        try await withClient { client in
            // Session in a non-UTC zone: decoding must honour the offset the server prints.
            let rows = try await client.withConnection { conn in
                try conn.execute("SET TimeZone = 'Asia/Almaty'")
                defer { _ = try? conn.execute("RESET TimeZone") }
                return try conn.query("""
                    SELECT now() AS now, 'infinity'::timestamptz AS inf, '2024-03-01'::date AS day,
                           '1.5'::float8 AS f, ARRAY['x y', NULL] AS arr, \("untyped") AS untyped
                    """)
            }
            let row = try #require(rows.first)
            #expect(abs(try row.decode("now", as: Date.self).timeIntervalSinceNow) < 60)
            #expect(try row.decode("inf", as: Date.self) == .distantFuture)
            #expect(try row.decode("day", as: Date.self) == Date(timeIntervalSince1970: 1_709_251_200))
            #expect(try row.decode("f", as: Double.self) == 1.5)
            #expect(row["arr"] == #"{"x y",NULL}"#)
            #expect(try row.decode("untyped", as: String.self) == "untyped")
        }
    }

    @Test func transactionRollsBackWhenBodyThrows() async throws {
        struct Boom: Error {}
        let table = tableName("tx")
        try await withClient { client in
            try await client.execute("CREATE TABLE \(identifier: table) (id int PRIMARY KEY)")
            await #expect(throws: Boom.self) {
                try await client.withTransaction { conn in
                    try conn.execute("INSERT INTO \(identifier: table) VALUES (1)")
                    throw Boom()
                }
            }
            #expect(try await client.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode("n", as: Int.self) == 0)

            // A swallowed error aborts the transaction; COMMIT must not report success.
            let swallowed = await #expect(throws: PostgresError.self) {
                try await client.withTransaction { conn in
                    try conn.execute("INSERT INTO \(identifier: table) VALUES (2)")
                    _ = try? conn.execute("INSERT INTO \(identifier: table) VALUES (2)")
                }
            }
            #expect(swallowed?.code == .queryFailed)

            let inserted = try await client.withTransaction { conn in
                try conn.execute("INSERT INTO \(identifier: table) VALUES (\(3)), (\(4))")
            }
            #expect(inserted == 2)
            let ids = try await client.query("SELECT id FROM \(identifier: table) ORDER BY id").map { try $0.decode("id", as: Int.self) }
            #expect(ids == [3, 4])
            try await client.execute("DROP TABLE \(identifier: table)")
        }
    }

    @Test func connectionLeftInTransactionIsRolledBack() async throws {
        try await withClient(poolSize: 1) { client in
            try await client.withConnection { conn in
                try conn.execute("BEGIN")
                try conn.execute("SET LOCAL statement_timeout = '1234ms'")
                try conn.execute("CREATE TEMP TABLE dala_pgtest_leaked (x int)")
            }
            // Same (only) connection: the dangling transaction was rolled back, so its effects are gone.
            let row = try await client.query("""
                SELECT current_setting('statement_timeout') AS timeout,
                       to_regclass('pg_temp.dala_pgtest_leaked') IS NULL AS gone
                """)[0]
            #expect(row["timeout"] != "1234ms")
            #expect(try row.decode("gone", as: Bool.self))
        }
    }

    @Test func encodedRowsCopyInPartsAndABadRowAbortsTheCopy() async throws {
        let table = tableName("copyenc")
        var first = PostgresCopyRows(columns: 2), second = PostgresCopyRows(columns: 2)
        // Over 256 KB in one part, so it goes in several chunks.
        for i in 0..<6000 { first.append([String(i), "Қазақстан\tжәне\n\\ \(i) " + String(repeating: "ә", count: 20)]) }
        second.append(["6000", nil])
        #expect(first.byteCount > 256 * 1024 && first.chunks.count > 1 && first.problem == nil)
        var bad = PostgresCopyRows(columns: 2)
        bad.append(["1", "ok"])
        bad.append(["2", "nul\u{0}byte"])
        bad.append(["3"])
        #expect(bad.count == 3 && bad.problem == "COPY row 2 contains a NUL byte")
        let parts = [first, second], badParts = [bad]
        try await withClient { client in
            let rows = try await client.withConnection { conn in
                try conn.execute("CREATE TEMP TABLE \(identifier: table) (id int8, body text)")
                let copied = try conn.copy(into: table, columns: ["id", "body"], encoded: parts)
                #expect(copied == 6001)
                #expect(throws: PostgresError.self) { try conn.copy(into: table, columns: ["id", "body"], encoded: badParts) }
                #expect(throws: PostgresError.self) { try conn.copy(into: table, columns: ["id", "body", "id"], encoded: parts) }
                // The connection is usable after the aborted copies, and they added nothing.
                return try conn.query("SELECT count(*) AS n, count(body) AS bodies, max(body) FILTER (WHERE id = 5) AS five FROM \(identifier: table)")
            }
            #expect(try rows[0].decode("n", as: Int.self) == 6001)
            #expect(try rows[0].decode("bodies", as: Int.self) == 6000)
            #expect(rows[0]["five"] == "Қазақстан\tжәне\n\\ 5 " + String(repeating: "ә", count: 20))
        }
    }

    @Test func copyTenThousandRows() async throws {
        let table = tableName("copy")
        let count = 10_000
        @Sendable func note(_ i: Int) -> String? {
            i % 10 == 0 ? nil : "tab\there\nnewline \\backslash \\N Ақпарат \(i)"
        }
        try await withClient { client in
            let (copied, elapsed) = try await client.withConnection { conn in
                try conn.execute("CREATE TEMP TABLE \(identifier: table) (id int8, body text, note text)")
                let start = ContinuousClock.now
                let copied = try conn.copy(
                    into: table, columns: ["id", "body", "note"],
                    rows: (0..<count).lazy.map { i in [String(i), "body \(i)", note(i)] })
                return (copied, ContinuousClock.now - start)
            }
            #expect(copied == count)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("COPY \(count) rows in \(elapsed): \(Int(Double(count) / seconds)) rows/s")

            let rows = try await client.withConnection { conn in
                (try conn.query("SELECT count(*) AS n, count(note) AS notes FROM \(identifier: table)"),
                 try conn.query("SELECT note FROM \(identifier: table) WHERE id IN (7, 10) ORDER BY id"))
            }
            #expect(try rows.0[0].decode("n", as: Int.self) == count)
            #expect(try rows.0[0].decode("notes", as: Int.self) == count - count / 10)
            #expect(rows.1[0]["note"] == note(7))
            #expect(rows.1[1]["note"] == nil)
        }
    }

    @Test func copyWithBadRowFailsAndConnectionStaysUsable() async throws {
        let table = tableName("copybad")
        try await withClient(poolSize: 1) { client in
            let error = await #expect(throws: PostgresError.self) {
                try await client.withConnection { conn in
                    try conn.execute("CREATE TABLE \(identifier: table) (a text, b text)")
                    try conn.copy(into: table, columns: ["a", "b"], rows: [["1", "2"], ["only one"]])
                }
            }
            #expect(error?.code == .badValue)
            let missing = await #expect(throws: PostgresError.self) {
                try await client.withConnection { try $0.copy(into: "no_such_table_x", columns: ["a"], rows: [["1"]]) }
            }
            #expect(missing?.code == .copyFailed)
            #expect(missing?.sqlState == "42P01")
            #expect(try await client.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode("n", as: Int.self) == 0)
            try await client.execute("DROP TABLE \(identifier: table)")
        }
    }

    @Test func blockingCallsDoNotStallTheCooperativePool() async throws {
        try await withClient(poolSize: 4) { client in
            let ticks = TickCounter()
            let ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(10))
                    await ticks.tick()
                }
            }
            let start = ContinuousClock.now
            // Each statement reports when the server started it: how many ran at once does not depend on how busy
            // the machine is, unlike wall-clock bounds.
            let starts = try await withThrowingTaskGroup(of: Double.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.query("SELECT extract(epoch FROM clock_timestamp())::float8 AS t0, pg_sleep(0.5)")[0]
                            .decode("t0", as: Double.self)
                    }
                }
                var out: [Double] = []
                for try await t in group { out.append(t) }
                return out.sorted()
            }
            let elapsed = ContinuousClock.now - start
            ticker.cancel()
            let count = await ticks.count
            let concurrent = starts.map { s in starts.filter { $0 <= s && s < $0 + 0.5 }.count }.max() ?? 0
            print("8 × pg_sleep(0.5) on a pool of 4: \(elapsed), at most \(concurrent) at once, ticker ran \(count) times")
            // Two rounds of four. Blocking the two cooperative threads would run at most two statements at once and
            // starve the ticker to ~0 ticks; a quiet machine ticks ~90 times, a busy one (other builds) 18 or more, and
            // once 5 with three other builds running: `concurrent` is the firm check, the ticker only sees starvation.
            #expect(elapsed >= .milliseconds(1000))
            #expect(concurrent >= 3)
            #expect(count >= 3)
        }
    }

    @Test func poolWaitersAreServedInOrderAndCanBeCancelled() async throws {
        try await withClient(poolSize: 1) { client in
            // Each step waits until the pool shows the previous one (fixed sleeps failed on a loaded machine, where a
            // task may start after the next one).
            func until(_ ok: @escaping (PostgresPoolStatistics) -> Bool) async throws {
                let deadline = ContinuousClock.now + .seconds(10)
                while !ok(client.poolStatistics) && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            }
            let holder = Task { try await client.query("SELECT pg_sleep(2)") }
            try await until { $0.leased == 1 }

            // A cancelled waiter leaves the queue promptly without taking the connection.
            let cancelled = Task { try await client.query("SELECT 'cancelled' AS who") }
            try await until { $0.waiting == 1 }
            let cancelStart = ContinuousClock.now
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { try await cancelled.value }
            #expect(ContinuousClock.now - cancelStart < .milliseconds(500))   // the holder still has over a second to go
            try await until { $0.waiting == 0 }

            var waiters: [Task<Date, any Error>] = []
            for n in 1...3 {
                waiters.append(Task {
                    try await client.query("SELECT clock_timestamp() AS at")[0].decode("at", as: Date.self)
                })
                try await until { $0.waiting == n }
            }
            #expect(client.poolStatistics
                == PostgresPoolStatistics(poolSize: 1, connections: 1, idle: 0, leased: 1, waiting: 3))
            var served: [Date] = []
            for waiter in waiters { served.append(try await waiter.value) }
            _ = try await holder.value
            #expect(served == served.sorted())
            #expect(client.poolStatistics
                == PostgresPoolStatistics(poolSize: 1, connections: 1, idle: 1, leased: 0, waiting: 0))
        }
    }

    @Test func cancellingTheTaskCancelsTheRunningStatement() async throws {
        let table = tableName("cancel")
        try await withClient(poolSize: 1) { client in
            let start = ContinuousClock.now
            let sleeper = Task { try await client.query("SELECT pg_sleep(10)") }
            try await Task.sleep(for: .milliseconds(200))
            sleeper.cancel()
            await #expect(throws: CancellationError.self) { try await sleeper.value }
            #expect(ContinuousClock.now - start < .seconds(3))

            // The cancel must not leak into later calls on the same (only) connection.
            for i in 0..<20 {
                #expect(try await client.query("SELECT \(i) AS i")[0].decode("i", as: Int.self) == i)
            }

            // Cancelled inside a transaction: rolled back, and no statement after the cancelled one runs.
            try await client.execute("CREATE TABLE \(identifier: table) (id int)")
            let tx = Task {
                try await client.withTransaction { conn in
                    try conn.execute("INSERT INTO \(identifier: table) VALUES (1)")
                    _ = try? conn.query("SELECT pg_sleep(10)")  // swallowed on purpose
                    try conn.execute("INSERT INTO \(identifier: table) VALUES (2)")
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            tx.cancel()
            await #expect(throws: CancellationError.self) { try await tx.value }
            #expect(try await client.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode("n", as: Int.self) == 0)

            // A task that is already cancelled still gets its work done (e.g. a final write during shutdown),
            // even when it has to wait for the connection.
            let holder = Task { try await client.query("SELECT pg_sleep(0.2)") }
            try await Task.sleep(for: .milliseconds(50))
            let late = Task {
                try? await Task.sleep(for: .seconds(10))  // returns early: the task is cancelled
                return try await client.execute("INSERT INTO \(identifier: table) VALUES (3)")
            }
            late.cancel()
            #expect(try await late.value == 1)
            _ = try await holder.value
            try await client.execute("DROP TABLE \(identifier: table)")
        }
    }

    @Test func preparedStatementsAreReusedAndSurviveSchemaChangesAndReconnects() async throws {
        let table = tableName("prep")
        try await withClient(poolSize: 1) { client in
            try await client.execute("CREATE TABLE \(identifier: table) (id int PRIMARY KEY, name text)")
            try await client.execute("INSERT INTO \(identifier: table) VALUES (1, 'Астана'), (2, 'Алматы')")
            @Sendable func lookup(_ id: Int) -> PostgresQuery {
                let q: PostgresQuery = "SELECT * FROM \(identifier: table) WHERE id = \(id)"
                return q.prepared()
            }
            // Prepared once per session and SQL text, then executed with new values.
            #expect(try await client.query(lookup(1))[0]["name"] == "Астана")
            #expect(try await client.query(lookup(2))[0]["name"] == "Алматы")
            #expect(try await client.query(lookup(3)).isEmpty)
            #expect(try await client.withConnection { $0.preparedStatementCount } == 1)
            let prepared = try await client.query("SELECT count(*) AS n FROM pg_prepared_statements")
            #expect(try prepared[0].decode("n", as: Int.self) == 1)

            // A migration changes the table's columns: the cached plan's result type is stale; the call still works.
            try await client.execute("ALTER TABLE \(identifier: table) ADD COLUMN region text DEFAULT 'kz'")
            let row = try await client.query(lookup(1))[0]
            #expect(row["name"] == "Астана" && row["region"] == "kz")

            // Someone deallocates every statement on the session: prepared again on the next use.
            try await client.execute("DEALLOCATE ALL")
            #expect(try await client.query(lookup(2))[0]["name"] == "Алматы")

            // Inside a transaction a stale statement cannot be retried (the transaction is aborted): the error is
            // reported and the next call outside works again.
            try await client.execute("ALTER TABLE \(identifier: table) DROP COLUMN region")
            await #expect(throws: PostgresError.self) {
                try await client.withTransaction { conn in _ = try conn.query(lookup(1)) }
            }
            #expect(try await client.query(lookup(1))[0]["name"] == "Астана")

            // A new backend has none of the old session's statements.
            try await withClient(poolSize: 1) { admin in
                try await terminate(try await client.withConnection { $0.backendPID }, using: admin)
            }
            #expect(try await client.query(lookup(2))[0]["name"] == "Алматы")
            #expect(try await client.withConnection { $0.preparedStatementCount } == 1)
            try await client.execute("DROP TABLE \(identifier: table)")
        }
    }

    @Test func reconnectsAfterBackendIsTerminated() async throws {
        try await withClient(poolSize: 1) { client in
            try await withClient(poolSize: 1) { admin in
                let pid = try await client.withConnection { $0.backendPID }
                try await terminate(pid, using: admin)

                // Single statement on a dead connection: reset and retried transparently.
                let one = try await client.query("SELECT 1 AS one")
                #expect(try one[0].decode("one", as: Int.self) == 1)
                let pid2 = try await client.withConnection { $0.backendPID }
                #expect(pid2 != pid)

                // A transaction whose BEGIN hits the dead connection is retried too.
                try await terminate(pid2, using: admin)
                let value = try await client.withTransaction { try $0.query("SELECT 2 AS two")[0].decode("two", as: Int.self) }
                #expect(value == 2)

                // Once a statement of the call has run, the failure is reported, not retried.
                let error = await #expect(throws: PostgresError.self) {
                    try await client.withConnection { conn in
                        _ = try conn.query("SELECT 1")
                        _ = try conn.query("SELECT pg_terminate_backend(pg_backend_pid())")
                    }
                }
                #expect(error?.code == .connectionFailed)
                try await client.ping()
            }
        }
    }

    @Test func unreachableServerGivesConnectionFailedAndClientIsLazy() async throws {
        // Nothing listens on port 1; creating the client must not connect.
        let client = PostgresClient(configuration: PostgresConfiguration(url: "postgres://dala@127.0.0.1:1/dala"))
        let error = await #expect(throws: PostgresError.self) { try await client.ping() }
        #expect(error?.code == .connectionFailed)
        await client.shutdown()
        let closed = await #expect(throws: PostgresError.self) { try await client.ping() }
        #expect(closed?.code == .poolClosed)
    }

    @Test func uniqueViolationIsMappedAndMessageHidesValues() async throws {
        let table = tableName("uniq")
        let secret = "secret-\(UUID().uuidString)"
        try await withClient { client in
            try await client.execute("CREATE TABLE \(identifier: table) (email text CONSTRAINT \(identifier: table + "_email") UNIQUE)")
            try await client.execute("INSERT INTO \(identifier: table) VALUES (\(secret))")
            let dup = await #expect(throws: PostgresError.self) {
                try await client.execute("INSERT INTO \(identifier: table) VALUES (\(secret))")
            }
            #expect(dup?.code == .uniqueViolation)
            #expect(dup?.sqlState == "23505")
            #expect(dup?.constraint == table + "_email")
            #expect(dup.map { "\($0)".contains(secret) } == false)

            let badUUID = await #expect(throws: PostgresError.self) {
                try await client.query("SELECT \(secret)::uuid")
            }
            #expect(badUUID?.code == .queryFailed)
            #expect(badUUID?.sqlState == "22P02")
            #expect(badUUID.map { $0.message.contains(secret) } == false)

            let nul = await #expect(throws: PostgresError.self) { try await client.query("SELECT \("a\u{0}b")") }
            #expect(nul?.code == .badValue)
            try await client.execute("DROP TABLE \(identifier: table)")
        }
    }

    @Test func timeoutForeignKeyAndDeadlockCodes() async throws {
        let parent = tableName("parent")
        let child = tableName("child")
        try await withClient { client in
            let timeout = await #expect(throws: PostgresError.self) {
                try await client.withTransaction { conn in
                    try conn.execute("SET LOCAL statement_timeout = '50ms'")
                    _ = try conn.query("SELECT pg_sleep(2)")
                }
            }
            #expect(timeout?.code == .timeout)

            try await client.withConnection { conn in
                try conn.execute("CREATE TABLE \(identifier: parent) (id int PRIMARY KEY, n int)")
                try conn.execute("CREATE TABLE \(identifier: child) (parent_id int REFERENCES \(identifier: parent))")
                try conn.execute("INSERT INTO \(identifier: parent) VALUES (1, 0), (2, 0)")
            }
            let fk = await #expect(throws: PostgresError.self) {
                try await client.execute("INSERT INTO \(identifier: child) VALUES (\(Int32(99)))")
            }
            #expect(fk?.code == .foreignKeyViolation)

            // Two transactions locking the same rows in opposite order: the server aborts one with 40P01.
            @Sendable func lockBoth(_ first: Int32, _ second: Int32) async -> PostgresError.Code? {
                do {
                    try await client.withTransaction { conn in
                        try conn.execute("SET LOCAL deadlock_timeout = '100ms'")
                        try conn.execute("UPDATE \(identifier: parent) SET n = n + 1 WHERE id = \(first)")
                        _ = try conn.query("SELECT pg_sleep(0.5)")  // both hold their first lock by then
                        try conn.execute("UPDATE \(identifier: parent) SET n = n + 1 WHERE id = \(second)")
                    }
                    return nil
                } catch let error as PostgresError {
                    return error.code
                } catch {
                    return .queryFailed
                }
            }
            async let a = lockBoth(1, 2)
            async let b = lockBoth(2, 1)
            let outcomes = await [a, b]
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.contains(.serialization))
            let total = try await client.query("SELECT sum(n)::int8 AS total FROM \(identifier: parent)")[0]
            #expect(try total.decode("total", as: Int.self) == 2)  // only the surviving transaction committed
            try await client.execute("DROP TABLE \(identifier: child), \(identifier: parent)")
        }
    }

    @Test func scriptsAndAffectedRows() async throws {
        let table = tableName("script")
        try await withClient { client in
            let updated = try await client.withConnection { conn in
                try conn.execute(unescapedScript: """
                    CREATE TEMP TABLE \(table) (id int, lang text);
                    INSERT INTO \(table) VALUES (1, 'kk'), (2, 'ru'), (3, 'en');
                    """)
                return try conn.execute("UPDATE \(identifier: table) SET lang = \("kk") WHERE id <> \(1)")
            }
            #expect(updated == 2)
            let bad = await #expect(throws: PostgresError.self) {
                try await client.withConnection { try $0.execute(unescapedScript: "SELECT 1; SELEC 2;") }
            }
            #expect(bad?.sqlState == "42601")

            // COPY through the plain paths is refused without leaving the connection in COPY mode.
            try await withClient(poolSize: 1) { single in
                for sql in ["COPY (SELECT 1) TO STDOUT", "COPY \(table) FROM STDIN"] {
                    let copy = await #expect(throws: PostgresError.self) {
                        try await single.withConnection { conn in
                            try conn.execute(unescapedScript: "CREATE TEMP TABLE IF NOT EXISTS \(table) (id int)")
                            try conn.execute(unescapedScript: sql)
                        }
                    }
                    #expect(copy?.code == .queryFailed)
                    let after = try await single.query("SELECT 7 AS n")[0].decode("n", as: Int.self)
                    #expect(after == 7)
                }
            }
        }
    }

    @Test func shutdownAndDeinitCloseServerConnections() async throws {
        try await withClient(poolSize: 1) { admin in
            func sessions(_ name: String) async throws -> Int {
                try await admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = \(name)")[0]
                    .decode("n", as: Int.self)
            }
            func waitForSessions(_ name: String, _ expected: Int) async throws -> Int {
                var n = -1
                for _ in 0..<50 {
                    n = try await sessions(name)
                    if n == expected { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                return n
            }
            func openFour(_ client: PostgresClient) async throws {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { _ = try await client.query("SELECT pg_sleep(0.1)") } }
                    try await group.waitForAll()
                }
            }

            let name = "dala-test-\(UInt32.random(in: 0...UInt32.max))"
            let client = PostgresClient(configuration: PostgresConfiguration(url: testURL!, poolSize: 4, applicationName: name))
            try await openFour(client)
            #expect(try await sessions(name) == 4)
            await client.shutdown()
            #expect(try await waitForSessions(name, 0) == 0)

            // Dropped without shutdown: deinit stops the threads and closes the connections.
            let dropped = "dala-test-\(UInt32.random(in: 0...UInt32.max))"
            do {
                let client = PostgresClient(configuration: PostgresConfiguration(url: testURL!, poolSize: 4, applicationName: dropped))
                try await openFour(client)
                #expect(try await sessions(dropped) == 4)
            }
            #expect(try await waitForSessions(dropped, 0) == 0)
        }
    }

    @Test func shutdownFailsWaitersAndLaterCalls() async throws {
        let client = PostgresClient(configuration: PostgresConfiguration(url: testURL!, poolSize: 1))
        let holder = Task { try await client.query("SELECT pg_sleep(0.3)") }
        try await Task.sleep(for: .milliseconds(100))
        let waiter = Task { try await client.query("SELECT 1") }
        try await Task.sleep(for: .milliseconds(50))
        await client.shutdown()
        _ = try await holder.value  // running work finishes
        let waiterError = await #expect(throws: PostgresError.self) { try await waiter.value }
        #expect(waiterError?.code == .poolClosed)
        let later = await #expect(throws: PostgresError.self) { try await client.ping() }
        #expect(later?.code == .poolClosed)
    }
}

private actor TickCounter {
    var count = 0
    func tick() { count += 1 }
}

/// Terminates a backend and waits until it is gone, so the next use of its connection sees a dead socket.
private func terminate(_ pid: Int, using admin: PostgresClient) async throws {
    _ = try await admin.query("SELECT pg_terminate_backend(\(Int32(pid)))")
    for _ in 0..<100 {
        let alive = try await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = \(pid)")
        if alive.isEmpty { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("backend \(pid) did not exit")
}
