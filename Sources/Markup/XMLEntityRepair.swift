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
