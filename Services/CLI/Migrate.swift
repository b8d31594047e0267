import ArgumentParser
import DalaPostgres
import DalaStorage
import Foundation
import Logging

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations (idempotent).")

    @Option(name: .customLong("pg-url"), help: "PostgreSQL URL (env DALA_PG_URL).")
    var pgURL: String = ProcessInfo.processInfo.environment["DALA_PG_URL"] ?? "postgres://dala@127.0.0.1:55432/dala"

    func run() async throws {
        let logger = Logger(label: "dala-migrate")
        let client = PostgresClient(configuration: PostgresConfiguration(url: pgURL, poolSize: 1), logger: logger)
        do {
            let applied = try await Migrator.migrate(client, logger: logger)
            let all = try Migrator.bundled()
            print(applied.isEmpty ? "schema is current (version \(all.last?.version ?? 0))" : "applied migrations \(applied)")
            await client.shutdown()
        } catch {
            await client.shutdown()
            throw ValidationError("migration failed: \(error)")
        }
    }
}
