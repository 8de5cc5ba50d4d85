import Foundation
import Testing
@testable import Documents

/// The rules' one pass over an element's children, which tells the children by tag: the same
/// child as a look-up by name exactly when a tag stands for one name (each tag's name is checked
/// in `FeedReaderWithoutTreeTests`), in each field's order of preference.
@Suite("Feed children read by tag")
struct FeedElementsTests {
    /// An item whose fields the rules read by tag, with look-alikes the rules must pass
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

    /// The channel's fields, read in one pass: each from the first child of the names and
    /// namespaces it prefers, the lists in document order, name by name.
    @Test func channelFieldsInOrderOfPreference() throws {
        let xml = """
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
             xmlns:atom="http://www.w3.org/2005/Atom"><channel>
        <dc:title>DC-rubrik</dc:title><title>Rubrik</title><title>Andra</title>
        <atom:subtitle>Atom-undertitel</atom:subtitle><dc:description>DC-beskrivning</dc:description>
        <atom:link rel="self" href="https://x.se/flode"/><link>https://x.se/</link><link>https://x.se/andra</link>
        <language></language><dc:language>fi</dc:language>
        <lastBuildDate>i går</lastBuildDate><dc:date>2022-05-06T00:00:00Z</dc:date><pubDate>Mon, 02 Jan 2023 00:00:00 GMT</pubDate>
        <dc:creator>Skapare</dc:creator><managingEditor>red@x.se (Redaktör)</managingEditor><dc:author>Författare</dc:author>
        <dc:subject>Ämne</dc:subject><category domain="d">Kategori</category>
        </channel></rss>
        """
        for withoutTree in [false, true] {
            let feed = try FeedReader().read(Array(xml.utf8), url: nil, charset: nil, withoutTree: withoutTree)
            #expect(feed.title == "Rubrik")
            #expect(feed.subtitle == "DC-beskrivning")
            #expect(feed.link == "https://x.se/")
            #expect(feed.links.map(\.href) == ["https://x.se/flode", "https://x.se/", "https://x.se/andra"])
            #expect(feed.language == "fi")
            #expect(feed.updated == Date(timeIntervalSince1970: 1_651_795_200))
            #expect(feed.problems == ["line 7: unreadable date 'i går' in <lastBuildDate>"])
            #expect(feed.authors == [FeedPerson(name: "Redaktör", email: "red@x.se"), FeedPerson(name: "Skapare"), FeedPerson(name: "Författare")])
            #expect(feed.categories == [FeedCategory(term: "Kategori", scheme: "d"), FeedCategory(term: "Ämne")])
        }
        // The feed's link is its first RSS link's value; a first one without a value leaves it to
        // the first alternate link (an RSS link is one).
        let empty = """
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><atom:link rel="self" href="https://x.se/self"/>\
        <link></link><link>https://x.se/b</link></channel></rss>
        """
        for withoutTree in [false, true] {
            let feed = try FeedReader().read(Array(empty.utf8), url: nil, charset: nil, withoutTree: withoutTree)
            #expect(feed.link == "https://x.se/b")
            #expect(feed.links.map(\.href) == ["https://x.se/self", "https://x.se/b"])
        }
    }

    /// An RSS author read byte by byte when it is ASCII gives what the rules by characters give.
    @Test func asciiPeopleAreReadAsByCharacters() {
        let texts = [
            "jane@example.se (Jane Doe)", "Jane Doe <jane@example.se>", "jane@example.se", "Jane Doe", "(Jane) jane@x.se",
            "Jane ( jane@x.se )", "()", "(@)", "<>", "a<b", "a(b)", "x@y (", "@ (  )", "Jane\t( jane@x.se\n)", "a@b c", "<jane@x.se>",
            "Jane <>", "Jane (ingen post)", "x@y (a) (b@c)", "a (b) <c@d>", "Jane <jane@x.se> (x)", "\u{0B}(x@y)\u{0C}",
        ].map(\.feedTrimmed)
        for text in texts {
            var bytes = text
            let ascii = bytes.withUTF8 { FeedPerson.ascii($0) }
            #expect(ascii == FeedPerson.general(text), "\(text)")
            #expect(FeedPerson(rss: text) == FeedPerson.general(text), "\(text)")
        }
        // Other text is read by characters only: an accent on a bracket makes another character.
        for text in ["Åsa <asa@x.se>", "a@b (\u{301}x)", "x@y (é)"] {
            var bytes = text
            #expect(bytes.withUTF8 { FeedPerson.ascii($0) } == nil)
            #expect(FeedPerson(rss: text) == FeedPerson.general(text))
        }
        #expect(FeedPerson(rss: "a@b (\u{301}x)") == FeedPerson(name: "a@b (\u{301}x)"))
    }
}
