import Foundation
import Testing
import Markup
import Documents

@Suite("Sitemaps")
struct SitemapTests {
    func iso(_ text: String) -> Date? { FeedDate.parseISO8601(text) }

    let urlset = """
    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <url>
        <loc>https://www.regionkalmar.se/regional-utveckling/regional-utvecklingsstrategi/</loc>
        <lastmod>2022-10-05</lastmod>
        <changefreq>monthly</changefreq>
        <priority>0.8</priority>
        <image:image><image:loc>https://www.regionkalmar.se/bilder/rus.jpg</image:loc></image:image>
      </url>
      <url>
        <loc> /regional-utveckling/klimat-att-växa-i/ </loc>
        <lastmod>2023-01-12T09:30:00+01:00</lastmod>
        <changefreq>Weekly</changefreq>
      </url>
      <url><loc>https://www.regionkalmar.se/om-regionen/?a=1&amp;b=2</loc><priority>1</priority></url>
    </urlset>
    """

    @Test func urlsetWithEveryField() throws {
        let sitemap = try SitemapReader().read(Array(urlset.utf8), url: "https://www.regionkalmar.se/sitemap.xml")
        #expect(sitemap.kind == .urlset)
        #expect(sitemap.problems.isEmpty)
        #expect(sitemap.urls == [
            "https://www.regionkalmar.se/regional-utveckling/regional-utvecklingsstrategi/",
            "https://www.regionkalmar.se/regional-utveckling/klimat-att-v%C3%A4xa-i/",
            "https://www.regionkalmar.se/om-regionen/?a=1&b=2",
        ])
        let first = sitemap.entries[0]
        #expect(first.lastModified == iso("2022-10-05T00:00:00Z"))
        #expect(first.changeFrequency == .monthly)
        #expect(first.priority == 0.8)
        #expect(sitemap.entries[1].lastModified == iso("2023-01-12T08:30:00Z"))
        #expect(sitemap.entries[1].changeFrequency == .weekly)
        #expect(sitemap.entries[1].priority == nil)
        #expect(sitemap.entries[2].priority == 1.0)
        #expect(sitemap.entries[2].lastModified == nil)
    }

    @Test func locatorsSelectTheEntryElements() throws {
        let bytes = Array(urlset.utf8)
        let sitemap = try SitemapReader().read(bytes)
        let document = try MarkupDocument(xml: bytes)
        let nodes = try document.select("/s:urlset/s:url", namespaces: ["s": "http://www.sitemaps.org/schemas/sitemap/0.9"])
        #expect(sitemap.entries.map(\.locator) == nodes.map(\.locator))
        #expect(sitemap.entries.map(\.locator) == ["/*/*[1]", "/*/*[2]", "/*/*[3]"])
        let single = try SitemapReader().read(Array("<urlset><url><loc>https://x.se/</loc></url></urlset>".utf8))
        #expect(single.entries.map(\.locator) == ["/urlset/url"])
    }

    @Test func sitemapIndex() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <sitemap><loc>https://www.rvn.se/sitemap-sidor.xml</loc><lastmod>2024-03-01T12:00:00Z</lastmod></sitemap>
          <sitemap><loc>https://www.rvn.se/sitemap-nyheter.xml</loc></sitemap>
        </sitemapindex>
        """
        let sitemap = try SitemapReader().read(Array(xml.utf8))
        #expect(sitemap.kind == .index)
        #expect(sitemap.urls == ["https://www.rvn.se/sitemap-sidor.xml", "https://www.rvn.se/sitemap-nyheter.xml"])
        #expect(sitemap.entries[0].lastModified == iso("2024-03-01T12:00:00Z"))
        #expect(sitemap.entries[1].lastModified == nil)
    }

    @Test func badFieldsAreReportedAndTheEntryKept() throws {
        let xml = """
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://x.se/a</loc><lastmod>igår</lastmod><changefreq>ibland</changefreq><priority>hög</priority></url>
        <url><lastmod>2022-01-01</lastmod></url>
        <url><loc>https://x.se/b</loc><priority>1.5</priority></url>
        </urlset>
        """
        let sitemap = try SitemapReader().read(Array(xml.utf8))
        #expect(sitemap.urls == ["https://x.se/a", "https://x.se/b"])
        #expect(sitemap.entries[0].lastModified == nil)
        #expect(sitemap.entries[0].changeFrequency == nil)
        #expect(sitemap.entries[0].priority == nil)
        #expect(sitemap.problems == [
            "line 2: unreadable date 'igår' in <lastmod>",
            "line 2: unknown <changefreq> 'ibland'",
            "line 2: <priority> 'hög' is not a number from 0.0 to 1.0",
            "line 3: <url> without a usable <loc> left out",
            "line 4: <priority> '1.5' is not a number from 0.0 to 1.0",
        ])
    }

    @Test func truncatedSitemapGivesWhatCanBeRead() throws {
        let xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://x.se/1</loc></url><url><loc>https://x.se/2</loc></url><url><loc>https://x.se/"
        let sitemap = try SitemapReader().read(Array(xml.utf8))
        #expect(sitemap.urls.prefix(2) == ["https://x.se/1", "https://x.se/2"])
        #expect(sitemap.problems.first?.hasPrefix("not well-formed, recovered:") == true)
    }

    @Test func aLargeSitemapInChunks() throws {
        var xml = "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for i in 1...20_000 { xml += "<url><loc>https://www.exempel.se/sida/\(i)</loc><lastmod>2024-01-\(String(format: "%02d", i % 28 + 1))</lastmod></url>\n" }
        xml += "</urlset>\n"
        let sitemap = try SitemapReader().read(Array(xml.utf8))
        #expect(sitemap.entries.count == 20_000)
        #expect(sitemap.entries.last?.url == "https://www.exempel.se/sida/20000")
        #expect(sitemap.entries.last?.locator == "/*/*[20000]")
        #expect(sitemap.problems.isEmpty)
    }

    @Test func notASitemap() {
        #expect(throws: SitemapReader.SitemapError.notASitemap(rootElement: "rss")) {
            try SitemapReader().read(Array("<rss><channel/></rss>".utf8))
        }
        #expect(throws: SitemapReader.SitemapError.notASitemap(rootElement: "urlset")) {
            try SitemapReader().read(Array("<urlset xmlns=\"urn:annat\"><url/></urlset>".utf8))
        }
    }

    @Test func entityDeclarationIsRefused() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<urlset><url><loc>&x;</loc></url></urlset>"
        #expect(throws: SitemapReader.SitemapError.markup(.entityDeclaration(name: "x", line: 2))) {
            try SitemapReader().read(Array(xml.utf8))
        }
    }

    @Test func emptyInput() {
        #expect(throws: SitemapReader.SitemapError.markup(.empty)) { try SitemapReader().read([UInt8]()) }
    }

    // `Fixtures/Sitemaps`: `kalmar.xml`, the same gzip-compressed by Python's `gzip` module
    // (with the file's name in the header), and by hand with every optional header field (an
    // extra field, the name, a Latin-1 comment, the header's CRC-16).
    static let gzipFixtures = "Tests/DocumentsTests/Fixtures/Sitemaps/"

    @Test(arguments: ["kalmar.xml.gz", "kalmar-every-header-field.xml.gz"])
    func gzipCompressedSitemapsReadAsTheirXML(_ file: String) throws {
        let plain = try SitemapReader().read(try ProjectFiles.bytes(Self.gzipFixtures + "kalmar.xml"), url: "https://www.regionkalmar.se/sitemap.xml")
        let compressed = try ProjectFiles.bytes(Self.gzipFixtures + file)
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        let sitemap = try SitemapReader().read(compressed, url: "https://www.regionkalmar.se/sitemap.xml.gz")
        #expect(sitemap.entries == plain.entries)
        #expect(sitemap.urls == [
            "https://www.regionkalmar.se/regional-utveckling/regional-utvecklingsstrategi/",
            "https://www.regionkalmar.se/regional-utveckling/klimat-att-v%C3%A4xa-i/",
            "https://www.regionkalmar.se/regional-utveckling/smart-specialisering/",
        ])
        #expect(sitemap.entries[0].lastModified == iso("2022-10-05"))
        #expect(sitemap.problems.isEmpty)
    }

    @Test func damagedGzipIsRefusedWithWhatIsWrong() throws {
        let good = try ProjectFiles.bytes(Self.gzipFixtures + "kalmar.xml.gz")
        func reason(_ bytes: [UInt8]) -> String? {
            do {
                _ = try SitemapReader().read(bytes)
                return nil
            } catch {
                guard case let .compressed(reason) = error else { return "other: \(error)" }
                return reason
            }
        }
        // The header: a reserved flag; cut off inside the file name.
        var reserved = good
        reserved[3] |= 0x20
        #expect(reason(reserved) == "the header sets reserved flags")
        #expect(reason(Array(good.prefix(14)))?.contains("missing") == true)
        #expect(reason(Array(good.prefix(19)))?.contains("cut off") == true)
        // The deflate data: cut off before its end marker; a changed byte.
        let cut = reason(Array(good.prefix(good.count - 60)))
        #expect(cut?.contains("CRC-32") == true || cut?.contains("deflate") == true, "\(cut ?? "read")")
        var flipped = good
        flipped[40] ^= 0xFF
        #expect(reason(flipped) != nil)
        // The trailer: a wrong CRC-32; a second member after the first.
        var wrongCRC = good
        wrongCRC[good.count - 8] ^= 1
        #expect(reason(wrongCRC)?.contains("CRC-32") == true)
        #expect(reason(good + good)?.contains("several gzip members") == true)
    }

    @Test func gzipOfNothingIsAnEmptyDocument() {
        // `gzip.compress(b"", mtime=0)` in Python: 20 bytes, a final block with nothing in it.
        let empty: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: SitemapReader.SitemapError.markup(.empty)) { try SitemapReader().read(empty) }
    }

    @Test func gzipInflatesOnlyUpToTheInputCap() throws {
        let compressed = try ProjectFiles.bytes(Self.gzipFixtures + "kalmar.xml.gz")
        var options = StreamingXMLReader.Options()
        options.maximumInputBytes = 300
        // The value is what was inflated when the cap was passed (at least 301, at most the 505
        // bytes the file holds: it depends on the size of zlib's output pieces).
        do {
            _ = try SitemapReader(options: options).read(compressed)
            Issue.record("read over the cap")
        } catch {
            guard case let .markup(.limitExceeded(exceeded)) = error else { Issue.record("\(error)"); return }
            #expect(exceeded.limit == .inputBytes && exceeded.maximum == 300 && exceeded.location == "the inflated gzip data")
            #expect((301...505).contains(exceeded.value), "\(exceeded.value)")
        }
        options.maximumInputBytes = 505
        #expect(try SitemapReader(options: options).read(compressed).entries.count == 3)
    }
}
