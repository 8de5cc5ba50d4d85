import ArgumentParser
import RegionalStrategies

struct CiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Print what to cite for a comparison: library version, codebooks and every source's URL, retrieval time and SHA-256."
    )

    @Argument(help: "Region ids (all bundled regions by default).")
    var regions: [String] = []

    @Option(name: .long, help: ArgumentHelp("Codebooks, as for 'rus compare' (thematic by default).", valueName: "codebook"))
    var codebook: [String] = []

    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            let profiles = try await cacheOptions.profiles(of: try StrategyLoader().select(regions))
            let citation = Citation(profiles: profiles, codebooks: try CompareCommand.codebooks(codebook))
            try output.write(citation.lines.joined(separator: "\n") + "\n")
        }
    }
}
