@testable import rus
import Foundation
import RegionalStrategies
import Testing

/// What `rus fetch` prints, from results made here (the command itself needs the live sites).
@Suite("rus fetch output")
struct FetchOutputTests {
    static let entry = CacheEntry(
        url: "https://regionkalmar.se/nyhetslista/atom/", finalURL: "https://regionkalmar.se/nyhetslista/atom/", role: "news",
        foundVia: "source", status: 200, mediaType: "application/atom+xml", charset: "utf-8", declaredContentType: nil, etag: nil,
        lastModified: nil, firstSeen: "2026-11-22T09:00:00Z", lastFetched: "2026-11-22T09:00:00Z", lastChanged: "2026-11-22T09:00:00Z",
        sha256: String(repeating: "a", count: 64), size: 48_213
    )

    static let results = [
        FetchResult(url: entry.url, outcome: .new, entry: entry, redirects: [entry.url], attempts: 1),
        FetchResult(url: "https://regionkalmar.se/a/", outcome: .unchanged, entry: entry, redirects: [], attempts: 1),
        FetchResult(url: "https://regionkalmar.se/b/", outcome: .failed(.status(404, url: "https://regionkalmar.se/b/")), entry: nil, redirects: [], attempts: 1),
        FetchResult(url: "https://regionkalmar.se/c/", outcome: .failed(.disallowedByRobots(url: "https://regionkalmar.se/c/")), entry: nil, redirects: [], attempts: 0),
        FetchResult(url: "https://regionkalmar.se/d/", outcome: .failed(.robotsUnreachable(url: "https://regionkalmar.se/robots.txt", reason: "HTTP 503")), entry: nil, redirects: [], attempts: 0),
    ]

    @Test func summaryCountsAndGivesEveryFailureWithItsURL() {
        let report = RegionFetchReport(region: "kalmar", results: Self.results, notFetched: ["https://regionkalmar.se/e/"], discoveryProblems: ["https://regionkalmar.se/sitemap.xml: sitemap not read: HTTP 404"])
        let text = FetchCommand.summary([report], cache: SnapshotCache(root: URL(fileURLWithPath: "/tmp/cache")))
        #expect(text == """
        kalmar: 1 new, 0 changed, 1 unchanged, 3 failed
          failed: https://regionkalmar.se/b/: HTTP 404
          failed: https://regionkalmar.se/c/: disallowed by robots.txt
          failed: https://regionkalmar.se/d/: https://regionkalmar.se/robots.txt: robots.txt unreachable (HTTP 503), so nothing on that host is fetched
          1 more pages found but over --max-pages
          discovery: https://regionkalmar.se/sitemap.xml: sitemap not read: HTTP 404
        cache: /tmp/cache

        """)
    }

    @Test func logLinesNameOutcomeURLAndSize() {
        #expect(FetchProgress.describe(Self.results[0]) == "new https://regionkalmar.se/nyhetslista/atom/ (47 kB)")
        #expect(FetchProgress.describe(Self.results[1]) == "unchanged https://regionkalmar.se/a/")
        #expect(FetchProgress.describe(Self.results[2]) == "failed https://regionkalmar.se/b/: HTTP 404")
        #expect(FetchProgress.size(900) == "900 B")
        #expect(FetchProgress.size(3 << 20) == "3.0 MB")
    }

    @Test func noNetworkIsOneLine() {
        let line = FetchCommand.noNetwork("cannot resolve regionkalmar.se: Name or service not known")
        #expect(line == "no network: cannot resolve regionkalmar.se: Name or service not known; nothing was fetched, the cache is unchanged, and the bundled snapshots still work (rus compare)")
        #expect(!line.contains("\n"))
    }

    @Test func fromCacheTakesAnOptionalFolder() {
        let ids: Set<String> = ["kalmar", "blekinge"]
        #expect(CacheOptions.expandingFromCache(["compare", "--from-cache", "/tmp/c", "kalmar"], regionIDs: ids) == ["compare", "--from-cache", "--cache", "/tmp/c", "kalmar"])
        #expect(CacheOptions.expandingFromCache(["compare", "--from-cache=c", "kalmar"], regionIDs: ids) == ["compare", "--from-cache", "--cache", "c", "kalmar"])
        #expect(CacheOptions.expandingFromCache(["compare", "--from-cache", "kalmar"], regionIDs: ids) == ["compare", "--from-cache", "kalmar"])
        #expect(CacheOptions.expandingFromCache(["compare", "--from-cache", "--format", "csv"], regionIDs: ids) == ["compare", "--from-cache", "--format", "csv"])
        #expect(CacheOptions.expandingFromCache(["compare", "--from-cache"], regionIDs: ids) == ["compare", "--from-cache"])
    }
}
