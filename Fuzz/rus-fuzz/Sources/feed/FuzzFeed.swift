import Documents

/// Feed: the whole input through `FeedReader().read`, and the same bytes through `FeedStream`
/// in small chunks (1 to 64 bytes, the size taken from the first byte, so libFuzzer explores
/// where chunks end).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeed(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = try? FeedReader().read(bytes, url: "https://example.org/feed/")
    let chunk = size > 0 ? Int(bytes[0] % 64) + 1 : 1
    let stream = FeedStream(url: "https://example.org/feed/")
    var offset = 0
    do {
        while offset < size {
            let end = min(size, offset + chunk)
            _ = try stream.consume(UnsafeBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
        _ = try stream.finish()
    } catch {
        // A typed FeedStreamError: a refused input, not a finding.
    }
    return 0
}
