import Foundation
public import RegionSupport

/// Fetches URLs into a ``SnapshotCache``, politely: HTTPS only, `robots.txt` honoured per host,
/// a few requests at once per host with a delay between starts, conditional requests with the
/// cached validators, redirects followed up to a limit with loops detected, retries with
/// backoff and jitter on timeouts, 429 and 5xx (`Retry-After` honoured), bodies capped.
public struct Fetcher: Sendable {
    /// Where fetched documents go.
    public let cache: SnapshotCache
    /// How politely, how long, how much.
    public let configuration: FetchConfiguration
    let transport: any HTTPTransport
    let gate: HostGate
    let robots: RobotsCache
    let clock: @Sendable () -> Date

    /// A fetcher over `transport` (by default ``URLSessionTransport``).
    public init(cache: SnapshotCache, configuration: FetchConfiguration, transport: any HTTPTransport = URLSessionTransport()) {
        self.init(cache: cache, configuration: configuration, transport: transport, clock: { Date() })
    }

    init(cache: SnapshotCache, configuration: FetchConfiguration, transport: any HTTPTransport, clock: @escaping @Sendable () -> Date) {
        self.cache = cache
        self.configuration = configuration
        self.transport = transport
        self.gate = HostGate(maxConcurrent: configuration.maxConcurrentPerHost, minDelay: configuration.minDelay)
        self.robots = RobotsCache()
        self.clock = clock
    }

    /// Fetches `url` for region `region` and records it in the region's manifest.
    public func fetch(_ url: String, region: String, role: SourceRole?, foundVia: String = "source") async -> FetchResult {
        let previous = (try? cache.manifest(region: region))?.entry(for: url)
        var chain = [url]
        var attempts = 0
        do throws(FetchFailure) {
            guard let start = URL(string: url), start.host != nil else { throw .badURL(url) }
            let response = try await get(start, chain: &chain, attempts: &attempts) { current in
                var headers = ["Accept": Self.accept]
                if let previous, previous.finalURL == current.absoluteString {
                    if let etag = previous.etag { headers["If-None-Match"] = etag }
                    if let lastModified = previous.lastModified { headers["If-Modified-Since"] = lastModified }
                }
                return headers
            }
            let finalURL = chain.last ?? url
            switch response.status {
            case 304:
                try? FileManager.default.removeItem(at: response.bodyFile)
                guard var entry = previous else { throw .notModifiedWithoutCopy(url: url) }
                entry.lastFetched = timestamp()
                entry.status = 304
                try record(entry, region: region)
                return FetchResult(url: url, outcome: .unchanged, entry: entry, redirects: chain, attempts: attempts)
            case 200, 203:
                let entry = try store(response, url: url, finalURL: finalURL, role: role, foundVia: foundVia, previous: previous, region: region)
                let outcome: FetchResult.Outcome = switch previous?.sha256 {
                case nil: .new
                case entry.sha256: .unchanged
                default: .changed
                }
                return FetchResult(url: url, outcome: outcome, entry: entry, redirects: chain, attempts: attempts)
            default:
                try? FileManager.default.removeItem(at: response.bodyFile)
                throw .status(response.status, url: finalURL)
            }
        } catch {
            return FetchResult(url: url, outcome: .failed(error), entry: previous, redirects: chain, attempts: attempts)
        }
    }

    /// GET `url`, following redirects by hand: every hop must be HTTPS (``checkScheme(_:)``) and
    /// allowed by its host's robots.txt (unless `robots` is false, for robots.txt itself); a
    /// loop or more than `maxRedirects` hops fails. `chain` gets every URL asked for; the
    /// response is the first that is not a redirect, its body the caller's to remove.
    func get(
        _ url: URL, robots: Bool = true, chain: inout [String], attempts: inout Int, headers: (URL) -> [String: String]
    ) async throws(FetchFailure) -> TransportResponse {
        var current = url
        while true {
            try checkScheme(current)
            guard current.host != nil else { throw .badURL(current.absoluteString) }
            if robots { try await checkRobots(current) }
            let response = try await send(current, headers: headers(current).merging(["User-Agent": configuration.userAgent]) { $1 }, attempts: &attempts)
            guard [301, 302, 303, 307, 308].contains(response.status) else { return response }
            try? FileManager.default.removeItem(at: response.bodyFile)
            guard let location = response.header("location"), let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                throw .redirectWithoutLocation(url: current.absoluteString, status: response.status)
            }
            if chain.contains(next.absoluteString) { throw .redirectLoop(chain: chain + [next.absoluteString]) }
            chain.append(next.absoluteString)
            guard chain.count - 1 <= configuration.maxRedirects else { throw .tooManyRedirects(limit: configuration.maxRedirects, chain: chain) }
            current = next
        }
    }

    static let accept = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"

    func checkScheme(_ url: URL) throws(FetchFailure) {
        switch url.scheme?.lowercased() {
        case "https": return
        case "http" where configuration.allowInsecureHTTP || Self.isLoopback(url.host ?? ""): return
        default: throw .insecure(url: url.absoluteString)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// The origin (`scheme://host[:port]`) requests to a host are counted by.
    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? "https"
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(url.host?.lowercased() ?? "")\(port)"
    }

    /// One request with retries: the politeness gate around each try, backoff between tries.
    /// `attempts` counts every request sent.
    func send(_ url: URL, headers: [String: String], attempts: inout Int) async throws(FetchFailure) -> TransportResponse {
        let request = TransportRequest(url: url, headers: headers, timeout: configuration.timeout, maxBodyBytes: configuration.maxBodyBytes)
        let policy = configuration.retry
        // The cache may never have been prepared (`fetch` called on its own): downloads need tmp/.
        try? FileManager.default.createDirectory(at: cache.temporary, withIntermediateDirectories: true)
        var attempt = 0
        while true {
            attempt += 1
            attempts += 1
            let bodyFile = cache.temporaryFile()
            let result: Result<TransportResponse, TransportError> = await gate.run(Self.origin(url)) {
                do throws(TransportError) { return .success(try await transport.send(request, bodyFile: bodyFile)) } catch { return .failure(error) }
            }
            switch result {
            case let .failure(error):
                try? FileManager.default.removeItem(at: bodyFile)
                guard error.isTransient, attempt < policy.maxAttempts else { throw .transport(url: url.absoluteString, error) }
                await pause(policy.backoff(afterAttempt: attempt, random: Double.random(in: 0..<1)))
            case let .success(response) where RetryPolicy.isRetryable(status: response.status) && attempt < policy.maxAttempts:
                try? FileManager.default.removeItem(at: bodyFile)
                var wait = policy.backoff(afterAttempt: attempt, random: Double.random(in: 0..<1))
                if let value = response.header("retry-after"), let asked = RetryPolicy.retryAfter(value, now: clock()) {
                    guard asked <= policy.maxRetryAfter else {
                        throw .retryAfterTooLong(url: url.absoluteString, seconds: asked, limit: policy.maxRetryAfter)
                    }
                    wait = max(wait, asked)
                }
                await pause(wait)
            case let .success(response):
                return response
            }
        }
    }

    func pause(_ seconds: TimeInterval) async {
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
    }

    func checkRobots(_ url: URL) async throws(FetchFailure) {
        let origin = Self.origin(url)
        let rules = try await robots.rules(for: origin) { () async throws(FetchFailure) -> RobotsTxt in try await self.loadRobots(origin) }
        if let delay = rules.crawlDelay { await gate.setDelay(min(delay, configuration.maxCrawlDelay), for: origin) }
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        guard rules.allows(path) else { throw .disallowedByRobots(url: url.absoluteString) }
    }

    /// Reads `origin/robots.txt` (RFC 9309): 2xx gives its rules, 4xx (or redirects that go
    /// nowhere within the limit) means no rules, 5xx or an unreachable server means "disallow
    /// all". Redirects are followed as for any document, HTTPS only.
    func loadRobots(_ origin: String) async throws(FetchFailure) -> RobotsTxt {
        guard let url = URL(string: origin + "/robots.txt") else { throw .badURL(origin) }
        var chain = [url.absoluteString]
        var attempts = 0
        let response: TransportResponse
        do {
            response = try await get(url, robots: false, chain: &chain, attempts: &attempts) { _ in ["Accept": "text/plain"] }
        } catch {
            switch error {
            case .transport(_, .noNetwork): throw error
            case .redirectLoop, .tooManyRedirects, .redirectWithoutLocation: return .allowAll
            default: throw .robotsUnreachable(url: url.absoluteString, reason: error.description)
            }
        }
        defer { try? FileManager.default.removeItem(at: response.bodyFile) }
        switch response.status {
        case 200...299:
            let data = (try? FileHandle(forReadingFrom: response.bodyFile).read(upToCount: 512 * 1024)) ?? Data()
            return RobotsTxt(parsing: String(decoding: data, as: UTF8.self), agent: FetchConfiguration.productToken)
        case 400...499:
            return .allowAll
        default:
            throw .robotsUnreachable(url: url.absoluteString, reason: "HTTP \(response.status)")
        }
    }

    func store(
        _ response: TransportResponse, url: String, finalURL: String, role: SourceRole?, foundVia: String, previous: CacheEntry?, region: String
    ) throws(FetchFailure) -> CacheEntry {
        do { try cache.store(response.bodyFile, sha256: response.sha256) } catch { throw .cache(error) }
        let now = timestamp()
        let declared = response.header("content-type")
        let typed = declared.flatMap(ContentType.init)
        let sniffed = MediaTypeCheck(declared: typed?.mediaType, file: cache.objectFile(response.sha256))
        var entry = CacheEntry(
            url: url, finalURL: finalURL, role: role?.rawValue, foundVia: foundVia, status: response.status,
            mediaType: sniffed.mediaType, charset: typed?.charset, declaredContentType: declared,
            etag: response.header("etag"), lastModified: response.header("last-modified"),
            firstSeen: previous?.firstSeen ?? now, lastFetched: now, lastChanged: now,
            sha256: response.sha256, size: response.bodyBytes, history: previous?.history ?? [], note: sniffed.note
        )
        if let previous {
            if previous.sha256 == entry.sha256 {
                entry.lastChanged = previous.lastChanged
            } else {
                let replaced = CacheVersion(
                    sha256: previous.sha256, size: previous.size, mediaType: previous.mediaType, charset: previous.charset,
                    firstFetched: previous.lastChanged, replaced: now
                )
                entry.history = [replaced] + previous.history
            }
        }
        try record(entry, region: region)
        return entry
    }

    func record(_ entry: CacheEntry, region: String) throws(FetchFailure) {
        do { try cache.updateManifest(region: region) { $0.upsert(entry) } } catch { throw .cache(error) }
    }

    func timestamp() -> String {
        ISO8601DateFormatter.string(from: clock(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
    }
}

/// What fetching one URL came to.
public struct FetchResult: Sendable {
    /// Whether the URL was new, changed, unchanged or failed.
    public enum Outcome: Sendable, Hashable {
        /// First fetched now.
        case new
        /// Fetched before; the content is different now (the old version is kept).
        case changed
        /// Fetched before; the same content (a 304, or equal bytes).
        case unchanged
        /// Nothing stored; the reason says what and where.
        case failed(FetchFailure)

        /// Why it failed, for ``failed(_:)``.
        public var failure: FetchFailure? {
            if case let .failed(failure) = self { failure } else { nil }
        }
    }

    /// The URL asked for.
    public var url: String
    /// What came of it.
    public var outcome: Outcome
    /// The cache entry after this fetch (for a failure, the earlier one, if any).
    public var entry: CacheEntry?
    /// The URL asked for and every redirect target, in order.
    public var redirects: [String]
    /// Requests sent for the URL and each redirect hop, retries included (robots.txt not counted).
    public var attempts: Int

    /// A result with every field given.
    public init(url: String, outcome: Outcome, entry: CacheEntry?, redirects: [String], attempts: Int) {
        self.url = url
        self.outcome = outcome
        self.entry = entry
        self.redirects = redirects
        self.attempts = attempts
    }
}

/// Remembers each origin's `robots.txt`, fetching it once even when many requests start at once.
actor RobotsCache {
    private var rules: [String: Task<Result<RobotsTxt, FetchFailure>, Never>] = [:]

    func rules(for origin: String, load: @escaping @Sendable () async throws(FetchFailure) -> RobotsTxt) async throws(FetchFailure) -> RobotsTxt {
        let task = rules[origin] ?? Task {
            do throws(FetchFailure) { return .success(try await load()) } catch { return .failure(error) }
        }
        rules[origin] = task
        return try await task.value.get()
    }

    /// Sets an origin's rules without fetching them (tests that time a page, not robots.txt).
    func preset(_ robots: RobotsTxt, for origin: String) {
        rules[origin] = Task { .success(robots) }
    }
}
