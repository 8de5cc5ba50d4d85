public import RegionSupport

/// A region's documents as the cache holds them, ready for ``/RegionSupport/DocumentSet/init(parsing:)``.
public struct CachedDocuments: Sendable {
    /// The current version of every cached source (and discovered page, when asked for), with
    /// the media type and charset it was served with, `origin` `"download"` and `retrieved`
    /// the time it was last fetched or confirmed unchanged.
    public var documents: [RawDocument]
    /// The sources the cache has no copy of (never fetched, or every fetch failed).
    public var missing: [SourceDescriptor]
}

extension SnapshotCache {
    /// The cached documents of `region`'s `sources` (in their order), each checked against its
    /// SHA-256; with `includeDiscovered`, then the pages discovery added (by URL).
    public func documents(region: String, sources: [SourceDescriptor], includeDiscovered: Bool = false) throws(CacheError) -> CachedDocuments {
        let manifest = try manifest(region: region)
        var documents: [RawDocument] = []
        var missing: [SourceDescriptor] = []
        for source in sources {
            guard let entry = manifest.entry(for: source.url) else { missing.append(source); continue }
            documents.append(try rawDocument(entry, role: source.role))
        }
        if includeDiscovered {
            let listed = Set(sources.map(\.url))
            for entry in manifest.entries where !listed.contains(entry.url) && entry.foundVia != "source" {
                documents.append(try rawDocument(entry, role: nil))
            }
        }
        return CachedDocuments(documents: documents, missing: missing)
    }

    func rawDocument(_ entry: CacheEntry, role: SourceRole?) throws(CacheError) -> RawDocument {
        var note = entry.finalURL == entry.url ? "fetched" : "fetched from \(entry.finalURL)"
        note += "; content unchanged since \(entry.lastChanged)"
        if entry.foundVia != "source" { note += "; found via the \(entry.foundVia)" }
        if let remark = entry.note { note += "; \(remark)" }
        return RawDocument(
            url: entry.url, bytes: try bytes(of: entry), mediaType: entry.mediaType, charset: entry.charset, role: role,
            origin: "download", retrieved: entry.lastFetched, note: note
        )
    }
}
