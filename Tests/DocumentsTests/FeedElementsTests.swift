import Foundation
import Testing
@testable import Documents

/// The look-up of children by tag (``FeedChildren/first(_:_:)-(FeedTag,_)``), a fast path of the
/// look-up by name: the same child exactly when a tag stands for one name (each tag's name is
/// checked in `FeedReaderWithoutTreeTests`).
@Suite("Feed children looked up by tag")
struct FeedElementsTests {
    /// An item whose fields the rules look up by tag, with look-alikes the look-up must pass
    /// over: a name in another case, the same name in a namespace not asked for, an unreadable
    /// first date.
    @Test func itemFieldsFoundByTag() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
             xmlns:atom="http://www.w3.org/2005/Atom" xmlns:x="urn:x"><channel><title>T</title>
        <item><Title>Versal</Title><x:title>Fel</x:title><dc:title>Rubrik</dc:title><x:guid>fel</x:guid><guid>g-1</guid>
        <pubDate>i går</pubDate><x:issued>2001-01-01T00:00:00Z</x:issued><dcterms:issued>2020-01-02T00:00:00Z</dcterms:issued>
        <atom:updated>2021-03-04T05:06:07Z</atom:updated></item>
        <item><atom:title>Atom</atom:title><atom:id>urn:a</atom:id><dc:date>2022-05-06T00:00:00Z</dc:date></item>
        </channel></rss>
        """
        for withoutTree in [false, true] {
            let feed = try FeedReader().read(Array(xml.utf8), url: nil, charset: nil, withoutTree: withoutTree)
            try #require(feed.items.count == 2)
            let first = feed.items[0], second = feed.items[1]
            #expect(first.title == "Rubrik")
            #expect(first.id == "g-1")
            #expect(first.published == Date(timeIntervalSince1970: 1_577_923_200))
            #expect(first.updated == Date(timeIntervalSince1970: 1_614_834_367))
            #expect(second.title == "Atom")
            #expect(second.id == "urn:a")
            #expect(second.published == Date(timeIntervalSince1970: 1_651_795_200))
            #expect(second.updated == Date(timeIntervalSince1970: 1_651_795_200))
        }
    }
}
