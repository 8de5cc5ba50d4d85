/// A gzip file (RFC 1952), as sitemaps are published (`sitemap.xml.gz`): one member, inflated
/// within a cap on what it inflates to, its CRC-32 and length checked.
enum Gzip {
    /// Whether `bytes` start as a gzip file does: the two magic bytes and the deflate method.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 8
    }

    /// Why gzip bytes could not be inflated.
    enum Failure: Error, Hashable {
        /// What the bytes hold instead of a readable gzip file (the header, the deflate data,
        /// the trailer).
        case damaged(String)
        /// The data inflates to more than the cap (``inflate(_:maximumBytes:)``): at least `bytes`.
        case overCap(bytes: Int)
    }

    /// Flag bits of the header (RFC 1952, 2.3.1).
    private static let headerCRC: UInt8 = 0x02, extra: UInt8 = 0x04, name: UInt8 = 0x08, comment: UInt8 = 0x10

    /// The bytes `bytes` (a gzip file of one member) inflate to, at most `maximumBytes` of them.
    static func inflate(_ bytes: [UInt8], maximumBytes: Int) throws(Failure) -> [UInt8] {
        guard isGzip(bytes), bytes.count >= 18 else { throw .damaged("not a whole gzip file (its header or trailer is missing)") }
        let at = try dataStart(bytes)
        // The deflate data, then the trailer: CRC-32 and the length modulo 2^32, little-endian.
        guard let output = try member(bytes, data: at..<(bytes.count - 8), maximumBytes: maximumBytes) else {
            throw .damaged("the CRC-32 or the length in the trailer does not match (a damaged file, or several gzip members, which are not read)")
        }
        // The data ends where zlib finds its end marker, not necessarily 8 bytes before the end of
        // the file: a second member whose trailer matches the first (the same member twice) would
        // pass the test above. A member's header inside the data that the trailer before it
        // confirms tells. Such a header by chance is rare (about one in 2^27 positions); each is
        // checked by inflating the data before it, so at most two are (an input made with many
        // would otherwise cost an inflation each).
        var tried = 0
        for p in (at + 9)..<max(at + 9, bytes.count - 17) where bytes[p] == 0x1F && bytes[p + 1] == 0x8B && bytes[p + 2] == 8 && bytes[p + 3] & 0xE0 == 0 {
            tried += 1
            guard tried <= 2 else { throw .damaged("the data holds gzip headers; it may be several gzip members, which are not read") }
            // `try?` flattens: a member that fails to inflate and one whose trailer does not match are alike.
            if (try? member(bytes, data: at..<(p - 8), maximumBytes: maximumBytes)) != nil {
                throw .damaged("several gzip members, which are not read")
            }
        }
        return output
    }

    /// Where the deflate data starts: after the header and its optional fields.
    private static func dataStart(_ bytes: [UInt8]) throws(Failure) -> Int {
        let flags = bytes[3]
        guard flags & 0xE0 == 0 else { throw .damaged("the header sets reserved flags") }
        // The fixed header: magic, method, flags, time, extra flags, system.
        var at = 10
        if flags & extra != 0 {
            guard at + 2 <= bytes.count else { throw .damaged("the header is cut off") }
            at += 2 + Int(bytes[at]) + Int(bytes[at + 1]) << 8
        }
        for field in [name, comment] where flags & field != 0 {
            // Zero-terminated.
            guard at < bytes.count, let end = bytes[at...].firstIndex(of: 0) else { throw .damaged("the header is cut off") }
            at = end + 1
        }
        if flags & headerCRC != 0 { at += 2 }
        guard at + 8 < bytes.count else { throw .damaged("the header is cut off, or there is no data") }
        return at
    }

    /// What `bytes[data]` inflates to when the trailer after it (CRC-32, length) matches, else
    /// `nil`.
    private static func member(_ bytes: [UInt8], data: Range<Int>, maximumBytes: Int) throws(Failure) -> [UInt8]? {
        let inflated: (bytes: [UInt8], crc32: UInt32)
        do {
            // The trailer's length (modulo 2^32, unchecked until the end) is reserved within
            // the cap: an honest file's output is made in one allocation.
            inflated = try RawInflate.inflate(bytes[data], maximumBytes: maximumBytes, expectedBytes: Int(littleEndian(bytes, at: data.upperBound + 4)))
        } catch {
            switch error {
            case let .overCap(bytes): throw .overCap(bytes: bytes)
            case .inputEnded: throw .damaged("the deflate data ends before its end marker")
            case .invalid: throw .damaged("the deflate data is invalid")
            }
        }
        let matches = inflated.crc32 == littleEndian(bytes, at: data.upperBound)
            && UInt32(truncatingIfNeeded: inflated.bytes.count) == littleEndian(bytes, at: data.upperBound + 4)
        return matches ? inflated.bytes : nil
    }

    private static func littleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}
