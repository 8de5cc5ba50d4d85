import Foundation
import Testing
@testable import Markup

/// Records what a walk reports, with each element's locator built from its parent's and the
/// counted steps, as the page mirror of `Documents` builds them.
private struct Recorder: MarkupTreeVisitor {
    var events: [String] = []
    var skip: Set<String> = []

    mutating func enterElement(_ element: borrowing MarkupWalkElement) -> Bool {
        let name = String(decoding: element.name, as: UTF8.self)
        events.append("<\(name)>")
        return !skip.contains(name)
    }

    mutating func leaveElement() { events.append("</>") }

    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        events.append(String(decoding: utf8, as: UTF8.self))
    }
}

/// Every element below `node` with the locator built step by step from `locator`.
private func incrementalLocators(below node: MarkupNode, locator: String, into result: inout [(MarkupNode, String)]) {
    let document = node.document
    let elements = node.children.filter(\.isElement)
    let steps = document.locatorIndexes(ofChildrenOf: MarkupNodeID(pointer: UnsafeMutableRawPointer(node.pointer)))
    #expect(steps.count == elements.count)
    for (element, step) in zip(elements, steps) {
        #expect(step.id == MarkupNodeID(pointer: UnsafeMutableRawPointer(element.pointer)))
        let path = locator + "/" + document.locatorStep(of: step.id, index: step.index)
        result.append((element, path))
        incrementalLocators(below: element, locator: path, into: &result)
    }
}

private func checkLocators(_ document: MarkupDocument, file: String = "") throws {
    let root = try #require(document.root)
    var all: [(MarkupNode, String)] = [(root, root.locator)]
    incrementalLocators(below: root, locator: root.locator, into: &all)
    for (node, locator) in all where locator != node.locator {
        Issue.record("\(file): built \(locator), xmlGetNodePath says \(node.locator)")
        return
    }
}

@Suite("Walking a parsed tree")
struct MarkupTreeWalkTests {
    @Test func walkReportsElementsAndTextsInOrderAndSkipsWhatItIsToldTo() throws {
        let document = try MarkupDocument(html: Array("""
            <html><body><div>Ett <b>två</b><!-- not text --><script>x()</script> tre</div><p>fyra</p></body></html>
            """.utf8))
        let body = try #require(document.root?.firstChild("body"))
        var recorder = Recorder(skip: ["script"])
        body.walk(&recorder)
        #expect(recorder.events == ["<body>", "<div>", "Ett ", "<b>", "två", "</>", "<script>", " tre", "</>", "<p>", "fyra", "</>", "</>"])
    }

    @Test func walkOfASkippedStartSaysNothingMore() throws {
        let document = try MarkupDocument(html: Array("<html><body><p>text</p></body></html>".utf8))
        let body = try #require(document.root?.firstChild("body"))
        var recorder = Recorder(skip: ["body"])
        body.walk(&recorder)
        #expect(recorder.events == ["<body>"])
    }

    @Test func attributesAreReadAsXmlNodeGetContentGivesThem() throws {
        let document = try MarkupDocument(html: Array(#"<html><body><a href="/a?x=1&amp;y=2" class="Nav  Item" hidden>x</a></body></html>"#.utf8))
        let link = try #require(document.root?.firstChild("body")?.firstChild("a"))
        struct Attributes: MarkupTreeVisitor {
            var seen: [(String, String)] = []
            mutating func enterElement(_ element: borrowing MarkupWalkElement) -> Bool {
                element.forEachAttribute { attribute in
                    let name = attribute.name.map { String(cString: $0) } ?? ""
                    seen.append((name, attribute.withValue { String(decoding: $0, as: UTF8.self) }))
                }
                return false
            }
            mutating func leaveElement() {}
            mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {}
        }
        var attributes = Attributes()
        link.walk(&attributes)
        #expect(attributes.seen.map(\.0) == link.attributes.map(\.name))
        #expect(attributes.seen.map(\.1) == link.attributes.map(\.value))
        #expect(attributes.seen.map(\.1) == ["/a?x=1&y=2", "Nav  Item", ""])  // `hidden` has no value: none is made up
    }

    @Test func locatorsCountedOnceMatchXmlGetNodePathOnHTML() throws {
        var html = "<html><body><div id=main>"
        for i in 0..<300 {
            html += "<section><h2>\(i)</h2><p>a</p><p>b</p>\(i % 3 == 0 ? "<table><tr><td>1</td></tr><tr><td>2</td></tr></table>" : "")<ul><li>x</li></ul></section>"
            if i % 50 == 0 { html += "<aside>x</aside><p>between</p>" }
        }
        html += "</div><div>last</div><custom-element>c</custom-element><custom-element>d</custom-element></body></html>"
        try checkLocators(try MarkupDocument(html: Array(html.utf8)))
    }

    @Test func locatorsCountedOnceMatchXmlGetNodePathWithNamespaces() throws {
        let xml = """
            <?xml version="1.0"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:x="urn:x">
              <title>t</title><entry><title>a</title><media:content url="1"/><media:content url="2"/></entry>
              <entry><title>b</title><x:title>c</x:title><media:group><media:content/></media:group></entry>
              <plain xmlns="">no namespace</plain><plain xmlns="">again</plain><x:plain/>
            </feed>
            """
        try checkLocators(try MarkupDocument(xml: Array(xml.utf8)))
        let rdf = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <channel/><item><title>1</title></item><item><title>2</title></item><rdf:Seq/><rdf:Seq/>
            </rdf:RDF>
            """
        try checkLocators(try MarkupDocument(xml: Array(rdf.utf8)))
    }

    @Test func locatorsCountedOnceMatchXmlGetNodePathOnRealPages() throws {
        let folder = SharedTestData.root.appendingPathComponent("trafilatura/pages")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            print("MarkupTreeWalkTests: skipped the real pages, \(folder.path) is absent")
            return
        }
        for file in files.sorted().prefix(40) {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            try checkLocators(try MarkupDocument(html: bytes), file: file)
        }
    }
}

@Suite("Whitespace normalisation")
struct TextNormalizerTests {
    /// The normaliser as it was written first, scalar by scalar: the byte-level one must agree.
    static func reference(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}", "\u{2007}", "\u{202F}", "\u{200B}", "\u{FEFF}":
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let pieces = [
        " ", "\t", "\n", "\r\n", "\u{0C}", "\u{0B}", "\u{A0}", "\u{2007}", "\u{202F}", "\u{200B}", "\u{FEFF}", "\u{2003}",
        "a", "Växtplats", "ö", "e\u{301}", "日本", "🇸🇪", "x\u{200D}y", "\u{85}", "\u{C2}", "\u{E2}\u{80}", "—", ".",
    ]

    @Test func agreesWithTheScalarNormaliser() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            #expect(TextNormalizer.normalize(text) == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
        #expect(TextNormalizer.normalize("  Region\u{A0}\u{A0}Blekinge \n") == "Region Blekinge")
        #expect(TextNormalizer.normalize("Redan normal") == "Redan normal")
    }

    /// Two builders given `parts` one after the other: one checks their UTF-8, the other is
    /// told they are well-formed (Swift strings are), so that its string is made without a
    /// second check and must be the same (debug builds check the promise).
    static func builders(appending parts: [String]) -> (checked: NormalizedTextBuilder, wellFormed: NormalizedTextBuilder) {
        var checked = NormalizedTextBuilder()
        var wellFormed = NormalizedTextBuilder()
        for var part in parts {
            part.withUTF8 {
                checked.append($0)
                wellFormed.append(wellFormed: $0)
            }
        }
        return (checked, wellFormed)
    }

    @Test func builderFromPiecesEqualsNormalisingThemJoined() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let parts = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            }
            let (builder, wellFormed) = Self.builders(appending: parts)
            let joined = parts.joined()
            #expect(builder.string == Self.reference(joined))
            #expect(builder.isEmpty == Self.reference(joined).isEmpty)
            #expect(Array(wellFormed.string.utf8) == Array(builder.string.utf8))
            #expect(wellFormed.string == builder.string && wellFormed.string.hashValue == builder.string.hashValue)
        }
    }

    /// `append(plain:)` against `append(wellFormed:)`: texts whose only whitespace is single
    /// spaces (at either end too) and which have no byte 0xC2, 0xE2 or 0xEF, appended one after
    /// the other (to an empty builder, after a space, after text), give the same bytes.
    @Test func plainTextsAreCopiedAsNormalisingWouldGiveThem() {
        let words = ["a", "Växt", "ord.", "1,5", "ö", "é", "日本", "x\u{301}", "!", "\u{01}"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var general = NormalizedTextBuilder()
            var plain = NormalizedTextBuilder()
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                let inner = (0..<Int.random(in: 1...6, using: &random)).map { _ in words.randomElement(using: &random)! }
                var text = (Bool.random(using: &random) ? " " : "") + inner.joined(separator: " ") + (Bool.random(using: &random) ? " " : "")
                if Int.random(in: 0..<8, using: &random) == 0 { text = " " }
                text.withUTF8 {
                    general.append(wellFormed: $0)
                    plain.append(plain: $0)
                }
                #expect(Array(plain.string.utf8) == Array(general.string.utf8), "\(text)")
                #expect(plain.isEmpty == general.isEmpty)
            }
        }
    }

    /// Mostly prose, so that the builder's eight-byte runs are taken, with every kind of
    /// whitespace (and a space at the end of a run of eight, before the end of a piece or before
    /// more whitespace) at every position.
    static let prosePieces = [
        "a", "b", "Växt", "ö", "ord", ".", ",", "é", "\u{01}", "—", "日本",
        " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{2007}", "\u{202F}", "\u{200B}", "\u{FEFF}", "\u{85}",
    ]

    @Test func builderAgreesOnLongProse() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let parts = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                (0..<Int.random(in: 0...40, using: &random)).map { _ in
                    // Letters three times in four.
                    Int.random(in: 0..<4, using: &random) > 0
                        ? Self.prosePieces[Int.random(in: 0..<4, using: &random)] : Self.prosePieces.randomElement(using: &random)!
                }.joined()
            }
            let (builder, wellFormed) = Self.builders(appending: parts)
            let expected = Self.reference(parts.joined())
            #expect(builder.string == expected, "\(parts)")
            #expect(Array(wellFormed.string.utf8) == Array(expected.utf8))
        }
    }

    @Test func invalidUTF8IsRepairedAsStringsRepairIt() {
        let bytes: [UInt8] = [0x20, 0x61, 0xC3, 0x20, 0xFF, 0x62, 0xE2, 0x80, 0x20, 0xF0, 0x9F]
        let text = bytes.withUnsafeBufferPointer { TextNormalizer.normalize(utf8: $0) }
        #expect(text == Self.reference(String(decoding: bytes, as: UTF8.self)))
    }
}
