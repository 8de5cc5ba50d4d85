import Documents
import Foundation
public import RegionSupport

/// What happens while a region is fetched, for progress displays.
public enum FetchEvent: Sendable {
    /// `count` URLs are planned for `region` (sent again when discovery adds more).
    case planned(region: String, count: Int)
    /// A request for `url` is about to be made (it may wait for the host's turn).
    case started(region: String, url: String)
    /// `url` is done, with its result.
    case finished(region: String, FetchResult)
}

/// What fetching one region came to.
public struct RegionFetchReport: Sendable {
    /// The region id.
    public var region: String
    /// The module's sources in their order, then the discovered pages.
    public var results: [FetchResult]
    /// Pages discovery found in scope but left out by the page limit.
    public var notFetched: [String]
    /// Why parts of discovery did not work (an unreadable sitemap, a feed that did not parse).
    public var discoveryProblems: [String]

    /// A report with every field given.
    public init(region: String, results: [FetchResult], notFetched: [String], discoveryProblems: [String]) {
        self.region = region
        self.results = results
        self.notFetched = notFetched
        self.discoveryProblems = discoveryProblems
    }

    /// How many results had `outcome`.
    public func count(_ outcome: FetchResult.Outcome) -> Int { results.filter { $0.outcome == outcome }.count }
    /// The results that failed, in order.
    public var failures: [FetchResult] {
        results.filter { if case .failed = $0.outcome { true } else { false } }
    }
}

extension Fetcher {
    /// Fetches a region's sources, then the pages its feeds and sitemaps lead to (on a
    /// source's host, within the discovery scopes, at most `maxPages`; 0 skips discovery), into
    /// the cache.
    public func fetchRegion(
        _ id: String, sources: [SourceDescriptor], discovery: DiscoveryHints, maxPages: Int,
        events: @escaping @Sendable (FetchEvent) -> Void = { _ in }
    ) async -> RegionFetchReport {
        do { try cache.prepare() } catch {
            let failed = sources.map { FetchResult(url: $0.url, outcome: .failed(.cache(error)), entry: nil, redirects: [$0.url], attempts: 0) }
            return RegionFetchReport(region: id, results: failed, notFetched: [], discoveryProblems: [])
        }
        events(.planned(region: id, count: sources.count))
        let fetched = await fetchAll(sources.map { ($0.url, $0.role, "source") }, region: id, events: events)

        guard maxPages > 0 else { return RegionFetchReport(region: id, results: fetched, notFetched: [], discoveryProblems: []) }
        var problems: [String] = []
        let candidates = await discoveryCandidates(id, sources: sources, fetched: fetched, hints: discovery, problems: &problems)
        let chosen = candidates.prefix(maxPages)
        var more: [FetchResult] = []
        if !chosen.isEmpty {
            events(.planned(region: id, count: sources.count + chosen.count))
            more = await fetchAll(chosen.map { ($0.0, nil, $0.1) }, region: id, events: events)
        }
        return RegionFetchReport(region: id, results: fetched + more, notFetched: candidates.dropFirst(chosen.count).map(\.0), discoveryProblems: problems)
    }

    /// Fetches URLs concurrently (the host gate keeps it polite); results in the order given.
    func fetchAll(_ urls: [(String, SourceRole?, String)], region: String, events: @escaping @Sendable (FetchEvent) -> Void) async -> [FetchResult] {
        await withTaskGroup(of: (Int, FetchResult).self) { group in
            for (index, (url, role, via)) in urls.enumerated() {
                group.addTask {
                    events(.started(region: region, url: url))
                    let result = await fetch(url, region: region, role: role, foundVia: via)
                    events(.finished(region: region, result))
                    return (index, result)
                }
            }
            var results: [(Int, FetchResult)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Pages to look at beyond the sources: the feeds' item links (in feed order), then the
    /// sitemaps' pages (newest `lastmod` first), each once, on a source's host and in scope.
    func discoveryCandidates(
        _ id: String, sources: [SourceDescriptor], fetched: [FetchResult], hints: DiscoveryHints, problems: inout [String]
    ) async -> [(String, String)] {
        let scopes = hints.scopes.isEmpty
            ? Array(Set(sources.filter { $0.role != .news }.compactMap { Self.folder(of: $0.url) })).sorted()
            : hints.scopes
        let hosts = Set(sources.compactMap { URL(string: $0.url)?.host?.lowercased() })
        let known = Set(sources.map(\.url))
        var seen = Set<String>()
        var candidates: [(String, String)] = []
        func consider(_ link: String, via: String) {
            guard var components = URLComponents(string: link), let host = components.host?.lowercased(), hosts.contains(host),
                  ["http", "https"].contains(components.scheme?.lowercased() ?? "")
            else { return }
            components.fragment = nil
            guard let url = components.string, !known.contains(url), scopes.contains(where: { url.hasPrefix($0) }),
                  seen.insert(url).inserted
            else { return }
            candidates.append((url, via))
        }

        for result in fetched {
            if case .failed = result.outcome { continue }
            guard let entry = result.entry else { continue }
            guard let bytes = try? cache.bytes(of: entry), DocumentSniffer.kind(of: bytes.prefix(8192), mediaType: entry.mediaType) == .feed else { continue }
            do {
                let feed = try FeedReader().read(bytes, url: entry.finalURL, charset: entry.charset)
                for item in feed.items { if let link = item.link { consider(link, via: "feed") } }
            } catch {
                problems.append("\(entry.url): feed not read for discovery: \(error)")
            }
        }

        var sitemapURLs = hints.sitemaps
        if sitemapURLs.isEmpty {
            for origin in Set(sources.compactMap { URL(string: $0.url).map(Self.origin) }).sorted() {
                if let rules = try? await robots.rules(for: origin, load: { () async throws(FetchFailure) -> RobotsTxt in try await self.loadRobots(origin) }) {
                    sitemapURLs += rules.sitemaps
                }
            }
        }
        var pages: [SitemapEntry] = []
        var queue = sitemapURLs
        var read = 0
        while !queue.isEmpty, read < Self.maxSitemaps {
            let url = queue.removeFirst()
            read += 1
            switch await sitemap(url) {
            case let .success(map) where map.kind == .index: queue += map.urls
            case let .success(map): pages += map.entries
            case let .failure(problem): problems.append(problem.text)
            }
        }
        let newestFirst = pages.enumerated().sorted { a, b in
            let (x, y) = (a.element.lastModified ?? .distantPast, b.element.lastModified ?? .distantPast)
            return x != y ? x > y : a.offset < b.offset
        }
        for entry in newestFirst { consider(entry.element.url, via: "sitemap") }
        var allowed: [(String, String)] = []
        for candidate in candidates {
            guard let url = URL(string: candidate.0) else { continue }
            do throws(FetchFailure) {
                try await checkRobots(url)
                allowed.append(candidate)
            } catch {
                problems.append("\(candidate.0): found via the \(candidate.1), not fetched: \(error)")
            }
        }
        return allowed
    }

    /// Sitemap documents read per region (an index and the sitemaps it names count alike).
    static let maxSitemaps = 10

    func sitemap(_ address: String) async -> Result<Sitemap, DiscoveryProblem> {
        guard let url = URL(string: address), url.host != nil else { return .failure(DiscoveryProblem(text: "\(address): not a URL")) }
        do throws(FetchFailure) {
            var chain = [address]
            var attempts = 0
            let response = try await get(url, chain: &chain, attempts: &attempts) { _ in ["Accept": "application/xml, text/xml"] }
            defer { try? FileManager.default.removeItem(at: response.bodyFile) }
            guard response.status == 200 else { return .failure(DiscoveryProblem(text: "\(address): sitemap not read: HTTP \(response.status)")) }
            let bytes = [UInt8]((try? Data(contentsOf: response.bodyFile)) ?? Data())
            do {
                return .success(try SitemapReader().read(bytes, url: address, charset: response.header("content-type").flatMap(ContentType.init)?.charset))
            } catch {
                return .failure(DiscoveryProblem(text: "\(address): sitemap not read: \(error)"))
            }
        } catch {
            return .failure(DiscoveryProblem(text: "sitemap not read: \(error)"))
        }
    }

    struct DiscoveryProblem: Error {
        var text: String
    }

    /// `https://host/a/b/page.html` → `https://host/a/b/`.
    static func folder(of url: String) -> String? {
        guard URLComponents(string: url)?.host != nil else { return nil }
        let base = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let schemeEnd = base.range(of: "://"), let last = base.range(of: "/", options: .backwards),
              last.lowerBound >= schemeEnd.upperBound
        else { return String(base) + "/" }
        return String(base[..<last.upperBound])
    }
}
