import Foundation
import Testing
import Markup
@testable import Documents

/// The feed readers hold names as indices in a table (``FeedNames``); a document with ever new
/// names makes the table start over (a stream's memory must not grow with them), and every
/// name the rules still hold is given its new index. These tests read feeds that make it start
/// over between two items (a locator waiting for its sibling, the counts of the channel's
/// children) and inside an item (its capture), against the same feed without those names.
@Suite("Feed names: a table that starts over keeps what the rules hold")
struct FeedNamesTests {
    /// A feed of two items, with `between` empty elements of new names between them and
    /// `inside` in the second item, each name used once.
    static func feed(between: Int, inside: Int) -> [UInt8] {
        var s = "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>"
        s += "<title>Kanal</title><link>http://example.se/</link>"
        s += "<item><title>Ett</title><dc:creator>A</dc:creator><guid isPermaLink='false'>1</guid></item>"
        for k in 0..<between { s += "<j\(k)/>" }
        s += "<item><title>Två</title><extra>"
        for k in 0..<inside { s += "<k\(k) a='1'/>" }
        s += "</extra><link>http://example.se/2</link><category domain='d'>c</category><dc:creator>B</dc:creator></item>"
        s += "<language>sv</language></channel></rss>"
        return Array(s.utf8)
    }

    /// Past the table's bound between the items (the first one's locator waits for its
    /// sibling; the channel's children are counted by name), or inside the second item (its
    /// capture holds names).
    @Test(arguments: [(55_000, 0), (0, 55_000)])
    func manyNewNamesGiveTheSameFeed(between: Int, inside: Int) throws {
        let clean = try FeedReader().read(Self.feed(between: 0, inside: 0))
        #expect(clean.items.map(\.locator) == ["/rss/channel/item[1]", "/rss/channel/item[2]"])
        #expect(clean.items.map(\.title) == ["Ett", "Två"])
        let noisy = Self.feed(between: between, inside: inside)
        var options = ParseOptions()
        options.maximumInputBytes = 10_000_000
        options.limits.elements = 1_000_000
        let reader = FeedReader(options: options)
        let fast = try reader.read(noisy, url: nil, charset: nil, withoutTree: true)
        #expect(fast == clean)
        let tree = try reader.read(noisy, url: nil, charset: nil, withoutTree: false)
        #expect(tree == clean)
        var streamOptions = FeedStream.Options()
        streamOptions.maximumItemBytes = 100_000_000
        let stream = FeedStream(options: streamOptions)
        var items = try stream.consume(noisy)
        items += try stream.finish()
        #expect(items == clean.items)
        #expect(stream.summary?.title == "Kanal")
        #expect(stream.summary?.language == "sv")
    }
}
