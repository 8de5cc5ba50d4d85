extension String {
    /// The same string as `String(decoding: bytes, as: UTF8.self)`, made faster.
    ///
    /// The standard library checks UTF-8 one scalar at a time, at about half a nanosecond a
    /// byte for Swedish text: for the texts of a feed item that is more than the rest of making
    /// its strings. Here the bytes are checked eight at a time while they are ASCII, and a
    /// multi-byte character against the table of well-formed sequences (Unicode 16, table
    /// 3-7); valid bytes are then copied without a second check. Anything invalid is left to
    /// `String(decoding:as:)`, which replaces each maximal invalid subpart by U+FFFD, so the
    /// result is always the standard library's, byte for byte (`UTF8StringTests` holds the two
    /// against each other).
    package init(decodingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        switch UTF8Validation.check(bytes) {
        case .ascii:
            self = String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: true))
        case .valid:
            self = String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: false))
        case .invalid:
            self = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// ``init(decodingUTF8:)`` for bytes in an array.
    package init(decodingUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(decodingUTF8: $0) }
    }
}

/// Whether bytes are well-formed UTF-8 (Unicode 16, section 3.9, table 3-7).
package enum UTF8Validation {
    package enum Result: Equatable {
        case ascii, valid, invalid
    }

    package static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        guard let base = bytes.baseAddress else { return .ascii }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        var sawMultiByte = false
        while i < n {
            // Eight ASCII bytes at a time; at a non-ASCII byte, straight to it.
            if i + 8 <= n {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & 0x8080_8080_8080_8080
                if word == 0 { i += 8; continue }
                i += word.trailingZeroBitCount >> 3
            } else if base[i] < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(base, at: i, count: n) else { return .invalid }
            sawMultiByte = true
            i += length
        }
        return sawMultiByte ? .valid : .ascii
    }

    /// The length of the well-formed multi-byte sequence at `i` (its first byte is not ASCII),
    /// `nil` when it is not one.
    @inline(__always)
    private static func sequenceLength(_ p: UnsafePointer<UInt8>, at i: Int, count n: Int) -> Int? {
        let lead = p[i]
        @inline(__always) func continuation(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return nil }
            let second = p[i + 1]
            // No overlong forms (E0 80–9F) and no surrogates (ED A0–BF).
            if lead == 0xE0, second < 0xA0 { return nil }
            if lead == 0xED, second > 0x9F { return nil }
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return nil }
            let second = p[i + 1]
            // No overlong forms (F0 80–8F) and nothing above U+10FFFF (F4 90–BF).
            if lead == 0xF0, second < 0x90 { return nil }
            if lead == 0xF4, second > 0x8F { return nil }
            return 4
        default:
            // Continuation bytes, C0, C1 and F5–FF never start a character.
            return nil
        }
    }
}
