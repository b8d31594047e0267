import IngestAPI

try await IngestApp.run()
