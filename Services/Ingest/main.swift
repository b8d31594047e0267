import DalaService
import IngestAPI

ServiceRuntime.configureExecutor(ConfigReader())
try await IngestApp.run()
