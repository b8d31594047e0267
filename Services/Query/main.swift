import QueryAPI

try await QueryApp.run()
