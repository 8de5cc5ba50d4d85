@testable import Fetching
import Foundation
import RegionSupport
import Testing

/// A fresh cache folder under the temporary directory.
func temporaryCache() throws -> SnapshotCache {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("rus-fetch-tests-\(UUID().uuidString)", isDirectory: true)
    let cache = SnapshotCache(root: root)
    try cache.prepare()
    return cache
}

/// A fetcher for tests: no delay between requests, short backoff, a bounded number of tries,
/// and the default timeout (30 s: long enough for a loaded 2-core machine, or a sanitizer build).
func testFetcher(_ cache: SnapshotCache, _ change: (inout FetchConfiguration) -> Void = { _ in }, clock: @escaping @Sendable () -> Date = { Date() }) -> Fetcher {
    var configuration = FetchConfiguration(
        contact: "https://example.invalid/fetching-tests", minDelay: 0, timeout: 30,
        retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.02, maxDelay: 0.1, maxRetryAfter: 5)
    )
    change(&configuration)
    return Fetcher(cache: cache, configuration: configuration, transport: URLSessionTransport(), clock: clock)
}

/// The files in the cache's `tmp/` folder.
func temporaryFiles(_ cache: SnapshotCache) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: cache.root.appendingPathComponent("tmp").path)) ?? []
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date

    init(_ start: String) { now = ISO8601DateFormatter().date(from: start)! }

    func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }
    var read: @Sendable () -> Date { { [self] in lock.withLock { now } } }
}

/// Nothing was stored for `region`: no manifest entry, no download left in `tmp/`, and the
/// cache as a whole verifies.
func expectNothingStored(_ cache: SnapshotCache, region: String = "test", sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(try cache.manifest(region: region).entries.isEmpty, sourceLocation: sourceLocation)
    #expect(temporaryFiles(cache).isEmpty, sourceLocation: sourceLocation)
    #expect(cache.verify().isEmpty, sourceLocation: sourceLocation)
}
