import Foundation
import Testing
@testable import Markup

/// A document that is all in hand when the push parser starts (smaller than
/// ``StreamingXMLReader/Options/sniffLength``, read at ``StreamingXMLReader/finish()``) is read
/// as libxml2's own UTF-8 when the sniffer validated it as UTF-8 (the rule of
/// `LibXML2.xmlEncoding`, as in memory); a longer one goes through the charset's converter.
/// Both must read every document the same: the same documents streamed whole (the fast path)
/// and with the push parser started on their first bytes (the converter) give the same events,
/// errors and diagnostics.
@Suite("Whole documents streamed without a UTF-8 converter")
struct StreamingReaderWholeDocumentTests {
    static let edgeCases: [[UInt8]] = [
        Array("<a>plain ASCII</a>".utf8),
        Array("<?xml version='1.0' encoding='utf-8'?><a>\u{E5}\u{E4}\u{F6} \u{4E2D} \u{1F600}</a>".utf8),
        // A byte-order mark, UTF-8 damaged in places (declared and not), a zero byte, Windows-1252.
        [0xEF, 0xBB, 0xBF] + Array("<a>\u{E5}</a>".utf8),
        Array("<?xml version='1.0' encoding='utf-8'?><a>\u{E5}\u{E4}\u{F6}\u{E5}\u{E4}\u{F6}\u{E5}\u{E4}\u{F6} ".utf8) + [0xE5] + Array(" x</a>".utf8),
        Array("<a>\u{E5}\u{E4}\u{F6}\u{E5}\u{E4}\u{F6}\u{E5}\u{E4}\u{F6}\u{E5}\u{E4}\u{F6} ".utf8) + [0xE5] + Array(" x</a>".utf8),
        Array("<a>x".utf8) + [0x00] + Array("</a>".utf8),
        [0x3C, 0x61, 0x3E, 0xE5, 0x80, 0x3C, 0x2F, 0x61, 0x3E],
        Array("<a>&auml; &#150; &bogus; & \u{E5}<b></a>".utf8),
    ]

    static func outcome(_ bytes: [UInt8], sniffLength: Int) -> String {
        var options = StreamingXMLReader.Options()
        options.sniffLength = sniffLength
        options.repairMalformedReferences = true
        let reader = StreamingXMLReader(options: options)
        var events: [XMLStreamEvent] = []
        var thrown = "none"
        do {
            try reader.parse(bytes, into: &events)
            try reader.finish(into: &events)
        } catch {
            thrown = String(reflecting: error)
        }
        return "\(events)\nerror: \(thrown)\ndiagnostics: \(reader.diagnostics)\nwell-formed: \(reader.isWellFormed) "
            + "\(String(describing: reader.eventsWhileWellFormed)) charset: \(String(describing: reader.charset))"
    }

    @Test func wholeDocumentsReadAsWithTheConverter() throws {
        var documents = Self.edgeCases.enumerated().map { ("edge case \($0.offset)", $0.element) }
        if SharedTestData.isAvailable {
            documents += try SharedTestData.xmlFiles(in: ["feedparser/feeds", "hostile-xml"])
        }
        for (name, bytes) in documents {
            // The sniff decides on all of the document either way: the converter's route starts
            // the parser with all of it but not as the last bytes.
            let whole = Self.outcome(bytes, sniffLength: bytes.count + 600)
            let started = Self.outcome(bytes, sniffLength: max(1, bytes.count))
            #expect(whole == started, "\(name)")
        }
    }
}
