import Foundation
import Testing
import Markup
@testable import Documents

/// The outline builder reads a link's text and a list item's leading emphasis off the line it
/// has just written them to (``InlineRun``), instead of normalising the element's text again:
/// the outlines must be those of the general rule, ``PageElement/normalizedText``.
@Suite("Link and emphasis texts read off the line agree with the element's text")
struct OutlineBuilderTests {
    static let madeUp = """
        <html><body><main>
        <p>Regionen arbetar för en hållbar utveckling i hela länet, med kompetensförsörjning, infrastruktur och innovation som prioriterade områden under hela perioden fram till år 2030. Före <a href="/a">  länk\t med\n mellanrum  </a> efter <a href="/b">en <b>fet</b> <i>del</i></a>.</p>
        <p>Regionen arbetar för en hållbar utveckling i hela länet, med kompetensförsörjning, infrastruktur och innovation som prioriterade områden under hela perioden fram till år 2030. <a href="/c">brutet<br>över rader</a> och <a href="/d">med <span hidden>dold</span> text</a> och <a href="/d2">med <span class="share-buttons">Dela</span> delning</a></p>
        <p>Regionen arbetar för en hållbar utveckling i hela länet, med kompetensförsörjning, infrastruktur och innovation som prioriterade områden under hela perioden fram till år 2030. <a href="/e">med <img src="x.png"> bild</a><a href="/f"></a><a href="/g">   </a><a href="/h">a<a href="/i">b</a>c</a></p>
        <p>Regionen arbetar för en hållbar utveckling i hela länet, med kompetensförsörjning, infrastruktur och innovation som prioriterade områden under hela perioden fram till år 2030. Text <a href="/j"><b>fet länk</b></a> <strong> <a href="/k">inne</a> </strong></p>
        <ul>
        <li><strong>Rubrik</strong> – text <a href="/l">länk</a></li>
        <li><b> Fet  med mellanrum </b>text</li>
        <li><b>Fet<br>bruten</b> text</li>
        <li><b>Fet <span hidden>dold</span> text</b> mer</li>
        <li> <strong>Efter mellanrum</strong> text</li>
        <li><b></b><b>Andra</b> text</li>
        <li><b>ö<span>ä</span> å</b><a href="/m">ö</a>ä</li>
        </ul>
        <table><tr><th>A</th><th>B</th></tr><tr><td><a href="/n">cell  länk</a></td><td><b>fet</b> cell</td></tr></table>
        </main></body></html>
        """

    /// The outline of `html`, with texts read off the line or by the general rule.
    static func outline(of html: [UInt8], textsOffTheLine: Bool) throws -> PageOutline {
        let document = try MarkupDocument(html: html)
        return HTMLPageReader.outline(
            url: "https://example.com/page.html", language: nil, base: nil, title: nil, canonical: nil,
            page: HTMLPageReader.mirrorBody(of: document), textsOffTheLine: textsOffTheLine)
    }

    @Test func madeUpPageGivesTheSameOutline() throws {
        let html = Array(Self.madeUp.utf8)
        let fast = try Self.outline(of: html, textsOffTheLine: true)
        let general = try Self.outline(of: html, textsOffTheLine: false)
        #expect(fast == general)
        #expect(String(reflecting: fast) == String(reflecting: general))
        let links = fast.root.allBlocks.flatMap { block -> [Link] in
            switch block {
            case let .paragraph(p): p.links
            case let .list(l): l.items.flatMap(\.links)
            case let .table(t): t.rows.flatMap { $0.cells.flatMap(\.links) }
            }
        }
        // Made-up cases the shortcut takes and those it leaves to the general rule.
        #expect(links.map(\.text).contains("länk med mellanrum"))
        // (The general rule joins what a `br` splits, and hidden elements are not mirrored.)
        #expect(links.map(\.text).contains("brutetöver rader"))
        #expect(links.map(\.text).contains("med text"))
        #expect(links.count >= 12)
    }

    @Test func realPagesGiveTheSameOutlines() throws {
        let folder = MainContentFastPathTests.pages
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            print("OutlineBuilderTests: \(folder.path) is absent; only the made-up page is checked")
            return
        }
        var links = 0
        for file in files.sorted() {
            let html = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            let fast = try Self.outline(of: html, textsOffTheLine: true)
            let general = try Self.outline(of: html, textsOffTheLine: false)
            #expect(fast == general, "\(file)")
            for block in fast.root.allBlocks { if case let .paragraph(p) = block { links += p.links.count } }
        }
        #expect(links > 1000)
    }
}
