import EnrichmentWorker

try await EnrichmentApp.run()
