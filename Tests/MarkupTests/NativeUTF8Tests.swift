import Foundation
import Testing
internal import CLibXML2
@testable import Markup

/// libxml2 reads validated UTF-8 natively (no encoding name, ``LibXML2/xmlEncoding(for:content:)``)
/// instead of through its UTF-8 → UTF-8 converter: the same tree and the same errors either way.
@Suite struct NativeUTF8Tests {
    /// The tree (serialised), the errors and whether it parsed, told `encoding` or the charset's name.
    private func readings(_ bytes: [UInt8]) throws -> (native: String, converted: String, usedNative: Bool) {
        try bytes.withUnsafeBytes { raw in
            try Parser.prepared(raw, kind: .xml, options: ParseOptions()) { (body, charset, _) throws(MarkupError) in
                let encoding = LibXML2.xmlEncoding(for: charset, content: body)
                return (
                    describe(body, charset, encoding), describe(body, charset, charset.name), encoding == nil
                )
            }
        }
    }

    private func describe(_ body: UnsafeRawBufferPointer, _ charset: SniffedCharset, _ encoding: String?) -> String {
        let parsed: Parsed
        do {
            parsed = try Parser.parseXML(body, charset: charset, recover: true, encoding: encoding)
        } catch {
            return "error: \(error)"
        }
        defer { xmlFreeDoc(parsed.pointer) }
        guard let buffer = xmlBufferCreate() else { return "no buffer" }
        defer { xmlBufferFree(buffer) }
        _ = xmlNodeDump(buffer, parsed.pointer, xmlDocGetRootElement(parsed.pointer), 0, 0)
        let tree = xmlBufferContent(buffer).map { String(cString: $0) } ?? ""
        return tree + "\n" + parsed.diagnostics.map(\.description).joined(separator: "\n")
    }

    @Test func encodingIsLeftOutOnlyForValidatedUTF8() {
        let plain = Array("<rss/>".utf8)
        plain.withUnsafeBytes { body in
            #expect(LibXML2.xmlEncoding(for: SniffedCharset(name: "UTF-8", source: .utf8Detected), content: body) == nil)
            #expect(LibXML2.xmlEncoding(for: SniffedCharset(name: "UTF-8", source: .transport), content: body) == nil)
            #expect(LibXML2.xmlEncoding(for: SniffedCharset(name: "UTF-8", source: .byteOrderMark, bomLength: 3), content: body) == "UTF-8")
            #expect(LibXML2.xmlEncoding(for: SniffedCharset(name: "UTF-8", source: .utf8Detected, needsUTF8Repair: true), content: body) == "UTF-8")
            #expect(LibXML2.xmlEncoding(for: SniffedCharset(name: "WINDOWS-1252", source: .fallback), content: body) == "WINDOWS-1252")
        }
        for start: [UInt8] in [[0x3C, 0x00, 0x3F, 0x00], [0x00, 0x3C, 0x00, 0x3F], [0xEF, 0xBB, 0xBF, 0x3C], [0x3C, 0x3F, 0x00]] {
            (start + Array("<rss/>".utf8)).withUnsafeBytes { body in
                #expect(LibXML2.xmlEncoding(for: SniffedCharset(name: "UTF-8", source: .utf8Detected), content: body) == "UTF-8")
            }
        }
    }

    @Test func edgeCasesReadTheSame() throws {
        let documents: [String] = [
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss a=\"é\"><t>Göteborg &amp; Malmö</t></rss>",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><feed><title>å</title></feed>",
            "<?xml version=\"1.0\" encoding=\"bogus\"?><a>€</a>",
            "<a>no declaration ✓ 𝄞</a>",
            "  \n<a x='ä'>text<b>more</b><![CDATA[<p>ö</p>]]></a>",
            "<a><b>unclosed ä</a>",
            "<a>\u{0}</a>",
            "<a>bad \u{1} char</a>",
            "<a>&ouml; &#246; &#xF6; &unknown;</a>",
            "<root>" + String(repeating: "<x>åäö</x>\n", count: 2_000) + "</root>",
        ]
        for document in documents {
            let reading = try readings(Array(document.utf8))
            #expect(reading.native == reading.converted, "\(document.prefix(60))")
        }
        // Damaged UTF-8 is repaired first, then read natively; Windows-1252 keeps its converter.
        for bytes: [UInt8] in [Array("<a>ok ".utf8) + [0xFF] + Array(" å</a>".utf8), Array("<a>caf".utf8) + [0xE9] + Array("</a>".utf8)] {
            let reading = try readings(bytes)
            #expect(reading.native == reading.converted)
        }
    }

    @Test func feedparserFeedsReadTheSame() throws {
        guard SharedTestData.isAvailable else {
            print("skipped: ../shared/testdata is absent")
            return
        }
        let folder = SharedTestData.root.appendingPathComponent("feedparser/feeds")
        let files = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rss") || $0.hasSuffix(".atom") }.sorted()
        #expect(files.count > 300)
        var native = 0
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            guard let reading = try? readings(bytes) else { continue }
            if reading.usedNative { native += 1 }
            #expect(reading.native == reading.converted, "\(file)")
        }
        // Most of them are UTF-8: the comparison is not vacuous.
        #expect(native > files.count / 2)
    }
}
