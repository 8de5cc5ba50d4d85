import ArgumentParser
import Foundation
import RegionalStrategies

/// `--from-cache [--cache DIR] [--with-discovered]`: read what `rus fetch` stored instead of the
/// bundled snapshots.
struct CacheOptions: ParsableArguments {
    @Flag(name: .customLong("from-cache"), help: "Read the documents 'rus fetch' stored instead of the bundled snapshots (--from-cache DIR: from that cache folder).")
    var fromCache = false

    @OptionGroup var folder: CacheFolderOption

    @Flag(name: .customLong("with-discovered"), help: "With --from-cache, also read the pages 'rus fetch' discovered beyond each region's sources.")
    var withDiscovered = false

    /// `--from-cache DIR` and `--from-cache=DIR` as `--from-cache --cache DIR` (a flag cannot
    /// take an optional value in ArgumentParser). The word after `--from-cache` is the folder
    /// when it contains a `/` or names an existing folder, and is not a region id; otherwise
    /// it is left alone (`rus compare --from-cache kalmar` compares Kalmar from the default cache).
    static func expandingFromCache(_ arguments: [String], regionIDs: Set<String> = Set(BundledRegions.all.map(\.region.id))) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument.hasPrefix("--from-cache=") {
                result += ["--from-cache", "--cache", String(argument.dropFirst("--from-cache=".count))]
            } else if argument == "--from-cache", index < arguments.count, isFolder(arguments[index], regionIDs: regionIDs) {
                result += ["--from-cache", "--cache", arguments[index]]
                index += 1
            } else {
                result.append(argument)
            }
        }
        return result
    }

    private static func isFolder(_ word: String, regionIDs: Set<String>) -> Bool {
        guard !word.hasPrefix("-"), !regionIDs.contains(word.lowercased()) else { return false }
        var isDirectory: ObjCBool = false
        return word.contains("/") || (FileManager.default.fileExists(atPath: word, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    var snapshotCache: SnapshotCache { folder.snapshotCache }

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

/// `--cache DIR`: the cache folder `rus fetch` writes and `--from-cache` and `rus snapshot` read.
struct CacheFolderOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The cache folder (default: \(SnapshotCache.defaultRoot().path)).", valueName: "dir"))
    var cache: String?

    var snapshotCache: SnapshotCache {
        SnapshotCache(root: cache.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? SnapshotCache.defaultRoot())
    }
}
