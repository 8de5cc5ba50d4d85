import Foundation

/// Repairs the references XML does not accept but real feeds use, before parsing, outside
/// comments, CDATA sections and processing instructions. ``MarkupDocument`` repairs only the
/// first kind (``Scope/namedEntities``); the feed reader asks for all of them (``Scope/all``)
/// and reports each kind:
///
/// - HTML named entities XML leaves undefined (`&auml;`) become numeric references (`&#228;`);
/// - an unknown name (`&doesnotexist;`) and an ampersand that starts no reference
///   (`?a=1&b=2`, `AT&T`) are escaped (`&amp;`), so the text reads as written instead of being
///   dropped by libxml2's recover mode;
/// - `&#X41;` (capital X) becomes `&#x41;`; a reference to a character XML forbids (`&#0;`,
///   `&#xD800;`) becomes U+FFFD; references to 128–159 read as Windows-1252, as browsers do
///   (`&#150;` is an en dash).
///
/// Works on encoded bytes: in the ASCII-compatible encodings the scan only looks at ASCII bytes,
/// so the rest passes through. Input holding NUL bytes (UTF-16, UTF-32) is left alone.
package enum XMLEntityRepair {
    /// What was repaired.
    package struct Report: Sendable, Hashable {
        /// HTML named entities turned into numeric references.
        package var namedEntities = 0
        /// Ampersands that start no reference, escaped.
        package var bareAmpersands = 0
        /// References to names neither XML nor HTML defines, kept as text.
        package var unknownEntities = 0
        /// The first few unknown names, for messages.
        package var unknownNames: [String] = []
        /// Character references with a capital X or naming a character XML forbids.
        package var malformedCharacterReferences = 0
        /// References to 128–159 read as Windows-1252 (not an error in XML; not counted in ``total``).
        package var windows1252References = 0

        /// Every repair of something XML rejects.
        package var total: Int { namedEntities + bareAmpersands + unknownEntities + malformedCharacterReferences }
    }

    /// What to repair.
    package enum Scope: Sendable {
        /// Only HTML named entities (what ``MarkupDocument`` does by default): everything else is
        /// left to libxml2 and reported in its diagnostics.
        case namedEntities
        /// Everything listed above.
        case all
    }

    /// HTML named entities rewritten; how many; `nil` when nothing changed. What
    /// ``repairWithReport(_:scope:)`` gives with ``Scope/namedEntities``, found by
    /// ``StreamingEntityRepair``'s scan, which jumps from one `<` or `&` to the next instead of
    /// looking at every byte (about 12k instructions fewer per item of a Sitevision-shaped feed).
    /// Input holding a NUL byte (UTF-16, UTF-32) takes the byte-by-byte scan, which leaves it
    /// alone.
    static func repair(_ bytes: UnsafeRawBufferPointer) -> (bytes: [UInt8], count: Int)? {
        // Without an ampersand nothing changes (as both scans find first).
        guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "&")), bytes.count) != nil else { return nil }
        if memchr(base, 0, bytes.count) != nil {
            return repairWithReport(bytes, scope: .namedEntities).map { ($0.bytes, $0.report.total) }
        }
        return StreamingEntityRepair.repairWithReport(bytes, scope: .namedEntities).map { ($0.bytes, $0.report.total) }
    }

    /// The rewritten bytes and what was repaired; `nil` when nothing changed.
    package static func repairWithReport(_ bytes: UnsafeRawBufferPointer, scope: Scope = .all) -> (bytes: [UInt8], report: Report)? {
        let all = scope == .all
        let amp = UInt8(ascii: "&"), lt = UInt8(ascii: "<"), semicolon = UInt8(ascii: ";"), hash = UInt8(ascii: "#")
        guard bytes.contains(amp) else { return nil }
        var out: [UInt8] = []
        var report = Report()
        var copied = 0
        var i = 0
        let n = bytes.count
        func matches(_ text: StaticString, at p: Int) -> Bool {
            let len = text.utf8CodeUnitCount
            guard p + len <= n else { return false }
            return text.withUTF8Buffer { t in (0..<len).allSatisfy { bytes[p + $0] == t[$0] } }
        }
        /// Replaces bytes[i..<end] by `replacement`.
        func replace(upTo end: Int, with replacement: String) {
            if out.isEmpty { out.reserveCapacity(n + 64) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<i]))
            out.append(contentsOf: Array(replacement.utf8))
            copied = end
        }
        while i < n {
            let b = bytes[i]
            // Most bytes are none of the three: one comparison each.
            if b > amp, b != lt { i += 1; continue }
            if b == 0 { return nil }
            if b == lt {
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") {
                    if matches("<!--", at: i) { i = skip(to: "-->", from: i + 4, in: bytes); continue }
                    if matches("<![CDATA[", at: i) { i = skip(to: "]]>", from: i + 9, in: bytes); continue }
                    if matches("<?", at: i) { i = skip(to: "?>", from: i + 2, in: bytes); continue }
                }
                i += 1
                continue
            }
            guard b == amp else { i += 1; continue }
            if i + 1 < n, bytes[i + 1] == hash {
                // Character reference.
                var j = i + 2
                var hex = false
                var upperX = false
                if j < n, bytes[j] == UInt8(ascii: "x") || bytes[j] == UInt8(ascii: "X") {
                    hex = true
                    upperX = bytes[j] == UInt8(ascii: "X")
                    j += 1
                }
                let digitsStart = j
                var value: UInt32 = 0
                var overflow = false
                while j < n, let d = digitValue(bytes[j], hex: hex) {
                    value = value &* (hex ? 16 : 10) &+ d
                    if value > 0x10FFFF { overflow = true }
                    j += 1
                }
                guard j > digitsStart, j < n, bytes[j] == semicolon else {
                    guard all else { i += 1; continue }
                    report.bareAmpersands += 1
                    replace(upTo: i + 1, with: "&amp;")
                    i += 1
                    continue
                }
                let end = j + 1
                if !all {
                    // Left as it is.
                } else if overflow || !isXMLChar(value) {
                    report.malformedCharacterReferences += 1
                    replace(upTo: end, with: "&#xFFFD;")
                } else if (0x80...0x9F).contains(value), let mapped = windows1252[Int(value - 0x80)] {
                    report.windows1252References += 1
                    replace(upTo: end, with: "&#\(mapped);")
                } else if upperX {
                    report.malformedCharacterReferences += 1
                    replace(upTo: end, with: "&#x" + String(value, radix: 16) + ";")
                }
                i = end
                continue
            }
            var j = i + 1
            while j < n, j - i <= 40, isNameByte(bytes[j]) { j += 1 }
            guard j < n, bytes[j] == semicolon, j > i + 1, isNameStartByte(bytes[i + 1]) else {
                guard all else { i += 1; continue }
                report.bareAmpersands += 1
                replace(upTo: i + 1, with: "&amp;")
                i += 1
                continue
            }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
            if xmlEntities.contains(name) {
                i = j + 1
                continue
            }
            if let code = HTMLNamedEntities.codePoints[name] {
                report.namedEntities += 1
                replace(upTo: j + 1, with: "&#\(code);")
            } else if all {
                report.unknownEntities += 1
                if report.unknownNames.count < 5, !report.unknownNames.contains(name) { report.unknownNames.append(name) }
                replace(upTo: i + 1, with: "&amp;")
            }
            i = j + 1
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<n]))
        return (out, report)
    }

    static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// Windows-1252's characters for the bytes 0x80–0x9F (`nil` where it has none).
    static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    private static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
    }

    private static func digitValue(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46 where hex: UInt32(b - 0x41 + 10)
        case 0x61...0x66 where hex: UInt32(b - 0x61 + 10)
        default: nil
        }
    }

    private static func isNameStartByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b >= 0x80
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        isNameStartByte(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
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
