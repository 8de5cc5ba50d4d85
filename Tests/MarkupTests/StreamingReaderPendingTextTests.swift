import Testing
@testable import Markup

/// Text gathered between tags (an ``XMLTextBytes``) is delivered in pieces of at most
/// ``StreamingXMLReader/Options/maximumTextEventBytes``, each ending on a whole UTF-8 character:
/// the pieces of every text run are those the rule cuts from the run's bytes, whatever pieces
/// libxml2 hands over (chunks of 1, 7 and 4,096 bytes, entity references, CDATA, comments inside
/// the text), for ASCII and two-, three- and four-byte characters.
@Suite("Streaming reader: pending text")
struct StreamingReaderPendingTextTests {
    /// The rule: from the run's start, pieces of the maximum, a piece ending before a character
    /// the maximum would cut (unless that leaves it empty); what is left is the last piece.
    static func pieces(_ run: [UInt8], maximum: Int) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        while run.count - start >= maximum {
            var cut = start + maximum
            var lead = cut - 1
            while lead > start, lead > cut - 4, run[lead] & 0xC0 == 0x80 { lead -= 1 }
            let b = run[lead]
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if lead + length > cut, lead > start { cut = lead }
            pieces.append(Array(run[start..<cut]))
            start = cut
        }
        if start < run.count { pieces.append(Array(run[start...])) }
        return pieces
    }

    static let texts = [
        String(repeating: "abcdefghij", count: 40),
        String(repeating: "åäö é ", count: 50),
        String(repeating: "€ ∑ 日本 ", count: 30),
        String(repeating: "😀a🎉bc", count: 30),
        "x" + String(repeating: "&amp; &#228; <![CDATA[ü<>]]> <!-- c --> t ", count: 20),
    ]

    @Test func textPiecesAreCutByTheRule() throws {
        for text in Self.texts {
            let document = Array("<r><a>\(text)</a><b/>\(text)<c>\(text)</c></r>".utf8)
            // From 4 bytes on, every piece holds whole characters (events are strings).
            for maximum in [4, 5, 6, 7, 64, 100_000] {
                for chunkSize in [1, 7, 4096] {
                    var options = StreamingXMLReader.Options()
                    options.maximumTextEventBytes = maximum
                    options.sniffLength = 16
                    let reader = StreamingXMLReader(options: options)
                    var events: [XMLStreamEvent] = []
                    for start in stride(from: 0, to: document.count, by: chunkSize) {
                        events += try reader.parse(document[start..<min(document.count, start + chunkSize)])
                    }
                    events += try reader.finish()
                    // Runs of consecutive text events, each against the rule's pieces of its bytes.
                    var runs: [[[UInt8]]] = []
                    var inRun = false
                    for event in events {
                        guard case let .text(piece) = event else { inRun = false; continue }
                        if !inRun { runs.append([]); inRun = true }
                        runs[runs.count - 1].append(Array(piece.utf8))
                    }
                    #expect(runs.count == 3, "\(text.prefix(10)), maximum \(maximum), chunks of \(chunkSize)")
                    for run in runs {
                        #expect(run == Self.pieces(run.flatMap { $0 }, maximum: maximum), "\(text.prefix(10)), maximum \(maximum), chunks of \(chunkSize)")
                    }
                }
            }
        }
    }

    @Test func theBufferAppendsTakesFromTheFrontAndEmpties() {
        let text = XMLTextBytes()
        let bytes: [UInt8] = Array(0..<200)
        for _ in 0..<10 { bytes.withUnsafeBufferPointer { text.append($0) } }
        #expect(text.count == 2_000)
        text.removeFirst(150)
        #expect(text.count == 1_850)
        #expect(text[0] == 150 && text[49] == 199 && text[50] == 0)
        #expect(Array(text.bytes(from: 48, to: 53)) == [198, 199, 0, 1, 2])
        text.removeFirst(1_850)
        #expect(text.isEmpty)
        bytes.withUnsafeBufferPointer { text.append(UnsafeBufferPointer(rebasing: $0[5..<8])) }
        #expect(Array(text.bytes(from: 0, to: text.count)) == [5, 6, 7])
        text.removeAll()
        #expect(text.isEmpty && text.debugDescription == "XMLTextBytes(count: 0)")
    }
}
