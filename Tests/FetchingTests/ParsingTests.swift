@testable import Fetching
import Foundation
import RegionSupport
import Testing

@Suite("robots.txt, Retry-After, Content-Type, backoff")
struct ParsingTests {
    @Test("robots.txt: our group over *, longest match, allow wins a tie, wildcards and $")
    func robots() {
        let text = """
        # comment
        User-agent: *
        Disallow: /

        User-agent: Swift-Regional-Strategies
        User-agent: other
        Disallow: /privat
        Allow: /privat/oppet
        Disallow: /*.pdf$
        Disallow: /sok?
        Allow: /lika
        Disallow: /lika
        Crawl-delay: 2.5
        Sitemap: https://example.se/sitemap.xml
        """
        let rules = RobotsTxt(parsing: text, agent: "swift-regional-strategies")
        #expect(rules.allows("/"))
        #expect(!rules.allows("/privat"))
        #expect(!rules.allows("/privat/x.html"))
        #expect(rules.allows("/privat/oppet/y.html"))
        #expect(!rules.allows("/dokument/rus.pdf"))
        #expect(rules.allows("/dokument/rus.pdf?v=2"))
        #expect(!rules.allows("/sok?q=rus"))
        #expect(rules.allows("/lika"))
        #expect(rules.allows("/robots.txt"))
        #expect(rules.crawlDelay == 2.5)
        #expect(rules.sitemaps == ["https://example.se/sitemap.xml"])

        let others = RobotsTxt(parsing: text, agent: "someone-else")
        #expect(!others.allows("/anything"))
        #expect(RobotsTxt(parsing: "", agent: "x").allows("/a"))
        #expect(RobotsTxt(parsing: "User-agent: *\nDisallow:\n", agent: "x").allows("/a"))
        #expect(!RobotsTxt.disallowAll.allows("/a"))
    }

    @Test("Retry-After as seconds or an HTTP date")
    func retryAfter() {
        let now = ISO8601DateFormatter().date(from: "2015-10-21T07:27:00Z")!
        #expect(RetryPolicy.retryAfter("120", now: now) == 120)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 60)
        #expect(RetryPolicy.retryAfter("Wednesday, 21-Oct-15 07:28:00 GMT", now: now) == 60)
        #expect(RetryPolicy.retryAfter("Wed Oct 21 07:28:00 2015", now: now) == 60)
        #expect(RetryPolicy.retryAfter("Tue, 20 Oct 2015 07:28:00 GMT", now: now) == 0)
        #expect(RetryPolicy.retryAfter("soon", now: now) == nil)
        #expect(RetryPolicy.retryAfter("-5", now: now) == nil)
    }

    @Test("backoff doubles, is capped, and jitters between half and all")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: 1, maxDelay: 10)
        #expect(policy.backoff(afterAttempt: 1, random: 0) == 0.5)
        #expect(policy.backoff(afterAttempt: 1, random: 1) == 1)
        #expect(policy.backoff(afterAttempt: 3, random: 0) == 2)
        #expect(policy.backoff(afterAttempt: 3, random: 0.5) == 3)
        #expect(policy.backoff(afterAttempt: 10, random: 1) == 10)
        #expect(RetryPolicy.isRetryable(status: 429))
        #expect(RetryPolicy.isRetryable(status: 503))
        #expect(!RetryPolicy.isRetryable(status: 404))
        #expect(!RetryPolicy.isRetryable(status: 301))
    }

    @Test("Content-Type: media type and charset")
    func contentType() {
        #expect(ContentType("text/html; charset=\"ISO-8859-1\"") == ContentType(mediaType: "text/html", charset: "ISO-8859-1"))
        #expect(ContentType("Application/RSS+XML;charset=utf-8") == ContentType(mediaType: "application/rss+xml", charset: "utf-8"))
        #expect(ContentType("text/html")?.charset == nil)
        #expect(ContentType("") == nil)
        #expect(ContentType("html") == nil)
    }

    @Test("the cache folder follows the platform convention")
    func defaultRoot() {
        #if os(Linux)
        #expect(SnapshotCache.defaultRoot(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"]).path == "/x/cache/regional-strategies")
        #expect(SnapshotCache.defaultRoot(environment: ["HOME": "/home/a"]).path == "/home/a/.cache/regional-strategies")
        #expect(SnapshotCache.defaultRoot(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/a"]).path == "/home/a/.cache/regional-strategies")
        #endif
    }

    @Test("SHA-256 over pieces equals SHA-256 of the whole")
    func incrementalHash() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256.Hasher()
        var index = 0
        for size in [1, 63, 64, 65, 127, 1000, 3] + Array(repeating: 500, count: 20) where index < bytes.count {
            hasher.update(bytes[index..<min(bytes.count, index + size)])
            index += size
        }
        hasher.update(bytes[min(index, bytes.count)...])
        #expect(hasher.hexDigest() == SHA256.hex(of: bytes))
        #expect(SHA256.Hasher().hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
