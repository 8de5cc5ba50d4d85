/// Rewrites HTML named entities that XML leaves undefined (`&auml;`) as numeric character
/// references (`&#228;`), outside comments and CDATA sections. Works on encoded bytes: in the
/// ASCII-compatible encodings the scan only looks at ASCII bytes, so the rest passes through.
enum XMLEntityRepair {
    /// The rewritten bytes and how many references were repaired; `nil` when nothing changed.
    static func repair(_ bytes: UnsafeRawBufferPointer) -> (bytes: [UInt8], count: Int)? {
        let amp = UInt8(ascii: "&"), lt = UInt8(ascii: "<"), semicolon = UInt8(ascii: ";")
        guard bytes.contains(amp) else { return nil }
        var out: [UInt8] = []
        var count = 0
        var copied = 0
        var i = 0
        let n = bytes.count
        func matches(_ text: StaticString, at p: Int) -> Bool {
            let len = text.utf8CodeUnitCount
            guard p + len <= n else { return false }
            return text.withUTF8Buffer { t in (0..<len).allSatisfy { bytes[p + $0] == t[$0] } }
        }
        while i < n {
            let b = bytes[i]
            if b == lt {
                if matches("<!--", at: i) { i = skip(to: "-->", from: i + 4, in: bytes); continue }
                if matches("<![CDATA[", at: i) { i = skip(to: "]]>", from: i + 9, in: bytes); continue }
                i += 1
                continue
            }
            guard b == amp else { i += 1; continue }
            var j = i + 1
            while j < n, j - i <= 32, isNameByte(bytes[j]) { j += 1 }
            guard j < n, bytes[j] == semicolon, j > i + 1 else { i += 1; continue }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
            guard let code = HTMLNamedEntities.codePoints[name] else { i = j + 1; continue }
            if out.isEmpty { out.reserveCapacity(n + 64) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<i]))
            out.append(contentsOf: Array("&#\(code);".utf8))
            count += 1
            i = j + 1
            copied = i
        }
        guard count > 0 else { return nil }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<n]))
        return (out, count)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    private static func skip(to end: StaticString, from start: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        let len = end.utf8CodeUnitCount
        var p = start
        while p + len <= bytes.count {
            let hit = end.withUTF8Buffer { t in (0..<len).allSatisfy { bytes[p + $0] == t[$0] } }
            if hit { return p + len }
            p += 1
        }
        return bytes.count
    }
}

/// Counts the attributes of each start tag before libxml2 sees it, so that a tag with tens of
/// thousands of attributes (quadratic in libxml2 2.9) is refused in linear time.
enum AttributeCap {
    /// The first tag over `limit` as (count, line), or `nil` when none is.
    static func firstViolation(in bytes: UnsafeRawBufferPointer, limit: Int) -> (count: Int, line: Int)? {
        let n = bytes.count
        guard n > limit * 2 else { return nil }  // each attribute needs at least two bytes
        var i = 0
        var line = 1
        while i < n {
            let b = bytes[i]
            if b == 0x0A { line += 1 }
            guard b == UInt8(ascii: "<"), i + 1 < n, isLetter(bytes[i + 1]) else { i += 1; continue }
            let tagLine = line
            var count = 0
            var p = i + 1
            var afterSpace = false
            while p < n {
                let c = bytes[p]
                if c == UInt8(ascii: ">") { break }
                if c == 0x0A { line += 1 }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    p += 1
                    while p < n, bytes[p] != c { if bytes[p] == 0x0A { line += 1 }; p += 1 }
                    p += 1
                    afterSpace = false
                    continue
                }
                let space = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
                if afterSpace, !space, c != UInt8(ascii: "="), c != UInt8(ascii: "/") {
                    count += 1
                    if count > limit { return (count, tagLine) }
                }
                afterSpace = space
                p += 1
            }
            i = p + 1
        }
        return nil
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
}
