import Foundation

/// ``XMLEntityRepair`` for a stream: rewrites HTML named entities (`&auml;`) as numeric
/// references (`&#228;`) outside comments and CDATA sections, chunk by chunk. A reference,
/// comment opener or closer cut by a chunk's end is held back (at most a few dozen bytes) and
/// read with the next chunk.
struct StreamingEntityRepair {
    private enum State { case text, comment, cdata }

    var isEnabled = true
    /// References repaired so far.
    private(set) var count = 0
    private var state = State.text
    private var carry: [UInt8] = []

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
        let lt = UInt8(ascii: "<"), amp = UInt8(ascii: "&")
        scanning: while i < n {
            switch state {
            case .comment, .cdata:
                let (first, end): (UInt8, StaticString) = state == .comment ? (UInt8(ascii: "-"), "-->") : (UInt8(ascii: "]"), "]]>")
                var p = i
                while true {
                    guard let hit = memchr(base + p, Int32(first), n - p) else { p = n; break }
                    p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if p + 3 > n || matches(end, at: p) { break }
                    p += 1
                }
                if p + 3 <= n {
                    i = p + 3
                    state = .text
                } else {
                    if !final { hold = max(i, n - 2) }
                    break scanning
                }
            case .text:
                // The bytes that matter are `<` and `&`; skip the rest quickly.
                while i < n, base[i] != lt, base[i] != amp { i += 1 }
                guard i < n else { break scanning }
                if base[i] == lt {
                    guard i + 1 < n else {
                        if !final { hold = i }
                        break scanning
                    }
                    guard base[i + 1] == UInt8(ascii: "!") else { i += 1; continue }
                    if matches("<!--", at: i) { state = .comment; i += 4; continue }
                    if matches("<![CDATA[", at: i) { state = .cdata; i += 9; continue }
                    if !final, isCutPrefix(of: "<!--", at: i) || isCutPrefix(of: "<![CDATA[", at: i) {
                        hold = i
                        break scanning
                    }
                    i += 1
                    continue
                }
                var j = i + 1
                while j < n, j - i <= 32, Self.isNameByte(base[j]) { j += 1 }
                if j == n, !final {
                    hold = i
                    break scanning
                }
                guard j < n, base[j] == UInt8(ascii: ";"), j > i + 1 else { i += 1; continue }
                let name = String(decoding: UnsafeBufferPointer(start: base + i + 1, count: j - i - 1), as: UTF8.self)
                guard let code = HTMLNamedEntities.codePoints[name] else { i = j + 1; continue }
                if !changed { out.reserveCapacity(n + 64); changed = true }
                out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: i - copied))
                out.append(contentsOf: Array("&#\(code);".utf8))
                count += 1
                i = j + 1
                copied = i
            }
        }
        if hold < n { carry = Array(UnsafeBufferPointer(start: base + hold, count: n - hold)) }
        guard changed || hold < n else { return nil }
        if copied < hold { out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: hold - copied)) }
        return out
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
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
