import Foundation
import Testing
import Documents

/// Broken feeds give what can be read, and say what was wrong.
@Suite("Ill-formed feeds")
struct FeedIllFormedTests {
    func read(_ xml: String) throws -> Feed {
        try FeedReader().read(Array(xml.utf8), url: "https://www.regionblekinge.se/rss")
    }

    @Test func truncatedFeedKeepsTheItemsBeforeTheCut() throws {
        let feed = try read("""
        <rss version="2.0"><channel><title>Aktuellt</title>
        <item><title>Växtplats Blekinge är antagen</title><link>/a</link></item>
        <item><title>Kickstart 2 beviljas</title><link>/b</link></item>
        <item><title>Blekinge kraftsa
        """)
        #expect(feed.title == "Aktuellt")
        #expect(feed.items.prefix(2).map(\.title) == ["Växtplats Blekinge är antagen", "Kickstart 2 beviljas"])
        #expect(feed.items.first?.link == "https://www.regionblekinge.se/a")
        #expect(feed.problems.contains { $0.hasPrefix("not well-formed, recovered:") })
    }

    @Test func oneBadFieldDoesNotDropTheItem() throws {
        let feed = try read("""
        <rss version="2.0"><channel><title>Aktuellt</title>
        <item><title>Första</title><pubDate>igår kl. 14</pubDate><link>/1</link></item>
        <item><title>Andra</title><pubDate>Sun, 99 Jun 2009 12:00:00 GMT</pubDate></item>
        <item><title>Tredje</title><pubDate>Wed, 23 Feb 2022 08:00:00 +0100</pubDate></item>
        </channel></rss>
        """)
        #expect(feed.items.map(\.title) == ["Första", "Andra", "Tredje"])
        #expect(feed.items.map { $0.published == nil } == [true, true, false])
        #expect(feed.items[0].link == "https://www.regionblekinge.se/1")
        #expect(feed.problems == [
            "line 2: unreadable date 'igår kl. 14' in <pubDate>",
            "line 3: unreadable date 'Sun, 99 Jun 2009 12:00:00 GMT' in <pubDate>",
        ])
    }

    @Test func strayAmpersandsAndUnknownEntitiesStayAsText() throws {
        let feed = try read("""
        <rss version="2.0"><channel><title>Bygg & miljö &ndash; Blekinge</title>
        <item><title>Q&amp;A om RUS &foo;</title><link>https://www.regionblekinge.se/s?a=1&b=2</link></item>
        </channel></rss>
        """)
        #expect(feed.title == "Bygg & miljö – Blekinge")
        #expect(feed.items.first?.titleDetail?.value == "Q&A om RUS &foo;")
        #expect(feed.items.first?.link == "https://www.regionblekinge.se/s?a=1&b=2")
        #expect(feed.problems == [
            "1 undefined HTML entities resolved",
            "1 references to undefined entities (&foo;) kept as text",
            "2 unescaped '&' read as text",
        ])
    }

    @Test func mismatchedTagsInsideAnItem() throws {
        let feed = try read("""
        <rss version="2.0"><channel><title>Aktuellt</title>
        <item><title>Första</title><description><p>Hej <b>alla</description></item>
        <item><title>Andra</title></item>
        </channel></rss>
        """)
        #expect(feed.items.first?.title == "Första")
        #expect(feed.items.contains { $0.title == "Andra" })
        #expect(!feed.problems.isEmpty)
    }

    @Test func undeclaredPrefixIsReportedAndTheRestRead() throws {
        let feed = try read("""
        <rss version="2.0"><channel><title>Podd</title><itunes:subtitle>Om regionen</itunes:subtitle>
        <item><title>Avsnitt 1</title><itunes:duration>12:00</itunes:duration></item></channel></rss>
        """)
        #expect(feed.title == "Podd")
        #expect(feed.items.first?.title == "Avsnitt 1")
        #expect(feed.problems.count == 2)
        #expect(feed.problems.allSatisfy { $0.contains("undeclared namespace") })
    }

    @Test func entityDeclarationsAreIgnoredNotExpanded() throws {
        let feed = try read("""
        <?xml version="1.0"?>
        <!DOCTYPE rss [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> ]>
        <rss version="2.0"><channel><title>&lol2;</title><item><title>Kvar</title></item></channel></rss>
        """)
        #expect(feed.title == "&lol2;")
        #expect(feed.items.first?.title == "Kvar")
        #expect(feed.problems.first?.contains("entity declarations are refused") == true)
    }

    @Test func badBase64IsKeptAsTextWithAProblem() throws {
        let feed = try read("""
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>Ett</title>
        <summary mode="base64">inte base64 ! ! !</summary></entry></feed>
        """)
        #expect(feed.items.first?.title == "Ett")
        #expect(feed.items.first?.summaryDetail?.value == "inte base64 ! ! !")
        #expect(feed.problems.first?.contains("not valid base64") == true)
    }

    @Test func invalidCharacterReferencesAndControlCharacters() throws {
        let feed = try read("<rss version=\"2.0\"><channel><title>Noll&#0;tecken&#150;streck</title><item><title>A\u{0C}B</title></item></channel></rss>")
        #expect(feed.titleDetail?.value == "Noll\u{FFFD}tecken–streck")
        #expect(feed.items.count == 1)
        #expect(!feed.problems.isEmpty)
    }

    @Test func garbageAfterTheRootElement() throws {
        let feed = try read("<rss version=\"2.0\"><channel><title>Aktuellt</title><item><title>Ett</title></item></channel></rss>\n<html>404</html>")
        #expect(feed.items.map(\.title) == ["Ett"])
        #expect(!feed.problems.isEmpty)
    }

    @Test func emptyAndNonFeedInputAreTypedErrors() {
        #expect(throws: FeedReader.FeedError.markup(.empty)) { try FeedReader().read(Array("  \n".utf8)) }
        #expect(throws: FeedReader.FeedError.notAFeed(rootElement: "html")) { try FeedReader().read(Array("<html><body/></html>".utf8)) }
        #expect(throws: FeedReader.FeedError.self) { try FeedReader().read(Array("<!-- only a comment -->".utf8)) }
    }

    /// Every feed of feedparser's suite reads without a crash, and every one marked ill-formed
    /// is either refused with an error or read with problems.
    @Test func feedparserCorpusNeverCrashes() throws {
        let root = ProjectFiles.sharedTestData.appendingPathComponent("feedparser/feeds")
        guard FileManager.default.fileExists(atPath: root.path), let files = FileManager.default.enumerator(atPath: root.path)?.compactMap({ $0 as? String }).filter({ $0.hasSuffix(".xml") }) else {
            print("skipped: ../shared/testdata/feedparser is absent")
            return
        }
        var read = 0
        for path in files {
            let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
            if let feed = try? FeedReader().read(bytes) {
                read += 1
                if path.hasPrefix("illformed/") { #expect(!feed.problems.isEmpty, "\(path)") }
            }
        }
        #expect(files.count == 391)
        #expect(read >= 390, "only the empty document has nothing to read")
    }
}
