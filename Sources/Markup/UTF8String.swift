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

    /// A string of bytes the caller knows to be well-formed UTF-8 (bytes it checked itself, or
    /// pieces of such bytes cut at character boundaries), copied without checking them again:
    /// only whether they are all ASCII is looked at, eight bytes at a time. Debug builds check
    /// the promise (`UTF8Validation`), so the tests catch a caller that breaks it.
    package init(wellFormedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(UTF8Validation.check(bytes) != .invalid, "String(wellFormedUTF8:) given bytes that are not UTF-8")
        self = String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: UTF8Validation.isASCII(bytes)))
    }

    /// ``init(wellFormedUTF8:)`` for bytes in an array.
    package init(wellFormedUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(wellFormedUTF8: $0) }
    }
}

/// Whether bytes are well-formed UTF-8 (Unicode 16, section 3.9, table 3-7), which is what
/// Swift's `String(decoding:as:)` judges valid.
package enum UTF8Validation {
    /// Whether every byte is below 0x80 (eight bytes at a time).
    package static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        var high: UInt64 = 0
        // A long text stops at its first 32 bytes that are not all ASCII (the words of each 32
        // are joined as below, then looked at): a long Swedish text is not scanned to its end.
        while i + 32 <= n {
            let block = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            if block & 0x8080_8080_8080_8080 != 0 { return false }
            i += 32
        }
        while i + 8 <= n {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            high |= UInt64(base[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

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
            guard isValidSequence(bytes, at: i) else { return .invalid }
            sawMultiByte = true
            i += sequenceLength(bytes[i])
        }
        return sawMultiByte ? .valid : .ascii
    }

    package static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        check(bytes) != .invalid
    }

    /// The length of the sequence a lead byte starts (1 for anything that is not a lead byte).
    @inlinable @inline(__always)
    package static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// `true` when a valid sequence of more than one byte starts at `i` (whose byte is not
    /// ASCII): no overlong forms (C0, C1, E0 80–9F, F0 80–8F), no surrogates (ED A0–BF),
    /// nothing above U+10FFFF (F4 90–BF, F5–FF), no stray continuation byte.
    @inlinable @inline(__always)
    package static func isValidSequence(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = utf8[i]
        if b < 0xC2 || b > 0xF4 { return false }
        let length = sequenceLength(b)
        guard i + length <= utf8.count else { return false }
        let b1 = utf8[i + 1]
        switch b {
        case 0xE0: if b1 < 0xA0 || b1 > 0xBF { return false }
        case 0xED: if b1 < 0x80 || b1 > 0x9F { return false }
        case 0xF0: if b1 < 0x90 || b1 > 0xBF { return false }
        case 0xF4: if b1 < 0x80 || b1 > 0x8F { return false }
        default: if b1 & 0xC0 != 0x80 { return false }
        }
        for k in 2..<max(2, length) where utf8[i + k] & 0xC0 != 0x80 { return false }
        return true
    }
}
