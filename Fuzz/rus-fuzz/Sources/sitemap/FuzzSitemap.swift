import Documents

/// Sitemap: `SitemapReader().read`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSitemap(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = try? SitemapReader().read(bytes, url: "https://example.org/sitemap.xml")
    return 0
}
