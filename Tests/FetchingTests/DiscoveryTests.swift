@testable import Fetching
import FlyingFox
import Foundation
import HostileCorpus
import RegionSupport
import Testing

@Suite("Discovery through feeds and sitemaps")
struct DiscoveryTests {
    @Test("new pages are found via the feed and the sitemap robots.txt names, in scope and on the host, up to the limit")
    func discovers() async throws {
        let box = PortBox()
        let server = try await TestServer.start([
            ("GET /robots.txt", { _ in .ok("User-agent: *\nDisallow: /rus/utkast\nSitemap: \(await box.base)/sitemap.xml\n", ["Content-Type": "text/plain"]) }),
            ("GET /sitemap.xml", { _ in
                let base = await box.base
                return .ok("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>\(base)/rus/strategi.html</loc><lastmod>2026-01-01</lastmod></url>
                  <url><loc>\(base)/rus/handlingsplan-2026.html</loc><lastmod>2026-10-01</lastmod></url>
                  <url><loc>\(base)/rus/uppfoljning.html</loc><lastmod>2026-06-01</lastmod></url>
                  <url><loc>\(base)/kollektivtrafik/tidtabell.html</loc><lastmod>2026-11-01</lastmod></url>
                  <url><loc>https://elsewhere.example/rus/x.html</loc></url>
                  <url><loc>\(base)/rus/utkast/hemligt.html</loc><lastmod>2026-11-02</lastmod></url>
                </urlset>
                """, ["Content-Type": "application/xml"])
            }),
            ("GET /rus/strategi.html", { _ in .ok("<html><body><h1>Strategi</h1></body></html>") }),
            ("GET /rus/nyheter.xml", { _ in
                let base = await box.base
                return .ok("""
                <rss version="2.0"><channel><title>Nyheter</title>
                <item><title>Ny handlingsplan</title><link>\(base)/rus/nyhet-1.html#top</link></item>
                <item><title>Annat</title><link>\(base)/press/nyhet-2.html</link></item>
                </channel></rss>
                """, ["Content-Type": "application/rss+xml"])
            }),
            ("GET /rus/*", { request in .ok("<html><body><h1>\(request.path)</h1></body></html>") }),
        ])
        defer { Task { await server.stop() } }
        await box.set(server.url(""))
        let cache = try temporaryCache()
        let sources = [
            SourceDescriptor(url: server.url("/rus/strategi.html"), role: .strategy, snapshotFile: "strategi.html"),
            SourceDescriptor(url: server.url("/rus/nyheter.xml"), role: .news, snapshotFile: "nyheter.xml"),
        ]
        let report = await testFetcher(cache).fetchRegion("test", sources: sources, discovery: DiscoveryHints(), maxPages: 2)

        // Feed links first (fragment dropped; /press is out of scope), then the sitemap's pages
        // newest first; /kollektivtrafik is out of scope, elsewhere.example another host, and
        // the page robots.txt disallows is reported, not fetched, and not counted.
        #expect(report.results.map(\.url) == sources.map(\.url) + [server.url("/rus/nyhet-1.html"), server.url("/rus/handlingsplan-2026.html")])
        #expect(report.notFetched == [server.url("/rus/uppfoljning.html")])
        #expect(report.discoveryProblems == ["\(server.url("/rus/utkast/hemligt.html")): found via the sitemap, not fetched: \(server.url("/rus/utkast/hemligt.html")): disallowed by robots.txt"])
        let manifest = try cache.manifest(region: "test")
        #expect(manifest.entry(for: server.url("/rus/nyhet-1.html"))?.foundVia == "feed")
        #expect(manifest.entry(for: server.url("/rus/nyhet-1.html"))?.role == nil)
        #expect(await server.log.requests(to: "/rus/utkast/hemligt.html").isEmpty)
        #expect(await server.log.requests(to: "/kollektivtrafik/tidtabell.html").isEmpty)

        // Discovered pages are left out of a region's documents unless asked for.
        let plain = try cache.documents(region: "test", sources: sources)
        #expect(plain.documents.map(\.url) == sources.map(\.url))
        let all = try cache.documents(region: "test", sources: sources, includeDiscovered: true)
        #expect(all.documents.map(\.url) == sources.map(\.url) + [server.url("/rus/handlingsplan-2026.html"), server.url("/rus/nyhet-1.html")])
        #expect(all.documents.last?.note?.contains("found via the feed") == true)
    }

    @Test("a sitemap behind a redirect is followed to where it moved")
    func sitemapRedirect() async throws {
        try await expectOnePageFound(viaSitemap: "/old-sitemap.xml") { base in [
            ("GET /old-sitemap.xml", { _ in .status(301, ["Location": "/sitemap.xml"]) }),
            ("GET /sitemap.xml", { _ in .ok(Self.sitemapOfOnePage(await base.base), ["Content-Type": "application/xml"]) }),
        ] }
    }

    @Test("a gzip-compressed sitemap (sitemap.xml.gz) is inflated and read")
    func gzipSitemap() async throws {
        try await expectOnePageFound(viaSitemap: "/sitemap.xml.gz") { base in [
            ("GET /sitemap.xml.gz", { _ in .ok(GzipBuilder.stored(Array(Self.sitemapOfOnePage(await base.base).utf8)), ["Content-Type": "application/gzip"]) }),
        ] }
    }

    /// A sitemap naming one page, `/rus/ny.html` on `base`.
    private static func sitemapOfOnePage(_ base: String) -> String {
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>\(base)/rus/ny.html</loc></url></urlset>"
    }

    /// Fetches a region with one source and the sitemap at `path` (served by `routes`, which get
    /// the server's base URL once it listens): the page the sitemap names is found and fetched.
    private func expectOnePageFound(
        viaSitemap path: String, _ routes: (PortBox) -> [(String, @Sendable (HTTPRequest) async throws -> HTTPResponse)]
    ) async throws {
        let box = PortBox()
        let pages: (String, @Sendable (HTTPRequest) async throws -> HTTPResponse) = ("GET /rus/*", { request in .ok("<html><body><h1>\(request.path)</h1></body></html>") })
        let server = try await TestServer.start(routes(box) + [pages])
        defer { Task { await server.stop() } }
        await box.set(server.url(""))
        let sources = [SourceDescriptor(url: server.url("/rus/strategi.html"), role: .strategy, snapshotFile: "strategi.html")]
        let report = await testFetcher(try temporaryCache()).fetchRegion(
            "test", sources: sources, discovery: DiscoveryHints(sitemaps: [server.url(path)]), maxPages: 5
        )
        #expect(report.discoveryProblems.isEmpty)
        #expect(report.results.map(\.url) == [server.url("/rus/strategi.html"), server.url("/rus/ny.html")])
    }

    @Test("the scope of a source is its folder")
    func folders() {
        #expect(Fetcher.folder(of: "https://www.regionblekinge.se/regional-utveckling/regional-utvecklingsstrategi.html") == "https://www.regionblekinge.se/regional-utveckling/")
        #expect(Fetcher.folder(of: "https://host.se/a/b/?x=/y") == "https://host.se/a/b/")
        #expect(Fetcher.folder(of: "https://host.se") == "https://host.se/")
        #expect(Fetcher.folder(of: "nonsense") == nil)
    }
}

/// The server's base URL, known only once it listens.
actor PortBox {
    private(set) var base = ""
    func set(_ value: String) { base = value }
}
