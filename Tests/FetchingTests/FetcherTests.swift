@testable import Fetching
import FlyingFox
import Foundation
import RegionSupport
import Testing

@Suite("Fetching from a real server on 127.0.0.1")
struct FetcherTests {
    @Test("a page is stored by SHA-256 with its status, type, charset and validators")
    func storesPage() async throws {
        let page = "<html><head><title>Regional utvecklingsstrategi</title></head><body><h1>Växtplats</h1></body></html>"
        let server = try await TestServer.start([
            ("GET /rus.html", { _ in .ok(page, ["Content-Type": "text/html; charset=utf-8", "ETag": "\"v1\"", "Last-Modified": "Tue, 10 Nov 2026 08:00:00 GMT"]) }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let clock = TestClock("2026-11-22T10:00:00Z")
        let result = await testFetcher(cache, clock: clock.read).fetch(server.url("/rus.html"), region: "test", role: .strategy)

        #expect(result.outcome == .new)
        let entry = try #require(try cache.manifest(region: "test").entry(for: server.url("/rus.html")))
        #expect(entry.status == 200)
        #expect(entry.mediaType == "text/html")
        #expect(entry.charset == "utf-8")
        #expect(entry.etag == "\"v1\"")
        #expect(entry.lastModified == "Tue, 10 Nov 2026 08:00:00 GMT")
        #expect(entry.role == "strategy")
        #expect(entry.sha256 == SHA256.hex(of: Array(page.utf8)))
        #expect(entry.size == page.utf8.count)
        #expect(entry.firstSeen == "2026-11-22T10:00:00Z")
        #expect(entry.lastChanged == "2026-11-22T10:00:00Z")
        #expect(try cache.bytes(of: entry) == Array(page.utf8))
        #expect(cache.verify().isEmpty)
        #expect(temporaryFiles(cache).isEmpty)

        let sent = await server.log.requests(to: "/rus.html").first?.headers ?? [:]
        #expect(sent["user-agent"]?.hasPrefix("swift-regional-strategies/") == true)
        #expect(sent["user-agent"]?.contains("https://example.invalid/fetching-tests") == true)
    }

    @Test("a matching ETag gets a 304: the copy is kept and its last-fetched time moves")
    func notModified() async throws {
        let server = try await TestServer.start([
            ("GET /page", { request in
                request.headers[HTTPHeader("If-None-Match")] == "\"abc\""
                    ? .status(304, ["ETag": "\"abc\""])
                    : .ok("<html><body><p>Hej</p></body></html>", ["Content-Type": "text/html", "ETag": "\"abc\""])
            }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let clock = TestClock("2026-11-22T10:00:00Z")
        let fetcher = testFetcher(cache, clock: clock.read)
        #expect(await fetcher.fetch(server.url("/page"), region: "test", role: nil).outcome == .new)
        clock.advance(3600)
        let second = await fetcher.fetch(server.url("/page"), region: "test", role: nil)

        #expect(second.outcome == .unchanged)
        let requests = await server.log.requests(to: "/page")
        #expect(requests.count == 2)
        #expect(requests.last?.headers["if-none-match"] == "\"abc\"")
        let entry = try #require(try cache.manifest(region: "test").entry(for: server.url("/page")))
        #expect(entry.status == 304)
        #expect(entry.lastFetched == "2026-11-22T11:00:00Z")
        #expect(entry.lastChanged == "2026-11-22T10:00:00Z")
        #expect(entry.firstSeen == "2026-11-22T10:00:00Z")
        #expect(try cache.bytes(of: entry) == Array("<html><body><p>Hej</p></body></html>".utf8))
    }

    @Test("Last-Modified is sent back as If-Modified-Since; a changed page keeps its older version")
    func changedKeepsHistory() async throws {
        let version = Counter()
        let server = try await TestServer.start([
            ("GET /news.xml", { _ in
                let n = await version.next()
                return .ok("<rss version=\"2.0\"><channel><title>Nyheter \(n)</title></channel></rss>",
                           ["Content-Type": "application/rss+xml", "Last-Modified": "Mon, 0\(n) Nov 2026 08:00:00 GMT"])
            }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let clock = TestClock("2026-11-22T10:00:00Z")
        let fetcher = testFetcher(cache, clock: clock.read)
        let url = server.url("/news.xml")
        #expect(await fetcher.fetch(url, region: "test", role: .news).outcome == .new)
        clock.advance(60)
        #expect(await fetcher.fetch(url, region: "test", role: .news).outcome == .changed)

        #expect(await server.log.requests(to: "/news.xml").last?.headers["if-modified-since"] == "Mon, 01 Nov 2026 08:00:00 GMT")
        let entry = try #require(try cache.manifest(region: "test").entry(for: url))
        #expect(String(decoding: try cache.bytes(of: entry), as: UTF8.self).contains("Nyheter 2"))
        #expect(entry.lastChanged == "2026-11-22T10:01:00Z")
        #expect(entry.history.count == 1)
        let old = try #require(entry.history.first)
        #expect(old.replaced == "2026-11-22T10:01:00Z")
        #expect(old.firstFetched == "2026-11-22T10:00:00Z")
        #expect(String(decoding: try cache.bytes(sha256: old.sha256, url: url), as: UTF8.self).contains("Nyheter 1"))
        #expect(cache.verify().isEmpty)
    }

    @Test("500 then 200: retried, and stored")
    func retriesServerError() async throws {
        let calls = Counter()
        let server = try await TestServer.start([
            ("GET /flaky", { _ in await calls.next() == 1 ? .status(500) : .ok("<html><body><p>ok</p></body></html>") }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/flaky"), region: "test", role: nil)
        #expect(result.outcome == .new)
        #expect(result.attempts == 2)
        #expect(await server.log.requests(to: "/flaky").count == 2)
    }

    @Test("a 503 that stays is tried maxAttempts times, then reported")
    func givesUpOnServerError() async throws {
        let server = try await TestServer.start([("GET /down", { _ in .status(503) })])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/down"), region: "test", role: nil)
        #expect(result.outcome.failure == .status(503, url: server.url("/down")))
        #expect(result.attempts == 3)
        #expect(await server.log.requests(to: "/down").count == 3)
        try expectNothingStored(cache)
    }

    @Test("404 is not retried")
    func noRetryOnNotFound() async throws {
        let server = try await TestServer.start([])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/missing"), region: "test", role: nil)
        #expect(result.outcome.failure == .status(404, url: server.url("/missing")))
        #expect(result.attempts == 1)
        try expectNothingStored(cache)
    }

    @Test("429 with Retry-After: waits as asked, then succeeds")
    func honoursRetryAfter() async throws {
        let calls = Counter()
        let server = try await TestServer.start([
            ("GET /busy", { _ in await calls.next() == 1 ? .status(429, ["Retry-After": "1"]) : .ok("<html><body><p>ok</p></body></html>") }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/busy"), region: "test", role: nil)
        #expect(result.outcome == .new)
        let starts = await server.log.requests(to: "/busy").map(\.start)
        #expect(starts.count == 2)
        // The second try came no sooner than the server asked (a lower bound, not a timing limit).
        #expect(starts[1] - starts[0] >= .milliseconds(950))
    }

    @Test("a Retry-After longer than the policy allows fails at once, naming the wait")
    func retryAfterTooLong() async throws {
        let server = try await TestServer.start([("GET /later", { _ in .status(429, ["Retry-After": "3600"]) })])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/later"), region: "test", role: nil)
        #expect(result.outcome.failure == .retryAfterTooLong(url: server.url("/later"), seconds: 3600, limit: 5))
        #expect(await server.log.requests(to: "/later").count == 1)
        try expectNothingStored(cache)
    }

    @Test("a response slower than the timeout fails as a timeout after the retries")
    func timesOut() async throws {
        let server = try await TestServer.start([
            ("GET /slow", { _ in try await Task.sleep(for: .seconds(8)); return .ok("<html></html>") }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let fetcher = testFetcher(cache) { $0.timeout = 2; $0.retry.maxAttempts = 2 }
        // Only the page is timed: robots.txt is taken as read.
        await fetcher.robots.preset(.allowAll, for: server.url(""))
        let result = await fetcher.fetch(server.url("/slow"), region: "test", role: nil)
        #expect(result.outcome.failure == .transport(url: server.url("/slow"), .timedOut(seconds: 2)))
        #expect(result.attempts == 2)
        // The server saw no more than the two tries (on a loaded machine the second may time
        // out before the server has read it).
        #expect((1...2).contains(await server.log.requests(to: "/slow").count))
        try expectNothingStored(cache)
    }

    @Test("a redirect chain is followed and the final URL recorded")
    func followsRedirects() async throws {
        let server = try await TestServer.start([
            ("GET /a", { _ in .status(301, ["Location": "/b"]) }),
            ("GET /b", { _ in .status(302, ["Location": "c"]) }),
            ("GET /c", { _ in .status(308, ["Location": "/final.html"]) }),
            ("GET /final.html", { _ in .ok("<html><body><p>Slut</p></body></html>") }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/a"), region: "test", role: nil)
        #expect(result.outcome == .new)
        #expect(result.attempts == 4)
        #expect(result.redirects == ["/a", "/b", "/c", "/final.html"].map(server.url))
        let entry = try #require(try cache.manifest(region: "test").entry(for: server.url("/a")))
        #expect(entry.finalURL == server.url("/final.html"))
    }

    @Test("a redirect loop is detected")
    func redirectLoop() async throws {
        let server = try await TestServer.start([
            ("GET /x", { _ in .status(302, ["Location": "/y"]) }),
            ("GET /y", { _ in .status(302, ["Location": "/x"]) }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/x"), region: "test", role: nil)
        #expect(result.outcome.failure == .redirectLoop(chain: ["/x", "/y", "/x"].map(server.url)))
        #expect(await server.log.requests(to: "/x").count == 1)
        try expectNothingStored(cache)
    }

    @Test("more redirects than the limit fail")
    func tooManyRedirects() async throws {
        let server = try await TestServer.start((0..<8).map { n in ("GET /r\(n)", { _ in .status(307, ["Location": "/r\(n + 1)"]) }) })
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache) { $0.maxRedirects = 3 }.fetch(server.url("/r0"), region: "test", role: nil)
        #expect(result.outcome.failure == .tooManyRedirects(limit: 3, chain: (0...4).map { server.url("/r\($0)") }))
        try expectNothingStored(cache)
    }

    @Test("a truncated body is never stored")
    func truncatedBody() async throws {
        let server = try await TestServer.start([
            ("GET /cut", { _ in .scripted([.bytes(Array(repeating: 0x61, count: 1000)), .pause(milliseconds: 50), .dropConnection], length: 5000) }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/cut"), region: "test", role: nil)
        guard case let .transport(_, error)? = result.outcome.failure, case .truncated = error else {
            Issue.record("expected a truncated body, got \(result.outcome)")
            return
        }
        #expect(await server.log.requests(to: "/cut").count == 3)
        try expectNothingStored(cache)
    }

    @Test("a body over the size cap is refused, announced or not, and not retried")
    func sizeCap() async throws {
        let big = Array(repeating: UInt8(ascii: "x"), count: 300_000)
        let server = try await TestServer.start([
            ("GET /announced", { _ in .ok(big, ["Content-Type": "text/html"]) }),
            ("GET /chunked", { _ in .scripted([.bytes(big)], length: nil) }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let fetcher = testFetcher(cache) { $0.maxBodyBytes = 100_000 }
        for path in ["/announced", "/chunked"] {
            let result = await fetcher.fetch(server.url(path), region: "test", role: nil)
            #expect(result.outcome.failure == .transport(url: server.url(path), .tooLarge(limit: 100_000)), "\(path)")
            #expect(await server.log.requests(to: path).count == 1, "\(path)")
        }
        try expectNothingStored(cache)
    }

    @Test("a wrong or missing Content-Type: the content decides, and the entry says so")
    func wrongContentType() async throws {
        let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Nyheter</title></channel></rss>"
        let server = try await TestServer.start([
            ("GET /feed", { _ in .ok(feed, ["Content-Type": "text/html; charset=utf-8"]) }),
            ("GET /page", { _ in .ok(Array("<!DOCTYPE html><html><body><p>Hej</p></body></html>".utf8), [:]) }),
            ("GET /plain", { _ in .ok("<!DOCTYPE html><html><body><p>Hej</p></body></html>", ["Content-Type": "text/plain"]) }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let fetcher = testFetcher(cache)
        for path in ["/feed", "/page", "/plain"] { _ = await fetcher.fetch(server.url(path), region: "test", role: nil) }
        let manifest = try cache.manifest(region: "test")
        let feedEntry = try #require(manifest.entry(for: server.url("/feed")))
        #expect(feedEntry.mediaType == "application/xml")
        #expect(feedEntry.declaredContentType == "text/html; charset=utf-8")
        #expect(feedEntry.note == "served as text/html; the content is an RSS/Atom feed, read as such")
        let pageEntry = try #require(manifest.entry(for: server.url("/page")))
        #expect(pageEntry.mediaType == "text/html")
        #expect(pageEntry.declaredContentType == nil)
        #expect(pageEntry.note == "served without a Content-Type; the content is an HTML page, read as such")
        #expect(manifest.entry(for: server.url("/plain"))?.mediaType == "text/html")

        // And the parsers read them as what they are.
        let documents = try cache.documents(region: "test", sources: [
            SourceDescriptor(url: server.url("/feed"), role: .news, snapshotFile: "feed.xml"),
            SourceDescriptor(url: server.url("/plain"), role: .overview, snapshotFile: "plain.html"),
        ])
        let parsed = try DocumentSet(parsing: documents.documents)
        #expect(parsed.documents[0].feed?.title == "Nyheter")
        #expect(parsed.documents[1].page != nil)
    }

    @Test("a slide deck served as application/octet-stream is stored as a .pptx and reads as one")
    func officeFileWithoutItsType() async throws {
        let deck = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Regions/Blekinge/Sources/Snapshot/genomforande-och-uppfoljning-av-rus.pptx")
        let bytes = try [UInt8](Data(contentsOf: deck))
        let server = try await TestServer.start([("GET /deck", { _ in .ok(bytes, ["Content-Type": "application/octet-stream"]) })])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        _ = await testFetcher(cache).fetch(server.url("/deck"), region: "test", role: .followUp)
        let entry = try #require(try cache.manifest(region: "test").entry(for: server.url("/deck")))
        #expect(entry.mediaType == "application/vnd.openxmlformats-officedocument.presentationml.presentation")
        #expect(entry.note == "served as application/octet-stream; the content is an Office file (application/vnd.openxmlformats-officedocument.presentationml.presentation), read as such")
        let documents = try cache.documents(region: "test", sources: [SourceDescriptor(url: server.url("/deck"), role: .followUp, snapshotFile: "deck.pptx")])
        #expect(try DocumentSet(parsing: documents.documents).documents.first?.page?.allSections.isEmpty == false)
    }

    @Test("a Latin-1 page declared only in the header reads as Swedish, not mojibake")
    func latin1FromHeader() async throws {
        // "Västernorrland – Regional utvecklingsstrategi för Västernorrland" in ISO-8859-1, no <meta>.
        let text = "<html><head><title>Västernorrland</title></head><body><h1>Strategi för Västernorrland</h1><p>Målen är fyra.</p></body></html>"
        let latin1 = Array(text.data(using: .isoLatin1)!)
        let server = try await TestServer.start([("GET /latin1", { _ in .ok(latin1, ["Content-Type": "text/html; charset=ISO-8859-1"]) })])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        _ = await testFetcher(cache).fetch(server.url("/latin1"), region: "test", role: .strategy)
        let entry = try #require(try cache.manifest(region: "test").entry(for: server.url("/latin1")))
        #expect(entry.charset == "ISO-8859-1")
        let documents = try cache.documents(region: "test", sources: [SourceDescriptor(url: server.url("/latin1"), role: .strategy, snapshotFile: "x.html")])
        let page = try #require(try DocumentSet(parsing: documents.documents).documents.first?.page)
        #expect(page.title == "Västernorrland")
        #expect(page.allSections.compactMap(\.heading) == ["Strategi för Västernorrland"])
    }

    @Test("robots.txt: a disallowed path is never requested; a 5xx robots.txt disallows all")
    func robots() async throws {
        let server = try await TestServer.start([
            ("GET /robots.txt", { _ in .ok("User-agent: *\nDisallow: /intern/\n\nUser-agent: swift-regional-strategies\nDisallow: /privat\nAllow: /privat/oppet\n", ["Content-Type": "text/plain"]) }),
            ("GET /privat/hemligt.html", { _ in .ok("<html></html>") }),
            ("GET /privat/oppet.html", { _ in .ok("<html><body><p>Öppet</p></body></html>") }),
            ("GET /intern/a.html", { _ in .ok("<html><body><p>Ours is the specific group, so /intern is allowed</p></body></html>") }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let fetcher = testFetcher(cache)
        let denied = await fetcher.fetch(server.url("/privat/hemligt.html"), region: "test", role: nil)
        #expect(denied.outcome.failure == .disallowedByRobots(url: server.url("/privat/hemligt.html")))
        #expect(await fetcher.fetch(server.url("/privat/oppet.html"), region: "test", role: nil).outcome == .new)
        #expect(await fetcher.fetch(server.url("/intern/a.html"), region: "test", role: nil).outcome == .new)
        #expect(await server.log.requests(to: "/privat/hemligt.html").isEmpty)
        #expect(try cache.manifest(region: "test").entry(for: server.url("/privat/hemligt.html")) == nil)
        #expect(await server.log.requests(to: "/robots.txt").count == 1)

        let broken = try await TestServer.start([
            ("GET /robots.txt", { _ in .status(500) }),
            ("GET /page.html", { _ in .ok("<html></html>") }),
        ])
        defer { Task { await broken.stop() } }
        let refused = await testFetcher(cache).fetch(broken.url("/page.html"), region: "test", role: nil)
        #expect(refused.outcome.failure == .robotsUnreachable(url: broken.url("/robots.txt"), reason: "HTTP 500"))
        #expect(await broken.log.requests(to: "/page.html").isEmpty)
    }

    @Test("a robots.txt that redirects to file:// is not followed there, and the host counts as unreachable")
    func robotsRedirectToFile() async throws {
        let server = try await TestServer.start([
            ("GET /robots.txt", { _ in .status(302, ["Location": "file:///etc/passwd"]) }),
            ("GET /page.html", { _ in .ok("<html></html>") }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch(server.url("/page.html"), region: "test", role: nil)
        #expect(result.outcome.failure == .robotsUnreachable(
            url: server.url("/robots.txt"), reason: "file:///etc/passwd: refused (only https:// URLs are fetched)"
        ))
        #expect(await server.log.requests(to: "/page.html").isEmpty)
        try expectNothingStored(cache)
    }

    @Test("politeness: at most N requests at once per host, starts at least the delay apart")
    func politeness() async throws {
        let server = try await TestServer.start([
            ("GET /p/*", { _ in try await Task.sleep(for: .milliseconds(150)); return .ok("<html><body><p>x</p></body></html>") }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let sources = (0..<6).map { SourceDescriptor(url: server.url("/p/\($0).html"), role: .overview, snapshotFile: "\($0).html") }

        let parallel = testFetcher(cache) { $0.maxConcurrentPerHost = 2 }
        let report = await parallel.fetchRegion("test", sources: sources, discovery: DiscoveryHints(), maxPages: 0)
        #expect(report.count(.new) == 6)
        #expect(await server.log.maxInFlight <= 2)

        // The delay is checked where the gate is: when the transport is handed each request.
        let spaced = try await TestServer.start([("GET /q/*", { _ in .ok("<html><body><p>x</p></body></html>") })])
        defer { Task { await spaced.stop() } }
        let recorder = RecordingTransport()
        var configuration = testFetcher(cache).configuration
        configuration.maxConcurrentPerHost = 2
        configuration.minDelay = 0.2
        let delayed = Fetcher(cache: try temporaryCache(), configuration: configuration, transport: recorder)
        _ = await delayed.fetchRegion(
            "test", sources: (0..<4).map { SourceDescriptor(url: spaced.url("/q/\($0)"), role: .overview, snapshotFile: "\($0)") },
            discovery: DiscoveryHints(), maxPages: 0
        )
        let starts = await recorder.starts
        #expect(starts.count == 5)  // robots.txt and the four pages
        for (a, b) in zip(starts, starts.dropFirst()) { #expect(b - a >= .milliseconds(200)) }
    }

    @Test("a fetch into a cache folder that does not exist yet creates it")
    func unpreparedCache() async throws {
        let server = try await TestServer.start([("GET /a.html", { _ in .ok("<html><body><p>a</p></body></html>") })])
        defer { Task { await server.stop() } }
        let cache = SnapshotCache(root: FileManager.default.temporaryDirectory.appendingPathComponent("rus-unprepared-\(UUID().uuidString)/cache", isDirectory: true))
        #expect(await testFetcher(cache).fetch(server.url("/a.html"), region: "test", role: nil).outcome == .new)
        #expect(cache.verify().isEmpty)
    }

    @Test("plain HTTP is refused outside loopback, before any request")
    func refusesPlainHTTP() async throws {
        let cache = try temporaryCache()
        let result = await testFetcher(cache).fetch("http://www.example.invalid/rus.html", region: "test", role: nil)
        #expect(result.outcome.failure == .insecure(url: "http://www.example.invalid/rus.html"))
        #expect(await testFetcher(cache).fetch("ftp://example.invalid/x", region: "test", role: nil).outcome.failure == .insecure(url: "ftp://example.invalid/x"))
        #expect(await testFetcher(cache).fetch("not a url", region: "test", role: nil).outcome.failure == .badURL("not a url"))
        try expectNothingStored(cache)
    }
}

/// Notes when each request is handed to the transport, then sends it.
actor RecordingTransport: HTTPTransport {
    private(set) var starts: [ContinuousClock.Instant] = []

    nonisolated func send(_ request: TransportRequest, bodyFile: URL) async throws(TransportError) -> TransportResponse {
        await record()
        return try await URLSessionTransport().send(request, bodyFile: bodyFile)
    }

    private func record() { starts.append(.now) }
}

/// Counts calls across requests.
actor Counter {
    private var value = 0
    func next() -> Int { value += 1; return value }
}
