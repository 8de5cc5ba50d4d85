import ArgumentParser
import RegionalStrategies

struct ReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Run one region's module over documents you give (HTML pages and RSS/Atom feeds).",
        discussion: """
        The module finds what it needs by content, so the files may have any names and markup. \
        With --from-cache and no files, reads the documents 'rus fetch' stored for the region.
        """
    )

    @Option(name: .shortAndLong, help: "The region whose module reads the files (see 'rus regions').")
    var region: String

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ProfileFormat = .text

    @Flag(help: "Follow each fact with its source URL and locator.")
    var sources = false

    @Argument(help: "HTML pages and feeds to read.")
    var files: [String] = []

    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty, !cacheOptions.fromCache { throw ValidationError("Give at least one file to read (or --from-cache).") }
        if !files.isEmpty, cacheOptions.fromCache { throw ValidationError("Give files or --from-cache, not both.") }
    }

    func run() async throws {
        try await reporting {
            guard let module = try StrategyLoader().select([region]).first else { return }
            let profile = cacheOptions.fromCache
                ? try StrategyLoader.cachedProfile(of: module, cache: cacheOptions.snapshotCache, includeDiscovered: cacheOptions.withDiscovered)
                : try StrategyLoader.profile(of: module, files: files, limits: try limitOptions.limits)
            try output.write(try render(profile, format: format, sources: sources))
        }
    }
}
