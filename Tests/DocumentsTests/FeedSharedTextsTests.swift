import Foundation
import Markup
import Testing
@testable import Documents

/// ``FeedSharedTexts`` shares the text of categories and authors met before (a fast path of
/// ``FeedValues/text(_:)``): these tests hold it against the general rule.
@Suite("Feed texts shared between items")
struct FeedSharedTextsTests {
    /// Texts that fall into the same slot or nearly do: the same length, first, middle and
    /// last bytes, differing elsewhere; the bounds of the lengths kept; whitespace the rule
    /// normalises; whitespace only.
    static let texts: [String] = [
        "Regional utveckling", "Regional utvecklinG", "Regionxl utveckling", "Regional  utveckling", " Regional utveckling ",
        "Kommunikationsenheten", "Kommunikationsenheteo", "Kommunikationsenheten\n", "Kommunikations\tenheten",
        String(repeating: "a", count: 15), String(repeating: "a", count: 16), String(repeating: "ö", count: 8),
        String(repeating: "b", count: 96), String(repeating: "b", count: 97), String(repeating: "b", count: 95) + "c",
        String(repeating: " ", count: 20), "\u{A0}\u{A0}\u{A0}\u{A0}\u{A0}\u{A0}\u{A0}\u{A0}\u{A0}",
        "Uppföljning och analys", "Uppföljning och analys\u{A0}", "Infrastruktur och transporter", "Kultur", "x",
    ]

    /// What ``FeedValues/text(_:)`` makes of an element's text: whitespace normalised, `nil`
    /// when nothing is left.
    static func expected(_ raw: String) -> String? {
        let t = TextNormalizer.normalize(raw)
        return t.isEmpty ? nil : t
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// A feed of `count` items whose categories, `dc:subject` and `dc:creator` are drawn from
    /// ``texts`` (in an order that revisits slots with other texts in between), one category
    /// in CDATA now and then and one text split by a comment (not a single text run).
    static func feed(count: Int) -> (xml: String, categories: [[String]], authors: [[String]]) {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>

        """
        var categories: [[String]] = []
        var authors: [[String]] = []
        let texts = Self.texts
        for k in 0..<count {
            let a = texts[(k * 7) % texts.count], b = texts[(k * 11 + 3) % texts.count], c = texts[(k * 5 + 1) % texts.count]
            let first = k % 9 == 4 ? "<![CDATA[\(a)]]>" : escaped(a)
            let creator = k % 13 == 6 ? "\(escaped(c.prefix(3).description))<!-- x -->\(escaped(String(c.dropFirst(3))))" : escaped(c)
            xml += "<item><title>\(k)</title><category>\(first)</category><dc:subject>\(escaped(b))</dc:subject>"
            xml += "<dc:creator>\(creator)</dc:creator></item>\n"
            categories.append([a, b].compactMap(expected))
            authors.append([c].compactMap(expected))
        }
        xml += "</channel></rss>"
        return (xml, categories, authors)
    }

    /// Every item's categories and authors as the general rule makes them, by both routes of
    /// the reader (events from the parse, and the tree), read twice with the same reader state.
    @Test(arguments: [false, true])
    func itemsHoldTheTextsTheGeneralRuleMakes(withoutTree: Bool) throws {
        let (xml, categories, authors) = Self.feed(count: 400)
        for _ in 0..<2 {
            let feed = try FeedReader().read(Array(xml.utf8), url: nil, charset: nil, withoutTree: withoutTree)
            #expect(feed.items.count == 400)
            #expect(feed.items.map(\.categories) == categories)
            #expect(feed.items.map(\.authors) == authors)
            #expect(feed.items.map { $0.tags.map(\.term) } == categories)
            #expect(feed.items.map { $0.authorDetails.compactMap(\.name) } == authors)
        }
    }

    /// The cache on its own: texts of the same slot stored over each other, each looked up
    /// again, against the rule that made them; the rule is not asked again for a text kept.
    @Test func sameSlotTextsAreToldApart() {
        var shared = FeedSharedTexts()
        var calls = 0
        func lookUp(_ text: String) -> String? {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { buffer in
                shared.text(for: UnsafeBufferPointer(buffer)) {
                    calls += 1
                    return Self.expected(text)
                }
            }
        }
        let kept = Self.texts.filter { FeedSharedTexts.keeps(count: $0.utf8.count) }
        for round in 0..<3 {
            for text in kept + kept.reversed() {
                #expect(lookUp(text) == Self.expected(text), "\(text.debugDescription), round \(round)")
            }
        }
        let before = calls
        #expect(lookUp("Regionstyrelsens kansli") == "Regionstyrelsens kansli")
        #expect(lookUp("Regionstyrelsens kansli") == "Regionstyrelsens kansli")
        #expect(calls == before + 1)
        // Two texts of one slot: each made anew when the other took the slot.
        let a = "Regional utveckling", b = "Regionxl utveckling"
        func slot(_ text: String) -> Int { Array(text.utf8).withUnsafeBufferPointer { FeedSharedTexts.slot(of: $0) } }
        #expect(slot(a) == slot(b))
        #expect(lookUp(a) == a)
        #expect(lookUp(b) == b)
        #expect(lookUp(a) == a)
    }
}
