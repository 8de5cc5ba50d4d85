import ArgumentParser
import Foundation

@main
struct Rus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rus",
        abstract: "Read and compare Swedish regions' regional development strategies (RUS).",
        discussion: """
        Works offline from the snapshots bundled with each region module; 'rus fetch' gets the \
        current documents from the regions' sites into a cache that '--from-cache' reads. Every \
        fact in the output carries its source: URL, SHA-256 of the bytes read, a locator and an \
        excerpt.
        """,
        subcommands: [
            CompareCommand.self, FetchCommand.self, CiteCommand.self, RegionsCommand.self, ShowCommand.self, ReadCommand.self, FeedCommand.self, ExtractCommand.self,
            SnapshotCommand.self, NewRegionCommand.self,
        ],
        defaultSubcommand: nil
    )

    static func main() async {
        await main(CacheOptions.expandingFromCache(Array(CommandLine.arguments.dropFirst())))
    }
}
