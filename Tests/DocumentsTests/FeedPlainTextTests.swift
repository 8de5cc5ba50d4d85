import Foundation
import Testing
import Markup
@testable import Documents

/// ``HTMLText/plainText(_:)`` is a one-pass scanner; these tests hold it against what
/// libxml2's HTML parser makes of the same markup.
@Suite("Plain text of feed markup")
struct FeedPlainTextTests {
    /// The plain text of `html` by parsing it as an HTML document: the text of the body, a
    /// space around every element that is not inline (and at `<br>`), `script` and `style`
    /// left out, whitespace normalised.
    static func parsedPlainText(_ html: String) throws -> String {
        let page = "<html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let document = try MarkupDocument(html: Array(page.utf8))
        guard let body = try document.select("/html/body").first else { return "" }
        var out = ""
        func walk(_ node: MarkupNode) {
            for child in node.children {
                switch child.kind {
                case .text:
                    out += child.textContent
                case .element:
                    let name = child.name
                    if name == "script" || name == "style" { out += " "; continue }
                    let inline = HTMLText.inlineElementNames.contains(name)
                    if !inline { out += " " }
                    walk(child)
                    if !inline { out += " " }
                default:
                    continue
                }
            }
        }
        walk(body)
        return TextNormalizer.normalize(out)
    }

    /// Every HTML text construct of feedparser's suite and of the regions' feeds.
    static func markupOfTheCorpus() throws -> [String]? {
        let root = ProjectFiles.sharedTestData.appendingPathComponent("feedparser/feeds")
        guard FileManager.default.fileExists(atPath: root.path), let files = FileManager.default.enumerator(atPath: root.path)?.compactMap({ $0 as? String }).filter({ $0.hasSuffix(".xml") }) else { return nil }
        var texts: [FeedText] = []
        var feeds: [[UInt8]] = try files.sorted().map { [UInt8](try Data(contentsOf: root.appendingPathComponent($0))) }
        for region in ["Blekinge", "Kalmar", "Vasternorrland"] {
            feeds.append(try ProjectFiles.bytes("Regions/\(region)/Sources/Snapshot/nyheter.xml"))
        }
        for bytes in feeds {
            guard let feed = try? FeedReader().read(bytes) else { continue }
            texts += [feed.titleDetail, feed.subtitleDetail].compactMap { $0 }
            for item in feed.items {
                texts += [item.titleDetail, item.summaryDetail].compactMap { $0 } + item.content
            }
        }
        return texts.filter { $0.type == "text/html" }.map(\.value)
    }

    /// Markup the scanner reads otherwise than libxml2's HTML parser, and why.
    static let readOtherwise: [String: String] = [
        // `<!` that starts no comment or declaration: a bogus comment up to the next `>` for
        // the scanner (as for the HTML5 tokenizer), text for libxml2 2.9.
        "<!' <a href=\"foo\">": "bogus comment",
    ]

    @Test func sameTextAsAnHTMLParseOnTheCorpus() throws {
        guard let markup = try Self.markupOfTheCorpus() else {
            print("skipped: ../shared/testdata/feedparser is absent")
            return
        }
        #expect(markup.count >= 280)
        for html in markup where Self.readOtherwise[html] == nil {
            #expect(try HTMLText.plainText(html) == Self.parsedPlainText(html), "\(html)")
        }
    }

    @Test(arguments: [
        "<p>Regionfullmäktige beslutade om <strong>12 mnkr</strong> till kompetensförsörjning.</p><p>Läs mer</p>",
        "Text utan markering &amp; med tecken&nbsp;referenser &ouml; &#246; &#x2013;",
        "<ul><li>Ett</li><li>Två</li></ul><br>Tre<br/>fyra<img src=\"a.png\" alt=\"bild\">fem",
        "<script>var a = '<p>';</script><style>p { color: red }</style><p>Synligt</p><!-- dolt -->",
        "<div><span>in</span>line <em>och</em> <a href=\"https://x.se/?a=1&amp;b=2\">länk</a></div>\n\t<h2>Rubrik</h2>",
        "<table><tr><td>2022</td><td>24,3 mnkr</td></tr></table>",
    ])
    func sameTextAsAnHTMLParse(html: String) throws {
        #expect(try HTMLText.plainText(html) == Self.parsedPlainText(html))
    }

    /// The words of eight bytes on which a word test (``ByteWord``) and the byte table it
    /// stands for disagree on the first byte flagged: every byte value at every position among
    /// several fillers, and random mixes of `pool`.
    static func wordScanMismatches(_ flags: (UInt64) -> UInt64, table: (UInt8) -> Bool, pool: [UInt8]) -> [[UInt8]] {
        func firstByWord(_ bytes: [UInt8]) -> Int? {
            let flagged = flags(UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }))
            return flagged == 0 ? nil : flagged.trailingZeroBitCount >> 3
        }
        var mismatches: [[UInt8]] = []
        func check(_ bytes: [UInt8]) {
            if firstByWord(bytes) != bytes.firstIndex(where: table) { mismatches.append(bytes) }
        }
        for value in 0...255 {
            for position in 0..<8 {
                for filler: UInt8 in [0x61, 0xC3, 0x00, 0x20, 0xFF, 0x80] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = UInt8(value)
                    check(bytes)
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 { check((0..<8).map { _ in pool.randomElement(using: &generator)! }) }
        return mismatches
    }

    /// The scan skips eight bytes at a time up to the first byte it does not copy as it is
    /// (``PlainTextScanner/specialBytes(_:)``): that first byte must be the one the byte loop
    /// stops at.
    @Test func wordScanStopsWhereTheByteLoopStops() {
        let pool: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x25, 0x26, 0x27, 0x3B, 0x3C, 0x3D, 0x61, 0x7F, 0x80, 0xA0, 0xC1, 0xC2, 0xC3, 0xE1, 0xE2, 0xE3, 0xEE, 0xEF, 0xF0, 0xFF]
        let mismatches = Self.wordScanMismatches(PlainTextScanner.specialBytes, table: { PlainTextScanner.byteClass[Int($0)] != 0 }, pool: pool)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// Whitespace normalisation skips eight bytes at a time up to the first byte that may start
    /// whitespace (``FeedWhitespace/whitespaceStarts(_:)``): the byte the table flags first.
    @Test func wordScanFindsTheFirstByteThatMayStartWhitespace() {
        let pool: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x61, 0x7F, 0x80, 0xA0, 0xC1, 0xC2, 0xC3, 0xE1, 0xE2, 0xE3, 0xEE, 0xEF, 0xF0, 0xFF]
        let mismatches = Self.wordScanMismatches(FeedWhitespace.whitespaceStarts, table: { FeedWhitespace.mayStartWhitespace[Int($0)] }, pool: pool)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func knownTexts() {
        #expect(HTMLText.plainText("<p>Remissen pågår till den <strong>5 oktober</strong>.</p><ul><li>Ett</li><li>Två</li></ul>") == "Remissen pågår till den 5 oktober. Ett Två")
        #expect(HTMLText.plainText("  Ren   text\n utan\u{A0}markering ") == "Ren text utan markering")
        #expect(HTMLText.plainText("Bygg &amp; miljö &ndash; <b>Blekinge</b>&#150;län") == "Bygg & miljö – Blekinge–län")
        #expect(HTMLText.plainText("a < b och <![CDATA[ <c> ]]> d") == "a < b och <c> d")
    }

    /// Text without markup is only normalised, by a byte scan that skips bytes that start no
    /// whitespace: it must give what ``TextNormalizer`` gives.
    @Test(arguments: [
        "", " ", "ord", "  Ren   text\n utan\u{A0}markering ", "a\u{2007}b\u{202F}c\u{200B}d\u{FEFF}e", "\t\r\n\u{0C}x\u{0C}",
        "Växjö  Öland\u{A0}\u{A0}Härnösand", "åäö \u{C2}", "¢ € ￿ 😀  slut", "ett två", " ett två ", "x\u{85}y",
        // Longer than eight bytes, with the whitespace at every distance from the start.
        "Regionfullmäktige beslutade om nya mål", "Regionfullmäktige  beslutade\tom nya\u{2007}mål för 2030 ",
        "abcdefgh\u{A0}ijklmnop qrstuvwx\u{FEFF}yz", "abcdefghi jklmnopq\nr", "1234567 89abcdefg\r\n",
    ])
    func textWithoutMarkupIsNormalisedAsTextNormalizerDoes(text: String) {
        #expect(HTMLText.plainText(text) == TextNormalizer.normalize(text), "\(text.debugDescription)")
    }

    /// The same on 20,000 made-up texts of up to 40 characters: letters, every whitespace
    /// character the normaliser collapses, others it keeps (U+0085, U+2028), control
    /// characters and characters whose UTF-8 starts like whitespace's (C2, E2, EF).
    @Test func madeUpTextsAreNormalisedAsTextNormalizerDoes() {
        let pool: [String] = [
            "a", "ö", "Ö", "k", ".", " ", " ", " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}", "\u{2007}", "\u{202F}", "\u{200B}",
            "\u{FEFF}", "\u{85}", "\u{2028}", "\u{01}", "¢", "€", "’", "\u{FFFF}", "😀", "abcdefgh",
        ]
        var state: UInt64 = 0x2026_1122
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var wrong: [String] = []
        for _ in 0..<20_000 {
            let text = (0..<(next() % 41)).map { _ in pool[next() % pool.count] }.joined()
            if FeedWhitespace.normalize(text) != TextNormalizer.normalize(text) { wrong.append(text) }
        }
        let failures = wrong.count
        #expect(failures == 0, "\(wrong.prefix(5).map(\.debugDescription))")
    }
}
