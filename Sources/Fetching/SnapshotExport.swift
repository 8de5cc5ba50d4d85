public import Foundation
public import RegionSupport

extension SnapshotCache {
    /// Writes `region`'s cached sources as a snapshot folder — each source's newest version
    /// under its `snapshotFile` name, and a `manifest.json` with URL, media type, charset,
    /// role, SHA-256, `origin` `"download"` and the time it was last fetched — ready to bundle
    /// with a region module (`Regions/<Name>/Sources/Snapshot`). Sources the cache lacks are
    /// left out and returned.
    @discardableResult
    public func exportSnapshot(region: String, sources: [SourceDescriptor], to folder: URL, description: String) throws(CacheError) -> [SourceDescriptor] {
        let manifest = try manifest(region: region)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .io(path: folder.path, reason: error.localizedDescription)
        }
        var files: [SnapshotManifest.Entry] = []
        var missing: [SourceDescriptor] = []
        for source in sources {
            guard let entry = manifest.entry(for: source.url) else { missing.append(source); continue }
            try writeAtomically(Data(try bytes(of: entry)), to: folder.appendingPathComponent(source.snapshotFile))
            let redirected = entry.finalURL == entry.url ? nil : "fetched from \(entry.finalURL)"
            files.append(SnapshotManifest.Entry(
                file: source.snapshotFile, url: source.url, mediaType: entry.mediaType ?? "application/octet-stream",
                charset: entry.charset, role: source.role, sha256: entry.sha256, origin: "download", retrieved: entry.lastFetched,
                note: [redirected, entry.note].compactMap { $0 }.joined(separator: "; ").nilIfEmpty
            ))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(SnapshotManifest(region: region, description: description, files: files)) } catch {
            throw .io(path: folder.path, reason: String(describing: error))
        }
        try writeAtomically(data + Data("\n".utf8), to: folder.appendingPathComponent("manifest.json"))
        return missing
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
