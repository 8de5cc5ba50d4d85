import Foundation
import RegionSupport

/// A snapshot folder read file by file, so that every missing file and every SHA-256 mismatch
/// is reported, not only the first (``/RegionSupport/Snapshot`` stops at the first).
struct SnapshotRead {
    var manifest: SnapshotManifest?
    /// The files that could be read, mismatched or not: the module is still run over them.
    var documents: [RawDocument] = []
    var failures: [ConformanceFailure] = []

    init(directory: URL, regionID: String) {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            failures.append(ConformanceFailure(.snapshot, path: manifestURL.path, "no manifest.json in the snapshot folder"))
            return
        }
        let manifest: SnapshotManifest
        do { manifest = try JSONDecoder().decode(SnapshotManifest.self, from: data) } catch {
            failures.append(ConformanceFailure(.snapshot, path: manifestURL.path, "unreadable manifest: \(error)"))
            return
        }
        self.manifest = manifest
        if manifest.region != regionID {
            failures.append(ConformanceFailure(.snapshot, path: "manifest.json", "the manifest is for region \"\(manifest.region)\", the module is \"\(regionID)\""))
        }
        if manifest.files.isEmpty {
            failures.append(ConformanceFailure(.snapshot, path: "manifest.json", "the manifest lists no files: save each source's page or feed into the folder and add an entry with its URL, media type, charset and SHA-256 (`shasum -a 256 FILE`)"))
        }
        for entry in manifest.files {
            guard let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(entry.file).path) else {
                failures.append(ConformanceFailure(.snapshot, path: entry.file, sourceURL: entry.url, "listed in manifest.json but missing from \(directory.path)"))
                continue
            }
            let actual = SHA256.hex(of: bytes)
            if actual != entry.sha256.lowercased() {
                failures.append(ConformanceFailure(.snapshot, path: entry.file, sourceURL: entry.url, "SHA-256 is \(actual) but manifest.json says \(entry.sha256): update the manifest when the file changes"))
            }
            documents.append(RawDocument(
                url: entry.url, bytes: [UInt8](bytes), mediaType: entry.mediaType, charset: entry.charset,
                role: entry.role, origin: entry.origin, retrieved: entry.retrieved, note: entry.note
            ))
        }
    }
}
