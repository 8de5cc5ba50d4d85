import Foundation
import Testing
import Markup
@testable import Documents

/// ``PlainLinkResolution`` resolves the common shapes of `href` from their bytes; whatever it
/// answers must be what ``LinkResolver/resolveInGeneral(_:)`` (Foundation's `URL`) gives.
@Suite("Links resolved without Foundation's URL agree with it")
struct HTMLLinkFastPathTests {
    /// Bases as pages give them: the page's own URL, with and without a query, fragment,
    /// directory or port, `<base href>`s, and bases the fast path leaves alone.
    static let bases: [(page: String?, base: String?)] = [
        ("https://example.com/page.html", nil),
        ("https://www.regionvasternorrland.se/utveckling/strategi/rus.html?x=1#top", nil),
        ("http://region.se/a/b/", nil),
        ("https://region.se", nil),
        ("https://region.se:8443/a/b", nil),
        ("https://Region.se/A/b", nil),
        ("https://region.se/a/./b/../c", nil),
        ("https://example.com/page.html", "/sv/"),
        ("https://example.com/page.html", "https://www.other.se/dir/index.php?q=1"),
        ("https://example.com/page.html", "../up/"),
        (nil, nil),
        ("not a url", nil),
    ]

    static let madeUpHrefs = [
        "", " ", "#", "#top", "a", "a.html", "/a", "/", "//host/a", "//host", "?", "?x=1", "?x=1#f", "a?b#c#d",
        ".", "..", "./", "../", "./a", "../a", "a/./b", "a/../b", "a/.", "a/..", "/.", "/..", "/./a", "/a/..",
        "...", ".a", "a..", "/.../a", "/a/.b/..c", "a b", " a", "a ", "a\tb", "/växt", "/%C3%A4", "/%zz", "/%2",
        "/a%", "/a%20b", "%41", "javascript:void(0)", "JavaScript:x", "mailto:a@b.se", "tel:+46", "a:b", "a/b:c",
        "http://", "https://", "http:/a", "http:a", "https://host", "https://host/", "https://host?x", "https://host#f",
        "https://HOST/a", "HTTPS://host/a", "https://host:80/a", "https://user@host/a", "https://ho_st/a",
        "https://host/a/../b", "https://host/./", "https://host/a b", "https://host/a?b=c&d=e#f", "ftp://host/a",
        "https://host/a#b#c", "a#b", "a?b?c", "/a?b/c#d/e", "@", "/@a", "a@b", "!$&'()*+,;=", "/[a]", "/a|b",
        "/a\\b", "/a\"b", "/a<b>", "/a{b}", "/a^b", "/a`b", "~user", "/-_.~", "file.pdf", "dokument/4711.pdf",
        "https://example.com/dokument/4711.pdf", "https://xn--vsternorrland-0fb.se/", "https://1.2.3.4/a",
        "https://-a-.se/", "https://a..b/", "data:text/plain,x", "//", "///a", "/a//b", "a//b", "?#", "#?",
    ]

    /// Every `href` of the trafilatura pages, and each page's `<base href>` (empty when absent).
    static func pageHrefs() throws -> (hrefs: [String], bases: [String]) {
        let folder = MainContentFastPathTests.pages
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            print("HTMLLinkFastPathTests: \(folder.path) is absent; only made-up links are checked")
            return ([], [])
        }
        var hrefs: [String] = []
        var bases: [String] = []
        for file in files.sorted() {
            let document = try MarkupDocument(html: [UInt8](Data(contentsOf: folder.appendingPathComponent(file))))
            for node in try document.select("//*[@href]") {
                guard let href = node.attribute("href") else { continue }
                if node.name == "base" { bases.append(href) }
                hrefs.append(href)
            }
        }
        return (hrefs, bases)
    }

    @Test func fastPathGivesWhatFoundationGives() throws {
        let (pageHrefs, pageBases) = try Self.pageHrefs()
        // (Each distinct one once: the same menu links recur on many pages.)
        let distinct = Set(pageHrefs).sorted()
        let hrefs = Self.madeUpHrefs + distinct
        // Every link against the made-up bases; a sixteenth of them against the pages' own bases.
        var cases = Self.bases.map { (page: $0.page, base: $0.base, hrefs: hrefs) }
        let sample = Self.madeUpHrefs + distinct.enumerated().filter { $0.offset % 16 == 0 }.map(\.element)
        for base in Set(pageBases).sorted() { cases.append((page: "https://example.com/page.html", base: base, hrefs: sample)) }
        var checked = 0
        var fast = 0
        for (page, base, hrefs) in cases {
            let resolver = LinkResolver(pageURL: page, base: base)
            let plain = resolver.baseURL.flatMap { PlainLinkResolution(base: $0.absoluteString) }
            for href in hrefs {
                #expect(resolver.resolve(href) == resolver.resolveInGeneral(href), "\(href) against \(page ?? "nil"), base \(base ?? "nil")")
                if plain?.resolve(href) ?? (resolver.baseURL == nil ? PlainLinkResolution.withoutBase(href) : nil) != nil { fast += 1 }
                checked += 1
            }
        }
        print("HTMLLinkFastPathTests: \(checked) links checked, \(fast) of them on the fast path")
        // The made-up links alone take the fast path hundreds of times.
        #expect(fast > 300)
        if !pageHrefs.isEmpty {
            #expect(distinct.count > 20_000)
            // Against a page's own URL, most real links take the fast path.
            let plain = try #require(PlainLinkResolution(base: "https://example.com/page.html"))
            let taken = pageHrefs.count(where: { plain.resolve($0) != nil })
            #expect(taken * 10 > pageHrefs.count * 8, "\(taken) of \(pageHrefs.count)")
        }
    }

    @Test func plainASCIIIsTheListedSet() {
        let listed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@%".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(PlainLinkResolution.isPlainASCII(byte) == listed.contains(byte), "\(byte)")
        }
    }

    @Test func plainShapes() throws {
        let plain = try #require(PlainLinkResolution(base: "https://region.se/a/b.html?q=1#f"))
        #expect(plain.resolve("c.pdf") == "https://region.se/a/c.pdf")
        #expect(plain.resolve("/c.pdf") == "https://region.se/c.pdf")
        #expect(plain.resolve("?x=2") == "https://region.se/a/b.html?x=2")
        #expect(plain.resolve("https://other.se/x") == "https://other.se/x")
        #expect(plain.resolve("../c.pdf") == nil)
        #expect(plain.resolve("mailto:a@b.se") == nil)
        #expect(plain.resolve("#top") == nil)
        #expect(PlainLinkResolution(base: "https://region.se") == nil)
        #expect(PlainLinkResolution.withoutBase("/dokument/4711.pdf") == "/dokument/4711.pdf")
        #expect(PlainLinkResolution.withoutBase("../a") == nil)
        #expect(PlainLinkResolution(base: "https://region.se/a/../b") == nil)
    }
}
