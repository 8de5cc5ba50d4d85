import Foundation
import RegionalStrategies
import Testing

/// `rus fetch --dry-run` and `--from-cache`, on a cache filled here with the bundled snapshot's
/// bytes as if `rus fetch` had got them (no request leaves the machine in these tests).
@Suite("rus fetch and --from-cache", .serialized)
struct FetchAndCacheTests {
    /// A cache holding `module`'s bundled files under its source URLs, except `leaving`.
    static func seededCache(_ module: any RegionModule, leaving: Set<String> = []) throws -> SnapshotCache {
        let cache = SnapshotCache(root: FileManager.default.temporaryDirectory.appendingPathComponent("rus-cache-\(UUID().uuidString)", isDirectory: true))
        try cache.prepare()
        let snapshot = try Snapshot(directory: try #require(module.bundledSnapshot))
        for document in snapshot.documents where !leaving.contains(document.url) {
            let file = cache.temporaryFile()
            try Data(document.bytes).write(to: file)
            let sha = SHA256.hex(of: document.bytes)
            try cache.store(file, sha256: sha)
            let entry = CacheEntry(
                url: document.url, finalURL: document.url, role: document.role?.rawValue, foundVia: "source", status: 200,
                mediaType: document.mediaType, charset: document.charset, declaredContentType: document.mediaType,
                etag: "\"\(sha.prefix(8))\"", lastModified: nil, firstSeen: "2026-11-20T09:00:00Z", lastFetched: "2026-11-22T09:00:00Z",
                lastChanged: "2026-11-20T09:00:00Z", sha256: sha, size: document.bytes.count
            )
            try cache.updateManifest(region: module.region.id) { $0.upsert(entry) }
        }
        return cache
    }

    @Test func compareFromTheCacheCitesTheFetchedCopies() throws {
        let cache = try Self.seededCache(Kalmar())
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let run = try Executables.rus("compare", "kalmar", "--from-cache", cache.root.path, "--only", "table")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("Klimat att växa i"))
        #expect(run.stdout.contains("https://regionkalmar.se/nyhetslista/atom/, fetched from the live site, last checked 2026-11-22T09:00:00Z,"))
        #expect(run.stdout.contains("<https://regionkalmar.se/nyhetslista/atom/> — SHA-256 `"))
        #expect(run.stdout.contains("…`, download, retrieved 2026-11-22T09:00:00Z"))
        #expect(!run.stdout.contains("a reconstruction bundled with the library"))
    }

    @Test func aSourceMissingFromTheCacheComesFromTheBundleAndIsNamed() throws {
        let missing = "https://regionkalmar.se/nyhetslista/atom/"
        let cache = try Self.seededCache(Kalmar(), leaving: [missing])
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let run = try Executables.rus("cite", "kalmar", "--from-cache", "--cache", cache.root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "note: kalmar: 1 of 5 sources are not in the cache; their bundled copies are used: \(missing)\n")
        #expect(run.stdout.contains("- \(missing), not retrieved: a reconstruction bundled with the library,"))
        #expect(run.stdout.contains("fetched from the live site"))
    }

    @Test func aRegionNeverFetchedIsAnErrorNotASilentFallback() throws {
        let cache = try Self.seededCache(Kalmar())
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let run = try Executables.rus("show", "blekinge", "--from-cache", "--cache", cache.root.path)
        #expect(run.status != 0)
        #expect(run.stderr == "Error: blekinge: nothing in the cache at \(cache.root.path); run 'rus fetch blekinge' first (or leave out --from-cache to use the bundled snapshot)\n")
    }

    @Test func readFromTheCache() throws {
        let cache = try Self.seededCache(Vasternorrland())
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let run = try Executables.rus("read", "--region", "vasternorrland", "--from-cache", "--cache", cache.root.path, "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let profile = try StrategyJSON.decoder().decode(RegionProfile.self, from: Data(run.stdout.utf8))
        #expect(!profile.strategies.isEmpty)
        #expect(profile.sources.allSatisfy { $0.origin == "download" && $0.retrieved == "2026-11-22T09:00:00Z" })
    }

    @Test func aDamagedCacheFileIsReportedNotRead() throws {
        let cache = try Self.seededCache(Kalmar())
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let entry = try #require(try cache.manifest(region: "kalmar").entries.first)
        try Data("changed".utf8).write(to: cache.objectFile(entry.sha256))
        let run = try Executables.rus("compare", "kalmar", "--from-cache", "--cache", cache.root.path)
        #expect(run.status != 0)
        #expect(run.stderr.contains("kalmar: cache: the file for \(entry.url) has SHA-256"))
    }

    @Test func dryRunSaysWhatWouldBeAskedAndSendsNothing() throws {
        let cache = try Self.seededCache(Kalmar(), leaving: ["https://regionkalmar.se/nyhetslista/atom/"])
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let run = try Executables.rus("fetch", "kalmar", "--dry-run", "--cache", cache.root.path, "--max-pages", "5")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("kalmar: 5 sources"))
        #expect(run.stdout.contains("  news: https://regionkalmar.se/nyhetslista/atom/ (not cached)"))
        #expect(run.stdout.contains("(cached, last fetched 2026-11-22T09:00:00Z; conditional: If-None-Match \""))
        #expect(run.stdout.contains("then up to 5 pages from its feeds and the sitemaps robots.txt names, within the folders of its sources"))
    }

    @Test func snapshotWritesABundlableFolderFromTheCache() throws {
        let cache = try Self.seededCache(Kalmar())
        let folder = cache.root.appendingPathComponent("export", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let run = try Executables.rus("snapshot", "kalmar", "--cache", cache.root.path, "--output", folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "kalmar: 5 files and manifest.json written to \(folder.path)\n")
        let exported = try Snapshot(directory: folder)
        #expect(exported.manifest.region == "kalmar")
        #expect(exported.manifest.files.map(\.file) == Kalmar().sources.map(\.snapshotFile))
        #expect(exported.manifest.files.allSatisfy { $0.origin == "download" && $0.retrieved == "2026-11-22T09:00:00Z" })
        let bundled = try Snapshot(directory: try #require(Kalmar().bundledSnapshot))
        #expect(Set(exported.documents.map { SHA256.hex(of: $0.bytes) }) == Set(bundled.manifest.files.map(\.sha256)))
        #expect(try Kalmar().profile(from: DocumentSet(parsing: exported.documents)).strategies.count == 2)
    }

    @Test func fetchWantsAContact() throws {
        let run = try Executables.run("rus", ["fetch", "kalmar", "--cache", FileManager.default.temporaryDirectory.path + "/rus-no-contact"], environment: ["RUS_CONTACT": ""])
        #expect(run.status != 0)
        #expect(run.stderr.contains("say who is fetching: --contact URL-or-email (or set RUS_CONTACT)"))
    }
}
