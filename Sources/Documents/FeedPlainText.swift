import Foundation
import Markup

/// Plain text from a string that may hold HTML markup (a feed's escaped description).
public enum HTMLText {
    /// Strips markup and normalises whitespace as `TextNormalizer` does: tags go (block
    /// elements and `<br>` leave a space), `script` and `style` go with their content, comments
    /// go, character references (named HTML ones and numeric) are decoded. Text without `<` or
    /// `&` is only normalised.
    ///
    /// One pass over the UTF-8 bytes, without building a document: feeds call it once per item.
    public static func plainText(_ html: String) -> String {
        var bytes = html
        return bytes.withUTF8 { b -> String? in
            guard let base = b.baseAddress, memchr(base, 0x3C, b.count) != nil || memchr(base, 0x26, b.count) != nil else { return nil }
            return PlainTextScanner.plainText(of: b)
        } ?? FeedWhitespace.normalize(html)
    }

    /// The elements ``plainText(_:)`` removes without leaving a space (`<b>`, `<a>`, `<span>` …);
    /// every other element, `<br>` included, leaves one.
    public static let inlineElementNames: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "img", "font", "del", "ins", "big",
        "tt", "nobr", "acronym",
    ]

    static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]
}

/// The single pass behind ``HTMLText/plainText(_:)``, over the UTF-8 bytes.
struct PlainTextScanner {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    /// The output's bytes: runs of `b`, which are valid UTF-8 already (the bytes of a string,
    /// cut only at ASCII bytes and at the first byte of a whitespace character), single spaces
    /// and the UTF-8 of decoded references, made a string at the end without a second
    /// validation (``String/init(wellFormedUTF8:)``). Appending pieces to a `String` instead
    /// cost about 300 instructions a piece, a lone space as much.
    ///
    /// The output is never longer than the input (``outputBound``), so it is written into a
    /// buffer of the input's length that the caller lends (on the stack where it fits): no
    /// array allocated and freed per text.
    private let out: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes of ``out`` are written.
    private(set) var written = 0
    var pendingSpace = false
    /// Whether the word scan also passes over a lone space between two bytes it copies
    /// (``specialBytesBesideLoneSpaces(_:)``); off only in tests, to compare with the byte loop.
    var skipsLoneSpacesByWord = true

    /// A scanner of `bytes` writing into `out`, which must hold at least ``outputBound(of:)``
    /// bytes.
    init(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= Self.outputBound(of: bytes), "PlainTextScanner: output buffer shorter than its input")
        b = bytes
        n = bytes.count
        self.out = out
    }

    /// The most bytes the plain text of `bytes` can take: as many as the input. Every piece the
    /// scan writes stands for at least as many input bytes: a run of the input is copied as it
    /// is; a space is written only before a later piece and for at least one byte that writes
    /// nothing itself (whitespace, a tag, a comment); a numeric reference has at least as many
    /// bytes as the UTF-8 of its character (`&#0` gives U+FFFD, three bytes for three; `&#128`,
    /// mapped to U+20AC, three for five); a named one at least two more than its character's
    /// UTF-8 (`&` and `;` around a name of at least the UTF-8 length of its character: the
    /// tests check the whole table).
    static func outputBound(of bytes: UnsafeBufferPointer<UInt8>) -> Int { bytes.count }

    /// The plain text of `bytes`, scanned into a temporary buffer (on the stack where it fits).
    static func plainText(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, outputBound(of: bytes))) { out in
            var scanner = PlainTextScanner(bytes, into: out)
            return scanner.run()
        }
    }

    // MARK: Output with whitespace collapsed

    mutating func space() { pendingSpace = written > 0 }

    /// Writes one byte (within ``outputBound(of:)``, checked).
    @inline(__always)
    private mutating func write(_ byte: UInt8) {
        precondition(written < out.count, "PlainTextScanner: output beyond its bound")
        out[written] = byte
        written += 1
    }

    /// Copies the bytes `start..<end` (no whitespace among them; both ends start a character:
    /// the scan cuts runs only at ASCII bytes and at the first byte of a whitespace character).
    mutating func append(_ start: Int, _ end: Int) {
        if pendingSpace { write(0x20); pendingSpace = false }
        let count = end - start
        precondition(count >= 0 && written + count <= out.count, "PlainTextScanner: output beyond its bound")
        out.baseAddress.unsafelyUnwrapped.advanced(by: written).update(from: b.baseAddress.unsafelyUnwrapped.advanced(by: start), count: count)
        written += count
    }

    /// The length of the whitespace character ``TextNormalizer`` collapses at `i` (space, tab,
    /// CR, LF, form feed, U+00A0, U+2007, U+202F, U+200B, U+FEFF), or 0.
    @inline(__always)
    func whitespaceLength(at i: Int) -> Int {
        switch b[i] {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C: return 1
        case 0xC2 where i + 1 < n && b[i + 1] == 0xA0: return 2
        case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0x87 || b[i + 2] == 0xAF || b[i + 2] == 0x8B): return 3
        case 0xEF where i + 2 < n && b[i + 1] == 0xBB && b[i + 2] == 0xBF: return 3
        default: return 0
        }
    }

    /// Whether `c` may start a whitespace character (most bytes cannot).
    @inline(__always)
    static func mayBeWhitespace(_ c: UInt8) -> Bool {
        c <= 0x20 || c == 0xC2 || c == 0xE2 || c == 0xEF
    }

    /// Whether `c` is a byte that starts neither whitespace nor `&` or `<`: text that the scan
    /// copies as it is.
    @inline(__always)
    static func isPlain(_ c: UInt8) -> Bool {
        !mayBeWhitespace(c) && c != 0x26 && c != 0x3C
    }

    mutating func appendScalar(_ s: Unicode.Scalar) {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0xA0, 0x2007, 0x202F, 0x200B, 0xFEFF:
            space()
        default:
            if pendingSpace { write(0x20); pendingSpace = false }
            UTF8.encode(s) { write($0) }
        }
    }

    /// Copies text from `start` up to `end`, collapsing whitespace.
    mutating func copyText(_ start: Int, _ end: Int) {
        var i = start
        var run = start
        while i < end {
            let c = b[i]
            guard Self.mayBeWhitespace(c) else { i += 1; continue }
            if c == 0x20, run < i, i + 1 < end, Self.isPlain(b[i + 1]) { i += 2; continue }
            let w = whitespaceLength(at: i)
            if w > 0 {
                if run < i { append(run, i) }
                space()
                i += w
                run = i
            } else {
                i += 1
            }
        }
        if run < end { append(run, end) }
    }

    // MARK: Scanning

    @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 32 : c }
    @inline(__always) func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    /// Whether `text` (lower case) starts at `p`, ignoring case.
    func starts(_ text: StaticString, at p: Int) -> Bool {
        let length = text.utf8CodeUnitCount
        guard p + length <= n else { return false }
        let t = text.utf8Start
        for k in 0..<length where lower(b[p + k]) != t[k] { return false }
        return true
    }

    func find(_ text: StaticString, from p: Int) -> Int? {
        var k = p
        while k < n {
            if starts(text, at: k) { return k }
            k += 1
        }
        return nil
    }

    /// The first byte after the next `>` from `p`, or the end.
    func afterNext(_ c: UInt8, from p: Int) -> Int {
        guard p < n, let hit = memchr(b.baseAddress! + p, Int32(c), n - p) else { return n }
        return b.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
    }

    func findClosing(_ start: Int, _ end: Int, from p: Int) -> Int? {
        let length = end - start
        var k = p
        while k + 1 + length < n {
            if b[k] == 0x3C, b[k + 1] == 0x2F {
                var same = true
                for j in 0..<length where lower(b[k + 2 + j]) != lower(b[start + j]) { same = false; break }
                if same { return k }
            }
            k += 1
        }
        return nil
    }

    /// For each byte: 0 when the scan copies it as it is; else it may start whitespace, a
    /// reference or a tag.
    /// Written once, then only read.
    nonisolated(unsafe) static let byteClass: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for c in 0..<256 {
            let byte = UInt8(c)
            table[c] = mayBeWhitespace(byte) || byte == 0x26 || byte == 0x3C ? 1 : 0
        }
        return UnsafePointer(table)
    }()

    /// The bytes of a word (eight, little-endian) that the scan does not copy as they are
    /// (``byteClass`` 1: may start whitespace, `&`, `<`), flagged as ``ByteWord`` flags them.
    @inline(__always)
    static func specialBytes(_ x: UInt64) -> UInt64 {
        FeedWhitespace.whitespaceStarts(x) | ByteWord.bytes(of: x, equalTo: 0x26) | ByteWord.bytes(of: x, equalTo: 0x3C)
    }

    /// ``specialBytes(_:)`` without the flags of lone spaces between two bytes copied as they
    /// are (``ByteWord/clearingLoneSpaces(in:flagged:)``). A fast path of the byte loop's rule
    /// "a lone space between two letters of a run stays in the run": that rule also needs the
    /// space to follow a byte of the run, which holds, since the word starts at or after the
    /// run's start and the byte before the space is in the word.
    @inline(__always)
    static func specialBytesBesideLoneSpaces(_ x: UInt64) -> UInt64 {
        ByteWord.clearingLoneSpaces(in: x, flagged: specialBytes(x))
    }

    mutating func run() -> String {
        var i = 0
        // Literal bytes from `run` to `i` are not yet copied.
        var run = 0
        let byteClass = Self.byteClass
        while i < n {
            // Eight bytes at a time up to the next byte that is not copied as it is (the same
            // as the byte loop below, without a table lookup and a branch per byte).
            i = skipsLoneSpacesByWord
                ? ByteWord.firstFlagged(in: b, from: i, by: Self.specialBytesBesideLoneSpaces)
                : ByteWord.firstFlagged(in: b, from: i, by: Self.specialBytes)
            guard i < n else { break }
            let c = b[i]
            if byteClass[Int(c)] == 0 { i += 1; continue }
            if Self.mayBeWhitespace(c) {
                // A lone space between two letters of a run stays in the run: the same output
                // as collapsing it, without cutting the run.
                if c == 0x20, run < i, i + 1 < n, Self.isPlain(b[i + 1]) { i += 2; continue }
                let w = whitespaceLength(at: i)
                guard w > 0 else { i += 1; continue }
                if run < i { append(run, i) }
                space()
                i += w
                run = i
                continue
            }
            if c == 0x26 {  // &
                if run < i { append(run, i) }
                let (scalar, length) = characterReference(at: i)
                if let scalar { appendScalar(scalar) } else { append(i, i + 1) }
                i += length
                run = i
                continue
            }
            guard c == 0x3C, i + 1 < n else { i += 1; continue }  // <
            let next = b[i + 1]
            if next == 0x21 {  // <!
                if run < i { append(run, i) }
                if starts("<!--", at: i) {
                    i = find("-->", from: i + 4).map { $0 + 3 } ?? n
                } else if starts("<![cdata[", at: i) {
                    let end = find("]]>", from: i + 9) ?? n
                    copyText(i + 9, end)
                    i = min(n, end + 3)
                } else {
                    i = afterNext(0x3E, from: i)
                }
                run = i
                continue
            }
            if next == 0x3F {  // <?
                if run < i { append(run, i) }
                i = afterNext(0x3E, from: i)
                run = i
                continue
            }
            let closing = next == 0x2F
            let nameStart = closing ? i + 2 : i + 1
            guard nameStart < n, isLetter(b[nameStart]) else { i += 1; continue }
            if run < i { append(run, i) }
            var nameEnd = nameStart
            while nameEnd < n {
                let d = b[nameEnd]
                guard isLetter(d) || (d >= 0x30 && d <= 0x39) || d == 0x2D || d == 0x3A || d == 0x5F else { break }
                nameEnd += 1
            }
            // The end of the tag, skipping quoted attribute values.
            var p = nameEnd
            var quote: UInt8 = 0
            while p < n {
                let d = b[p]
                if quote != 0 {
                    if d == quote { quote = 0 }
                } else if d == 0x22 || d == 0x27 {
                    quote = d
                } else if d == 0x3E {
                    break
                }
                p += 1
            }
            i = min(n, p + 1)
            let kind = tagKind(nameStart, nameEnd)
            if !closing, kind == .raw {
                i = findClosing(nameStart, nameEnd, from: i).map { afterNext(0x3E, from: $0) } ?? n
                space()
            } else if kind != .inline {
                space()
            }
            run = i
        }
        if run < n { append(run, n) }
        return String(wellFormedUTF8: UnsafeBufferPointer(rebasing: out[..<written]))
    }

    enum TagKind { case inline, block, raw }

    /// Inline (no space), `script`/`style` (skipped with their content) or anything else (a
    /// space), from the name's bytes packed into an integer.
    func tagKind(_ start: Int, _ end: Int) -> TagKind {
        let length = end - start
        guard length <= 7 else { return .block }
        var key: UInt64 = 0
        for k in start..<end { key = key << 8 | UInt64(lower(b[k])) }
        if key == 0x73_63_72_69_70_74 || key == 0x73_74_79_6C_65 { return .raw }  // script, style
        return Self.isInlineKey(key) ? .inline : .block
    }

    static func pack(_ name: String) -> UInt64 { name.utf8.reduce(0) { $0 << 8 | UInt64($1) } }

    /// Slots of ``inlineKeyTable``: a power of two, at least twice the inline names.
    static let inlineKeySlots = 128

    /// The slot a packed name starts looking from (the top bits of a multiplicative hash).
    @inline(__always)
    static func inlineKeySlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 57) & (inlineKeySlots - 1)
    }

    /// The packed names of ``HTMLText/inlineElementNames`` in an open-addressed table (a key in
    /// its slot or the next free one after it; 0, which no name packs to, is free). Written
    /// once, then only read.
    nonisolated(unsafe) static let inlineKeyTable: UnsafePointer<UInt64> = {
        precondition(HTMLText.inlineElementNames.count * 2 <= inlineKeySlots, "PlainTextScanner: too many inline names for the table")
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: inlineKeySlots)
        table.initialize(repeating: 0, count: inlineKeySlots)
        for key in HTMLText.inlineElementNames.map(pack) {
            var slot = inlineKeySlot(key)
            while table[slot] != 0 { slot = (slot + 1) & (inlineKeySlots - 1) }
            table[slot] = key
        }
        return UnsafePointer(table)
    }()

    /// Whether a packed name (lower case, at most seven bytes) is one of
    /// ``HTMLText/inlineElementNames``: its slot and the ones after it up to a free one.
    static func isInlineKey(_ key: UInt64) -> Bool {
        let table = inlineKeyTable
        var slot = inlineKeySlot(key)
        while true {
            let stored = table[slot]
            if stored == key { return key != 0 }
            if stored == 0 { return false }
            slot = (slot + 1) & (inlineKeySlots - 1)
        }
    }

    /// The character a reference at `i` stands for (`nil` for a lone `&`) and its length.
    func characterReference(at i: Int) -> (Unicode.Scalar?, Int) {
        var j = i + 1
        if j < n, b[j] == 0x23 {  // #
            j += 1
            var hex = false
            if j < n, b[j] == 0x78 || b[j] == 0x58 { hex = true; j += 1 }
            let start = j
            var value: UInt32 = 0
            while j < n, j - start < 8, let d = hexDigit(b[j]), hex || d < 10 {
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > start else { return (nil, 1) }
            if j < n, b[j] == 0x3B { j += 1 }
            if (0x80...0x9F).contains(value), let mapped = HTMLText.windows1252[Int(value - 0x80)] { value = mapped }
            let scalar = Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
            return (scalar, j - i)
        }
        while j < n, j - i <= 32, isLetter(b[j]) || (b[j] >= 0x30 && b[j] <= 0x39) { j += 1 }
        guard j < n, b[j] == 0x3B, j > i + 1 else { return (nil, 1) }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)
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

    func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x37)
        case 0x61...0x66: UInt32(c - 0x57)
        default: nil
        }
    }
}
