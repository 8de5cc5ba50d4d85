import Foundation

/// ``XMLEntityRepair`` for a stream: the same repairs, chunk by chunk. The text between
/// comments, CDATA sections and processing instructions is handed to ``XMLEntityRepair``
/// itself; those three pass through untouched, whatever chunks they are cut into. A reference
/// or an opener (`<!--`) cut by a chunk's end is held back (at most a few dozen bytes) and
/// read with the next chunk.
struct StreamingEntityRepair {
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
        func repairText(_ start: Int, _ end: Int, _ repair: inout StreamingEntityRepair) {
            guard end > start, let repaired = XMLEntityRepair.repairWithReport(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), scope: repair.scope) else { return }
            if !changed { out.reserveCapacity(n + 64); changed = true }
            out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: start - copied))
            out.append(contentsOf: repaired.bytes)
            copied = end
            repair.merge(repaired.report)
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

/// ``AttributeCap`` for a stream: counts the attributes of each start tag on the raw bytes,
/// carrying its state from one chunk to the next, so that a tag with tens of thousands of
/// attributes is refused in linear time whatever the chunking.
struct StreamingAttributeCounter {
    let limit: Int
    private var line = 1
    private var afterLessThan = false
    private var inTag = false
    private var tagLine = 0
    private var count = 0
    private var afterSpace = false
    private var afterEquals = false
    private var quote: UInt8 = 0

    init(limit: Int) { self.limit = limit }

    /// The first tag over the limit as (count, line), or `nil`.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> (count: Int, line: Int)? {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var i = 0
        while i < n {
            if quote == 0, !inTag, !afterLessThan {
                // Outside tags only `<` matters (and newlines, for the line number): skip ahead.
                guard let hit = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else {
                    line += Self.newlines(base + i, n - i)
                    return nil
                }
                let p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                line += Self.newlines(base + i, p - i)
                afterLessThan = true
                i = p + 1
                continue
            }
            let c = base[i]
            i += 1
            if c == 0x0A { line += 1 }
            if quote != 0 {
                if c == quote { quote = 0; afterSpace = false; afterEquals = false }
                continue
            }
            if !inTag {
                if afterLessThan, (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) {
                    inTag = true
                    tagLine = line
                    count = 0
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
                if count > limit { return (count, tagLine) }
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
