import Foundation
import Testing
import Markup
@testable import Documents

/// ``FeedReader`` reads a well-formed feed from the events its tree would be built from
/// (libxml2's memory parser with our SAX callbacks), without the tree, and falls back on the
/// tree wherever the two could differ. These tests hold that shortcut against the tree reader,
/// feed by feed and field by field.
@Suite("FeedReader without a tree gives what the tree gives")
struct FeedReaderWithoutTreeTests {
    /// The tree reader's result (or its error) and the fast reader's must be the same.
    static func expectSame(_ bytes: [UInt8], url: String? = nil, charset: String? = nil, _ comment: String) {
        let reader = FeedReader()
        let tree = Result { () throws(FeedReader.FeedError) in try reader.read(bytes, url: url, charset: charset, withoutTree: false) }
        let fast = Result { () throws(FeedReader.FeedError) in try reader.read(bytes, url: url, charset: charset, withoutTree: true) }
        #expect(fast == tree, "\(comment)")
    }

    /// Whether the shortcut reads `bytes` itself (`false`: it hands them to the tree reader).
    static func readsWithoutTree(_ bytes: [UInt8]) -> Bool {
        FeedReader.readWithoutTree(bytes, original: bytes, problems: [], url: nil, options: ParseOptions()) != nil
    }

    @Test func feedparserCorpusAndTheRegionsFeedsReadTheSame() throws {
        let root = ProjectFiles.sharedTestData.appendingPathComponent("feedparser/feeds")
        var files = (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted().map { root.appendingPathComponent($0) }
        if files.isEmpty { print("note: ../shared/testdata/feedparser is absent; only the regions' feeds are compared") }
        for region in ["Blekinge", "Kalmar", "Vasternorrland"] {
            let folder = ProjectFiles.root.appendingPathComponent("Regions/\(region)/Sources/Snapshot")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".xml") {
                files.append(folder.appendingPathComponent(name))
            }
        }
        var fast = 0
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            Self.expectSame(bytes, url: "http://127.0.0.1:8097/tests/" + file.lastPathComponent, file.path)
            if Self.readsWithoutTree(bytes) { fast += 1 }
        }
        // All but a few take the shortcut, the ill-formed ones too (read again as recovered);
        // the feedparser corpus sends three to the tree (no root element twice, an entity
        // declaration once).
        #expect(fast + 3 >= files.count)
    }

    @Test func aProblemPastLine65535ComesFromTheTree() {
        // The tree keeps 65,535 for later lines and guesses the line from the element's text:
        // a problem there must say what the tree says.
        var feed = "<rss version=\"2.0\"><channel><title>t</title>\n"
        for k in 0..<70_000 { feed += k % 1000 == 0 ? "<!-- \(k) -->\n" : "\n" }
        feed += "<item><title>x</title><pubDate>not a date</pubDate></item></channel></rss>\n"
        let bytes = Array(feed.utf8)
        #expect(!Self.readsWithoutTree(bytes))
        Self.expectSame(bytes, "late problem")
        // Without a problem the line is never read, and the shortcut is taken.
        let clean = Array(feed.replacingOccurrences(of: "not a date", with: "Wed, 23 Feb 2022 09:00:00 +0100").utf8)
        #expect(Self.readsWithoutTree(clean))
        Self.expectSame(clean, "late item")
    }

    @Test(arguments: [
        // Not well-formed: recovered by the tree reader.
        "<rss version=\"2.0\"><channel><item><title>a</title><description>b</item></channel></rss>",
        // An entity declaration: the DOCTYPE is dropped and the feed read again.
        "<!DOCTYPE rss [<!ENTITY e \"x\">]><rss version=\"2.0\"><channel><item><title>&e;</title></item></channel></rss>",
        // An attribute prefix no declaration binds: the tree names it `p:href`.
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title><link p:href=\"http://example.se/\" href=\"/a\"/></entry></feed>",
        // Not a feed.
        "<html><body><p>hej</p></body></html>",
        // An unbound element prefix (namespace error, still well-formed).
        "<rss version=\"2.0\"><channel><item><title>t</title><itunes:subtitle>s</itunes:subtitle></item></channel></rss>",
        // Entities, CDATA, comments inside text, white space, xml:base and xml:lang.
        "<rss version=\"2.0\" xml:base=\"http://example.se/a/\"><channel xml:lang=\"sv\"><item><title>a &amp; <!-- c -->b <![CDATA[<i>c</i>]]></title><link>../x</link><description>&lt;p&gt;h&#228;j&lt;/p&gt;</description></item>\n  <item><title>  </title></item></channel></rss>",
        // Nothing but white space.
        " \n ",
    ])
    func edgeCasesReadTheSame(_ feed: String) {
        Self.expectSame(Array(feed.utf8), url: "http://example.se/feed.xml", feed)
    }

    /// A document that is not well-formed is read again by the events, recovering, instead of
    /// from its recovered tree: the same items (at any depth, from the start), fields and
    /// problems (its first five diagnostics).
    @Test(arguments: [
        // An unclosed tag swallows the item after it.
        "<rss version=\"2.0\"><channel><item><title>a</title><description>b</item><item><title>c</title></item></channel></rss>",
        // An item deeper than items go, before the first error: found because the reader looks
        // at any depth from the start, as the tree reader does.
        "<rss version=\"2.0\"><channel><x><item><title>deep</title></item></x><item><title>b</title></item></channel></rss",
        // Unclosed tags in an entry's title swallow the next entry.
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><title>a<b><c><d><e><f><g></entry><entry><title>z</title></entry>",
        // More than five errors: the first five are the problems.
        "<rss version=\"2.0\"><channel><item><a><b><c><d><e><f><title>x</y1></y2></y3></y4></y5></y6></y7>t</title></item><item><title>n</title></item></channel></rss>",
        // Cut short inside an item's field and inside a CDATA section.
        "<rss version=\"2.0\"><channel><title>Kanal</title><item><title>Hälsa</title><description>abc",
        "<rss version=\"2.0\"><channel><item><description><![CDATA[<p>x",
        // An unbound attribute prefix after the error: still the tree.
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</entry><entry><link p:href=\"http://example.se/\" href=\"/a\"/></entry>",
    ])
    func illFormedFeedsReadTheSame(_ feed: String) {
        Self.expectSame(Array(feed.utf8), url: "http://example.se/feed.xml", feed)
    }

    @Test func illFormedFeedsAreReadWithoutTheirTree() {
        let cut = Array("<rss version=\"2.0\"><channel><x><item><title>deep</title></item></x><item><title>b</title></item></channel></rss".utf8)
        #expect(Self.readsWithoutTree(cut))
        let feed = FeedReader.readWithoutTree(cut, original: cut, problems: [], url: nil, options: ParseOptions())
        #expect(feed?.items.map(\.title) == ["deep", "b"])
        #expect(feed?.problems.first?.hasPrefix("not well-formed, recovered: line 1") == true)
        // Without recovery the tree reader refuses the document, and so does the shortcut.
        var strict = ParseOptions()
        strict.recoverMalformedXML = false
        #expect(FeedReader.readWithoutTree(cut, original: cut, problems: [], url: nil, options: strict) == nil)
        // An unbound attribute prefix is still the tree's to read.
        let unbound = Array("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</entry><entry><link p:href=\"x\"/></entry>".utf8)
        #expect(!Self.readsWithoutTree(unbound))
    }

    @Test func encodingsAndTransportCharsetsReadTheSame() {
        let latin1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>".utf8) + [0xE5, 0xE4, 0xF6]
            + Array("</title></item></channel></rss>".utf8)
        Self.expectSame(latin1, "latin-1")
        Self.expectSame(latin1, charset: "windows-1252", "transport charset")
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<rss version=\"2.0\"><channel><title>å</title></channel></rss>".utf8)
        Self.expectSame(bom, "byte-order mark")
    }

    /// The rules recognise some child names once, as a ``FeedTag``: each tag must stand for
    /// exactly its name.
    @Test func feedTagsStandForExactlyTheirNames() {
        let tagged = FeedTag.allCases.filter { $0 != .other }.map { String(describing: $0) }
        #expect(tagged.count == 31)
        for name in tagged {
            #expect(String(describing: FeedTag(name)) == name, "\(name)")
        }
        let lookAlikes = ["", "Title", "Link", "links", "descriptio", "guids", "pubdate", "creatorx", "conten", "itunes:author", "dc:creator",
                          "TITLE", "ids", "i", "gui", "Date", "update", "modified ", "dc:date", "published1", "other",
                          "Version", "versions", "bas", "xml:base", "Lang", "langs", "managingeditor", "managingEditors"]
        for name in lookAlikes {
            #expect(FeedTag(name) == .other, "\(name)")
        }
    }
}
