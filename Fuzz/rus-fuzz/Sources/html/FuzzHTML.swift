import Documents

/// HTML page: `HTMLPageReader().read`, then the outline's dump (which walks every block).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let outline = try? HTMLPageReader().read(bytes, url: "https://example.org/a/page.html") {
        _ = outline.dump
    }
    return 0
}
