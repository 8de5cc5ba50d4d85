import Foundation
import Testing
import Documents

@Suite("Feeds")
struct FeedReaderTests {
    func iso(_ text: String) -> Date? { FeedDate.parseISO8601(text) }

    @Test func sitevisionRSS() throws {
        let feed = try FeedReader().read(try ProjectFiles.bytes("Regions/Blekinge/Sources/Snapshot/nyheter.xml"), url: "https://www.regionblekinge.se/4.x/12.y.portlet")
        #expect(feed.format == .rss20)
        #expect(feed.language == "sv")
        #expect(feed.items.count == 9)
        #expect(feed.problems.isEmpty)
        let kickstart = try #require(feed.items.first { $0.title?.contains("återhämtning") == true })
        #expect(kickstart.published == iso("2021-08-30T22:00:00Z"))
        #expect(kickstart.link?.hasPrefix("https://www.regionblekinge.se/om-webbplatsen/nyheter/") == true)
        #expect(kickstart.id != nil)
        #expect(kickstart.summary?.contains("<") == false)
        #expect(feed.items.filter { $0.published == nil }.count == 6)
    }

    @Test func episerverAtom() throws {
        let feed = try FeedReader().read(try ProjectFiles.bytes("Regions/Kalmar/Sources/Snapshot/nyheter.xml"))
        #expect(feed.format == .atom10)
        #expect(feed.items.count == 3)
        #expect(feed.items.map(\.published) == [iso("2022-10-05T00:00:00+02:00"), iso("2019-03-08T00:00:00+01:00"), iso("2018-02-08T00:00:00+01:00")])
        #expect(feed.items.allSatisfy { $0.summary?.contains("<") == false })
        #expect(feed.items.allSatisfy { !$0.categories.isEmpty })
    }

    @Test func undefinedEntitiesAndCETDates() throws {
        let feed = try FeedReader().read(try ProjectFiles.bytes("Regions/Vasternorrland/Sources/Snapshot/nyheter.xml"))
        #expect(feed.items.count == 3)
        let first = try #require(feed.items.first)
        #expect(first.published == iso("2020-02-25T23:00:00Z"))
        #expect(first.summary?.contains("ä") == true)
        #expect(first.summary?.contains("&") == false)
        #expect(feed.problems.contains { $0.contains("undefined HTML entities") })
        #expect(feed.items[1].published == iso("2019-09-29T22:00:00Z"))
    }

    @Test func rss10RDF() throws {
        let xml = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://x.se/"><title>Kanal</title><link>https://x.se/</link><description>Beskrivning</description></channel>
        <item rdf:about="https://x.se/1"><title>Första</title><link>https://x.se/1</link><dc:date>2020-02-26T10:00:00+01:00</dc:date><dc:subject>RUS</dc:subject></item>
        </rdf:RDF>
        """
        let feed = try FeedReader().read(Array(xml.utf8))
        #expect(feed.format == .rss10)
        #expect(feed.title == "Kanal")
        #expect(feed.items.first?.id == "https://x.se/1")
        #expect(feed.items.first?.published == iso("2020-02-26T09:00:00Z"))
        #expect(feed.items.first?.categories == ["RUS"])
    }

    @Test func atomTextConstructsAndRelativeLinks() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.exempel.se/nyheter/">
        <title type="html">Nyheter &lt;b&gt;fetstil&lt;/b&gt;</title>
        <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Rubrik <b>ett</b></div></title>
        <link rel="self" href="/self"/><link href="ett/"/><id>urn:1</id><updated>2022-10-05</updated>
        <content type="html">&lt;p&gt;Stycke&lt;/p&gt;&lt;p&gt;två&lt;/p&gt;</content></entry></feed>
        """
        let feed = try FeedReader().read(Array(xml.utf8))
        #expect(feed.title == "Nyheter fetstil")
        let entry = try #require(feed.items.first)
        #expect(entry.title == "Rubrik ett")
        #expect(entry.link == "https://www.exempel.se/nyheter/ett/")
        #expect(entry.summary == "Stycke två")
        #expect(entry.published == nil)
        #expect(entry.date == iso("2022-10-05T00:00:00Z"))
    }

    @Test func htmlIsNotAFeed() {
        #expect(throws: FeedReader.FeedError.notAFeed(rootElement: "html")) {
            try FeedReader().read(Array("<html><body/></html>".utf8))
        }
    }

    @Test func unreadableDateIsAProblemNotACrash() throws {
        let xml = "<rss version=\"2.0\"><channel><title>x</title><item><title>a</title><pubDate>igår</pubDate></item></channel></rss>"
        let feed = try FeedReader().read(Array(xml.utf8))
        #expect(feed.items.first?.published == nil)
        #expect(feed.problems == ["line 1: unreadable date 'igår' in <pubDate>"])
    }
}

@Suite("Feed limits")
struct FeedLimitTests {
    static func feed(items: Int) -> [UInt8] {
        Array(("<rss version=\"2.0\"><channel><title>N</title>" + (1...items).map { "<item><title>Nyhet \($0)</title></item>" }.joined() + "</channel></rss>").utf8)
    }

    @Test func moreItemsThanTheLimitIsAnError() throws {
        var options = ParseOptions()
        options.limits.feedItems = 3
        #expect(try FeedReader(options: options).read(Self.feed(items: 3)).items.count == 3)
        #expect(throws: FeedReader.FeedError.markup(.limitExceeded(LimitExceeded(.feedItems, value: 4, maximum: 3)))) {
            try FeedReader(options: options).read(Self.feed(items: 4))
        }
    }

    @Test func theStreamStopsAtTheLimit() throws {
        var options = FeedStream.Options()
        options.markup.limits.feedItems = 3
        let stream = FeedStream(options: options)
        var delivered = 0
        do {
            for chunk in Self.feed(items: 10).chunks(ofCount: 40) { delivered += try stream.consume(chunk).count }
            delivered += try stream.finish().count
            Issue.record("ten items delivered")
        } catch {
            guard case let .markup(.limitExceeded(exceeded)) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(exceeded.limit == .feedItems && exceeded.maximum == 3 && exceeded.value > 3)
        }
        #expect(delivered <= 3)
    }
}

private extension Array {
    func chunks(ofCount n: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: n).map { self[$0..<Swift.min(count, $0 + n)] }
    }
}
