import Markup

/// Plain text from a string that may hold HTML markup (a feed's escaped description).
public enum HTMLText {
    /// Strips markup and normalises whitespace as ``TextNormalizer`` does: tags go (block
    /// elements and `<br>` leave a space), `script` and `style` go with their content, comments
    /// go, character references (named HTML ones and numeric) are decoded. Text without `<` or
    /// `&` is only normalised.
    ///
    /// One pass over the UTF-8 bytes, without building a document: feeds call it once per item.
    public static func plainText(_ html: String) -> String {
        guard html.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else { return FeedWhitespace.normalize(html) }
        var scanner = PlainTextScanner(Array(html.utf8))
        return scanner.run()
    }

    /// Inline elements: they leave no space behind.
    static let inlineTags: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "img", "font", "del", "ins", "big",
        "tt", "nobr", "acronym",
    ]

    static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]
}

/// The single pass behind ``HTMLText/plainText(_:)``.
private struct PlainTextScanner {
    let bytes: [UInt8]
    var out: [UInt8] = []
    var pendingSpace = false

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        out.reserveCapacity(bytes.count)
    }

    // MARK: Output with whitespace collapsed

    mutating func space() { pendingSpace = !out.isEmpty }

    mutating func append(_ slice: ArraySlice<UInt8>) {
        if pendingSpace { out.append(0x20); pendingSpace = false }
        out.append(contentsOf: slice)
    }

    /// The whitespace ``TextNormalizer`` collapses, as UTF-8.
    static func whitespaceLength(_ b: [UInt8], at i: Int) -> Int {
        switch b[i] {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C: return 1
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: return 2
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && [0x87, 0xAF, 0x8B].contains(b[i + 2]): return 3
        case 0xEF where i + 2 < b.count && b[i + 1] == 0xBB && b[i + 2] == 0xBF: return 3
        default: return 0
        }
    }

    mutating func appendScalar(_ s: Unicode.Scalar) {
        var buffer: [UInt8] = []
        buffer.append(contentsOf: String(Character(s)).utf8)
        if Self.whitespaceLength(buffer, at: 0) == buffer.count { space() } else { append(buffer[...]) }
    }

    /// Copies text from `start` up to `end`, collapsing whitespace.
    mutating func copyText(_ start: Int, _ end: Int) {
        var i = start
        var runStart = start
        while i < end {
            let w = Self.whitespaceLength(bytes, at: i)
            if w > 0 {
                if runStart < i { append(bytes[runStart..<i]) }
                space()
                i += w
                runStart = i
            } else {
                i += 1
            }
        }
        if runStart < end { append(bytes[runStart..<end]) }
    }

    // MARK: Scanning

    func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 32 : b }
    func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }

    func starts(_ text: StaticString, at p: Int) -> Bool {
        let length = text.utf8CodeUnitCount
        guard p + length <= bytes.count else { return false }
        return text.withUTF8Buffer { t in (0..<length).allSatisfy { lower(bytes[p + $0]) == t[$0] } }
    }

    func find(_ text: StaticString, from p: Int) -> Int? {
        var k = p
        while k < bytes.count {
            if starts(text, at: k) { return k }
            k += 1
        }
        return nil
    }

    func findClosing(_ name: [UInt8], from p: Int) -> Int? {
        var k = p
        while k + 1 + name.count < bytes.count {
            if bytes[k] == 0x3C, bytes[k + 1] == 0x2F, (0..<name.count).allSatisfy({ lower(bytes[k + 2 + $0]) == name[$0] }) { return k }
            k += 1
        }
        return nil
    }

    mutating func run() -> String {
        let n = bytes.count
        var i = 0
        var textStart = 0
        while i < n {
            let b = bytes[i]
            if b == 0x26 {  // &
                copyText(textStart, i)
                let (scalar, length) = characterReference(at: i)
                if let scalar { appendScalar(scalar) } else { append(bytes[i..<(i + 1)]) }
                i += length
                textStart = i
                continue
            }
            guard b == 0x3C, i + 1 < n else { i += 1; continue }  // <
            let next = bytes[i + 1]
            if next == 0x21 {  // <!
                copyText(textStart, i)
                if starts("<!--", at: i) {
                    i = find("-->", from: i + 4).map { $0 + 3 } ?? n
                } else if starts("<![cdata[", at: i) {
                    let end = find("]]>", from: i + 9) ?? n
                    copyText(i + 9, end)
                    i = min(n, end + 3)
                } else {
                    i = bytes[i...].firstIndex(of: 0x3E).map { $0 + 1 } ?? n
                }
                textStart = i
                continue
            }
            if next == 0x3F {  // <?
                copyText(textStart, i)
                i = bytes[i...].firstIndex(of: 0x3E).map { $0 + 1 } ?? n
                textStart = i
                continue
            }
            let closing = next == 0x2F
            let nameStart = closing ? i + 2 : i + 1
            guard nameStart < n, isLetter(bytes[nameStart]) else { i += 1; continue }
            copyText(textStart, i)
            var nameEnd = nameStart
            while nameEnd < n, isLetter(bytes[nameEnd]) || (0x30...0x39).contains(bytes[nameEnd]) || bytes[nameEnd] == 0x2D || bytes[nameEnd] == 0x3A || bytes[nameEnd] == 0x5F {
                nameEnd += 1
            }
            // The end of the tag, skipping quoted attribute values.
            var p = nameEnd
            var quote: UInt8?
            while p < n {
                let c = bytes[p]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                } else if c == 0x3E {
                    break
                }
                p += 1
            }
            i = min(n, p + 1)
            let kind = tagKind(nameStart, nameEnd)
            if !closing, kind == .raw {
                let name = bytes[nameStart..<nameEnd].map(lower)
                i = findClosing(name, from: i).map { end in bytes[end...].firstIndex(of: 0x3E).map { $0 + 1 } ?? n } ?? n
                space()
            } else if kind != .inline {
                space()
            }
            textStart = i
        }
        copyText(textStart, n)
        return String(decoding: out, as: UTF8.self)
    }

    enum TagKind { case inline, block, raw }

    /// Inline (no space), `script`/`style` (skipped with their content) or anything else (a
    /// space), from the name's bytes without making a string.
    func tagKind(_ start: Int, _ end: Int) -> TagKind {
        let length = end - start
        guard length <= 7 else { return .block }
        func named(_ word: [UInt8]) -> Bool {
            guard word.count == length else { return false }
            for k in 0..<length where lower(bytes[start + k]) != word[k] { return false }
            return true
        }
        if named(Self.br) { return .block }
        if named(Self.script) || named(Self.style) { return .raw }
        return Self.inlineTagBytes.contains(where: named) ? .inline : .block
    }

    static let br = Array("br".utf8), script = Array("script".utf8), style = Array("style".utf8)
    static let inlineTagBytes: [[UInt8]] = HTMLText.inlineTags.map { Array($0.utf8) }

    /// The character a reference at `i` stands for (`nil` for a lone `&`) and its length.
    func characterReference(at i: Int) -> (Unicode.Scalar?, Int) {
        let n = bytes.count
        var j = i + 1
        if j < n, bytes[j] == 0x23 {  // #
            j += 1
            var hex = false
            if j < n, bytes[j] == 0x78 || bytes[j] == 0x58 { hex = true; j += 1 }
            let start = j
            var value: UInt32 = 0
            while j < n, j - start < 8, let d = hexDigit(bytes[j]), hex || d < 10 {
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > start else { return (nil, 1) }
            if j < n, bytes[j] == 0x3B { j += 1 }
            if (0x80...0x9F).contains(value), let mapped = HTMLText.windows1252[Int(value - 0x80)] { value = mapped }
            let scalar = Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
            return (scalar, j - i)
        }
        while j < n, j - i <= 32, isLetter(bytes[j]) || (0x30...0x39).contains(bytes[j]) { j += 1 }
        guard j < n, bytes[j] == 0x3B, j > i + 1 else { return (nil, 1) }
        let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
        let length = j + 1 - i
        switch name {
        case "amp": return ("&", length)
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        default:
            guard let code = HTMLNamedEntities.codePoints[name], let scalar = Unicode.Scalar(code) else { return (nil, 1) }
            return (scalar, length)
        }
    }

    func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x37)
        case 0x61...0x66: UInt32(b - 0x57)
        default: nil
        }
    }
}
