import DalaPostgres
import Foundation
import Logging

/// One versioned SQL migration from `Migrations/NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String
}

/// Applies the bundled migrations: idempotent, all pending ones in one transaction, serialised across
/// processes by an advisory lock so services starting together do not race.
public enum Migrator {
    static let lockKey = 0x64616c61  // "dala"

    /// The migrations shipped with this build, in version order.
    public static func bundled() throws -> [Migration] {
        guard let dir = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError(.migration, "migrations are missing from the bundle")
        }
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
        return try files.map { url in
            let base = url.deletingPathExtension().lastPathComponent
            guard let underscore = base.firstIndex(of: "_"), let version = Int(base[..<underscore]) else {
                throw StorageError(.migration, "bad migration file name \(base)")
            }
            return Migration(version: version, name: String(base[base.index(after: underscore)...]),
                             sql: try String(contentsOf: url, encoding: .utf8))
        }.sorted { $0.version < $1.version }
    }

    /// Applies pending migrations; returns the versions applied now (empty when the schema was current).
    @discardableResult
    public static func migrate(_ client: PostgresClient, logger: Logger) async throws -> [Int] {
        let migrations = try bundled()
        let applied = try await client.withTransaction { conn -> [Int] in
            _ = try conn.query("SELECT pg_advisory_xact_lock(\(lockKey))")
            try conn.execute(unescapedScript: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let done = Set(try conn.query("SELECT version FROM schema_migrations").map { try $0.decode("version", as: Int.self) })
            var now: [Int] = []
            for m in migrations where !done.contains(m.version) {
                try conn.execute(unescapedScript: m.sql)
                try conn.execute("INSERT INTO schema_migrations (version, name) VALUES (\(m.version), \(m.name))")
                now.append(m.version)
            }
            return now
        }
        if applied.isEmpty {
            logger.debug("schema is current", metadata: ["db.schema.version": "\(migrations.last?.version ?? 0)"])
        } else {
            logger.info("applied migrations", metadata: ["db.migrations": "\(applied)"])
        }
        return applied
    }
}
