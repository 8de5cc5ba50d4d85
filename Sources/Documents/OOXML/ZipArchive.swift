import Foundation
import ZIPFoundation
import Markup

/// A ZIP archive held in memory and checked before anything is inflated.
///
/// The central directory is read by this type (not trusted to a library): entry count, names,
/// encryption flags, declared sizes and ratios, and that every entry's data lies inside the
/// bytes. Only entries that are asked for are inflated, through ZIPFoundation's deflate, with
/// the output counted as it comes, so an entry that lies about its size is stopped at the lie.
package struct ZipArchive {
    package struct Entry {
        package var name: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    let bytes: [UInt8]
    /// Checked against ``ParseLimits/zipEntries``, ``ParseLimits/zipEntryBytes``,
    /// ``ParseLimits/zipTotalBytes`` and ``ParseLimits/zipCompressionRatio``.
    package let limits: ParseLimits
    /// Entries smaller than this are not ratio-checked: they cannot exhaust memory.
    static let ratioCheckMinimumBytes = 1 << 20
    /// Entries in central-directory order.
    package let entries: [Entry]
    /// Lowercased name → index into `entries`.
    private let index: [String: Int]

    package init(bytes: [UInt8], limits: ParseLimits = ParseLimits()) throws(OOXMLError) {
        self.bytes = bytes
        self.limits = limits
        let entries = try Self.readCentralDirectory(bytes, limits: limits)
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() {
            let key = entry.name.lowercased()
            guard index[key] == nil else { throw .duplicateEntry(entry.name) }
            index[key] = i
        }
        self.entries = entries
        self.index = index
    }

    /// The entry named `name` (case-insensitive, as OPC part names are), if any.
    func entry(named name: String) -> Entry? {
        index[name.lowercased()].map { entries[$0] }
    }

    // MARK: - Central directory

    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let centralHeaderSignature: UInt32 = 0x0201_4B50
    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50

    private static func readCentralDirectory(_ b: [UInt8], limits: ParseLimits) throws(OOXMLError) -> [Entry] {
        let reader = ByteReader(b)
        if b.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            throw ByteReader.contains(b, marker) ? .passwordProtected : .legacyBinaryFormat
        }
        guard let end = findEndOfCentralDirectory(b) else {
            if b.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                throw .truncated(detail: "no end-of-central-directory record (the file was cut off)")
            }
            throw .notAZipArchive
        }
        guard reader.u16(end + 4) == 0, reader.u16(end + 6) == 0 else {
            throw .unsupportedArchive(reason: "split (multi-disk) archives are not read")
        }
        var count = UInt64(reader.u16(end + 10))
        var directorySize = UInt64(reader.u32(end + 12))
        var directoryOffset = UInt64(reader.u32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF,
           end >= 20, reader.u32(end - 20) == zip64LocatorSignature {
            let recordOffset = reader.u64(end - 20 + 8)
            guard recordOffset < UInt64(b.count), let record = Int(exactly: recordOffset), reader.has(record, 56),
                  reader.u32(record) == zip64EndSignature else {
                throw .truncated(detail: "the ZIP64 end-of-central-directory record is missing")
            }
            count = reader.u64(record + 32)
            directorySize = reader.u64(record + 40)
            directoryOffset = reader.u64(record + 48)
        }
        guard count <= UInt64(limits.zipEntries) else {
            throw .limitExceeded(LimitExceeded(.zipEntries, value: Int(clamping: count), maximum: limits.zipEntries))
        }
        guard directoryOffset <= UInt64(end), directorySize <= UInt64(end) - directoryOffset else {
            throw .truncated(detail: "the central directory lies outside the file")
        }

        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        var position = Int(directoryOffset)
        var total: UInt64 = 0
        for _ in 0..<count {
            guard reader.has(position, 46), reader.u32(position) == centralHeaderSignature else {
                throw .truncated(detail: "central directory entry \(entries.count + 1) of \(count) is missing")
            }
            let nameLength = Int(reader.u16(position + 28))
            let extraLength = Int(reader.u16(position + 30))
            let commentLength = Int(reader.u16(position + 32))
            guard reader.has(position + 46, nameLength + extraLength + commentLength) else {
                throw .truncated(detail: "central directory entry \(entries.count + 1) is cut off")
            }
            let name = String(decoding: b[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            var entry = Entry(
                name: name,
                flags: reader.u16(position + 8),
                method: reader.u16(position + 10),
                crc32: reader.u32(position + 16),
                compressedSize: UInt64(reader.u32(position + 20)),
                uncompressedSize: UInt64(reader.u32(position + 24)),
                localHeaderOffset: UInt64(reader.u32(position + 42))
            )
            applyZip64Extra(reader, at: position + 46 + nameLength, length: extraLength, to: &entry)
            try checkName(name)
            if entry.flags & 0x0041 != 0 { throw .encryptedEntry(part: name) }
            total += entry.uncompressedSize
            guard total <= UInt64(limits.zipTotalBytes) else {
                throw .limitExceeded(LimitExceeded(.zipTotalBytes, value: Int(clamping: total), maximum: limits.zipTotalBytes))
            }
            try checkLocalHeader(reader, entry)
            entries.append(entry)
            position += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// The offset of the end-of-central-directory record, searched backwards over the comment.
    private static func findEndOfCentralDirectory(_ b: [UInt8]) -> Int? {
        guard b.count >= 22 else { return nil }
        let reader = ByteReader(b)
        let lowest = max(0, b.count - 22 - 0xFFFF)
        var position = b.count - 22
        while position >= lowest {
            if b[position] == 0x50, reader.u32(position) == endSignature,
               position + 22 + Int(reader.u16(position + 20)) <= b.count {
                return position
            }
            position -= 1
        }
        return nil
    }

    private static func applyZip64Extra(_ reader: ByteReader, at start: Int, length: Int, to entry: inout Entry) {
        var position = start
        while position + 4 <= start + length {
            let id = reader.u16(position)
            let size = Int(reader.u16(position + 2))
            let body = position + 4
            guard body + size <= start + length else { return }
            if id == 0x0001 {
                var field = body
                func next() -> UInt64? {
                    guard field + 8 <= body + size else { return nil }
                    defer { field += 8 }
                    return reader.u64(field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let v = next() { entry.uncompressedSize = v }
                if entry.compressedSize == 0xFFFF_FFFF, let v = next() { entry.compressedSize = v }
                if entry.localHeaderOffset == 0xFFFF_FFFF, let v = next() { entry.localHeaderOffset = v }
                return
            }
            position = body + size
        }
    }

    /// Refuses names that would escape a folder if anyone ever extracted them: absolute paths,
    /// drive letters, `..` components, NUL bytes.
    static func checkName(_ name: String) throws(OOXMLError) {
        let scalars = Array(name.unicodeScalars)
        if name.isEmpty || name.contains("\0") { throw .unsafeEntryName(name) }
        if name.hasPrefix("/") || name.hasPrefix("\\") { throw .unsafeEntryName(name) }
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { throw .unsafeEntryName(name) }
        let components = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if components.contains("..") { throw .unsafeEntryName(name) }
    }

    private static func checkLocalHeader(_ reader: ByteReader, _ entry: Entry) throws(OOXMLError) {
        guard let offset = Int(exactly: entry.localHeaderOffset), reader.has(offset, 30),
              reader.u32(offset) == localHeaderSignature else {
            throw .truncated(detail: "the local header of '\(entry.name)' is missing")
        }
        if reader.u16(offset + 6) & 0x0041 != 0 { throw .encryptedEntry(part: entry.name) }
        let dataStart = offset + 30 + Int(reader.u16(offset + 26)) + Int(reader.u16(offset + 28))
        guard entry.compressedSize <= UInt64(Int.max), reader.has(dataStart, Int(entry.compressedSize)) else {
            throw .truncated(detail: "the data of '\(entry.name)' is cut off")
        }
    }

    private func dataStart(of entry: Entry) -> Int {
        let reader = ByteReader(bytes)
        let offset = Int(entry.localHeaderOffset)
        return offset + 30 + Int(reader.u16(offset + 26)) + Int(reader.u16(offset + 28))
    }

    // MARK: - Inflating

    /// The inflated bytes of `entry`. `budget` is what may still be inflated in this package;
    /// it is reduced by what this entry takes.
    package func contents(of entry: Entry, budget: inout Int) throws(OOXMLError) -> [UInt8] {
        let name = entry.name
        guard entry.uncompressedSize <= UInt64(limits.zipEntryBytes) else {
            throw .limitExceeded(LimitExceeded(.zipEntryBytes, value: Int(clamping: entry.uncompressedSize), maximum: limits.zipEntryBytes, location: name))
        }
        guard entry.uncompressedSize <= UInt64(budget) else {
            throw .limitExceeded(LimitExceeded(
                .zipTotalBytes, value: Int(clamping: UInt64(limits.zipTotalBytes - budget) + entry.uncompressedSize), maximum: limits.zipTotalBytes
            ))
        }
        if entry.uncompressedSize >= UInt64(Self.ratioCheckMinimumBytes) {
            let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
            guard ratio <= UInt64(limits.zipCompressionRatio) else {
                throw .limitExceeded(LimitExceeded(.zipCompressionRatio, value: Int(clamping: ratio), maximum: limits.zipCompressionRatio, location: name))
            }
        }
        let start = dataStart(of: entry)
        let compressed = bytes[start..<(start + Int(entry.compressedSize))]
        let expected = Int(entry.uncompressedSize)
        var output: [UInt8]
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw .corruptEntry(part: name, reason: "a stored entry's compressed and uncompressed sizes differ")
            }
            output = Array(compressed)
            checksum = Data(compressed).crc32(checksum: 0)
        case 8:
            guard !compressed.isEmpty else { throw .corruptEntry(part: name, reason: "the deflate stream is empty") }
            do {
                (output, checksum) = try RawInflate.inflate(compressed, maximumBytes: expected, expectedBytes: expected)
            } catch {
                switch error {
                case .inputEnded: throw .corruptEntry(part: name, reason: "the deflate stream ends before its end marker")
                case .overCap: throw .corruptEntry(part: name, reason: "inflates to more than its declared \(expected) bytes")
                case .invalid: throw .corruptEntry(part: name, reason: "the deflate stream is invalid")
                }
            }
        default:
            throw .unsupportedCompression(part: name, method: Int(entry.method))
        }
        guard output.count == expected else {
            throw .corruptEntry(part: name, reason: "inflates to \(output.count) bytes, not the declared \(expected)")
        }
        guard checksum == entry.crc32 else {
            throw .corruptEntry(part: name, reason: "CRC-32 mismatch")
        }
        budget -= output.count
        return output
    }
}

/// Little-endian reads with bounds checks.
private struct ByteReader {
    let b: [UInt8]
    init(_ b: [UInt8]) { self.b = b }

    func has(_ offset: Int, _ count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= b.count && count <= b.count - offset
    }

    func u16(_ o: Int) -> UInt16 {
        guard has(o, 2) else { return 0 }
        return UInt16(b[o]) | UInt16(b[o + 1]) << 8
    }

    func u32(_ o: Int) -> UInt32 {
        guard has(o, 4) else { return 0 }
        return UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }

    func u64(_ o: Int) -> UInt64 {
        UInt64(u32(o)) | UInt64(u32(o + 4)) << 32
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
