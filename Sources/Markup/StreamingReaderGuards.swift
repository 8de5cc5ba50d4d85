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
        var out: [UInt8] = []
        var changed = false
        var copied = 0
        var i = 0
        var hold = n
        func matches(_ text: StaticString, at p: Int) -> Bool {
            let len = text.utf8CodeUnitCount
            guard p + len <= n else { return false }
            return text.withUTF8Buffer { t in (0..<len).allSatisfy { bytes[p + $0] == t[$0] } }
        }
        /// Whether the bytes from `p` to the end are a proper prefix of `text`.
        func isCutPrefix(of text: StaticString, at p: Int) -> Bool {
            let len = text.utf8CodeUnitCount
            guard n - p < len else { return false }
            return text.withUTF8Buffer { t in (0..<(n - p)).allSatisfy { bytes[p + $0] == t[$0] } }
        }
        scanning: while i < n {
            switch state {
            case .comment, .cdata:
                let end: StaticString = state == .comment ? "-->" : "]]>"
                var p = i
                while p + 3 <= n, !matches(end, at: p) { p += 1 }
                if p + 3 <= n {
                    i = p + 3
                    state = .text
                } else {
                    if !final { hold = max(i, n - 2) }
                    break scanning
                }
            case .text:
                let b = bytes[i]
                if b == UInt8(ascii: "<") {
                    if matches("<!--", at: i) { state = .comment; i += 4; continue }
                    if matches("<![CDATA[", at: i) { state = .cdata; i += 9; continue }
                    if !final, isCutPrefix(of: "<!--", at: i) || isCutPrefix(of: "<![CDATA[", at: i) {
                        hold = i
                        break scanning
                    }
                    i += 1
                    continue
                }
                guard b == UInt8(ascii: "&") else { i += 1; continue }
                var j = i + 1
                while j < n, j - i <= 32, Self.isNameByte(bytes[j]) { j += 1 }
                if j == n, !final {
                    hold = i
                    break scanning
                }
                guard j < n, bytes[j] == UInt8(ascii: ";"), j > i + 1 else { i += 1; continue }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
                guard let code = HTMLNamedEntities.codePoints[name] else { i = j + 1; continue }
                if !changed { out.reserveCapacity(n + 64); changed = true }
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<i]))
                out.append(contentsOf: Array("&#\(code);".utf8))
                count += 1
                i = j + 1
                copied = i
            }
        }
        if hold < n { carry = Array(UnsafeRawBufferPointer(rebasing: bytes[hold..<n])) }
        guard changed || hold < n else { return nil }
        if copied < hold { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<hold])) }
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
        for c in bytes {
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
}
