import ArgumentParser
import RegionalStrategies

enum ProfileFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show what was read about one region, as a tree (or JSON)."
    )

    @Argument(help: "A region id (see 'rus regions').")
    var region: String

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ProfileFormat = .text

    @Flag(help: "Follow each fact with its source URL and locator.")
    var sources = false

    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            guard let profile = try await cacheOptions.profiles(of: try StrategyLoader().select([region])).first else { return }
            try output.write(try render(profile, format: format, sources: sources))
        }
    }
}

func render(_ profile: RegionProfile, format: ProfileFormat, sources: Bool) throws -> String {
    switch format {
    case .text: profile.dump(withSources: sources)
    case .json: String(decoding: try StrategyJSON.encoder().encode(profile), as: UTF8.self) + "\n"
    }
}
