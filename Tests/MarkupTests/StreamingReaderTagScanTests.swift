import Foundation
import Testing
@testable import Markup

/// A stream does not scan its tags while it holds its first bytes and they are too few to break
/// a limit (``StreamingAttributeCounter/bytesWithoutViolation``, the rule of `AttributeCap`);
/// it scans them once more come or the parser starts. These tests hold the reader against the
/// general rule, a scanner given every chunk as it comes: the same limit is broken at the same
/// chunk, with the same value and line, whatever the chunking and the sniff length.
@Suite("Tag limits checked on a stream's first bytes")
struct StreamingReaderTagScanTests {
    static let documents: [String] = [
        // Limits broken as early as they can be: just past the bytes that cannot break them.
        "<a b c d e f g h/>",
        "<a b='1' c='2' d='3' e='4' f='5' g='6'/>",
        "<r>\n<a b c d e f g h i j/>\n</r>",
        "<?xml version='1.0'?>\n<r x='1'>\n<a b='1' c='2' d='3' e='4' f='5' g='6'>t</a></r>",
        "<r><averyveryverylongtagname attribute='value value value value value value'/></r>",
        "<r>" + String(repeating: "<a b='1'/>\n", count: 20) + "<a b c d e f g/></r>",
        "<r><a b='1' c='2'/><!-- <x y z w v u t s> --><a b c/></r>",
        "<r>" + String(repeating: "text ", count: 30) + "</r>",
    ]

    /// Where the general rule breaks a limit: the index of the chunk, and the error.
    static func expected(_ chunks: [[UInt8]], limits: ParseLimits) -> String {
        var scanner = StreamingAttributeCounter(limits)
        for (k, chunk) in chunks.enumerated() {
            if let violation = chunk.withUnsafeBytes({ scanner.scan($0) }) { return "chunk \(k): \(MarkupError.limitExceeded(violation))" }
        }
        return "none"
    }

    /// Where the reader breaks one (an error of another kind is not a limit's).
    static func streamed(_ chunks: [[UInt8]], limits: ParseLimits, sniffLength: Int) -> String {
        var options = StreamingXMLReader.Options()
        options.limits = limits
        options.sniffLength = sniffLength
        let reader = StreamingXMLReader(options: options)
        for (k, chunk) in chunks.enumerated() {
            do { _ = try reader.parse(chunk) } catch {
                guard case .limitExceeded = error else { return "none" }
                return "chunk \(k): \(error)"
            }
        }
        return "none"
    }

    @Test func limitsAreBrokenAtTheSameChunkAsByTheGeneralRule() {
        var limitSets: [ParseLimits] = []
        for (attributes, tagBytes) in [(5, 1_000), (3, 40), (1_000, 30), (2, 1_000_000)] {
            var limits = ParseLimits()
            limits.attributesPerElement = attributes
            limits.startTagBytes = tagBytes
            limitSets.append(limits)
        }
        var broken = 0
        for document in Self.documents {
            let bytes = Array(document.utf8)
            for limits in limitSets {
                for size in [1, 2, 3, 7, 16, 1_000] {
                    let chunks = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min(bytes.count, $0 + size)]) }
                    let general = Self.expected(chunks, limits: limits)
                    if general != "none" { broken += 1 }
                    for sniffLength in [1, 5, 9, 24, 65_536] {
                        #expect(
                            Self.streamed(chunks, limits: limits, sniffLength: sniffLength) == general,
                            "\(document.prefix(30)), limits \(limits.attributesPerElement)/\(limits.startTagBytes), chunks of \(size), sniff \(sniffLength)"
                        )
                    }
                }
            }
        }
        #expect(broken > 50)
    }
}
