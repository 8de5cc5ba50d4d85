public import Foundation

/// The manifest of a snapshot folder (`manifest.json`): one entry per file with the URL it
/// stands for, its media type and charset, its SHA-256, and how it was made.
public struct SnapshotManifest: Codable, Sendable, Hashable {
    /// One file of the snapshot.
    public struct Entry: Codable, Sendable, Hashable {
        /// The file name, relative to the snapshot folder.
        public var file: String
        /// The URL the file stands for (where the document is published).
        public var url: String
        /// The media type to parse it as (`text/html`, `application/rss+xml`, …).
        public var mediaType: String
        /// The charset to read it with, as a transport would declare it (HTTP `Content-Type`), if any.
        public var charset: String?
        /// What the file holds for the module, if declared.
        public var role: SourceRole?
        /// Lowercase hex SHA-256 of the file; loading fails when the bytes differ.
        public var sha256: String
        /// `"reconstruction"` (rebuilt from public text, not a download) or `"download"`.
        public var origin: String
        /// When it was downloaded, for `"download"` entries (ISO 8601).
        public var retrieved: String?
        /// How the file was made or what to know about it.
        public var note: String?

        /// An entry with every field given.
        public init(
            file: String, url: String, mediaType: String, charset: String?, role: SourceRole?, sha256: String, origin: String,
            retrieved: String? = nil, note: String? = nil
        ) {
            self.file = file
            self.url = url
            self.mediaType = mediaType
            self.charset = charset
            self.role = role
            self.sha256 = sha256
            self.origin = origin
            self.retrieved = retrieved
            self.note = note
        }
    }

    /// The id of the region the snapshot is for.
    public var region: String
    /// What the snapshot is and how it was made.
    public var description: String
    /// The files, in the order they are read.
    public var files: [Entry]

    /// A manifest for `region`'s snapshot.
    public init(region: String, description: String, files: [Entry]) {
        self.region = region
        self.description = description
        self.files = files
    }
}

/// Why a snapshot could not be loaded.
public enum SnapshotError: Error, Sendable, CustomStringConvertible {
    /// The folder has no `manifest.json`.
    case missingManifest(URL)
    /// `manifest.json` could not be decoded; the string is the decoder's error.
    case badManifest(URL, String)
    /// The manifest lists a file that is not in the folder.
    case missingFile(String, in: URL)
    /// A file's SHA-256 differs from the manifest's: it was changed without updating the manifest.
    case checksumMismatch(file: String, expected: String, actual: String)

    /// What went wrong, with the folder or file.
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
    /// The decoded `manifest.json`.
    public var manifest: SnapshotManifest
    /// Every file's bytes with its URL, media type and role, in manifest order.
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
    /// The module's ``RegionModule/bundledSnapshot`` is `nil`.
    case noBundledSnapshot(region: String)
    /// The snapshot folder could not be read.
    case snapshot(SnapshotError)
    /// A file in the snapshot could not be parsed.
    case document(DocumentError)

    /// What went wrong.
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
