import Foundation
import Testing
import Documents
import Markup

/// Versions, namespaces under any prefix, `xml:base` and the model's added fields.
@Suite("Feed formats and namespaces")
struct FeedFormatsTests {
    func read(_ xml: String, url: String? = nil) throws -> Feed {
        try FeedReader().read(Array(xml.utf8), url: url)
    }

    func iso(_ text: String) -> Date? { FeedDate.parseISO8601(text) }

    @Test(arguments: [
        ("<rss version=\"0.91\"><channel><title>t</title></channel></rss>", Feed.Format.rss091),
        ("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>t</title></channel></rss>", .rss091Netscape),
        ("<rss version=\"0.92\"><channel><title>t</title></channel></rss>", .rss092),
        ("<rss version=\"0.93\"><channel><title>t</title></channel></rss>", .rss093),
        ("<rss version=\"0.94\"><channel><title>t</title></channel></rss>", .rss094),
        ("<rss version=\"2.0\"><channel><title>t</title></channel></rss>", .rss20),
        ("<rss version=\"2.01\"><channel><title>t</title></channel></rss>", .rss20),
        ("<rss><channel><title>t</title></channel></rss>", .rss),
        // Versions around the ones named: trimmed, near misses, and a combining mark that
        // joins the "." of "2." (no longer the prefix, by characters).
        ("<rss version=\" 2.0\n\"><channel><title>t</title></channel></rss>", .rss20),
        ("<rss version=\"2.\"><channel><title>t</title></channel></rss>", .rss20),
        ("<rss version=\"2\"><channel><title>t</title></channel></rss>", .rss),
        ("<rss version=\"2.\u{301}0\"><channel><title>t</title></channel></rss>", .rss),
        ("<rss version=\"2.\u{E5}\"><channel><title>t</title></channel></rss>", .rss20),
        ("<rss version=\"0.9\"><channel><title>t</title></channel></rss>", .rss090),
        ("<rss version=\"0.90\"><channel><title>t</title></channel></rss>", .rss090),
        ("<rss version=\"0.95\"><channel><title>t</title></channel></rss>", .rss),
        ("<rss version=\"0.910\"><channel><title>t</title></channel></rss>", .rss),
        ("<rss version=\"1.0\"><channel><title>t</title></channel></rss>", .rss),
        ("<rss version=\"\"><channel><title>t</title></channel></rss>", .rss),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>t</title></channel></rdf:RDF>", .rss090),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel><title>t</title></channel></rdf:RDF>", .rss10),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>", .atom10),
        ("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>t</title></feed>", .atom03),
        ("<feed version=\"0.3\" xmlns=\"http://purl.org/echo/\"><title>t</title></feed>", .atom03),
    ])
    func everyVersionIsRecognised(_ xml: String, _ format: Feed.Format) throws {
        let feed = try read(xml)
        #expect(feed.format == format)
        #expect(feed.title == "t")
        #expect(feed.problems.isEmpty, "\(feed.problems)")
    }

    @Test func rss091ItemsOutsideTheChannelAndTheChannelsOwnFields() throws {
        let feed = try read("""
        <rss version="0.91"><channel><title>Region Västernorrland</title><link>https://www.rvn.se/</link>
        <description>Nyheter om &lt;b&gt;regional utveckling&lt;/b&gt;</description><language>sv-se</language>
        <image><title>Logga</title><link>https://www.rvn.se/bild</link></image>
        <textinput><title>Sök</title><description>Sökruta</description><link>https://www.rvn.se/sok</link></textinput>
        <item><title>Första</title><link>https://www.rvn.se/1</link></item></channel></rss>
        """)
        #expect(feed.title == "Region Västernorrland")
        #expect(feed.link == "https://www.rvn.se/")
        #expect(feed.subtitle == "Nyheter om regional utveckling")
        #expect(feed.subtitleDetail?.value == "Nyheter om <b>regional utveckling</b>")
        #expect(feed.language == "sv-se")
        #expect(feed.items.map(\.link) == ["https://www.rvn.se/1"])
    }

    @Test func extensionsAreMatchedByNamespaceNotPrefix() throws {
        let feed = try read("""
        <rss version="2.0" xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:c="http://purl.org/rss/1.0/modules/content/"
             xmlns:a="http://www.w3.org/2005/Atom" xmlns:t="http://purl.org/dc/terms/" xmlns:fake="http://example.com/not-dc">
        <channel><title>Kalmar</title><a:link rel="self" href="https://regionkalmar.se/rss"/><link>https://regionkalmar.se/</link>
        <d:language>sv</d:language>
        <item><title>Strategi antagen</title><fake:title>Fel titel</fake:title><d:creator>Anna Andersson</d:creator>
        <d:date>2022-10-05T09:00:00+02:00</d:date><t:modified>2022-10-06T10:00:00+02:00</t:modified>
        <d:subject>RUS</d:subject><c:encoded><![CDATA[<p>Hela <a href="/rus">texten</a>.</p>]]></c:encoded>
        <a:link rel="alternate" href="https://regionkalmar.se/nyhet"/></item></channel></rss>
        """, url: "https://regionkalmar.se/rss")
        #expect(feed.language == "sv")
        #expect(feed.links.map(\.rel) == ["self", "alternate"])
        #expect(feed.link == "https://regionkalmar.se/")
        let item = try #require(feed.items.first)
        #expect(item.title == "Strategi antagen")
        #expect(item.authors == ["Anna Andersson"])
        #expect(item.published == iso("2022-10-05T07:00:00Z"))
        #expect(item.updated == iso("2022-10-06T08:00:00Z"))
        #expect(item.categories == ["RUS"])
        #expect(item.content.first?.value == "<p>Hela <a href=\"https://regionkalmar.se/rus\">texten</a>.</p>")
        #expect(item.content.first?.type == "text/html")
        #expect(item.summary == "Hela texten.")
        #expect(item.link == "https://regionkalmar.se/nyhet")
    }

    @Test func mediaRSS() throws {
        let feed = try read("""
        <rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/"><channel><title>Play</title>
        <item><m:title>Filmen om RUS</m:title><m:description>Om strategin</m:description>
        <m:group><m:content url="https://play.example.se/rus.mp4" type="video/mp4" medium="video" width="1280" height="720" fileSize="1048576"/>
        <m:thumbnail url="/bild.jpg" width="320" height="180"/></m:group>
        <m:keywords>regional utveckling, strategi</m:keywords><m:category>Samhälle</m:category></item></channel></rss>
        """, url: "https://play.example.se/feed")
        let item = try #require(feed.items.first)
        #expect(item.title == "Filmen om RUS")
        #expect(item.summary == "Om strategin")
        #expect(item.media == [
            FeedMedia(kind: .content, url: "https://play.example.se/rus.mp4", type: "video/mp4", medium: "video", width: 1280, height: 720, fileSize: 1_048_576),
            FeedMedia(kind: .thumbnail, url: "https://play.example.se/bild.jpg", width: 320, height: 180),
        ])
        #expect(item.tags.map(\.term) == ["Samhälle", "regional utveckling", "strategi"])
    }

    @Test func xmlBaseAtFeedEntryAndElementLevel() throws {
        let feed = try read("""
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.exempel.se/nyheter/">
        <link href="./"/><id>tag:exempel.se,2022:feed</id>
        <entry xml:base="2022/">
          <link href="strategi.html"/><id>/ids/1</id>
          <content type="html" xml:base="https://cdn.exempel.se/">&lt;img src="bild.png"&gt; &lt;a href='../rus.pdf'&gt;RUS&lt;/a&gt;</content>
        </entry>
        <entry><link xml:base="/arkiv/" href="gammal.html"/></entry>
        </feed>
        """, url: "https://www.exempel.se/feed.xml")
        #expect(feed.link == "https://www.exempel.se/nyheter/")
        #expect(feed.id == "tag:exempel.se,2022:feed")
        #expect(feed.items[0].link == "https://www.exempel.se/nyheter/2022/strategi.html")
        #expect(feed.items[0].id == "https://www.exempel.se/ids/1")
        let content = try #require(feed.items[0].content.first)
        #expect(content.base == "https://cdn.exempel.se/")
        #expect(content.value == "<img src=\"https://cdn.exempel.se/bild.png\"> <a href='https://cdn.exempel.se/rus.pdf'>RUS</a>")
        #expect(feed.items[1].link == "https://www.exempel.se/arkiv/gammal.html")
    }

    @Test func atomDetails() throws {
        let feed = try read("""
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv"><title type="text">Nyheter &lt;Kalmar&gt;</title>
        <subtitle type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Från <em>regionen</em></div></subtitle>
        <author><name>Region Kalmar län</name><email>info@regionkalmar.se</email><uri>https://regionkalmar.se/</uri></author>
        <entry><title>Ett</title><id>urn:uuid:1</id>
        <link rel="enclosure" type="application/pdf" length="123456" href="https://regionkalmar.se/rus.pdf"/>
        <link rel="alternate" type="text/html" hreflang="sv" title="Läs" href="https://regionkalmar.se/1"/>
        <category term="rus" scheme="https://regionkalmar.se/kategorier" label="Regional utvecklingsstrategi"/>
        <author><name>Eva</name></author>
        <published>2022-10-05T00:00:00+02:00</published><updated>2022-10-05T00:00:00+02:00</updated><updated>2022-10-07T00:00:00+02:00</updated>
        <summary type="html">&lt;p&gt;Kort&lt;/p&gt;</summary>
        <content type="application/pdf">JVBERi0=</content></entry></feed>
        """)
        #expect(feed.title == "Nyheter <Kalmar>")
        #expect(feed.titleDetail == FeedText(value: "Nyheter <Kalmar>", type: "text/plain", language: "sv"))
        #expect(feed.subtitleDetail?.value == "Från <em>regionen</em>")
        #expect(feed.subtitle == "Från regionen")
        #expect(feed.language == "sv")
        #expect(feed.authors == [FeedPerson(name: "Region Kalmar län", email: "info@regionkalmar.se", uri: "https://regionkalmar.se/")])
        let entry = try #require(feed.items.first)
        #expect(entry.link == "https://regionkalmar.se/1")
        #expect(entry.links.count == 2)
        #expect(entry.links[1] == FeedLink(href: "https://regionkalmar.se/1", rel: "alternate", type: "text/html", title: "Läs", hreflang: "sv"))
        #expect(entry.enclosures == [FeedEnclosure(url: "https://regionkalmar.se/rus.pdf", type: "application/pdf", length: 123_456)])
        #expect(entry.tags == [FeedCategory(term: "rus", scheme: "https://regionkalmar.se/kategorier", label: "Regional utvecklingsstrategi")])
        #expect(entry.categories == ["Regional utvecklingsstrategi"])
        #expect(entry.authorDetails.first?.display == "Eva")
        #expect(entry.updated == iso("2022-10-06T22:00:00Z"), "the last of repeated values, as feedparser")
        #expect(entry.summary == "Kort")
        #expect(entry.content.first?.value == "%PDF-", "base64 for a non-text media type")
    }

    @Test func rssAuthorsAndGuids() throws {
        let feed = try read("""
        <rss version="2.0"><channel><title>x</title><managingEditor>redaktion@rvn.se (Redaktionen)</managingEditor>
        <item><author>anna.andersson@rvn.se (Anna Andersson)</author><guid>https://www.rvn.se/a</guid></item>
        <item><guid isPermaLink="false">4.383adb020f00c47a3733975</guid><link>https://www.rvn.se/b</link></item>
        </channel></rss>
        """)
        #expect(feed.authors == [FeedPerson(name: "Redaktionen", email: "redaktion@rvn.se")])
        #expect(feed.items[0].authorDetails == [FeedPerson(name: "Anna Andersson", email: "anna.andersson@rvn.se")])
        #expect(feed.items[0].authors == ["anna.andersson@rvn.se (Anna Andersson)"])
        #expect(feed.items[0].link == "https://www.rvn.se/a")
        #expect(feed.items[1].id == "4.383adb020f00c47a3733975")
        #expect(feed.items[1].link == "https://www.rvn.se/b")
    }

    /// Locators are computed in one pass rather than by libxml2 per node: they must be what
    /// libxml2 writes, and select the item they belong to.
    @Test(arguments: [
        "Regions/Blekinge/Sources/Snapshot/nyheter.xml", "Regions/Kalmar/Sources/Snapshot/nyheter.xml",
        "Regions/Vasternorrland/Sources/Snapshot/nyheter.xml",
    ])
    func locatorsAreLibxml2sXPaths(_ path: String) throws {
        let bytes = try ProjectFiles.bytes(path)
        let feed = try FeedReader().read(bytes)
        let document = try MarkupDocument(xml: bytes)
        #expect(!feed.items.isEmpty)
        for item in feed.items {
            let node = try #require(try document.select(item.locator).first)
            #expect(node.locator == item.locator)
            #expect(node.name == "item" || node.name == "entry")
            let title = try #require(node.elementChildren.first { $0.name == "title" })
            #expect(HTMLText.plainText(title.textContent) == item.title)
        }
    }

    @Test func locatorsWithMixedSiblingsAndASingleItem() throws {
        let feed = try read("<rss><channel><title>t</title><item><title>a</title></item></channel></rss>")
        #expect(feed.items.map(\.locator) == ["/rss/channel/item"])
        let rdf = try read("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <channel><title>t</title></channel><item><title>a</title></item><image/><item><title>b</title></item></rdf:RDF>
        """)
        #expect(rdf.items.map(\.locator) == ["/rdf:RDF/*[2]", "/rdf:RDF/*[4]"])
    }

    @Test func decodesJSONWrittenBeforeTheFieldsWereAdded() throws {
        let old = """
        {"format":"rss-2.0","title":"Aktuellt","link":"https://www.rvn.se/","language":"sv","problems":[],
         "items":[{"title":"Ny strategi","link":"https://www.rvn.se/1","categories":["RUS"],"authors":[],"locator":"/rss/channel/item[1]"}]}
        """
        let feed = try JSONDecoder().decode(Feed.self, from: Data(old.utf8))
        #expect(feed.title == "Aktuellt")
        #expect(feed.items.first?.categories == ["RUS"])
        #expect(feed.items.first?.content == [])
        #expect(feed.links == [])
        let again = try JSONDecoder().decode(Feed.self, from: JSONEncoder().encode(feed))
        #expect(again == feed)
    }

    @Test func aRoundTripKeepsEveryField() throws {
        let feed = try FeedReader().read(try ProjectFiles.bytes("Regions/Kalmar/Sources/Snapshot/nyheter.xml"))
        let again = try JSONDecoder().decode(Feed.self, from: JSONEncoder().encode(feed))
        #expect(again == feed)
    }
}
