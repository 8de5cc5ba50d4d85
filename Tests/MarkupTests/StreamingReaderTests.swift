import Foundation
import Testing
@testable import Markup

/// A compact, chunking-independent view of events: adjacent text merged.
private func render(_ events: [XMLStreamEvent]) -> [String] {
    var out: [String] = []
    for event in events {
        switch event {
        case let .startElement(e):
            let name = (e.prefix.map { $0 + ":" } ?? "") + e.localName
            let ns = e.namespaceURI.map { "{\($0)}" } ?? ""
            let attributes = e.attributes.map { " \($0.prefix.map { $0 + ":" } ?? "")\($0.localName)=\($0.value)" }.joined()
            out.append("<\(ns)\(name)\(attributes)>@\(e.line)")
        case .endElement:
            out.append("</>")
        case let .text(t):
            if let last = out.last, last.hasPrefix("'") { out[out.count - 1] = String(last.dropLast()) + t + "'" } else { out.append("'\(t)'") }
        }
    }
    return out
}

/// Streams `bytes` in chunks of `chunkSize` and returns every event.
private func stream(_ bytes: [UInt8], chunkSize: Int, options: StreamingXMLReader.Options = .init()) throws -> (events: [XMLStreamEvent], reader: StreamingXMLReader) {
    let reader = StreamingXMLReader(options: options)
    var events: [XMLStreamEvent] = []
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + chunkSize)
        try reader.parse(bytes[offset..<end], into: &events)
        offset = end
    }
    try reader.finish(into: &events)
    return (events, reader)
}

@Suite("Streaming XML reader")
struct StreamingReaderTests {
    let feed = Array("""
    <?xml version="1.0" encoding="utf-8"?>
    <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>Nyheter &amp; pressmeddelanden</title>
    <item><title>Växtplats &auml;r antagen</title><link>https://x.se/a?b=1&amp;c=2</link>
    <description><![CDATA[<p>Text &auml; i CDATA</p>]]></description><!-- &ouml; -->
    <dc:date>2022-02-23</dc:date><guid isPermaLink="false" note="a&amp;b &lt; &#38; c">id-1</guid></item>
    </channel></rss>
    """.utf8)

    @Test func eventsOfASmallFeed() throws {
        let (events, reader) = try stream(feed, chunkSize: 1 << 20)
        let rendered = render(events).filter { !$0.hasPrefix("'\n") }
        #expect(rendered == [
            "<rss version=2.0>@2",
            "<channel>@3", "<title>@3", "'Nyheter & pressmeddelanden'", "</>",
            "<item>@4", "<title>@4", "'Växtplats är antagen'", "</>",
            "<link>@4", "'https://x.se/a?b=1&c=2'", "</>",
            "<description>@5", "'<p>Text &auml; i CDATA</p>'", "</>",
            "<{http://purl.org/dc/elements/1.1/}dc:date>@6", "'2022-02-23'", "</>",
            "<guid isPermaLink=false note=a&b < & c>@6", "'id-1'", "</>",
            "</>", "</>", "</>",
        ])
        #expect(reader.repairedEntities == 1)
        #expect(reader.diagnostics.isEmpty)
        #expect(reader.charset?.name == "UTF-8")
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func chunkingDoesNotChangeTheEvents(chunkSize: Int) throws {
        var options = StreamingXMLReader.Options()
        options.sniffLength = 16
        let whole = try stream(feed, chunkSize: 1 << 20).events
        let chunked = try stream(feed, chunkSize: chunkSize, options: options)
        #expect(render(chunked.events) == render(whole))
        #expect(chunked.reader.repairedEntities == 1)
    }

    @Test func attributeValuesAreThoseOfTheTree() throws {
        let xml = Array(#"<r a="x &amp; y" b="&#38;&#60;&lt;&gt;&quot;&apos;" c="&#x26;amp;" d="tab&#9;nl&#10;"/>"#.utf8)
        let element = try #require(stream(xml, chunkSize: 100).events.compactMap { if case let .startElement(e) = $0 { e } else { nil } }.first)
        let tree = try #require(MarkupDocument(xml: xml).root)
        for name in ["a", "b", "c", "d"] {
            #expect(element.attribute(name) == tree.attribute(name), "attribute \(name)")
        }
        #expect(element.attribute("a") == "x & y")
        #expect(element.attribute("c") == "&amp;")
    }

    @Test func htmlEntitiesCutByChunksAreRepairedButNotInCommentsOrCDATA() throws {
        let xml = Array("<r><a>&auml;&Ouml;&nbsp;&unknown;&amp;</a><!-- &auml; --><![CDATA[&auml;]]><b>s&aring;</b></r>".utf8)
        // As in the tree, libxml2 drops the undefined `&unknown;` and recovers.
        let tree = try MarkupDocument(xml: xml)
        let a = try #require(try tree.select("/r/a").first?.textContent)
        #expect(a.hasPrefix("äÖ\u{A0}"))
        for size in 1...12 {
            let (events, reader) = try stream(xml, chunkSize: size)
            #expect(render(events) == ["<r>@1", "<a>@1", "'\(a)'", "</>", "'&auml;'", "<b>@1", "'så'", "</>", "</>"], "chunk size \(size)")
            #expect(reader.repairedEntities == 4, "chunk size \(size)")
        }
    }

    @Test func longTextComesInPiecesThatJoinUp() throws {
        let text = String(repeating: "Växtplats Blekinge – ", count: 5_000)
        var options = StreamingXMLReader.Options()
        options.maximumTextEventBytes = 1_000
        let (events, _) = try stream(Array("<r>\(text)</r>".utf8), chunkSize: 333, options: options)
        let pieces = events.compactMap { if case let .text(t) = $0 { t } else { nil } }
        #expect(pieces.count > 50)
        #expect(pieces.allSatisfy { $0.utf8.count <= 1_000 })
        #expect(pieces.joined() == text)
    }

    @Test func windows1252WithLatin1Declaration() throws {
        let text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r>Västernorrland – 5 €</r>"
        let bytes = Array(text.data(using: .windowsCP1252)!)
        let (events, reader) = try stream(bytes, chunkSize: 5)
        #expect(render(events) == ["<r>@2", "'Västernorrland – 5 €'", "</>"])
        #expect(reader.charset == SniffedCharset(name: "WINDOWS-1252", source: .declaration))
    }

    @Test func mislabelledWindows1252IsReadAsTheTreeReadsIt() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>Härnösand – Sundsvall</r>"
        let bytes = Array(text.data(using: .windowsCP1252)!)
        let (events, reader) = try stream(bytes, chunkSize: 6)
        let tree = try MarkupDocument(xml: bytes)
        #expect(render(events) == ["<r>@2", "'Härnösand – Sundsvall'", "</>"])
        #expect(tree.root?.textContent == "Härnösand – Sundsvall")
        #expect(reader.charset == tree.charset)
        #expect(reader.charset?.overruled == "UTF-8")
    }

    @Test func utf16WithByteOrderMark() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r a=\"å\">Umeå</r>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let (events, reader) = try stream(bytes, chunkSize: 3)
        #expect(render(events) == ["<r a=å>@1", "'Umeå'", "</>"])
        #expect(reader.charset?.name == "UTF-16LE")
    }

    // MARK: Hostile input

    @Test func entityDeclarationsAreRefused() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("rus-stream-xxe-\(UUID().uuidString).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let external = Array("<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY xxe SYSTEM \"file://\(secret.path)\">]>\n<r>&xxe;</r>".utf8)
        #expect(throws: MarkupError.entityDeclaration(name: "xxe", line: 3)) { try stream(external, chunkSize: 16) }
        let `internal` = Array("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">]><r>&a;&a;</r>".utf8)
        #expect(throws: MarkupError.entityDeclaration(name: "a", line: 1)) { try stream(`internal`, chunkSize: 1 << 20) }
        var options = StreamingXMLReader.Options()
        options.recoverMalformedXML = false
        #expect(throws: MarkupError.entityDeclaration(name: "a", line: 1)) { try stream(`internal`, chunkSize: 7, options: options) }
    }

    @Test func externalDTDAndParameterEntitiesAreNotLoaded() throws {
        let xml = Array("<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"file:///etc/passwd\">\n<r>ok</r>".utf8)
        let (events, _) = try stream(xml, chunkSize: 9)
        #expect(render(events) == ["<r>@3", "'ok'", "</>"])
    }

    @Test(arguments: ["xmlbomb.xml", "xmlbomb2.xml", "quadratic.xml", "external.xml", "external_file.xml", "cyclic.xml", "dtd.xml", "dtd_element.xml", "simple.xml", "simple-ns.xml"])
    func sharedHostileCorpusEndsInErrorOrSafeRead(file: String) throws {
        guard SharedTestData.isAvailable else {
            print("skipped: ../shared/testdata is absent")
            return
        }
        let bytes = try SharedTestData.bytes("hostile-xml/\(file)")
        do {
            let (events, _) = try stream(bytes, chunkSize: 4096)
            let text = events.compactMap { if case let .text(t) = $0 { t } else { nil } }.joined()
            #expect(text.count < 10_000)
            #expect(!text.contains("root:x:0:0"))
        } catch let error as MarkupError {
            #expect(!error.description.isEmpty)
        }
    }

    @Test func aTagWithTooManyAttributesIsRefusedAcrossChunks() throws {
        let attributes = (0..<5_000).map { "a\($0)=\"x>y\"" }.joined(separator: " ")
        let xml = Array("<r>\n<e \(attributes)/></r>".utf8)
        #expect(throws: MarkupError.limitExceeded(LimitExceeded(.attributesPerElement, value: 1_001, maximum: 1_000, location: "line 2"))) { try stream(xml, chunkSize: 100) }
        let fine = Array("<r>\n<e \((0..<999).map { "a\($0)='1'" }.joined(separator: " "))/></r>".utf8)
        #expect(try stream(fine, chunkSize: 100).events.count == 5)
    }

    @Test func inputOverTheCapIsRefused() {
        var options = StreamingXMLReader.Options(maximumInputBytes: 1_000)
        options.sniffLength = 100
        let xml = Array(("<r>" + String(repeating: "<a>x</a>", count: 200) + "</r>").utf8)
        #expect(throws: MarkupError.limitExceeded(LimitExceeded(.inputBytes, value: 1_100, maximum: 1_000))) { try stream(xml, chunkSize: 100, options: options) }
    }

    // MARK: Malformed input

    @Test func malformedInputIsRecoveredAndReported() throws {
        let xml = Array("<r>\n<a>ett</a>\n<b>två</c>\n<d>tre</d></r>".utf8)
        let (events, reader) = try stream(xml, chunkSize: 4)
        #expect(render(events).prefix(4) == ["<r>@1", "'\n'", "<a>@2", "'ett'"])
        #expect(!reader.isWellFormed)
        #expect(reader.diagnostics.first?.line == 3)
        #expect(reader.diagnostics.first?.message.contains("mismatch") == true)
    }

    @Test func malformedInputWithoutRecoveryThrowsWithItsPosition() {
        var options = StreamingXMLReader.Options()
        options.recoverMalformedXML = false
        let xml = Array("<r>\n<a>ett</a>\n<b>två</c>\n</r>".utf8)
        #expect(throws: MarkupError.self) { try stream(xml, chunkSize: 4, options: options) }
        do {
            _ = try stream(xml, chunkSize: 4, options: options)
        } catch {
            guard case let .notWellFormed(message, line, _) = error as? MarkupError else {
                Issue.record("expected notWellFormed, got \(error)")
                return
            }
            #expect(line == 3)
            #expect(message.contains("mismatch"))
        }
    }

    @Test func truncatedInputWithoutRecoveryThrows() {
        var options = StreamingXMLReader.Options()
        options.recoverMalformedXML = false
        #expect(throws: MarkupError.self) { try stream(Array("<r><a>ett</a><b>tv".utf8), chunkSize: 4, options: options) }
    }

    @Test func emptyAndRootlessInput() {
        #expect(throws: MarkupError.empty) { try stream(Array(" \n\t".utf8), chunkSize: 2) }
        #expect(throws: MarkupError.empty) { try stream([], chunkSize: 2) }
        #expect(throws: MarkupError.self) { try stream(Array("<?xml version=\"1.0\"?><!-- bara en kommentar -->".utf8), chunkSize: 2) }
    }
}
