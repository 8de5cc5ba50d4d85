/// The common shapes of an `href` resolved from their bytes, without Foundation's `URL`: an
/// absolute `http://` or `https://` URL, an absolute path (`/a/b.pdf`), a relative path
/// (`b.html`, `a/b?x=1#top`) and a query (`?page=2`), against a base of the same plain shape.
///
/// It mirrors ``LinkResolver``'s general route (`URL(string:relativeTo:)` then `absoluteString`,
/// i.e. RFC 3986, section 5.2) where that route has nothing to decide: the reference has only
/// characters that route leaves as they are (no white space, nothing it would percent-encode,
/// `%` only before two hex digits, one `#` at most), no dot segments (`.` or `..`) to remove,
/// and no scheme other than a lowercase `http`/`https`. Then the result is the reference
/// itself, or the base's origin, directory or document followed by it. Anything else answers
/// `nil` and goes the general route. `MainContentFastPathTests` holds the two routes against
/// each other on every `href` of the 495 pages and on made-up edge cases.
struct PlainLinkResolution {
    /// The base's `scheme://authority`, e.g. `https://www.region.se`: what an absolute path follows.
    private let origin: String
    /// The base up to and including its path's last `/`: what a relative path follows.
    private let directory: String
    /// The base without its query and fragment: what a query follows.
    private let document: String

    /// The parts of `base` (an absolute URL as `absoluteString` writes it), or `nil` when it is
    /// not of the plain shape (lowercase `http(s)`, a host of lowercase letters, digits, dots and
    /// hyphens, a path without dot segments).
    init?(base: String) {
        var base = base
        let parts: (origin: Int, directory: Int, document: Int)? = base.withUTF8 { bytes in
            guard let authority = Self.authorityStart(bytes) else { return nil }
            var i = authority
            while i < bytes.count, Self.isHostByte(bytes[i]) { i += 1 }
            guard i > authority else { return nil }
            let pathStart = i
            guard i == bytes.count || bytes[i] == 0x2F || bytes[i] == 0x3F || bytes[i] == 0x23 else { return nil }
            guard let pathEnd = Self.plainPathEnd(bytes, from: pathStart) else { return nil }
            var lastSlash = -1
            for j in pathStart..<pathEnd where bytes[j] == 0x2F { lastSlash = j }
            // An empty path (`https://host`) is not taken: RFC 3986 would merge `/` in, and the
            // general route is left to say so.
            guard lastSlash >= 0 else { return nil }
            // The rest (query, fragment) must be plain too.
            guard Self.isPlainReference(bytes, from: pathEnd) else { return nil }
            return (pathStart, lastSlash + 1, pathEnd)
        }
        guard let parts else { return nil }
        let utf8 = base.utf8
        origin = String(utf8[utf8.startIndex..<utf8.index(utf8.startIndex, offsetBy: parts.origin)])!
        directory = String(utf8[utf8.startIndex..<utf8.index(utf8.startIndex, offsetBy: parts.directory)])!
        document = String(utf8[utf8.startIndex..<utf8.index(utf8.startIndex, offsetBy: parts.document)])!
    }

    /// `href` resolved against the base, or `nil` when it is not of a shape handled here.
    func resolve(_ href: String) -> String? {
        switch Self.shape(of: href) {
        case .absolute: href
        case .absolutePath: origin + href
        case .relativePath: directory + href
        case .query: document + href
        case nil: nil
        }
    }

    /// `href` itself when there is no base URL and `href` has a plain shape: the general route
    /// then keeps an absolute URL and a reference alike as they are.
    static func withoutBase(_ href: String) -> String? {
        shape(of: href) != nil ? href : nil
    }

    enum Shape { case absolute, absolutePath, relativePath, query }

    /// Which plain shape `href` has, if any.
    static func shape(of href: String) -> Shape? {
        var href = href
        return href.withUTF8 { bytes -> Shape? in
            guard let first = bytes.first else { return nil }
            if let authority = authorityStart(bytes) {
                var i = authority
                while i < bytes.count, isHostByte(bytes[i]) { i += 1 }
                guard i > authority, i == bytes.count || bytes[i] == 0x2F || bytes[i] == 0x3F || bytes[i] == 0x23 else { return nil }
                guard let pathEnd = plainPathEnd(bytes, from: i), isPlainReference(bytes, from: pathEnd) else { return nil }
                return .absolute
            }
            switch first {
            case 0x2F:  // "/", but not "//host" (a network-path reference)
                guard bytes.count < 2 || bytes[1] != 0x2F else { return nil }
                guard let pathEnd = plainPathEnd(bytes, from: 0), isPlainReference(bytes, from: pathEnd) else { return nil }
                return .absolutePath
            case 0x3F:  // "?"
                return isPlainReference(bytes, from: 0) ? .query : nil
            case 0x23:  // "#": a fragment alone is no link
                return nil
            default:
                guard let pathEnd = plainPathEnd(bytes, from: 0), isPlainReference(bytes, from: pathEnd) else { return nil }
                // A colon in the first segment would make it a scheme (`mailto:`, `javascript:`).
                var i = 0
                while i < pathEnd, bytes[i] != 0x2F {
                    if bytes[i] == 0x3A { return nil }
                    i += 1
                }
                return .relativePath
            }
        }
    }

    /// Where the authority starts after a lowercase `http://` or `https://`.
    private static func authorityStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // "http"
        guard bytes.count > 7, bytes[0] == 0x68, bytes[1] == 0x74, bytes[2] == 0x74, bytes[3] == 0x70 else { return nil }
        var i = 4
        if bytes[i] == 0x73 { i += 1 }  // "s"
        guard i + 3 <= bytes.count, bytes[i] == 0x3A, bytes[i + 1] == 0x2F, bytes[i + 2] == 0x2F else { return nil }
        return i + 3
    }

    /// Lowercase ASCII letters, digits, `.` and `-`.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D
    }

    /// The end of the path that starts at `start` (the first `?` or `#`, or the end), or `nil`
    /// when the path has a segment `.` or `..`, or a byte that is not plain.
    private static func plainPathEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        var segmentStart = start
        while i <= bytes.count {
            let byte: UInt8 = i < bytes.count ? bytes[i] : 0x3F
            if byte == 0x2F || byte == 0x3F || byte == 0x23 {
                // The segment that ends here: "." or ".." is a dot segment.
                let length = i - segmentStart
                if length == 1, bytes[segmentStart] == 0x2E { return nil }
                if length == 2, bytes[segmentStart] == 0x2E, bytes[segmentStart + 1] == 0x2E { return nil }
                if byte != 0x2F { return i }
                segmentStart = i + 1
            } else if !isPlainByte(bytes, at: i) {
                return nil
            }
            i += 1
        }
        return bytes.count
    }

    /// Whether the query and fragment from `start` on (what follows the path) are plain: plain
    /// bytes, `?`, `/` and at most one `#`.
    private static func isPlainReference(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var fragments = 0
        for i in start..<bytes.count {
            let byte = bytes[i]
            if byte == 0x23 {
                fragments += 1
                if fragments > 1 { return false }
            } else if byte != 0x2F, byte != 0x3F, !isPlainByte(bytes, at: i) {
                return false
            }
        }
        return true
    }

    /// The URL syntax characters that percent-encoding leaves as they are, other than `/`, `?`
    /// and `#` (RFC 3986's unreserved and sub-delims, `:` and `@`), and `%` before two hex digits.
    @inline(__always)
    private static func isPlainByte(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let byte = bytes[i]
        guard isPlainASCII(byte) else { return false }
        guard byte == 0x25 else { return true }
        return i + 2 < bytes.count && isHexDigit(bytes[i + 1]) && isHexDigit(bytes[i + 2])
    }

    /// Letters, digits, `-._~`, `!$&'()*+,;=`, `:`, `@` and `%`: one bit per ASCII code, codes
    /// below 64 in the first word and the rest in the second (`plainASCIIIsTheListedSet` checks
    /// the two words against the list).
    @inline(__always)
    static func isPlainASCII(_ byte: UInt8) -> Bool {
        let below64: UInt64 = 0x2FFF_7FF2_0000_0000, from64: UInt64 = 0x47FF_FFFE_87FF_FFFF
        switch byte {
        case ..<64: return (below64 >> UInt64(byte)) & 1 != 0
        case ..<128: return (from64 >> UInt64(byte - 64)) & 1 != 0
        default: return false
        }
    }

    @inline(__always)
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }
}
