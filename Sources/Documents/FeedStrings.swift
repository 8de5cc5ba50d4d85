import Foundation
import Markup

extension Array {
    /// Appends `other`; into an empty array by taking `other`'s storage (`+` and
    /// `append(contentsOf:)` copy it into a new one), and without a call when `other` is empty.
    /// The feed readers join lists of problems this way, most of them empty or short.
    mutating func feedAppend(_ other: [Element]) {
        if other.isEmpty { return }
        if isEmpty { self = other } else { append(contentsOf: other) }
    }
}

/// String helpers for the feed readers' hot paths, without Foundation's bridged string methods
/// (on Linux they go through NSString and dominate the reading time).
extension StringProtocol {
    /// The text without leading and trailing white space (Unicode `White_Space`, which includes
    /// newlines and the no-break space).
    var feedTrimmed: String {
        var string = String(self)
        // Ends that are no whitespace (the usual case, Swedish letters included) need no
        // Unicode properties: told by the first byte of the first and of the last character.
        let plainEnds = string.withUTF8 { b -> Bool in
            guard let first = b.first else { return false }
            var last = b.count - 1
            while last > 0, b[last] & 0xC0 == 0x80 { last -= 1 }
            return FeedWhitespace.startsNoWhitespace(lead: first) && FeedWhitespace.startsNoWhitespace(lead: b[last])
        }
        if plainEnds { return string }
        let scalars = string.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return string }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }

    /// Whether the text equals `other` (ASCII, lower case) when ASCII letters are lowered.
    func feedEqualsIgnoringASCIICase(_ other: StaticString) -> Bool {
        guard utf8.count == other.utf8CodeUnitCount else { return false }
        let o = other.utf8Start
        for (k, c) in utf8.enumerated() where (c >= 0x41 && c <= 0x5A ? c + 32 : c) != o[k] { return false }
        return true
    }

    /// Whether the UTF-8 text holds the ASCII byte.
    func feedContains(ascii: Unicode.Scalar) -> Bool {
        let byte = UInt8(ascii.value)
        return utf8.withContiguousStorageIfAvailable { b in
            b.baseAddress.map { memchr($0, Int32(byte), b.count) != nil } ?? false
        } ?? utf8.contains(byte)
    }

    /// Every occurrence of the ASCII character `target` replaced by `replacement`.
    func feedReplacing(ascii target: Unicode.Scalar, with replacement: String) -> String {
        guard feedContains(ascii: target) else { return String(self) }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            if scalar == target { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

/// Whitespace normalisation on UTF-8, with the same result as ``TextNormalizer/normalize(_:)``
/// but without building the string scalar by scalar; text that is already normal is returned
/// as it is.
enum FeedWhitespace {
    /// Whether a character whose UTF-8 starts with `lead` is certainly not Unicode
    /// `White_Space`: printable ASCII, or a lead byte of none of the non-ASCII whitespace
    /// characters (U+0085 and U+00A0 start with C2, U+1680 with E1, U+2000–U+200A, U+2028,
    /// U+2029, U+202F and U+205F with E2, U+3000 with E3).
    @inline(__always)
    static func startsNoWhitespace(lead: UInt8) -> Bool {
        (lead > 0x20 && lead < 0x7F) || (lead >= 0xC3 && lead != 0xE1 && lead != 0xE2 && lead != 0xE3)
    }

    /// Whether an ASCII byte is Unicode `White_Space` (tab, LF, VT, FF, CR and space).
    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The length of the whitespace character at `i` that ``TextNormalizer`` collapses (space,
    /// tab, CR, LF, form feed, no-break spaces, zero-width space, BOM), or 0.
    @inline(__always)
    static func length(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        switch b[i] {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C: return 1
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: return 2
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x87 || b[i + 2] == 0xAF || b[i + 2] == 0x8B): return 3
        case 0xEF where i + 2 < b.count && b[i + 1] == 0xBB && b[i + 2] == 0xBF: return 3
        default: return 0
        }
    }

    /// For each byte, whether it may start a whitespace character (`length(_:at:)` is then
    /// asked); written once, then only read.
    nonisolated(unsafe) static let mayStartWhitespace: UnsafePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for c in 0..<256 { table[c] = c <= 0x20 || c == 0xC2 || c == 0xE2 || c == 0xEF }
        return UnsafePointer(table)
    }()

    /// The bytes of a word (eight, little-endian) that may start a whitespace character
    /// (``mayStartWhitespace``), flagged as ``ByteWord`` flags them: bytes below 0x21, the lead
    /// bytes C2 and E2 (one test: they differ only in bit 5) and EF.
    @inline(__always)
    static func whitespaceStarts(_ x: UInt64) -> UInt64 {
        ByteWord.bytes(of: x, below: 0x21) | ByteWord.bytes(of: x, equalTo: 0xC2, ignoringBit5: true) | ByteWord.bytes(of: x, equalTo: 0xEF)
    }

    static func normalize(_ text: String) -> String {
        var text = text
        let mayStartWhitespace = Self.mayStartWhitespace
        return text.withUTF8 { b -> String? in
            let n = b.count
            var out: [UInt8] = []
            var changed = false
            var pendingSpace = false
            var i = 0
            while i < n {
                // While nothing has changed, eight bytes at a time up to the next byte that may
                // start whitespace (what the byte loop below does one byte at a time).
                if !changed {
                    i = ByteWord.firstFlagged(in: b, from: i, by: Self.whitespaceStarts)
                    guard i < n else { break }
                }
                // Most bytes start no whitespace: the same as length(b, at: i) == 0 below.
                if !mayStartWhitespace[Int(b[i])] {
                    if changed {
                        if pendingSpace { out.append(0x20); pendingSpace = false }
                        out.append(b[i])
                    }
                    i += 1
                    continue
                }
                let w = length(b, at: i)
                if w > 0 {
                    // A lone ASCII space between two words stays as it is.
                    if !changed, w == 1, b[i] == 0x20, i > 0, i + 1 < n, length(b, at: i + 1) == 0 {
                        i += 1
                        continue
                    }
                    if !changed {
                        changed = true
                        out.reserveCapacity(n)
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<i]))
                    }
                    pendingSpace = !out.isEmpty
                    i += w
                    continue
                }
                if changed {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(b[i])
                }
                i += 1
            }
            return changed ? String(decodingUTF8: out) : nil
        } ?? text
    }
}

extension Sequence<UInt8> {
    /// Whether the bytes spell `other` (ASCII, lower case) when ASCII letters are lowered.
    func feedEqualsIgnoringASCIICase(_ other: StaticString) -> Bool {
        let o = other.utf8Start
        var k = 0
        for c in self {
            guard k < other.utf8CodeUnitCount, (c >= 0x41 && c <= 0x5A ? c + 32 : c) == o[k] else { return false }
            k += 1
        }
        return k == other.utf8CodeUnitCount
    }
}

/// Scanning bytes eight at a time (SWAR). Each test flags the bytes of a word (eight bytes,
/// little-endian) that hold a value by their high bit; only the lowest flag is always right (a
/// borrow can flag a byte above a true one, never below), which is all the scans read.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Bytes equal to `value`, every flag right: no borrow crosses bytes (the low seven bits are
    /// added apart from the high bit), unlike ``bytes(of:equalTo:ignoringBit5:)``.
    @inline(__always)
    static func exactBytes(of x: UInt64, equalTo value: UInt8) -> UInt64 {
        let t = x ^ (ones &* UInt64(value))
        return ~(((t & low7) &+ low7) | t) & high
    }

    /// `flagged`, the flags a test above set for the word `x`, without those of ASCII spaces
    /// whose two neighbours in the word it does not flag: a scan that treats a lone space
    /// between two bytes it copies as one of them (the plain text's and the normaliser's rule)
    /// then passes over it eight bytes at a time.
    ///
    /// The lowest flag left is still right. The tests flag every byte that holds their values
    /// (no byte is missed); a wrong flag sits only directly above a right one, in an unbroken
    /// row of flags starting at it. A space whose flag is cleared has an unflagged byte above
    /// it, so no row of wrong flags starts at it; every other right flag stays.
    @inline(__always)
    static func clearingLoneSpaces(in x: UInt64, flagged: UInt64) -> UInt64 {
        let plain = ~flagged & high
        return flagged & ~(exactBytes(of: x, equalTo: 0x20) & (plain << 8) & (plain >> 8))
    }

    /// Bytes below `limit` (at most 0x80).
    @inline(__always)
    static func bytes(of x: UInt64, below limit: UInt8) -> UInt64 {
        (x &- ones &* UInt64(limit)) & ~x & high
    }

    /// Bytes equal to `value`, or with `ignoringBit5` to `value` with bit 5 flipped as well.
    @inline(__always)
    static func bytes(of x: UInt64, equalTo value: UInt8, ignoringBit5: Bool = false) -> UInt64 {
        var t = x ^ (ones &* UInt64(value))
        if ignoringBit5 { t &= ones &* 0xDF }
        return (t &- ones) & ~t & high
    }

    /// The index of the first byte from `start` that `flags` flags, looked at eight bytes at a
    /// time while eight remain; else the index where fewer than eight remain (the caller reads
    /// the rest byte by byte), or `bytes.count`.
    @inline(__always)
    static func firstFlagged(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, by flags: (UInt64) -> UInt64) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var i = start
        while i &+ 8 <= bytes.count {
            let flagged = flags(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            if flagged == 0 { i &+= 8; continue }
            return i &+ flagged.trailingZeroBitCount >> 3
        }
        return i
    }
}
