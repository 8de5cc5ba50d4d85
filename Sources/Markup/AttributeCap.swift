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
            var afterEquals = false
            while p < n {
                let c = bytes[p]
                if c == UInt8(ascii: ">") { break }
                if c == 0x0A { line += 1 }
                let space = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
                // A quote opens a value only right after `=`, as in the HTML tokenizer.
                if afterEquals, c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    p += 1
                    while p < n, bytes[p] != c { if bytes[p] == 0x0A { line += 1 }; p += 1 }
                    p += 1
                    afterSpace = false
                    afterEquals = false
                    continue
                }
                if afterSpace, !afterEquals, !space, c != UInt8(ascii: "="), c != UInt8(ascii: "/") {
                    count += 1
                    if count > limit { return (count, tagLine) }
                }
                if c == UInt8(ascii: "=") { afterEquals = true } else if !space { afterEquals = false }
                afterSpace = space
                p += 1
            }
            i = p + 1
        }
        return nil
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
}
