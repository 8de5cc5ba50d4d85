import Foundation

/// ``XMLEntityRepair`` for a stream: the same repairs, chunk by chunk. The text between
/// comments, CDATA sections and processing instructions is handed to ``XMLEntityRepair``
/// itself; those three pass through untouched, whatever chunks they are cut into. A reference
/// or an opener (`<!--`) cut by a chunk's end is held back (at most a few dozen bytes) and
/// read with the next chunk.
package struct StreamingEntityRepair {
    private enum State { case text, comment, cdata, instruction }

    var isEnabled = true
    /// What to repair: HTML named entities only, or everything ``XMLEntityRepair`` repairs.
    var scope = XMLEntityRepair.Scope.namedEntities
    /// What was repaired so far.
    private(set) var report = XMLEntityRepair.Report()
    /// HTML named entities repaired so far.
    var count: Int { report.namedEntities }
    private var state = State.text
    private var carry: [UInt8] = []

    /// The longest reference held back at a chunk's end (`&` and a name of up to 40 bytes, or a
    /// numeric reference); a longer run is decided on what has come.
    static let maximumHeld = 64

    /// The bytes to parse for `input`, or `nil` when they are `input` itself.
    mutating func process(_ input: UnsafeRawBufferPointer, final: Bool) -> [UInt8]? {
        guard isEnabled else { return nil }
        if carry.isEmpty {
            // The last bytes, none held back: without an ampersand nothing changes, and the
            // comments, CDATA sections and instructions they open or close matter no more (as
            // in `repairWithReport`, which a document in memory goes through).
            if final, let base = input.baseAddress, memchr(base, Int32(UInt8(ascii: "&")), input.count) == nil { return nil }
            return scan(input, final: final)
        }
        var joined = carry
        carry = []
        joined.append(contentsOf: input)
        return joined.withUnsafeBytes { scan($0, final: final) } ?? joined
    }

    /// Rewrites `bytes`; keeps an undecidable tail in `carry`. `nil` when nothing changed and
    /// nothing was held back.
    private mutating func scan(_ bytes: UnsafeRawBufferPointer, final: Bool) -> [UInt8]? {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var out: [UInt8] = []
        var changed = false
        var copied = 0
        var i = 0
        var hold = n
        func matches(_ text: StaticString, at p: Int) -> Bool {
            let len = text.utf8CodeUnitCount
            guard p + len <= n else { return false }
            return memcmp(base + p, text.utf8Start, len) == 0
        }
        /// Whether the bytes from `p` to the end are a proper prefix of `text`.
        func isCutPrefix(of text: StaticString, at p: Int) -> Bool {
            let len = text.utf8CodeUnitCount
            guard n - p < len else { return false }
            return memcmp(base + p, text.utf8Start, n - p) == 0
        }
        /// Repairs the text from `start` to `end` (no comment, CDATA or instruction inside).
        /// Most ampersands start a reference XML accepts (`&lt;`, `&#228;`), which
        /// ``XMLEntityRepair`` leaves as they are: those are skipped here, and every other one
        /// is handed to ``XMLEntityRepair`` with the text up to the next ampersand (all that
        /// its decision looks at), so the result is the same as repairing the whole text.
        func repairText(_ start: Int, _ end: Int, _ repair: inout StreamingEntityRepair) {
            var a = start
            while a < end, let hit = memchr(base + a, Int32(UInt8(ascii: "&")), end - a) {
                a = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let next = memchr(base + a + 1, Int32(UInt8(ascii: "&")), end - a - 1)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
                if !Self.isAcceptedReference(base, at: a, end: next),
                   let repaired = XMLEntityRepair.repairWithReport(UnsafeRawBufferPointer(rebasing: bytes[a..<next]), scope: repair.scope) {
                    if !changed { out.reserveCapacity(n + 64); changed = true }
                    out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: a - copied))
                    out.append(contentsOf: repaired.bytes)
                    copied = next
                    repair.merge(repaired.report)
                }
                a = next
            }
        }
        let lt = UInt8(ascii: "<")
        scanning: while i < n {
            switch state {
            case .comment, .cdata, .instruction:
                let (first, end): (UInt8, StaticString) = switch state {
                case .comment: (UInt8(ascii: "-"), "-->")
                case .cdata: (UInt8(ascii: "]"), "]]>")
                default: (UInt8(ascii: "?"), "?>")
                }
                let length = end.utf8CodeUnitCount
                var p = i
                while true {
                    guard let hit = memchr(base + p, Int32(first), n - p) else { p = n; break }
                    p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if p + length > n || matches(end, at: p) { break }
                    p += 1
                }
                if p + length <= n {
                    i = p + length
                    state = .text
                } else {
                    if !final { hold = max(i, n - (length - 1)) }
                    break scanning
                }
            case .text:
                // The text runs to the next comment, CDATA section or instruction.
                var p = i
                var opener: State?
                while p < n {
                    guard let hit = memchr(base + p, Int32(lt), n - p) else { p = n; break }
                    p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    // Nearly every `<` starts a tag: one look at the next byte tells.
                    if p + 1 < n, base[p + 1] != UInt8(ascii: "!"), base[p + 1] != UInt8(ascii: "?") { p += 1; continue }
                    if matches("<!--", at: p) { opener = .comment; break }
                    if matches("<![CDATA[", at: p) { opener = .cdata; break }
                    if matches("<?", at: p) { opener = .instruction; break }
                    if !final, isCutPrefix(of: "<!--", at: p) || isCutPrefix(of: "<![CDATA[", at: p) || isCutPrefix(of: "<?", at: p) { break }
                    p += 1
                }
                guard let opener else {
                    // The end of what has come: hold back an opener or a reference it cuts.
                    var end = p
                    if !final, let amp = Self.undecidedReference(base, from: i, to: end) { end = amp }
                    repairText(i, end, &self)
                    if !final { hold = end }
                    break scanning
                }
                repairText(i, p, &self)
                state = opener
                i = p + (opener == .comment ? 4 : opener == .cdata ? 9 : 2)
            }
        }
        if hold < n { carry = Array(UnsafeBufferPointer(start: base + hold, count: n - hold)) }
        guard changed || hold < n else { return nil }
        if copied < hold { out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: hold - copied)) }
        return out
    }

    /// Whether the ampersand at `i` starts a reference ``XMLEntityRepair`` leaves as it is in
    /// either scope: `&amp;` `&lt;` `&gt;` `&quot;` `&apos;`, or a decimal or lower-case hex
    /// reference to a character XML allows outside 128–159. `false` means "let it decide".
    private static func isAcceptedReference(_ base: UnsafePointer<UInt8>, at i: Int, end: Int) -> Bool {
        var j = i + 1
        guard j < end else { return false }
        if base[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < end && base[j] == UInt8(ascii: "x")
            if hex { j += 1 }
            let digits = j
            var value: UInt32 = 0
            while j < end, j - digits < 7 {
                let b = base[j]
                if b >= 0x30, b <= 0x39 { value = value * (hex ? 16 : 10) + UInt32(b - 0x30) }
                else if hex, b >= 0x61, b <= 0x66 { value = value * 16 + UInt32(b - 0x61 + 10) }
                else if hex, b >= 0x41, b <= 0x46 { value = value * 16 + UInt32(b - 0x41 + 10) }
                else { break }
                j += 1
            }
            guard j > digits, j < end, base[j] == UInt8(ascii: ";") else { return false }
            return value == 0x9 || value == 0xA || value == 0xD || (0x20...0x7F).contains(value) || (0xA0...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
        }
        func named(_ c1: UInt8, _ c2: UInt8, _ c3: UInt8 = 0, _ c4: UInt8 = 0) -> Bool {
            let length = c3 == 0 ? 3 : c4 == 0 ? 4 : 5
            guard j + length <= end, base[j + 1] == c1, base[j + 2] == c2 else { return false }
            if c3 == 0 { return true }
            guard base[j + 3] == c3 else { return false }
            return c4 == 0 || base[j + 4] == c4
        }
        let semicolon = UInt8(ascii: ";")
        switch base[j] {
        case UInt8(ascii: "l"): return named(UInt8(ascii: "t"), semicolon)
        case UInt8(ascii: "g"): return named(UInt8(ascii: "t"), semicolon)
        case UInt8(ascii: "a"):
            return named(UInt8(ascii: "m"), UInt8(ascii: "p"), semicolon) || named(UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "s"), semicolon)
        case UInt8(ascii: "q"): return named(UInt8(ascii: "u"), UInt8(ascii: "o"), UInt8(ascii: "t"), semicolon)
        default: return false
        }
    }

    /// The start of a reference at the end of `start..<end` that the next bytes may still
    /// complete (`&ou` of `&ouml;`, `&#22` of `&#228;`), if any.
    private static func undecidedReference(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var p = end - 1
        while p >= start, end - p <= maximumHeld {
            let b = base[p]
            if b == UInt8(ascii: "&") { return p }
            guard isReferenceByte(b) else { return nil }
            p -= 1
        }
        return nil
    }

    /// A byte a reference's name or number may hold (`#`, letters, digits, `_ : - .`, and
    /// the bytes of non-ASCII letters).
    private static func isReferenceByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
            || b == UInt8(ascii: "#") || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private mutating func merge(_ other: XMLEntityRepair.Report) {
        report.namedEntities += other.namedEntities
        report.bareAmpersands += other.bareAmpersands
        report.unknownEntities += other.unknownEntities
        report.malformedCharacterReferences += other.malformedCharacterReferences
        report.windows1252References += other.windows1252References
        for name in other.unknownNames where report.unknownNames.count < 5 && !report.unknownNames.contains(name) {
            report.unknownNames.append(name)
        }
    }
}

extension StreamingEntityRepair {
    /// Repairs a whole document at once, as a stream of one chunk: what ``XMLEntityRepair``
    /// gives with `scope`, faster where most references are already XML's. `nil` when nothing
    /// changed.
    package static func repairWithReport(_ bytes: UnsafeRawBufferPointer, scope: XMLEntityRepair.Scope = .all) -> (bytes: [UInt8], report: XMLEntityRepair.Report)? {
        // Without an ampersand `process` returns at once (the last bytes, none held back).
        var repair = StreamingEntityRepair()
        repair.scope = scope
        guard let repaired = repair.process(bytes, final: true) else { return nil }
        return (repaired, repair.report)
    }
}

/// ``AttributeCap`` for a stream: counts the attributes of each start tag on the raw bytes,
/// carrying its state from one chunk to the next, so that a tag with tens of thousands of
/// attributes is refused in linear time whatever the chunking.
struct StreamingAttributeCounter {
    let limit: Int
    /// The longest start tag accepted, in bytes from `<` to `>`.
    let tagLimit: Int
    /// The most start tags accepted in all (`.max` for streams).
    let elementLimit: Int
    private var elements = 0
    /// The most bytes outside tags (text, comments, CDATA) accepted in all (`.max` for streams).
    let textLimit: Int
    private var textBytes = 0
    private var line = 1
    private var afterLessThan = false
    private var inTag = false
    private var tagLine = 0
    private var count = 0
    private var tagBytes = 0
    private var afterSpace = false
    private var afterEquals = false
    private var quote: UInt8 = 0

    init(limit: Int, tagLimit: Int = .max, elementLimit: Int = .max, textLimit: Int = .max) {
        self.limit = limit
        self.tagLimit = tagLimit
        self.elementLimit = elementLimit
        self.textLimit = textLimit
    }

    /// The scanner for a stream: attributes and tag length (a stream holds one item at a time,
    /// so the number of elements is not limited).
    init(_ limits: ParseLimits) {
        self.init(limit: limits.attributesPerElement, tagLimit: limits.startTagBytes)
    }

    /// How many bytes no tag can break a limit within (``AttributeCap``'s rule): an attribute
    /// needs at least two bytes (a space and a letter), and a tag over the length is longer.
    /// Only for the attributes and the length (a stream's scanner: the other limits are off).
    var bytesWithoutViolation: Int {
        guard elementLimit == .max, textLimit == .max else { return 0 }
        return min(limit.multipliedReportingOverflow(by: 2).overflow ? .max : limit * 2, tagLimit)
    }

    /// The first tag over a limit (its attribute count or its length), or `nil`. Chunks may
    /// cut tags anywhere: the state carries over.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> LimitExceeded? {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var i = 0
        while i < n {
            if quote == 0, !inTag, !afterLessThan {
                // Outside tags only `<` matters (and newlines, for the line number): skip ahead.
                let p = memchr(base + i, Int32(UInt8(ascii: "<")), n - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                line += Self.newlines(base + i, p - i)
                textBytes += p - i
                if textBytes > textLimit { return LimitExceeded(.textBytes, value: textBytes, maximum: textLimit, location: "line \(line)") }
                guard p < n else { return nil }
                afterLessThan = true
                i = p + 1
                continue
            }
            let c = base[i]
            i += 1
            if c == 0x0A { line += 1 }
            if inTag {
                tagBytes += 1
                if tagBytes > tagLimit { return LimitExceeded(.startTagBytes, value: tagBytes, maximum: tagLimit, location: "line \(tagLine)") }
            }
            if quote != 0 {
                if c == quote { quote = 0; afterSpace = false; afterEquals = false }
                continue
            }
            if !inTag {
                if afterLessThan, (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) {
                    inTag = true
                    tagLine = line
                    elements += 1
                    if elements > elementLimit { return LimitExceeded(.elements, value: elements, maximum: elementLimit, location: "line \(line)") }
                    count = 0
                    tagBytes = 2  // "<" and the first letter
                    afterSpace = false
                    afterEquals = false
                    afterLessThan = false
                    continue
                }
                afterLessThan = c == UInt8(ascii: "<")
                continue
            }
            if c == UInt8(ascii: ">") { inTag = false; continue }
            let space = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
            // A quote opens a value only right after `=`, as in the HTML tokenizer.
            if afterEquals, c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c; continue }
            if afterSpace, !afterEquals, !space, c != UInt8(ascii: "="), c != UInt8(ascii: "/") {
                count += 1
                if count > limit { return LimitExceeded(.attributesPerElement, value: count, maximum: limit, location: "line \(tagLine)") }
            }
            if c == UInt8(ascii: "=") { afterEquals = true } else if !space { afterEquals = false }
            afterSpace = space
        }
        return nil
    }

    private static func newlines(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var lines = 0
        for k in 0..<count where start[k] == 0x0A { lines += 1 }
        return lines
    }
}
