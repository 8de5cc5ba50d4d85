import Foundation

/// The character encoding a document is read with, and how it was decided.
public struct SniffedCharset: Sendable, Hashable {
    /// How the encoding was decided, strongest first.
    public enum Source: String, Sendable, Hashable {
        /// A byte-order mark at the start of the bytes.
        case byteOrderMark = "bom"
        /// The charset the caller passed, as from an HTTP `Content-Type` header.
        case transport
        /// The XML declaration or an HTML `<meta>` element.
        case declaration
        /// Nothing said, or what was said was contradicted by the bytes: they are valid UTF-8.
        case utf8Detected = "utf8-detected"
        /// Nothing said and the bytes are not valid UTF-8: read as Windows-1252.
        case fallback
    }

    /// The encoding name handed to libxml2, e.g. `"UTF-8"`, `"WINDOWS-1252"`.
    public var name: String
    /// How ``name`` was decided.
    public var source: Source
    /// What the document or transport declared, when it was overruled.
    public var overruled: String?
    /// How many invalid byte sequences in otherwise valid UTF-8 were replaced by U+FFFD (a
    /// page cut or damaged in one place stays UTF-8 rather than turning into mojibake).
    public internal(set) var replacedInvalidSequences = 0
    /// Bytes of byte-order mark to skip.
    var bomLength: Int
    /// The bytes are UTF-8 with a few invalid sequences to replace before parsing.
    var needsUTF8Repair = false

    init(name: String, source: Source, overruled: String? = nil, bomLength: Int = 0, needsUTF8Repair: Bool = false) {
        self.name = name
        self.source = source
        self.overruled = overruled
        self.bomLength = bomLength
        self.needsUTF8Repair = needsUTF8Repair
    }
}

/// Decides the character encoding of HTML and XML bytes: byte-order mark (UTF-8, UTF-16,
/// UTF-32) or a first "<" in UTF-16/32, then the caller's
/// charset (as from HTTP), then the XML declaration or HTML `<meta>` prescan, then UTF-8 if the
/// bytes are valid UTF-8, else Windows-1252.
///
/// A declared single-byte charset is overruled when the bytes are valid UTF-8 and hold
/// multi-byte sequences (the common mislabelled page); a declared UTF-8 is overruled by
/// Windows-1252 when the bytes are not valid UTF-8. Either way ``SniffedCharset/overruled``
/// keeps what was declared.
public enum CharsetSniffer {
    /// How many bytes the `<meta>` prescan looks at.
    public static let prescanLength = 8192

    /// Decides the encoding of `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the document's bytes, or at least its start (the `<meta>` prescan reads ``prescanLength`` bytes).
    ///   - transportCharset: the charset the transport declared (HTTP `Content-Type`), if any.
    ///   - kind: HTML (the `<meta>` prescan) or XML (the XML declaration).
    public static func sniff(_ bytes: UnsafeRawBufferPointer, transportCharset: String?, kind: MarkupKind) -> SniffedCharset {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return SniffedCharset(name: "UTF-8", source: .byteOrderMark, bomLength: 3) }
        // UTF-32LE's mark begins with UTF-16LE's, so it is tested first.
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return SniffedCharset(name: "UTF-32LE", source: .byteOrderMark, bomLength: 4) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return SniffedCharset(name: "UTF-32BE", source: .byteOrderMark, bomLength: 4) }
        if bytes.starts(with: [0xFF, 0xFE]) { return SniffedCharset(name: "UTF-16LE", source: .byteOrderMark, bomLength: 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return SniffedCharset(name: "UTF-16BE", source: .byteOrderMark, bomLength: 2) }
        // No mark: the first character is "<", and its zero bytes give the width and order.
        if bytes.starts(with: [0x3C, 0x00, 0x00, 0x00]) { return SniffedCharset(name: "UTF-32LE", source: .declaration) }
        if bytes.starts(with: [0x00, 0x00, 0x00, 0x3C]) { return SniffedCharset(name: "UTF-32BE", source: .declaration) }
        if bytes.count >= 4, bytes[0] == 0x3C, bytes[1] == 0x00, bytes[2] != 0x00, bytes[3] == 0x00 {
            return SniffedCharset(name: "UTF-16LE", source: .declaration)
        }
        if bytes.count >= 4, bytes[0] == 0x00, bytes[1] == 0x3C, bytes[2] == 0x00, bytes[3] != 0x00 {
            return SniffedCharset(name: "UTF-16BE", source: .declaration)
        }

        let declared: (label: String, source: SniffedCharset.Source)?
        if let transportCharset, !transportCharset.trimmingASCIIWhitespace.isEmpty {
            declared = (transportCharset, .transport)
        } else if let label = kind == .xml ? xmlDeclarationEncoding(bytes) : metaCharset(bytes) {
            declared = (label, .declaration)
        } else {
            declared = nil
        }

        let utf8 = UTF8Check.classify(bytes)
        let damaged = utf8 == .damaged
        guard let declared else {
            return utf8 == .invalid
                ? SniffedCharset(name: "WINDOWS-1252", source: .fallback)
                : SniffedCharset(name: "UTF-8", source: .utf8Detected, needsUTF8Repair: damaged)
        }
        let name = canonicalName(declared.label)
        if name == "UTF-8" {
            // Declared UTF-8 with valid multi-byte characters is UTF-8 damaged in places even
            // with more bad bytes than the undeclared rule allows: Windows-1252 text all but never
            // forms valid UTF-8 sequences ("ä" is E4 then a letter), so two of them decide.
            if utf8 == .invalid, UTF8Check.isDamagedDeclaredUTF8(bytes) {
                return SniffedCharset(name: name, source: declared.source, needsUTF8Repair: true)
            }
            return utf8 == .invalid
                ? SniffedCharset(name: "WINDOWS-1252", source: .fallback, overruled: declared.label)
                : SniffedCharset(name: name, source: declared.source, needsUTF8Repair: damaged)
        }
        if name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") {
            // UTF-16 or UTF-32 without a byte-order mark or a "<" of that width: the label is wrong.
            return utf8 == .invalid
                ? SniffedCharset(name: "WINDOWS-1252", source: .fallback, overruled: declared.label)
                : SniffedCharset(name: "UTF-8", source: .utf8Detected, overruled: declared.label, needsUTF8Repair: damaged)
        }
        if name != "UTF-8", singleByte.contains(name), utf8 == .multiByte {
            return SniffedCharset(name: "UTF-8", source: .utf8Detected, overruled: declared.label)
        }
        return SniffedCharset(name: name, source: declared.source)
    }

    /// The encoding by the bytes alone (UTF-8 if valid, else Windows-1252), recording the
    /// unusable `label` as overruled.
    static func ignoringLabel(_ bytes: UnsafeRawBufferPointer, label: String) -> SniffedCharset {
        let utf8 = UTF8Check.classify(bytes)
        return utf8 == .invalid
            ? SniffedCharset(name: "WINDOWS-1252", source: .fallback, overruled: label)
            : SniffedCharset(name: "UTF-8", source: .utf8Detected, overruled: label, needsUTF8Repair: utf8 == .damaged)
    }

    static let singleByte: Set<String> = [
        "WINDOWS-1252", "ISO-8859-15", "ISO-8859-2", "WINDOWS-1250", "WINDOWS-1257", "ISO-8859-4", "ISO-8859-10",
    ]

    /// Maps a label to the name libxml2 gets. As in browsers, ISO-8859-1, Latin-1 and ASCII
    /// read as Windows-1252, their superset.
    static func canonicalName(_ label: String) -> String {
        let trimmed = label.trimmingASCIIWhitespace
        // An ASCII label (all but always) is lowercased and its "_" made "-" byte by byte:
        // Foundation's replacing cost ten thousand instructions a document.
        let l = trimmed.utf8.allSatisfy { $0 < 0x80 }
            ? String(decoding: trimmed.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : ($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) }, as: UTF8.self)
            : trimmed.lowercased().replacingOccurrences(of: "_", with: "-")
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252",
             "cp1252", "x-cp1252", "iso-ir-100", "cp819", "ibm819", "csisolatin1", "iso-8859-1:1987":
            return "WINDOWS-1252"
        case "utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be": return l.uppercased()
        case "iso-8859-15", "latin9", "latin-9": return "ISO-8859-15"
        default: return l.uppercased()
        }
    }

    /// The `encoding` of an XML declaration at the very start, if any.
    static func xmlDeclarationEncoding(_ bytes: UnsafeRawBufferPointer) -> String? {
        let head = ASCIIScan(bytes.prefix(512))
        guard head.starts(with: "<?xml"), let end = head.find("?>") else { return nil }
        let decl = ASCIIScan(bytes[bytes.startIndex..<end])
        guard let at = decl.find("encoding") else { return nil }
        return decl.attributeValue(after: at + 8)
    }

    /// The charset of the first `<meta charset>` or `<meta http-equiv content="…charset=…">`
    /// in the prescan window, skipping comments.
    static func metaCharset(_ bytes: UnsafeRawBufferPointer) -> String? {
        let scan = ASCIIScan(bytes.prefix(prescanLength))
        var i = 0
        while let lt = scan.find("<", from: i) {
            if scan.starts(with: "<!--", at: lt) {
                i = (scan.find("-->", from: lt + 4) ?? scan.count - 3) + 3
                continue
            }
            guard scan.startsLowercased(with: "<meta", at: lt), lt + 5 < scan.count, scan.isSpace(at: lt + 5) || scan.byte(lt + 5) == UInt8(ascii: "/") else {
                i = lt + 1
                continue
            }
            let end = scan.find(">", from: lt) ?? scan.count
            let attributes = scan.attributes(in: (lt + 5)..<end)
            if let charset = attributes["charset"], !charset.isEmpty { return charset }
            if attributes["http-equiv"]?.lowercased() == "content-type", let content = attributes["content"],
               let r = content.lowercased().range(of: "charset=") {
                let value = content[r.upperBound...].prefix { $0 != ";" && $0 != " " && $0 != "\"" && $0 != "'" }
                if !value.isEmpty { return String(value) }
            }
            i = end
        }
        return nil
    }
}

/// UTF-8 validity of a byte buffer.
enum UTF8Check {
    enum Result {
        case ascii
        case multiByte
        /// Valid UTF-8 with multi-byte characters but a few invalid sequences (at most one for
        /// every eight valid multi-byte characters): UTF-8 damaged in places, not another charset.
        case damaged
        case invalid
    }

    static func classify(_ bytes: UnsafeRawBufferPointer) -> Result {
        var multiByte = 0
        var invalid = 0
        scan(bytes) { valid in if valid { multiByte += 1 } else { invalid += 1 } }
        if invalid == 0 { return multiByte > 0 ? .multiByte : .ascii }
        return multiByte >= 8 * invalid ? .damaged : .invalid
    }

    /// For bytes declared UTF-8: at least two valid multi-byte characters, and at least one for
    /// every four invalid sequences.
    static func isDamagedDeclaredUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var multiByte = 0
        var invalid = 0
        scan(bytes) { valid in if valid { multiByte += 1 } else { invalid += 1 } }
        return multiByte >= 2 && 4 * multiByte >= invalid
    }

    /// `bytes` with each invalid sequence replaced by U+FFFD, and how many were replaced.
    static func repaired(_ bytes: UnsafeRawBufferPointer) -> (bytes: [UInt8], replaced: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var replaced = 0
        var start = 0
        scan(bytes) { valid, range in
            if !valid {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<range.lowerBound]))
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                start = range.upperBound
                replaced += 1
            }
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
        return (out, replaced)
    }

    private static func scan(_ bytes: UnsafeRawBufferPointer, _ report: (Bool) -> Void) {
        scan(bytes) { valid, _ in report(valid) }
    }

    /// Calls `report` for every non-ASCII sequence: valid or not, and its byte range. A
    /// sequence cut by the end of the buffer (a size cap) is left alone. ASCII is skipped and
    /// sequences are judged as ``UTF8Validation/check(_:)`` does (the same rules, one place).
    private static func scan(_ raw: UnsafeRawBufferPointer, _ report: (Bool, Range<Int>) -> Void) {
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        var i = 0
        let n = bytes.count
        while i < n {
            // Eight ASCII bytes at a time; at a non-ASCII byte, straight to it.
            if i + 8 <= n {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & 0x8080_8080_8080_8080
                if word == 0 { i += 8; continue }
                i += word.trailingZeroBitCount >> 3
            } else if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(bytes[i])
            if i + length > n, bytes[i] >= 0xC2, bytes[i] <= 0xF4 {
                // Cut by the end: fine if the bytes so far are continuation bytes.
                if (i + 1..<n).allSatisfy({ bytes[$0] & 0xC0 == 0x80 }) { return }
            } else if UTF8Validation.isValidSequence(bytes, at: i) {
                report(true, i..<(i + length))
                i += length
                continue
            }
            report(false, i..<(i + 1))
            i += 1
        }
    }
}

/// Case-insensitive ASCII scanning over raw bytes, for the prescans.
struct ASCIIScan {
    /// The bytes scanned, from offset 0 (a slice is rebased: reading it is a load).
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer.SubSequence) { self.bytes = UnsafeRawBufferPointer(rebasing: bytes) }

    var count: Int { bytes.count }
    func byte(_ i: Int) -> UInt8 { bytes[i] }
    func lower(_ i: Int) -> UInt8 { let b = byte(i); return (b >= 65 && b <= 90) ? b + 32 : b }
    func isSpace(at i: Int) -> Bool {
        let b = byte(i)
        return b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
    }

    // The patterns are literals (`StaticString`): matching reads their bytes in place, where a
    // `String` made an array per call (several per document, hundreds in an HTML prescan).

    func starts(with text: StaticString, at i: Int = 0) -> Bool {
        text.withUTF8Buffer { t in
            guard i + t.count <= count else { return false }
            for (k, c) in t.enumerated() where byte(i + k) != c { return false }
            return true
        }
    }

    /// Whether the bytes at `i` are `text` (lowercase) in any case.
    func startsLowercased(with text: StaticString, at i: Int) -> Bool {
        text.withUTF8Buffer { t in startsLowercased(with: t, at: i) }
    }

    private func startsLowercased(with t: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + t.count <= count else { return false }
        for (k, c) in t.enumerated() where lower(i + k) != c { return false }
        return true
    }

    /// Where `text` (lowercase) first occurs at or after `start`, in any case.
    func find(_ text: StaticString, from start: Int = 0) -> Int? {
        text.withUTF8Buffer { t in
            guard !t.isEmpty, count >= t.count, start <= count - t.count, let base = bytes.baseAddress else { return nil }
            let first = t[0], last = count - t.count
            // A first byte that is no letter has one case: found by `memchr`.
            let isLetter = first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")
            var i = start
            while i <= last {
                if !isLetter {
                    guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                    i = base.distance(to: UnsafeRawPointer(hit))
                } else if lower(i) != first {
                    i += 1
                    continue
                }
                if startsLowercased(with: t, at: i) { return i }
                i += 1
            }
            return nil
        }
    }

    /// Reads `= "value"` (quotes optional) after position `i`.
    func attributeValue(after i: Int) -> String? {
        var p = i
        while p < count, isSpace(at: p) { p += 1 }
        guard p < count, byte(p) == UInt8(ascii: "=") else { return nil }
        p += 1
        while p < count, isSpace(at: p) { p += 1 }
        guard p < count else { return nil }
        let quote = byte(p)
        let start: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            p += 1
            start = p
            while p < count, byte(p) != quote { p += 1 }
        } else {
            start = p
            while p < count, !isSpace(at: p), byte(p) != UInt8(ascii: ">") { p += 1 }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self)
    }

    /// Attributes of a tag between `range` (after the tag name), names lowercased.
    func attributes(in range: Range<Int>) -> [String: String] {
        var result: [String: String] = [:]
        var p = range.lowerBound
        while p < range.upperBound {
            while p < range.upperBound, isSpace(at: p) || byte(p) == UInt8(ascii: "/") { p += 1 }
            var name: [UInt8] = []
            while p < range.upperBound, !isSpace(at: p), byte(p) != UInt8(ascii: "="), byte(p) != UInt8(ascii: "/") {
                name.append(lower(p)); p += 1
            }
            guard !name.isEmpty else { break }
            var q = p
            while q < range.upperBound, isSpace(at: q) { q += 1 }
            if q < range.upperBound, byte(q) == UInt8(ascii: "=") {
                let value = attributeValue(after: q) ?? ""
                result[String(decoding: name, as: UTF8.self), default: value] = result[String(decoding: name, as: UTF8.self)] ?? value
                // Skip past the value.
                q += 1
                while q < range.upperBound, isSpace(at: q) { q += 1 }
                if q < range.upperBound, byte(q) == UInt8(ascii: "\"") || byte(q) == UInt8(ascii: "'") {
                    let quote = byte(q); q += 1
                    while q < range.upperBound, byte(q) != quote { q += 1 }
                    q += 1
                } else {
                    while q < range.upperBound, !isSpace(at: q) { q += 1 }
                }
                p = q
            } else {
                result[String(decoding: name, as: UTF8.self)] = result[String(decoding: name, as: UTF8.self)] ?? ""
                p = q
            }
        }
        return result
    }
}

extension String {
    /// Without the ASCII white space (space, tab, CR, LF) at either end. By bytes: as
    /// characters, a closing "\r\n" is one that is neither "\r" nor "\n".
    var trimmingASCIIWhitespace: String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: utf8[first...last], as: UTF8.self)
    }
}
