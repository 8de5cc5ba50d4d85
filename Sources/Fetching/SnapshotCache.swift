public import Foundation
import RegionSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local cache `rus fetch` fills: content-addressed files plus one manifest per region.
///
/// ```
/// <root>/objects/ab/ab12…ef     the bytes of every version ever fetched, named by SHA-256
/// <root>/regions/<id>/manifest.json
/// <root>/tmp/                   downloads in progress (never referenced by a manifest)
/// <root>/lock                   held while a manifest is read, changed and written
/// ```
///
/// Crash safety: a body is streamed into `tmp/`, flushed to disk, then renamed into `objects/`
/// (a rename is atomic, and equal content has an equal name, so two runs writing the same file
/// cannot clash); only then is the manifest changed, itself written to a temporary file, flushed
/// and renamed over the old one. A run killed at any moment leaves at worst a stray file in
/// `tmp/` (removed by a later run) or an object no manifest names yet; never a manifest naming
/// a missing or partial file. Manifest changes are made under an exclusive `flock` on `lock`,
/// re-reading the manifest first, so two `rus fetch` runs at once merge their results.
public struct SnapshotCache: Sendable {
    /// The cache folder.
    public let root: URL

    /// The cache in `root` (created by ``prepare(staleAfter:)``).
    public init(root: URL) {
        self.root = root
    }

    /// `$XDG_CACHE_HOME/regional-strategies` (else `~/.cache/regional-strategies`) on Linux,
    /// `~/Library/Caches/regional-strategies` on macOS.
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        #if os(macOS)
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent("Library/Caches/regional-strategies", isDirectory: true)
        #else
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("regional-strategies", isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/regional-strategies", isDirectory: true)
        #endif
    }

    var objects: URL { root.appendingPathComponent("objects", isDirectory: true) }
    var temporary: URL { root.appendingPathComponent("tmp", isDirectory: true) }

    /// The folder of region `id`'s manifest.
    public func regionFolder(_ id: String) -> URL {
        root.appendingPathComponent("regions", isDirectory: true).appendingPathComponent(id, isDirectory: true)
    }

    /// The file holding the bytes with `sha256`.
    public func objectFile(_ sha256: String) -> URL {
        objects.appendingPathComponent(String(sha256.prefix(2)), isDirectory: true).appendingPathComponent(sha256)
    }

    /// Creates the folders, and removes downloads left in `tmp/` by runs that were killed
    /// (files older than `staleAfter` seconds; a live run's downloads are younger).
    public func prepare(staleAfter: TimeInterval = 3600) throws(CacheError) {
        for folder in [objects, temporary, root.appendingPathComponent("regions", isDirectory: true)] {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw .io(path: folder.path, reason: error.localizedDescription)
            }
        }
        let now = Date()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] {
            let path = temporary.appendingPathComponent(name).path
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
            if let modified, now.timeIntervalSince(modified) > staleAfter { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// A new file name in `tmp/` for a download.
    public func temporaryFile() -> URL {
        temporary.appendingPathComponent("\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).part")
    }

    /// Moves a finished, flushed download into `objects/` under its SHA-256 (dropping it if
    /// that content is already there).
    public func store(_ file: URL, sha256: String) throws(CacheError) {
        let target = objectFile(sha256)
        let folder = target.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .io(path: folder.path, reason: error.localizedDescription)
        }
        if FileManager.default.fileExists(atPath: target.path) {
            try? FileManager.default.removeItem(at: file)
            return
        }
        guard rename(file.path, target.path) == 0 else { throw .io(path: target.path, reason: Self.errnoText()) }
        Self.syncFolder(folder)
    }

    /// Region `id`'s manifest (empty when the region was never fetched).
    public func manifest(region id: String) throws(CacheError) -> CacheManifest {
        let file = regionFolder(id).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return CacheManifest(region: id) }
        do {
            let manifest = try JSONDecoder().decode(CacheManifest.self, from: data)
            guard manifest.format == CacheManifest.currentFormat else {
                throw CacheError.badManifest(path: file.path, reason: "format \(manifest.format), this version reads \(CacheManifest.currentFormat)")
            }
            return manifest
        } catch let error as CacheError {
            throw error
        } catch {
            throw .badManifest(path: file.path, reason: String(describing: error))
        }
    }

    /// Changes region `id`'s manifest under the cache lock: reads the current file (another run
    /// may have changed it), applies `change`, writes it atomically.
    public func updateManifest(region id: String, _ change: (inout CacheManifest) -> Void) throws(CacheError) {
        let lock = try Lock(root.appendingPathComponent("lock"))
        defer { lock.unlock() }
        var manifest = try self.manifest(region: id)
        change(&manifest)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(manifest) } catch { throw .io(path: id, reason: String(describing: error)) }
        let folder = regionFolder(id)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .io(path: folder.path, reason: error.localizedDescription)
        }
        try writeAtomically(data, to: folder.appendingPathComponent("manifest.json"))
    }

    /// The bytes of `entry`'s current version, checked against its SHA-256.
    public func bytes(of entry: CacheEntry) throws(CacheError) -> [UInt8] {
        try bytes(sha256: entry.sha256, url: entry.url)
    }

    /// The bytes with `sha256`, checked.
    public func bytes(sha256: String, url: String) throws(CacheError) -> [UInt8] {
        let file = objectFile(sha256)
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .missingObject(url: url, sha256: sha256) }
        let bytes = [UInt8](data)
        let actual = SHA256.hex(of: bytes)
        guard actual == sha256 else { throw .checksumMismatch(url: url, expected: sha256, actual: actual) }
        return bytes
    }

    /// Every problem in the cache: manifests that cannot be read, and entries (current or
    /// earlier versions) whose file is missing or does not match its SHA-256. Empty when sound.
    public func verify() -> [CacheError] {
        let regions = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("regions").path)) ?? []
        var problems: [CacheError] = []
        for region in regions.sorted() {
            let manifest: CacheManifest
            do { manifest = try self.manifest(region: region) } catch { problems.append(error); continue }
            for entry in manifest.entries {
                for sha in [entry.sha256] + entry.history.map(\.sha256) {
                    do { _ = try bytes(sha256: sha, url: entry.url) } catch { problems.append(error) }
                }
            }
        }
        return problems
    }

    func writeAtomically(_ data: Data, to target: URL) throws(CacheError) {
        let temporaryFile = temporaryFile()
        let fd = open(temporaryFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io(path: temporaryFile.path, reason: Self.errnoText()) }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written, synced else {
            let reason = Self.errnoText()
            unlink(temporaryFile.path)
            throw .io(path: temporaryFile.path, reason: reason)
        }
        guard rename(temporaryFile.path, target.path) == 0 else {
            let reason = Self.errnoText()
            unlink(temporaryFile.path)
            throw .io(path: target.path, reason: reason)
        }
        Self.syncFolder(target.deletingLastPathComponent())
    }

    static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// An exclusive `flock` on a file, released by `unlock()` (or when the process dies).
    struct Lock {
        let fd: Int32

        init(_ file: URL) throws(CacheError) {
            fd = open(file.path, O_RDWR | O_CREAT, 0o644)
            guard fd >= 0 else { throw .io(path: file.path, reason: SnapshotCache.errnoText()) }
            while flock(fd, LOCK_EX) != 0 {
                if errno == EINTR { continue }
                let reason = SnapshotCache.errnoText()
                close(fd)
                throw .io(path: file.path, reason: "cannot lock: \(reason)")
            }
        }

        func unlock() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}

/// What is wrong with the cache, or could not be done in it.
public enum CacheError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file or folder could not be written or read.
    case io(path: String, reason: String)
    /// A manifest that does not decode, or is of another format.
    case badManifest(path: String, reason: String)
    /// The manifest names a file that is not there.
    case missingObject(url: String, sha256: String)
    /// A file whose bytes no longer match the SHA-256 it is named by.
    case checksumMismatch(url: String, expected: String, actual: String)

    /// One line: what is wrong and where.
    public var description: String {
        switch self {
        case let .io(path, reason): "\(path): \(reason)"
        case let .badManifest(path, reason): "\(path): unreadable cache manifest: \(reason)"
        case let .missingObject(url, sha): "cache: the file for \(url) (SHA-256 \(sha)) is missing"
        case let .checksumMismatch(url, expected, actual):
            "cache: the file for \(url) has SHA-256 \(actual), not \(expected) as the manifest says"
        }
    }
}
