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

    /// The plain text of `html` by the scanner, with or without the word scan passing over lone
    /// spaces (``PlainTextScanner/specialBytesBesideLoneSpaces(_:)``).
    static func scannedPlainText(_ html: String, skippingLoneSpacesByWord: Bool) -> String {
        var html = html
        return html.withUTF8 { bytes in
            let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
            defer { out.deallocate() }
            var scanner = PlainTextScanner(bytes, into: out)
            scanner.skipsLoneSpacesByWord = skippingLoneSpacesByWord
            return scanner.run()
        }
    }

    /// Made-up markup of up to 60 pieces: words, lone and repeated spaces, other whitespace,
    /// tags, references, comments, CDATA and characters whose UTF-8 starts like whitespace's.
    static func madeUpMarkup(count: Int, seed: UInt64) -> [String] {
        let pool: [String] = [
            "a", "ö", "Växjö", "abcdefgh", "x", ".", " ", " ", " ", "  ", "\t", "\n", "\u{A0}", "\u{2007}", "\u{FEFF}", "\u{85}",
            "<p>", "</p>", "<strong>", "</strong>", "<br/>", "<a href=\"x y\">", "</a>", "<script>a b</script>", "<!-- c d -->",
            "<![CDATA[ e  f ]]>", "&amp;", "&ouml;", "&#150;", "&#x20;", "&nbsp;", "& ", "&", "<", "< b", "¢", "€", "’",
        ]
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(next() % 61)).map { _ in pool[next() % pool.count] }.joined() }
    }

    /// The word scan passes over a lone space between two bytes it copies (a fast path); the
    /// byte loop's rule for such a space gives the same text on 30,000 made-up markups and on
    /// every text construct of the corpus.
    @Test func wordScanOverLoneSpacesGivesTheByteLoopsText() throws {
        var texts = Self.madeUpMarkup(count: 30_000, seed: 0x2026_1123)
        texts += try Self.markupOfTheCorpus() ?? []
        var wrong: [String] = []
        for text in texts
        where Self.scannedPlainText(text, skippingLoneSpacesByWord: true) != Self.scannedPlainText(text, skippingLoneSpacesByWord: false) {
            wrong.append(text)
        }
        let failures = wrong.count
        #expect(failures == 0, "\(wrong.prefix(5).map(\.debugDescription))")
    }

    /// The flags ``ByteWord/clearingLoneSpaces(in:flagged:)`` leaves, on random words of bytes
    /// the scans meet: the first byte flagged is no later than the first special byte that is
    /// not a lone space (a space between two bytes of the word that are not special), and when
    /// earlier, it is such a lone space (a flag of the word test kept: the byte loop passes over
    /// it by its own rule). Words of letters and single spaces are passed over whole.
    @Test func clearingLoneSpacesKeepsTheFirstOtherSpecialByte() {
        func word(_ bytes: [UInt8]) -> UInt64 { UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }) }
        func firstFlag(_ bytes: [UInt8]) -> Int? {
            let flagged = PlainTextScanner.specialBytesBesideLoneSpaces(word(bytes))
            return flagged == 0 ? nil : flagged.trailingZeroBitCount >> 3
        }
        let pool: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x20, 0x20, 0x21, 0x26, 0x3C, 0x61, 0x7F, 0x80, 0xA0, 0xC2, 0xC3, 0xE2, 0xEF, 0xFF]
        var generator = SystemRandomNumberGenerator()
        var wrong: [[UInt8]] = []
        for _ in 0..<200_000 {
            let bytes = (0..<8).map { _ in pool.randomElement(using: &generator)! }
            let special = bytes.map { PlainTextScanner.byteClass[Int($0)] != 0 }
            func isLoneSpace(_ k: Int) -> Bool { bytes[k] == 0x20 && k > 0 && k < 7 && !special[k - 1] && !special[k + 1] }
            let expected = bytes.indices.first { special[$0] && !isLoneSpace($0) } ?? 8
            let first = firstFlag(bytes) ?? 8
            if first > expected || (first < expected && !isLoneSpace(first)) { wrong.append(bytes) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(firstFlag(Array("ab cd ef".utf8)) == nil)
        #expect(firstFlag(Array("Vxjö ok".utf8)) == nil)
        #expect(firstFlag(Array("ab  cd e".utf8)) == 2)
        #expect(firstFlag(Array(" bcdefgh".utf8)) == 0)
        #expect(firstFlag(Array("abcdefg ".utf8)) == 7)
        #expect(firstFlag(Array("ab <b>cd".utf8)) == 2)
    }

    /// The scan writes into a buffer of the input's length (``PlainTextScanner/outputBound(of:)``):
    /// no named reference is shorter than its character's UTF-8, and no made-up markup's text
    /// is longer than the markup.
    @Test func plainTextIsNoLongerThanItsMarkup() {
        let longer = HTMLNamedEntities.codePoints.filter { name, code in
            (Unicode.Scalar(code).map { String($0).utf8.count } ?? 0) > name.utf8.count + 2
        }
        #expect(longer.isEmpty, "\(longer.prefix(5))")
        for text in Self.madeUpMarkup(count: 5_000, seed: 7) + ["&#0", "&#128", "&#x80;", "&#1114111;", "&#x10FFFF", "&nGt;", "&ee;"] {
            #expect(HTMLText.plainText(text).utf8.count <= text.utf8.count, "\(text.debugDescription)")
        }
    }

    /// The table of inline names (``PlainTextScanner/isInlineKey(_:)``) against the set it is
    /// built from: every inline name, the usual HTML elements and 100,000 made-up names of one
    /// to seven letters and digits.
    @Test func inlineKeyTableHoldsTheInlineNames() {
        let html = [
            "p", "div", "br", "hr", "h1", "h2", "h3", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead",
            "section", "article", "header", "footer", "nav", "aside", "main", "figure", "iframe", "object", "video", "audio",
            "source", "blockquote", "pre", "form", "input", "button", "label", "select", "option", "center", "address",
        ]
        var names = Array(HTMLText.inlineElementNames) + html
        var generator = SystemRandomNumberGenerator()
        let characters = Array("abcdefghijklmnopqrstuvwxyz0123456789-")
        for _ in 0..<100_000 {
            names.append(String((0..<Int.random(in: 1...7, using: &generator)).map { _ in characters.randomElement(using: &generator)! }))
        }
        let wrong = names.filter { PlainTextScanner.isInlineKey(PlainTextScanner.pack($0)) != HTMLText.inlineElementNames.contains($0) }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(HTMLText.plainText("a<SPAN>b</Span>c<P>d</p>e<Strong>f</STRONG>") == "abc d ef")
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
