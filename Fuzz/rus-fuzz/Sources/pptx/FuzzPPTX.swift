import Documents
import OOXMLFuzzSupport

/// .pptx: `OfficeReader().read` (the package is told apart by its main part's content type,
/// so the seeds, not the code, make this the .pptx target), then the outline of what was read.
/// The CRC-32s of stored entries are made right first, so that mutations inside a part reach
/// its XML (see ``repairingStoredEntryChecksums(_:)``).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPPTX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = repairingStoredEntryChecksums(Array(UnsafeBufferPointer(start: data, count: size)))
    if let document = try? OfficeReader().read(bytes, url: "https://example.org/files/document.pptx") {
        _ = document.outline(url: "https://example.org/files/document.pptx").dump
    }
    return 0
}
