public import Documents
public import StrategyModel

/// The parsed documents a region module reads: pages and feeds, each with where it came from.
public struct DocumentSet: Sendable {
    /// The documents, in the order the module's sources list them.
    public var documents: [SourceDocument]

    /// A set of documents already parsed.
    public init(_ documents: [SourceDocument]) {
        self.documents = documents
    }

    /// Parses raw documents (HTML or feeds, told apart by media type and content) within `limits`.
    /// Pure: bytes in, values out.
    public init(parsing raw: [RawDocument]) throws(DocumentError) {
        try self.init(parsing: raw, limits: ParseLimits())
    }

    /// Parses raw documents within `limits`.
    public init(parsing raw: [RawDocument], limits: ParseLimits) throws(DocumentError) {
        var parsed: [SourceDocument] = []
        for document in raw { parsed.append(try SourceDocument(parsing: document, limits: limits)) }
        self.documents = parsed
    }

    /// The HTML pages, in the order given.
    public var pages: [SourceDocument] { documents.filter { $0.page != nil } }
    /// The feeds, in the order given.
    public var feeds: [SourceDocument] { documents.filter { $0.feed != nil } }

    /// Documents with the given role.
    public func documents(withRole role: SourceRole) -> [SourceDocument] {
        documents.filter { $0.role == role }
    }

    /// The document published at `url`.
    public func document(at url: String) -> SourceDocument? {
        documents.first { $0.url == url }
    }

    /// Pages whose title or headings contain all of `words` (case-insensitive), best first:
    /// a match in the title or `h1` ranks above a match in a lower heading. Use this to find
    /// a page by what it is about rather than by its URL.
    public func pages(about words: [String]) -> [SourceDocument] {
        let scored: [(SourceDocument, Int)] = pages.compactMap { doc in
            guard let page = doc.page else { return nil }
            let title = Text.fold(page.title ?? "")
            let h1 = Text.fold(page.allSections.first { $0.level == 1 }?.heading ?? "")
            if words.allSatisfy({ h1.contains(Text.fold($0)) }) { return (doc, 3) }
            if words.allSatisfy({ title.contains(Text.fold($0)) }) { return (doc, 2) }
            let headings = page.allSections.compactMap(\.heading).map(Text.fold)
            if words.allSatisfy({ w in headings.contains { $0.contains(Text.fold(w)) } }) { return (doc, 1) }
            return nil
        }
        return scored.enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }.map(\.element.0)
    }
}

/// Bytes of a document and what is known about them, before parsing.
public struct RawDocument: Sendable {
    /// The URL the document is published at (also when the bytes come from a snapshot).
    public var url: String
    /// The exact bytes, as published or as stored in the snapshot.
    public var bytes: [UInt8]
    /// The declared media type (`text/html`, `application/rss+xml`, …); `nil` to sniff it from the bytes.
    public var mediaType: String?
    /// The charset the transport declared, if any; the bytes' own byte-order mark still wins.
    public var charset: String?
    /// What the document holds for the module, if known.
    public var role: SourceRole?
    /// How the bytes were obtained: `"reconstruction"`, `"download"` or `"file"`.
    public var origin: String
    /// When the bytes were fetched (ISO 8601), if known; reconstructions have none.
    public var retrieved: String?
    /// A remark on the document, carried into its ``/StrategyModel/SourceRecord``.
    public var note: String?

    /// Describes one document's bytes; `origin` defaults to `"file"` (a local file given to `rus read`).
    public init(url: String, bytes: [UInt8], mediaType: String? = nil, charset: String? = nil, role: SourceRole? = nil, origin: String = "file", retrieved: String? = nil, note: String? = nil) {
        self.url = url
        self.retrieved = retrieved
        self.bytes = bytes
        self.mediaType = mediaType
        self.charset = charset
        self.role = role
        self.origin = origin
        self.note = note
    }
}

/// Why a document could not be read.
public enum DocumentError: Error, Sendable, CustomStringConvertible {
    /// The bytes were recognised but could not be read; `reason` says why (the parser's error).
    case unreadable(url: String, reason: String)
    /// The bytes are not an HTML page, an RSS/Atom feed or a .pptx/.docx file.
    case unsupportedFormat(url: String)

    /// The URL and what went wrong.
    public var description: String {
        switch self {
        case let .unreadable(url, reason): "\(url): \(reason)"
        case let .unsupportedFormat(url): "\(url): not an HTML page, an RSS/Atom feed or a .pptx/.docx file"
        }
    }
}

/// A parsed document with where it came from; makes ``/StrategyModel/Evidence`` for what is read from it.
public struct SourceDocument: Sendable {
    /// The URL the document is published at.
    public var url: String
    /// What the document holds for the module, if known.
    public var role: SourceRole?
    /// The media type, declared or sniffed (`text/html`, `application/rss+xml`, `application/atom+xml`, an Office type).
    public var mediaType: String
    /// The charset the transport declared, if any.
    public var charset: String?
    /// SHA-256 of the exact bytes parsed.
    public var sha256: String
    /// How the bytes were obtained: `"reconstruction"`, `"download"` or `"file"`.
    public var origin: String
    /// When the bytes were fetched (ISO 8601), if known.
    public var retrieved: String?
    /// A remark on the document, from the snapshot manifest.
    public var note: String?
    /// The page outline, for HTML.
    public var page: PageOutline?
    /// The feed, for RSS and Atom.
    public var feed: Feed?

    /// Parses one raw document with the default `ParseLimits`.
    public init(parsing raw: RawDocument) throws(DocumentError) {
        try self.init(parsing: raw, limits: ParseLimits())
    }

    /// Parses one raw document within `limits`.
    public init(parsing raw: RawDocument, limits: ParseLimits) throws(DocumentError) {
        let options = ParseOptions(limits: limits)
        url = raw.url
        role = raw.role
        charset = raw.charset
        origin = raw.origin
        retrieved = raw.retrieved
        note = raw.note
        sha256 = SHA256.hex(of: raw.bytes)
        if let office = DocumentSniffer.officeFormat(of: raw.bytes, mediaType: raw.mediaType) {
            // Slide decks and reports read into the same outline as pages, with locators like
            // "slide 3, shape 2, paragraph 1".
            mediaType = raw.mediaType ?? office.mediaType
            do { page = try OfficeReader(options: options).outline(raw.bytes, url: raw.url) } catch {
                throw .unreadable(url: raw.url, reason: error.description)
            }
            return
        }
        switch DocumentSniffer.kind(of: raw.bytes, mediaType: raw.mediaType) {
        case .html:
            mediaType = raw.mediaType ?? "text/html"
            do { page = try HTMLPageReader(options: options).read(raw.bytes, url: raw.url, charset: raw.charset) } catch {
                throw .unreadable(url: raw.url, reason: error.description)
            }
        case .feed:
            do { feed = try FeedReader(options: options).read(raw.bytes, url: raw.url, charset: raw.charset) } catch {
                throw .unreadable(url: raw.url, reason: error.description)
            }
            mediaType = raw.mediaType ?? (feed?.format.rawValue.hasPrefix("atom") == true ? "application/atom+xml" : "application/rss+xml")
        case .unknown:
            throw .unsupportedFormat(url: raw.url)
        }
    }

    /// Evidence for something read at `locator`, quoting `excerpt`.
    public func evidence(at locator: String, excerpt: String) -> Evidence {
        Evidence(sourceURL: url, snapshotSHA256: sha256, locator: locator, excerpt: excerpt)
    }

    /// What `rus` reports about the document.
    public var record: SourceRecord {
        SourceRecord(url: url, mediaType: mediaType, charset: charset, sha256: sha256, origin: origin, retrieved: retrieved, role: role?.rawValue, note: note)
    }
}
