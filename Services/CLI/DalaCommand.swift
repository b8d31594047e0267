import ArgumentParser

@main
struct DalaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dala",
        abstract: "Operator tool for Dala: migrate the database, submit documents, analyse a file offline, benchmark.",
        subcommands: [Migrate.self, Submit.self, Analyze.self, Bench.self, ExtractBench.self, ExtractFile.self])
}
