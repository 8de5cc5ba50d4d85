import Foundation
import ZIPFoundation

/// Raw deflate data (RFC 1951) inflated through ZIPFoundation's zlib path, within a cap: the one
/// inflation of the ZIP entries (``ZipArchive``) and of gzip files (``Gzip``).
enum RawInflate {
    /// Why the data did not inflate.
    enum Failure: Error {
        /// The data ends before its end marker.
        case inputEnded
        /// It inflates to more than the cap: at least this many bytes.
        case overCap(Int)
        /// It is not valid deflate data.
        case invalid
    }

    /// What `compressed` (not empty) inflates to, at most `maximumBytes` of it, and its CRC-32;
    /// `expectedBytes` (a size the container declares, within the cap) is reserved up front.
    static func inflate(_ compressed: ArraySlice<UInt8>, maximumBytes: Int, expectedBytes: Int) throws(Failure) -> (bytes: [UInt8], crc32: UInt32) {
        precondition(!compressed.isEmpty, "RawInflate.inflate: no data")
        var output: [UInt8] = []
        output.reserveCapacity(min(max(expectedBytes, 0), maximumBytes))
        do {
            // The whole data goes in as one chunk of exactly the buffer size: ZIPFoundation's
            // zlib path tells zlib the buffer size, not the chunk's, so a shorter chunk would be
            // read past its end. Asking for more than the data holds means it was cut off.
            let crc = try Data.decompress(
                size: Int64(compressed.count), bufferSize: compressed.count, skipCRC32: false,
                provider: { position, size in
                    let from = compressed.startIndex + Int(position)
                    guard from < compressed.endIndex else { throw Stop.inputEnded }
                    return Data(compressed[from..<min(from + size, compressed.endIndex)])
                },
                consumer: { chunk in
                    guard output.count + chunk.count <= maximumBytes else { throw Stop.overCap(output.count + chunk.count) }
                    output.append(contentsOf: chunk)
                }
            )
            return (output, crc)
        } catch Stop.inputEnded {
            throw .inputEnded
        } catch Stop.overCap(let bytes) {
            throw .overCap(bytes)
        } catch {
            throw .invalid
        }
    }

    private enum Stop: Error {
        case inputEnded
        case overCap(Int)
    }
}
