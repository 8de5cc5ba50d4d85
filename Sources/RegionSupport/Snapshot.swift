public import Foundation

/// The manifest of a snapshot folder (`manifest.json`): one entry per file with the URL it
/// stands for, its media type and charset, its SHA-256, and how it was made.
public struct SnapshotManifest: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable {
        public var file: String
        public var url: String
        public var mediaType: String
        public var charset: String?
        public var role: SourceRole?
        public var sha256: String
        /// `"reconstruction"` (rebuilt from public text, not a download) or `"download"`.
        public var origin: String
        /// When it was downloaded, for `"download"` entries (ISO 8601).
        public var retrieved: String?
        public var note: String?
    }

    public var region: String
    public var description: String
    public var files: [Entry]
}

/// Why a snapshot could not be loaded.
public enum SnapshotError: Error, Sendable, CustomStringConvertible {
    case missingManifest(URL)
    case badManifest(URL, String)
    case missingFile(String, in: URL)
    case checksumMismatch(file: String, expected: String, actual: String)

    public var description: String {
        switch self {
        case let .missingManifest(url): "no manifest.json in \(url.path)"
        case let .badManifest(url, reason): "\(url.path): unreadable manifest: \(reason)"
        case let .missingFile(file, folder): "\(folder.path): the manifest lists \(file), which is missing"
        case let .checksumMismatch(file, expected, actual):
            "\(file): SHA-256 is \(actual) but the manifest says \(expected); the snapshot was changed without updating its manifest"
        }
    }
}

/// A snapshot folder read from disk: its manifest and the bytes of every file, each checked
/// against the manifest's SHA-256.
public struct Snapshot: Sendable {
    public var manifest: SnapshotManifest
    public var documents: [RawDocument]

    /// Reads `directory/manifest.json` and the files it lists.
    public init(directory: URL) throws(SnapshotError) {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else { throw .missingManifest(directory) }
        do {
            manifest = try JSONDecoder().decode(SnapshotManifest.self, from: data)
        } catch {
            throw .badManifest(manifestURL, String(describing: error))
        }
        var documents: [RawDocument] = []
        for entry in manifest.files {
            guard let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(entry.file).path) else {
                throw .missingFile(entry.file, in: directory)
            }
            let actual = SHA256.hex(of: bytes)
            guard actual == entry.sha256.lowercased() else {
                throw .checksumMismatch(file: entry.file, expected: entry.sha256, actual: actual)
            }
            documents.append(RawDocument(
                url: entry.url, bytes: [UInt8](bytes), mediaType: entry.mediaType, charset: entry.charset,
                role: entry.role, origin: entry.origin, retrieved: entry.retrieved, note: entry.note
            ))
        }
        self.documents = documents
    }
}

/// Why a module's bundled snapshot could not be read.
public enum BundledSnapshotError: Error, Sendable, CustomStringConvertible {
    case noBundledSnapshot(region: String)
    case snapshot(SnapshotError)
    case document(DocumentError)

    public var description: String {
        switch self {
        case let .noBundledSnapshot(region): "the module for '\(region)' ships no bundled snapshot"
        case let .snapshot(error): error.description
        case let .document(error): error.description
        }
    }
}

extension RegionModule {
    /// Reads and parses the module's bundled snapshot (checking every file's SHA-256).
    public func bundledDocuments() throws(BundledSnapshotError) -> DocumentSet {
        guard let folder = bundledSnapshot else { throw .noBundledSnapshot(region: region.id) }
        let snapshot: Snapshot
        do { snapshot = try Snapshot(directory: folder) } catch { throw .snapshot(error) }
        do { return try DocumentSet(parsing: snapshot.documents) } catch { throw .document(error) }
    }
}
