// ZIP checksums, shared by the test targets that build ZIP archives (ZipBuilder) and the fuzz
// targets that repair them (Fuzz/rus-fuzz/Sources/ooxml-support links to this file).

/// CRC-32 (IEEE), as ZIP entries carry it.
package enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    package static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// The CRC of `count` zero bytes.
    package static func zeros(_ count: Int) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for _ in 0..<count { c = table[Int(c & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// Makes the CRC-32 of every stored (uncompressed) entry of a ZIP package match its bytes again.
///
/// The Office readers check each entry's CRC-32, so almost every mutation libFuzzer makes
/// inside a part would be refused before the XML parser sees it. The .pptx and .docx targets
/// run this on their input first and are seeded with stored copies of the fixtures, so that
/// mutations reach the parts' XML while the ZIP structure itself is fuzzed as well. Deflated
/// entries are left alone. `Tests/DocumentsTests/FuzzRegressionTests.swift` replays inputs
/// through this same function: the file lives in `Benchmarks/HostileCorpus`, and the fuzz
/// package's `Sources/ooxml-support` links to it.
package func repairingStoredEntryChecksums(_ input: [UInt8]) -> [UInt8] {
    var bytes = input
    func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
    func u32(_ at: Int) -> Int? { guard let low = u16(at), let high = u16(at + 2) else { return nil }; return low | high << 16 }
    func put32(_ value: UInt32, _ at: Int) { for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) } }
    // The end-of-central-directory record, searched for from the end.
    guard bytes.count >= 22 else { return bytes }
    var end = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 65_535)
    while end >= lowest, u32(end) != 0x0605_4b50 { end -= 1 }
    guard end >= lowest, let count = u16(end + 10), var entry = u32(end + 16) else { return bytes }
    for _ in 0..<count {
        guard u32(entry) == 0x0201_4b50, let method = u16(entry + 10), let size = u32(entry + 20),
              let nameLength = u16(entry + 28), let extraLength = u16(entry + 30), let commentLength = u16(entry + 32),
              let local = u32(entry + 42) else { break }
        if method == 0, u32(local) == 0x0403_4b50, let localName = u16(local + 26), let localExtra = u16(local + 28) {
            let start = local + 30 + localName + localExtra
            if start + size <= bytes.count {
                let checksum = CRC32.checksum(bytes[start..<start + size])
                put32(checksum, entry + 16)
                put32(checksum, local + 14)
            }
        }
        entry += 46 + nameLength + extraLength + commentLength
    }
    return bytes
}
