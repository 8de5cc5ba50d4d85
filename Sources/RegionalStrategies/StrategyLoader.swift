import Foundation

/// Runs region modules over documents: their bundled snapshots, or files given by the user.
///
/// This and the CLI are the only places that read files. Each region is parsed in its own
/// task (a libxml2 document never leaves the task that parsed it).
public struct StrategyLoader: Sendable {
    /// Why loading failed; each case names what and where.
    public enum LoadError: Error, Sendable, CustomStringConvertible {
        /// No module has this region id; `known` lists the ids there are.
        case unknownRegion(String, known: [String])
        /// The region's bundled snapshot could not be read.
        case snapshot(region: String, BundledSnapshotError)
        /// A file given to the loader could not be read; `reason` says why.
        case unreadableFile(path: String, reason: String)
        /// A document could not be parsed.
        case document(DocumentError)
        /// The region module threw while reading; `message` is its error.
        case module(region: String, message: String)
        /// `--from-cache` for a region the cache has nothing of.
        case notCached(region: String, cache: String)
        /// The cache could not be read, or a cached file fails its SHA-256.
        case cache(region: String, CacheError)

        /// What went wrong, naming the region, file or document.
        public var description: String {
            switch self {
            case let .unknownRegion(id, known):
                "unknown region '\(id)'; known regions: \(known.joined(separator: ", "))"
            case let .snapshot(region, error):
                "\(region): bundled snapshot: \(error)"
            case let .unreadableFile(path, reason):
                "\(path): \(reason)"
            case let .document(error):
                error.description
            case let .module(region, message):
                "\(region): \(message)"
            case let .notCached(region, cache):
                "\(region): nothing in the cache at \(cache); run 'rus fetch \(region)' first (or leave out --from-cache to use the bundled snapshot)"
            case let .cache(region, error):
                "\(region): \(error)"
            }
        }
    }

    /// The region modules this loader runs, in the order given.
    public let modules: [any RegionModule]

    /// A loader for `modules` (default: the bundled regions).
    public init(modules: [any RegionModule] = BundledRegions.all) {
        self.modules = modules
    }

    /// The modules with the given ids, in the order given; all modules when `ids` is empty.
    public func select(_ ids: [String]) throws(LoadError) -> [any RegionModule] {
        guard !ids.isEmpty else { return modules }
        return try ids.map { (id) throws(LoadError) -> any RegionModule in
            guard let module = modules.first(where: { $0.region.id == id.lowercased() }) else {
                throw .unknownRegion(id, known: modules.map(\.region.id))
            }
            return module
        }
    }

    /// Profiles of `modules` read from their bundled snapshots, in the order given.
    public func bundledProfiles(of modules: [any RegionModule]) async throws -> [RegionProfile] {
        try await Self.eachInItsOwnTask(modules) { try Self.bundledProfile(of: $0) }
    }

    /// Profiles of `modules` read from what `rus fetch` put in `cache`, in the order given.
    /// See ``cachedProfile(of:cache:includeDiscovered:)``.
    public func cachedProfiles(of modules: [any RegionModule], cache: SnapshotCache, includeDiscovered: Bool = false) async throws -> [RegionProfile] {
        try await Self.eachInItsOwnTask(modules) { try Self.cachedProfile(of: $0, cache: cache, includeDiscovered: includeDiscovered) }
    }

    /// `read` run for each module in a task of its own (a libxml2 document never leaves the task
    /// that parsed it); the profiles in the order of `modules`.
    private static func eachInItsOwnTask(
        _ modules: [any RegionModule], _ read: @escaping @Sendable (any RegionModule) throws -> RegionProfile
    ) async throws -> [RegionProfile] {
        try await withThrowingTaskGroup(of: (Int, RegionProfile).self) { group in
            for (index, module) in modules.enumerated() {
                group.addTask { (index, try read(module)) }
            }
            var results: [(Int, RegionProfile)] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The profile of one module from the cache: each source's latest fetched version (with
    /// the media type and charset it was served with); a source the cache lacks is read from
    /// the bundled snapshot instead, and its ``/StrategyModel/SourceRecord`` says so by its `origin`. A region
    /// with nothing in the cache is an error, not a silent fallback. With `includeDiscovered`,
    /// the pages discovery found are read too.
    public static func cachedProfile(of module: any RegionModule, cache: SnapshotCache, includeDiscovered: Bool = false) throws(LoadError) -> RegionProfile {
        let id = module.region.id
        let cached: CachedDocuments
        do { cached = try cache.documents(region: id, sources: module.sources, includeDiscovered: includeDiscovered) } catch {
            throw .cache(region: id, error)
        }
        guard cached.missing.count < module.sources.count else { throw .notCached(region: id, cache: cache.root.path) }
        var raw = cached.documents
        if !cached.missing.isEmpty {
            guard let folder = module.bundledSnapshot else { throw .snapshot(region: id, .noBundledSnapshot(region: id)) }
            let bundled: Snapshot
            do { bundled = try Snapshot(directory: folder) } catch { throw .snapshot(region: id, .snapshot(error)) }
            let missing = Set(cached.missing.map(\.url))
            raw += bundled.documents.filter { missing.contains($0.url) }
        }
        let documents: DocumentSet
        do { documents = try DocumentSet(parsing: raw) } catch { throw .document(error) }
        do { return try module.profile(from: documents) } catch {
            throw .module(region: id, message: String(describing: error))
        }
    }

    /// The profile of one module from its bundled snapshot.
    public static func bundledProfile(of module: any RegionModule) throws(LoadError) -> RegionProfile {
        let documents: DocumentSet
        do { documents = try module.bundledDocuments() } catch { throw .snapshot(region: module.region.id, error) }
        do { return try module.profile(from: documents) } catch {
            throw .module(region: module.region.id, message: String(describing: error))
        }
    }

    /// Runs `module` over files given by path (HTML pages and feeds, told apart by content).
    /// Each file's URL is its `file://` URL.
    public static func profile(of module: any RegionModule, files: [String], limits: ParseLimits = ParseLimits()) throws(LoadError) -> RegionProfile {
        let documents = try readFiles(files, limits: limits)
        do { return try module.profile(from: documents) } catch {
            throw .module(region: module.region.id, message: String(describing: error))
        }
    }

    /// Reads and parses files into a document set.
    public static func readFiles(_ paths: [String], limits: ParseLimits = ParseLimits()) throws(LoadError) -> DocumentSet {
        var raw: [RawDocument] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadableFile(path: path, reason: "no such file")
            }
            guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "is a directory") }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadableFile(path: path, reason: "cannot be read (permissions?)")
            }
            raw.append(RawDocument(url: url.absoluteString, bytes: [UInt8](data), origin: "file"))
        }
        do { return try DocumentSet(parsing: raw, limits: limits) } catch { throw .document(error) }
    }
}
