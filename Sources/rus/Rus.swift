import ArgumentParser

@main
struct Rus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rus",
        abstract: "Read and compare Swedish regions' regional development strategies (RUS).",
        discussion: """
        Works offline from the snapshots bundled with each region module. Every fact in the
        output carries its source: URL, SHA-256 of the bytes read, a locator and an excerpt.
        """,
        subcommands: [
            CompareCommand.self, CiteCommand.self, RegionsCommand.self, ShowCommand.self, ReadCommand.self, FeedCommand.self, ExtractCommand.self,
            NewRegionCommand.self,
        ],
        defaultSubcommand: nil
    )
}
