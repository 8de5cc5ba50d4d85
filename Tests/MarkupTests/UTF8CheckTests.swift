import Testing
@testable import Markup

/// ``UTF8Check`` (the charset sniffer's validation of a whole document, and its repair of
/// damaged UTF-8) skips ASCII eight bytes at a time. These tests hold its three answers against
/// the rule byte by byte, written out below, on bytes where the non-ASCII sequences (valid,
/// invalid, cut by the end) fall at every position against the eight-byte steps.
@Suite("UTF-8 check")
struct UTF8CheckTests {
    /// Sequences placed among ASCII: valid ones of two to four bytes, and each kind of invalid
    /// one (a lone continuation byte, overlong and surrogate forms, a lead byte not followed by
    /// enough continuations, bytes never used).
    static let pieces: [[UInt8]] = [
        [0xC3, 0xA5], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBF, 0xBD],
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
        [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80], [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ]

    @Test func theSameAnswersAsByteByByte() {
        // A linear congruential generator: the same bytes on every run.
        var state: UInt64 = 0x0C4E_C4_2026
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var kinds: [UTF8Check.Result: Int] = [:]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            // Up to 30 runs of ASCII, most followed by a sequence: a valid one nine times in ten
            // (so that some buffers are damaged UTF-8, at least eight valid for each invalid).
            for _ in 0..<(next() % 31) {
                bytes += (0..<(next() % 19)).map { _ in UInt8(0x20 + next() % 0x5F) }
                if next() % 3 != 0 { bytes += Self.pieces[next() % 10 != 0 ? next() % 4 : 4 + next() % (Self.pieces.count - 4)] }
            }
            // Sometimes cut inside the last sequence, as a size cap cuts a document.
            if next() % 4 == 0, !bytes.isEmpty { bytes.removeLast(next() % min(3, bytes.count)) }
            let result = bytes.withUnsafeBytes { UTF8Check.classify($0) }
            kinds[result, default: 0] += 1
            #expect(result == ByteByByte.classify(bytes), "\(bytes)")
            #expect(bytes.withUnsafeBytes { UTF8Check.isDamagedDeclaredUTF8($0) } == ByteByByte.isDamagedDeclaredUTF8(bytes), "\(bytes)")
            let repaired = bytes.withUnsafeBytes { UTF8Check.repaired($0) }
            let expected = ByteByByte.repaired(bytes)
            #expect(repaired.bytes == expected.bytes && repaired.replaced == expected.replaced, "\(bytes)")
        }
        // Not a vacuous comparison: every answer comes up often.
        for kind in [UTF8Check.Result.ascii, .multiByte, .damaged, .invalid] {
            #expect(kinds[kind, default: 0] > 500, "\(kind): \(kinds[kind, default: 0])")
        }
    }

    /// One non-ASCII byte after 0 to 40 ASCII bytes: found at every offset from the eight-byte steps.
    @Test func oneByteAtEveryOffset() {
        for length in 0...40 {
            for byte: UInt8 in [0x80, 0xC3, 0xFF] {
                let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length) + [byte] + [UInt8](repeating: UInt8(ascii: "b"), count: 9)
                #expect(bytes.withUnsafeBytes { UTF8Check.classify($0) } == .invalid, "\(length) \(byte)")
                #expect(bytes.withUnsafeBytes { UTF8Check.repaired($0) }.replaced == 1, "\(length) \(byte)")
            }
        }
    }
}

/// ``UTF8Check``'s rule one byte at a time, as it was written before the eight-byte steps.
private enum ByteByByte {
    static func classify(_ bytes: [UInt8]) -> UTF8Check.Result {
        var multiByte = 0
        var invalid = 0
        scan(bytes) { valid, _ in if valid { multiByte += 1 } else { invalid += 1 } }
        if invalid == 0 { return multiByte > 0 ? .multiByte : .ascii }
        return multiByte >= 8 * invalid ? .damaged : .invalid
    }

    static func isDamagedDeclaredUTF8(_ bytes: [UInt8]) -> Bool {
        var multiByte = 0
        var invalid = 0
        scan(bytes) { valid, _ in if valid { multiByte += 1 } else { invalid += 1 } }
        return multiByte >= 2 && 4 * multiByte >= invalid
    }

    static func repaired(_ bytes: [UInt8]) -> (bytes: [UInt8], replaced: Int) {
        var out: [UInt8] = []
        var replaced = 0
        var start = 0
        scan(bytes) { valid, range in
            guard !valid else { return }
            out += bytes[start..<range.lowerBound] + [0xEF, 0xBF, 0xBD]
            start = range.upperBound
            replaced += 1
        }
        return (out + bytes[start...], replaced)
    }

    static func scan(_ bytes: [UInt8], _ report: (Bool, Range<Int>) -> Void) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
            else if b & 0xF0 == 0xE0 { length = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
            else { report(false, i..<(i + 1)); i += 1; continue }
            if i + length > n {
                if (i + 1..<n).allSatisfy({ bytes[$0] & 0xC0 == 0x80 }) { return }
                report(false, i..<(i + 1)); i += 1; continue
            }
            var valid = (1..<length).allSatisfy { bytes[i + $0] & 0xC0 == 0x80 }
            let b1 = bytes[i + 1]
            if valid, length == 3, (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { valid = false }
            if valid, length == 4, (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) { valid = false }
            report(valid, valid ? i..<(i + length) : i..<(i + 1))
            i += valid ? length : 1
        }
    }
}
