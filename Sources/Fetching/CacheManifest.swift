/// What the cache knows about one region: per URL, where it led, what came back, when, and the
/// SHA-256 of every version seen. `regions/<id>/manifest.json` in the cache folder.
public struct CacheManifest: Codable, Sendable, Hashable {
    /// Bumped when the layout changes incompatibly.
    public static let currentFormat = 1

    /// The manifest layout version (``currentFormat`` when written by this library).
    public var format: Int
    /// The region id (`kalmar`).
    public var region: String
    /// Sorted by URL.
    public var entries: [CacheEntry]

    /// An empty manifest, or one with `entries`.
    public init(region: String, entries: [CacheEntry] = []) {
        self.format = Self.currentFormat
        self.region = region
        self.entries = entries
    }

    /// The entry for `url`.
    public func entry(for url: String) -> CacheEntry? {
        entries.first { $0.url == url }
    }

    /// Replaces or adds `entry`, keeping the entries sorted by URL.
    public mutating func upsert(_ entry: CacheEntry) {
        entries.removeAll { $0.url == entry.url }
        entries.append(entry)
        entries.sort { $0.url < $1.url }
    }
}

/// One URL in the cache. Times are ISO 8601 (UTC, seconds).
public struct CacheEntry: Codable, Sendable, Hashable {
    /// The URL asked for (a source's URL, or one found by discovery).
    public var url: String
    /// Where it led after redirects.
    public var finalURL: String
    /// The source role, for a module's listed sources; `nil` for discovered pages.
    public var role: String?
    /// How it was found: `"source"` (listed by the module), `"sitemap"` or `"feed"`.
    public var foundVia: String
    /// The status of the last response that brought content (200, or 304 when checked since).
    public var status: Int
    /// The media type the parsers are told: the `Content-Type` when it agrees with the content,
    /// else what the content is (see `declaredContentType`).
    public var mediaType: String?
    /// The charset from `Content-Type`, passed on to the parsers (which still prefer a BOM).
    public var charset: String?
    /// The `Content-Type` header exactly as sent, if any.
    public var declaredContentType: String?
    /// Validators for the next conditional request.
    public var etag: String?
    /// `Last-Modified` as the server sent it, sent back as `If-Modified-Since`.
    public var lastModified: String?
    /// When this URL was first fetched.
    public var firstSeen: String
    /// When it was last fetched or checked (a 304 updates this).
    public var lastFetched: String
    /// When its content last changed (or was first seen).
    public var lastChanged: String
    /// The current content: SHA-256 and size. The file is `objects/<first 2>/<sha256>`.
    public var sha256: String
    /// Its size in bytes.
    public var size: Int
    /// Earlier contents, newest first; their files are kept for diffs over time.
    public var history: [CacheVersion]
    /// Why the fetcher chose a media type other than the declared one, and similar remarks.
    public var note: String?

    /// An entry with every field given.
    public init(
        url: String, finalURL: String, role: String?, foundVia: String, status: Int, mediaType: String?, charset: String?,
        declaredContentType: String?, etag: String?, lastModified: String?, firstSeen: String, lastFetched: String,
        lastChanged: String, sha256: String, size: Int, history: [CacheVersion] = [], note: String? = nil
    ) {
        self.url = url
        self.finalURL = finalURL
        self.role = role
        self.foundVia = foundVia
        self.status = status
        self.mediaType = mediaType
        self.charset = charset
        self.declaredContentType = declaredContentType
        self.etag = etag
        self.lastModified = lastModified
        self.firstSeen = firstSeen
        self.lastFetched = lastFetched
        self.lastChanged = lastChanged
        self.sha256 = sha256
        self.size = size
        self.history = history
        self.note = note
    }
}

/// An earlier content of a URL.
public struct CacheVersion: Codable, Sendable, Hashable {
    /// SHA-256 of that content; the file is `objects/<first 2>/<sha256>`.
    public var sha256: String
    /// Its size in bytes.
    public var size: Int
    /// The media type it was read as.
    public var mediaType: String?
    /// The charset it was served with, if any.
    public var charset: String?
    /// When this content was first fetched, and when it was replaced.
    public var firstFetched: String
    /// When a different content replaced it.
    public var replaced: String

    /// An earlier version with every field given.
    public init(sha256: String, size: Int, mediaType: String?, charset: String?, firstFetched: String, replaced: String) {
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.charset = charset
        self.firstFetched = firstFetched
        self.replaced = replaced
    }
}
