import ArgumentParser
import Foundation
import RegionalStrategies

/// `--from-cache [--cache DIR] [--with-discovered]`: read what `rus fetch` stored instead of the
/// bundled snapshots.
struct CacheOptions: ParsableArguments {
    @Flag(name: .customLong("from-cache"), help: "Read the documents 'rus fetch' stored instead of the bundled snapshots.")
    var fromCache = false

    @Option(name: .long, help: ArgumentHelp("The cache folder (default: \(SnapshotCache.defaultRoot().path)).", valueName: "dir"))
    var cache: String?

    @Flag(name: .customLong("with-discovered"), help: "With --from-cache, also read the pages 'rus fetch' discovered beyond each region's sources.")
    var withDiscovered = false

    var snapshotCache: SnapshotCache {
        SnapshotCache(root: cache.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? SnapshotCache.defaultRoot())
    }

    func validate() throws {
        if withDiscovered, !fromCache { throw ValidationError("--with-discovered needs --from-cache.") }
    }

    /// The profiles of `modules`, from the cache or the bundled snapshots. Sources the cache
    /// lacks are read from the bundled snapshot, and standard error says which.
    func profiles(of modules: [any RegionModule]) async throws -> [RegionProfile] {
        let loader = StrategyLoader(modules: modules)
        guard fromCache else { return try await loader.bundledProfiles(of: modules) }
        let profiles = try await loader.cachedProfiles(of: modules, cache: snapshotCache, includeDiscovered: withDiscovered)
        for profile in profiles {
            let bundled = profile.sources.filter { $0.origin != "download" }
            guard !bundled.isEmpty else { continue }
            let list = bundled.map(\.url).joined(separator: ", ")
            FileHandle.standardError.write(Data("note: \(profile.region.id): \(bundled.count) of \(profile.sources.count) sources are not in the cache; their bundled copies are used: \(list)\n".utf8))
        }
        return profiles
    }
}
