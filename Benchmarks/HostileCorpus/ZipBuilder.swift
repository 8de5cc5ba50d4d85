/// Builds ZIP archives byte by byte for tests: well-formed packages from XML strings, and
/// hostile ones (bad names, encryption flags, lying sizes, deflate bombs).
package struct ZipBuilder {
    package struct Item {
        package var name: String
        package var data: [UInt8]
        /// 0 stored, 8 deflate (then `data` is the raw deflate stream).
        package var method: UInt16 = 0
        package var flags: UInt16 = 0
        /// The uncompressed size and CRC to declare; computed from `data` for stored entries.
        package var uncompressedSize: UInt32?
        package var crc: UInt32?

        package init(name: String, data: [UInt8], method: UInt16 = 0, flags: UInt16 = 0, uncompressedSize: UInt32? = nil, crc: UInt32? = nil) {
            self.name = name
            self.data = data
            self.method = method
            self.flags = flags
            self.uncompressedSize = uncompressedSize
            self.crc = crc
        }
    }

    package var items: [Item] = []

    package init() {}

    package mutating func add(_ name: String, _ text: String) {
        items.append(Item(name: name, data: Array(text.utf8)))
    }

    package mutating func add(_ item: Item) {
        items.append(item)
    }

    /// The archive: local headers and data, the central directory, the end record.
    package func build() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for item in items {
            let offset = UInt32(out.count)
            let name = Array(item.name.utf8)
            let crc = item.crc ?? CRC32.checksum(item.data)
            let size = item.uncompressedSize ?? UInt32(item.data.count)
            var local: [UInt8] = []
            local.le32(0x0403_4B50); local.le16(20); local.le16(item.flags); local.le16(item.method)
            local.le16(0); local.le16(0x21); local.le32(crc); local.le32(UInt32(item.data.count)); local.le32(size)
            local.le16(UInt16(name.count)); local.le16(0)
            out += local + name + item.data
            central.le32(0x0201_4B50); central.le16(20); central.le16(20); central.le16(item.flags); central.le16(item.method)
            central.le16(0); central.le16(0x21); central.le32(crc); central.le32(UInt32(item.data.count)); central.le32(size)
            central.le16(UInt16(name.count)); central.le16(0); central.le16(0); central.le16(0); central.le16(0)
            central.le32(0); central.le32(offset)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out.le32(0x0605_4B50); out.le16(0); out.le16(0)
        out.le16(UInt16(items.count)); out.le16(UInt16(items.count))
        out.le32(UInt32(central.count)); out.le32(centralOffset); out.le16(0)
        return out
    }

    /// A raw deflate stream (fixed Huffman codes) of `count` zero bytes: one literal, then
    /// back-references of 258 bytes at distance 1, about 160 times smaller than its output.
    package static func deflatedZeros(_ count: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)          // BFINAL
        bits.write(1, count: 2)          // BTYPE = 01, fixed Huffman
        bits.writeCode(0x30, length: 8)  // literal 0
        var remaining = count - 1
        while remaining >= 258 {
            bits.writeCode(0xC5, length: 8)  // length symbol 285 = 258
            bits.writeCode(0, length: 5)     // distance code 0 = 1
            remaining -= 258
        }
        for _ in 0..<remaining { bits.writeCode(0x30, length: 8) }
        bits.writeCode(0, length: 7)     // end of block (256)
        return bits.bytes
    }
}

/// Builds gzip files (RFC 1952) of one member for tests: the fixed header (deflate, no flags, no
/// time, Unix), the deflate data, the trailer.
package enum GzipBuilder {
    /// A member holding `deflate` (raw deflate data) with `crc` and `length` in its trailer.
    package static func member(deflate: [UInt8], crc: UInt32, length: UInt32) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        out += deflate
        out.le32(crc)
        out.le32(length)
        return out
    }

    /// `bytes` in one stored (uncompressed) deflate block, with their CRC-32 and length: what
    /// gzip makes of data it cannot compress, made without a compressor.
    package static func stored(_ bytes: [UInt8]) -> [UInt8] {
        precondition(bytes.count < 65_536, "GzipBuilder.stored: one stored block holds at most 65,535 bytes")
        var block: [UInt8] = [1]  // BFINAL, BTYPE = 00 (stored)
        block.le16(UInt16(bytes.count))
        block.le16(~UInt16(bytes.count))
        return member(deflate: block + bytes, crc: CRC32.checksum(bytes), length: UInt32(bytes.count))
    }
}

private struct BitWriter {
    var bytes: [UInt8] = []
    private var bitCount = 0

    /// Writes `value`'s low `count` bits, least significant first (header fields, extra bits).
    mutating func write(_ value: Int, count: Int) {
        for i in 0..<count {
            if bitCount % 8 == 0 { bytes.append(0) }
            if value >> i & 1 == 1 { bytes[bytes.count - 1] |= UInt8(1 << (bitCount % 8)) }
            bitCount += 1
        }
    }

    /// Writes a Huffman code, most significant bit first.
    mutating func writeCode(_ code: Int, length: Int) {
        for i in stride(from: length - 1, through: 0, by: -1) { write(code >> i & 1, count: 1) }
    }
}

private extension Array where Element == UInt8 {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for i in 0..<4 { append(UInt8(v >> (8 * UInt32(i)) & 0xFF)) } }
}
