import ArgumentParser

@main
struct DalaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dala",
        abstract: "Dala from the command line: submit documents, search, look up entities and events, analyse a file offline, migrate, benchmark.",
        subcommands: [Migrate.self, Submit.self, Search.self, Entity.self, Events.self, Analyze.self, Bench.self, Fuzz.self, ExtractBench.self,
                      ExtractFile.self])
}
