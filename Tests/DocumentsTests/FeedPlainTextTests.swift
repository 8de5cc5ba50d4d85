import Foundation
import Testing
import Markup
import Documents

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
    ])
    func textWithoutMarkupIsNormalisedAsTextNormalizerDoes(text: String) {
        #expect(HTMLText.plainText(text) == TextNormalizer.normalize(text), "\(text.debugDescription)")
    }
}
