import Markup

/// Counting characters in UTF-8 without decoding it into scalars.
enum TextCounts {
    /// Space, tab, line feed, form feed, carriage return, as bits by code.
    private static let whitespaceBits: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D
    /// `!` `,` `.` `;` `?`, as bits by code.
    private static let punctuationBits: UInt64 = 1 << 0x21 | 1 << 0x2C | 1 << 0x2E | 1 << 0x3B | 1 << 0x3F
    /// U+0009–U+000D and space (`White_Space` in ASCII), as bits by code.
    private static let unicodeWhitespaceBits: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D

    /// Scalars that are not whitespace (in `TextNormalizer`'s sense), and punctuation marks
    /// among them (`,` `.` `;` `!` `?`, U+3001, U+3002, U+FF0C, U+FF01, U+FF1F, U+060C, U+0964).
    /// `utf8` must be valid.
    static func visibleAndPunctuation(_ utf8: UnsafeBufferPointer<UInt8>) -> (visible: Int, punctuation: Int) {
        visibleAndPunctuation(utf8, validating: false)!
    }

    /// ``visibleAndPunctuation(_:)`` of `utf8`, or `nil` when it is not valid UTF-8 (checked in
    /// the same pass: ASCII is valid, and each other sequence is checked where it is counted).
    static func visibleAndPunctuation(ifValid utf8: UnsafeBufferPointer<UInt8>) -> (visible: Int, punctuation: Int)? {
        visibleAndPunctuation(utf8, validating: true)
    }

    /// ``visibleAndPunctuation(ifValid:)``, and whether the text is plain for
    /// `NormalizedTextBuilder.append(plain:)`: `true` only when its whitespace is single spaces
    /// (U+0020, never two together) and its other bytes are ASCII or Latin-1 letters (so no byte
    /// 0xC2, 0xE2 or 0xEF, which may begin wider whitespace). `false` says nothing.
    static func countsAndPlainness(ifValid utf8: UnsafeBufferPointer<UInt8>) -> (visible: Int, punctuation: Int, isPlain: Bool)? {
        if let latin = countsInLatinText(utf8, validating: true) { return latin }
        guard let counts = scalarCounts(utf8, validating: true) else { return nil }
        return (counts.visible, counts.punctuation, false)
    }

    /// Per ASCII byte: 1 when visible (not whitespace), 2 more when punctuation.
    private static let asciiClasses: [UInt8] = (0..<128).map { byte in
        let scalar = UInt64(byte)
        if scalar < 0x40, (whitespaceBits >> scalar) & 1 != 0 { return 0 }
        if scalar < 0x40, (punctuationBits >> scalar) & 1 != 0 { return 3 }
        return 1
    }

    @inline(__always)
    private static func visibleAndPunctuation(_ utf8: UnsafeBufferPointer<UInt8>, validating: Bool) -> (visible: Int, punctuation: Int)? {
        if let latin = countsInLatinText(utf8, validating: validating) { return (latin.visible, latin.punctuation) }
        return scalarCounts(utf8, validating: validating)
    }

    /// ASCII whitespace but the space, as bits by code.
    private static let otherWhitespaceBits: UInt64 = whitespaceBits & ~(1 << 0x20)

    /// ``visibleAndPunctuation(_:validating:)`` of a text, and whether it is plain
    /// (``countsAndPlainness(ifValid:)``); `nil` for a text under eight bytes, one that begins or
    /// ends with a control character or ends with a lead byte (the general rule then counts it
    /// from the start).
    ///
    /// Eight bytes at a time (the last eight overlapping those before, with the bytes counted
    /// already masked off) while they are plain Latin text: ASCII with single spaces and no other
    /// whitespace, and Latin-1 letters, the pairs C3 80–C3 BF (U+00C0–U+00FF: "ä", "é", "ß";
    /// valid UTF-8, one visible character each, neither whitespace nor punctuation). Swedish prose
    /// is such a text. In it every byte that is not a continuation (10xxxxxx) starts a scalar and
    /// the only whitespace is the spaces, so the visible characters are the bytes that are neither
    /// continuations nor spaces; the punctuation marks are among the other ASCII bytes below 0x40,
    /// looked up one by one in the table's bits. From the first eight bytes that are not such
    /// text on, the general rule counts the rest, and the text is not plain.
    @inline(__always)
    static func countsInLatinText(_ utf8: UnsafeBufferPointer<UInt8>, validating: Bool) -> (visible: Int, punctuation: Int, isPlain: Bool)? {
        let n = utf8.count
        // (A text that begins or ends with a control character, a line break of the markup's
        // indentation mostly, is not plain: it goes to the general rule at once.)
        guard n >= 8, let base = utf8.baseAddress, base[0] >= 0x20, base[n &- 1] >= 0x20, base[n &- 1] < 0xC0 else { return nil }
        var visible = 0, punctuation = 0
        var carried = LatinCarry()
        // The first byte not counted.
        var next = 0
        fallback: do {
            while next &+ 8 <= n {
                let word = UnsafeRawPointer(base + next).loadUnaligned(as: UInt64.self)
                guard let counts = countsInLatinWord(word, counting: 0x8080_8080_8080_8080, carried: &carried) else { break fallback }
                visible &+= counts.visible
                punctuation &+= counts.punctuation
                next &+= 8
            }
            if next < n {
                // The last eight bytes, of which the first `8 - rest` were counted: shifted out, so
                // that the carried bits stand at the first byte not counted.
                let drop = UInt64(truncatingIfNeeded: 8 &- (n &- next)) &* 8
                let word = UnsafeRawPointer(base + (n &- 8)).loadUnaligned(as: UInt64.self) &>> drop
                guard let counts = countsInLatinWord(word, counting: 0x8080_8080_8080_8080 &>> drop, carried: &carried) else { break fallback }
                visible &+= counts.visible
                punctuation &+= counts.punctuation
            }
            return (visible, punctuation, true)
        }
        // The rest by the general rule, from the start of a scalar (a lead counted last goes
        // back to it, with its continuation).
        if carried.lead != 0 {
            next &-= 1
            visible &-= 1
        }
        guard let rest = scalarCounts(UnsafeBufferPointer(start: base + next, count: n &- next), validating: validating) else { return nil }
        return (visible &+ rest.visible, punctuation &+ rest.punctuation, false)
    }

    /// What one word of ``countsInLatinText(_:validating:)`` carries to the next: the high bit of
    /// its first byte when the last byte of this one is a lead, or a space.
    struct LatinCarry {
        var lead: UInt64 = 0
        var space: UInt64 = 0
    }

    /// The counts of the bytes of `word` whose high bits are in `counting` (the low ones), or
    /// `nil` when they are not plain Latin text (``countsInLatinText(_:validating:)``).
    @inline(__always)
    private static func countsInLatinWord(_ word: UInt64, counting: UInt64, carried: inout LatinCarry) -> (visible: Int, punctuation: Int)? {
        let shifted = word &<< 1
        let spaces = zeroBytes(word ^ 0x2020_2020_2020_2020) & counting
        // A space after a space.
        var breaks = spaces & (spaces &<< 8 | carried.space)
        let high = word & counting
        var continuations: UInt64 = 0, leads: UInt64 = 0
        if high != 0 {
            continuations = high & ~shifted
            leads = high & shifted
            // A lead byte that is not C3, a continuation that does not follow a lead or a lead
            // not followed by one.
            breaks |= (leads & ~zeroBytes(word ^ 0xC3C3_C3C3_C3C3_C3C3)) | (continuations ^ (leads &<< 8 | carried.lead))
        } else {
            breaks |= carried.lead
        }
        // ASCII bytes below 0x40 (bits 7 and 6 clear) but spaces: other whitespace breaks the
        // rule, punctuation counts.
        var punctuation = 0
        var below40 = ~word & ~shifted & counting & ~spaces
        while below40 != 0 {
            let byte = (word &>> UInt64(truncatingIfNeeded: below40.trailingZeroBitCount &- 7)) & 0x3F
            breaks |= (otherWhitespaceBits &>> byte) & 1
            punctuation &+= Int(truncatingIfNeeded: (punctuationBits &>> byte) & 1)
            below40 &= below40 &- 1
        }
        if breaks != 0 { return nil }
        carried.lead = leads &>> 56
        carried.space = spaces &>> 56
        return (bytesMarked(counting) &- bytesMarked(continuations | spaces), punctuation)
    }

    /// ``visibleAndPunctuation(_:validating:)`` by the general rule, byte by byte where needed.
    private static func scalarCounts(_ utf8: UnsafeBufferPointer<UInt8>, validating: Bool) -> (visible: Int, punctuation: Int)? {
        asciiClasses.withUnsafeBufferPointer { classes in
            var visible = 0, punctuation = 0
            let n = utf8.count
            var i = 0
            while i < n {
                // Eight bytes at a time: at once when they are ASCII and the only ones below 0x40
                // among them are spaces, or when they are prose in a Latin script
                // (``countsInLatinProse(_:)``); else by the table up to the first that is not ASCII.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    let high = word & 0x8080_8080_8080_8080
                    if high == 0, let plain = Self.visibleInPlainASCII(word) {
                        visible += plain
                        i += 8
                        continue
                    }
                    if let prose = Self.countsInLatinProse(word) {
                        visible += prose.visible
                        punctuation += prose.punctuation
                        i += 8
                        continue
                    }
                    if high == 0 {
                        for k in 0..<8 {
                            let c = classes[Int(utf8[i + k])]
                            visible += Int(c & 1)
                            punctuation += Int(c >> 1)
                        }
                        i += 8
                        continue
                    }
                    let ascii = high.trailingZeroBitCount / 8
                    for k in 0..<ascii {
                        let c = classes[Int(utf8[i + k])]
                        visible += Int(c & 1)
                        punctuation += Int(c >> 1)
                    }
                    i += ascii
                }
                let b = utf8[i]
                if b < 0x80 {
                    let c = classes[Int(b)]
                    visible += Int(c & 1)
                    punctuation += Int(c >> 1)
                    i += 1
                    continue
                }
                if b == 0xC3, i + 1 < n, utf8[i + 1] & 0xC0 == 0x80 {
                    // U+00C0–U+00FF ("ä", "é", "ß"), the common letters beyond ASCII in Latin
                    // scripts: a valid pair, visible, and neither whitespace nor punctuation (what
                    // the general rule below finds for them).
                    visible += 1
                    i += 2
                    continue
                }
                if validating, !UTF8Validation.isValidSequence(utf8, at: i) { return nil }
                let space = TextNormalizer.whitespaceLength(utf8, at: i)
                if space > 0 {
                    i += space
                    continue
                }
                let length = UTF8Validation.sequenceLength(b)
                if length == 3, i + 2 < n {
                    let b1 = utf8[i + 1], b2 = utf8[i + 2]
                    if b == 0xE3, b1 == 0x80, b2 == 0x81 || b2 == 0x82 { punctuation += 1 }
                    else if b == 0xEF, b1 == 0xBC, b2 == 0x8C || b2 == 0x81 || b2 == 0x9F { punctuation += 1 }
                    else if b == 0xE0, b1 == 0xA5, b2 == 0xA4 { punctuation += 1 }
                } else if length == 2, i + 1 < n, b == 0xD8, utf8[i + 1] == 0x8C {
                    punctuation += 1
                }
                visible += 1
                i += length
            }
            return (visible, punctuation)
        }
    }

    /// How many bytes of `word` (ASCII) are `byte`.
    @inline(__always)
    static func count(of byte: UInt8, in word: UInt64) -> Int {
        let t = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        // High bit of each byte set where that byte of `t` is zero.
        let zero = ~(((t & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | t | 0x7F7F_7F7F_7F7F_7F7F)
        return bytesMarked(zero)
    }

    /// How many bytes of `mask` have their high bit set (its only bits): a multiplication adds
    /// them up in the top byte. (`nonzeroBitCount` is a dozen instructions where the baseline
    /// x86-64 the package is built for has no `popcnt`.)
    @inline(__always)
    static func bytesMarked(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// High bit of each byte of `x` that is zero.
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The counts of eight bytes of prose in a Latin script, or `nil` for other bytes: what the
    /// table and the rule for U+00C0–U+00FF in ``visibleAndPunctuation(_:validating:)`` give
    /// them, eight at a time. Prose here is ASCII bytes from 0x40 up (letters: visible), spaces
    /// (not), commas and full stops (visible punctuation), and Latin-1 letters, the pairs
    /// C3 80–C3 BF (U+00C0–U+00FF: "ä", "é", "ß"; one visible character each, valid UTF-8),
    /// each pair whole within the eight bytes. Swedish text is mostly such words, and a
    /// single "ä" among eight bytes would otherwise send them through the table one by one.
    @inline(__always)
    static func countsInLatinProse(_ word: UInt64) -> (visible: Int, punctuation: Int)? {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let high = word & highBits
        // Continuation bytes (10xxxxxx), and lead bytes 0xC3, by their high bits.
        let continuations = high & ~(word << 1)
        let leads = zeroBytes(word ^ 0xC3C3_C3C3_C3C3_C3C3)
        // Every byte from 0x80 is a C3 followed (one byte up) by a continuation, or that
        // continuation; no pair is cut at either end.
        guard high == leads | continuations, continuations == leads << 8, leads >> 63 == 0 else { return nil }
        // ASCII bytes below 0x40 (bits 7 and 6 clear) must be spaces, commas or full stops.
        let below40 = ~word & ~(word << 1) & highBits
        let spaces = zeroBytes(word ^ 0x2020_2020_2020_2020)
        let stops = zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(word ^ 0x2E2E_2E2E_2E2E_2E2E)
        guard below40 == spaces | stops else { return nil }
        return (8 - bytesMarked(spaces | continuations), bytesMarked(stops))
    }

    /// The visible characters in eight ASCII bytes whose only bytes below 0x40 are spaces
    /// (letters and spaces: the common run of prose), or `nil` otherwise.
    @inline(__always)
    static func visibleInPlainASCII(_ word: UInt64) -> Int? {
        let low = bytesMarked((~word & 0x4040_4040_4040_4040) << 1)
        let spaces = count(of: 0x20, in: word)
        return low == spaces ? 8 - spaces : nil
    }

    /// `nonWhitespaceScalars(utf8) > 0`, decided at the first scalar that is not `White_Space`
    /// (the first byte, in most texts). `utf8` must be valid.
    static func hasNonWhitespaceScalar(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = utf8.count
        while i < n {
            let b = utf8[i]
            if b < 0x80 {
                if b >= 0x40 || (Self.unicodeWhitespaceBits >> UInt64(b)) & 1 == 0 { return true }
                i += 1
                continue
            }
            // One scalar that is not ASCII: counted by the general rule.
            let length = UTF8Validation.sequenceLength(b)
            if nonWhitespaceScalars(UnsafeBufferPointer(rebasing: utf8[i..<min(n, i + length)])) > 0 { return true }
            i += length
        }
        return false
    }

    /// Scalars that are not `White_Space` in Unicode (what `Unicode.Scalar.Properties.isWhitespace`
    /// says: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
    /// U+205F, U+3000). `utf8` must be valid.
    static func nonWhitespaceScalars(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        let n = utf8.count
        var i = 0
        @inline(__always) func ascii(_ b: UInt8) -> Int {
            let low: UInt64 = b < 0x40 ? 1 : 0
            return Int(truncatingIfNeeded: 1 &- ((Self.unicodeWhitespaceBits >> UInt64(b & 0x3F)) & low))
        }
        while i < n {
            // Eight bytes at a time: at once when they are ASCII and the only ones below 0x40
            // among them are spaces; else one by one up to the first that is not ASCII.
            if i + 8 <= n {
                let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                if high == 0 {
                    if let plain = Self.visibleInPlainASCII(word) {
                        count += plain
                    } else {
                        for k in 0..<8 { count += ascii(utf8[i + k]) }
                    }
                    i += 8
                    continue
                }
                let prefix = high.trailingZeroBitCount / 8
                for k in 0..<prefix { count += ascii(utf8[i + k]) }
                i += prefix
            }
            let b = utf8[i]
            if b < 0x80 {
                count += ascii(b)
                i += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(b)
            var space = false
            switch b {
            case 0xC2:
                let b1 = i + 1 < n ? utf8[i + 1] : 0
                space = b1 == 0x85 || b1 == 0xA0
            case 0xE1:
                space = i + 2 < n && utf8[i + 1] == 0x9A && utf8[i + 2] == 0x80  // U+1680
            case 0xE2:
                if i + 2 < n {
                    let b1 = utf8[i + 1], b2 = utf8[i + 2]
                    if b1 == 0x80 {
                        // U+2000–U+200A, U+2028, U+2029, U+202F
                        space = (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF
                    } else if b1 == 0x81 {
                        space = b2 == 0x9F  // U+205F
                    }
                }
            case 0xE3:
                space = i + 2 < n && utf8[i + 1] == 0x80 && utf8[i + 2] == 0x80  // U+3000
            default:
                break
            }
            if !space { count += 1 }
            i += length
        }
        return count
    }
}

extension Character {
    /// `".!?".contains(self)`, without iterating the characters of `".!?"`: a full stop,
    /// exclamation mark or question mark alone (one byte: no other character is canonically
    /// equivalent to one of these, so a character equals one exactly when it is that byte).
    var isSentenceEnd: Bool {
        let utf8 = self.utf8
        guard utf8.count == 1, let byte = utf8.first else { return false }
        return byte == 0x2E || byte == 0x21 || byte == 0x3F
    }
}
