@testable import Markup
import Testing

/// `String(decodingUTF8:)` must give what `String(decoding:as: UTF8.self)` gives, byte for
/// byte, and `UTF8Validation` must call valid exactly what the standard library calls valid.
@Suite struct UTF8StringTests {
    private func expectSame(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let ours = String(decodingUTF8: bytes)
        let standard = String(decoding: bytes, as: UTF8.self)
        #expect(Array(ours.utf8) == Array(standard.utf8), "\(bytes)", sourceLocation: sourceLocation)
        let verdict = bytes.withUnsafeBufferPointer { UTF8Validation.check($0) }
        let standardValid = String(validating: bytes, as: UTF8.self) != nil
        #expect((verdict != .invalid) == standardValid, "\(bytes): \(verdict)", sourceLocation: sourceLocation)
        #expect((verdict == .ascii) == bytes.allSatisfy { $0 < 0x80 }, "\(bytes): \(verdict)", sourceLocation: sourceLocation)
        let isASCII = bytes.withUnsafeBufferPointer { UTF8Validation.isASCII($0) }
        #expect(isASCII == bytes.allSatisfy { $0 < 0x80 }, "\(bytes)", sourceLocation: sourceLocation)
        if standardValid {
            // Bytes known to be well-formed, copied unchecked: the same string, equal and
            // hashed alike (its ASCII flag right).
            let unchecked = String(wellFormedUTF8: bytes)
            #expect(Array(unchecked.utf8) == bytes, "\(bytes)", sourceLocation: sourceLocation)
            #expect(unchecked == standard && unchecked.hashValue == standard.hashValue, "\(bytes)", sourceLocation: sourceLocation)
        }
    }

    /// Bytes where the rules of well-formed UTF-8 change.
    private static let edges: [UInt8] = [
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1,
        0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF,
    ]

    @Test func swedishTextAndEmptyInput() {
        expectSame([])
        expectSame(Array("Region Blekinge".utf8))
        expectSame(Array("Hållbar tillväxt – Östersjöregionen, 5 oktober 2022 😀 ".utf8))
        let long = String(repeating: "Regionala utvecklingsstrategin för Västernorrland 2020–2030. ", count: 40)
        expectSame(Array(long.utf8))
        #expect(String(decodingUTF8: Array(long.utf8)) == long)
    }

    @Test func everySequenceOfUpToThreeEdgeBytes() {
        for a in Self.edges {
            expectSame([a])
            for b in Self.edges {
                expectSame([a, b])
                for c in Self.edges { expectSame([a, b, c]) }
            }
        }
    }

    @Test func everyFourByteSequenceOfEdgeBytesAfterLeadBytes() {
        for a: UInt8 in [0xE0, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5] {
            for b in Self.edges {
                for c in Self.edges {
                    for d in Self.edges { expectSame([a, b, c, d]) }
                }
            }
        }
    }

    /// Each sequence at every offset from 0 to 16 behind ASCII and before ASCII, so that it
    /// falls in, across and after the eight-byte words.
    @Test func sequencesAtEveryOffsetOfTheWords() {
        let sequences: [[UInt8]] = [
            [0xC3, 0xA5], [0xE2, 0x80, 0x93], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80], [0xC3], [0xE2, 0x80],
            [0xF0, 0x9F, 0x98], [0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF],
        ]
        for sequence in sequences {
            for before in 0...16 {
                for after in [0, 1, 7, 8, 9] {
                    expectSame(Array(repeating: 0x61, count: before) + sequence + Array(repeating: 0x62, count: after))
                }
            }
        }
    }

    /// One byte from 0x80 at every place of a long text, and none: the 32-byte blocks that
    /// stop the ASCII scan early, and the words and bytes after them.
    @Test func oneNonASCIIByteAtEveryPlaceOfALongText() {
        let ascii = Array(repeating: UInt8(0x61), count: 100)
        for length in [31, 32, 33, 64, 71, 100] {
            expectSame(Array(ascii.prefix(length)))
            for place in 0..<length {
                for byte: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = Array(ascii.prefix(length))
                    bytes[place] = byte
                    let isASCII = bytes.withUnsafeBufferPointer { UTF8Validation.isASCII($0) }
                    #expect(!isASCII, "\(length) \(place) \(byte)")
                }
                var bytes = Array(ascii.prefix(length))
                bytes.replaceSubrange(place..<min(length, place + 2), with: [0xC3, 0xA5])
                expectSame(bytes)
            }
        }
    }

    @Test func randomBytesMostlyASCII() {
        // A linear congruential generator: the same bytes on every run.
        var state: UInt64 = 0x5EED_0F_2026
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        for _ in 0..<20_000 {
            let count = Int(next() % 40)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                let r = next()
                // Mostly ASCII, else an edge byte or any byte.
                bytes.append(r % 4 != 0 ? UInt8(0x20 + r >> 8 % 0x5F) : r % 8 == 0 ? UInt8(truncatingIfNeeded: r >> 16) : Self.edges[Int(r >> 16 % UInt64(Self.edges.count))])
            }
            expectSame(bytes)
        }
    }
}
