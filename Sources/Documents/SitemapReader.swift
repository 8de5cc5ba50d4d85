public import Markup
import Foundation

/// Reads sitemaps (`urlset`) and sitemap indexes (`sitemapindex`) into a ``Sitemap``.
///
/// Pure: bytes in, value out. A gzip-compressed sitemap (`sitemap.xml.gz`, one gzip member) is
/// inflated first, within the input cap (``/Markup/ParseLimits/inputBytes``, 50 MB: what
/// sitemaps.org allows uncompressed), its CRC-32 and length checked. The XML is read with
/// ``/Markup/StreamingXMLReader`` (with its safety rules), so memory is that of the result, not
/// of a tree of the whole sitemap. Elements are matched in the sitemaps.org namespace, an older
/// Google sitemap namespace, or none; extensions (`image:`, `news:`, `xhtml:link`) are skipped.
/// A bad field is reported in ``Sitemap/problems`` and left `nil`; it never drops the entry.
public struct SitemapReader: Sendable {
    /// The XML reader's caps, transport charset and recovery.
    public var options: StreamingXMLReader.Options

    /// A reader with the safe defaults (or the options given).
    public init(options: StreamingXMLReader.Options = StreamingXMLReader.Options()) {
        self.options = options
    }

    static let namespaces: Set<String> = [
        "http://www.sitemaps.org/schemas/sitemap/0.9",
        "http://www.google.com/schemas/sitemap/0.9",
        "http://www.google.com/schemas/sitemap/0.84",
    ]

    /// Why bytes are not a sitemap.
    public enum SitemapError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The XML could not be read (an entity declaration, a cap exceeded, ...).
        case markup(MarkupError)
        /// The root element is not `urlset` or `sitemapindex` in a sitemap namespace.
        case notASitemap(rootElement: String)
        /// The bytes are gzip-compressed but cannot be inflated: why.
        case compressed(reason: String)

        /// What was wrong, and where.
        public var description: String {
            switch self {
            case let .markup(error): error.description
            case let .notASitemap(root): "not a sitemap: the root element is <\(root)>, expected <urlset> or <sitemapindex>"
            case let .compressed(reason): "a gzip-compressed sitemap that cannot be inflated: \(reason)"
            }
        }
    }

    /// Reads `bytes`, the sitemap's XML or that XML gzip-compressed; `url` is where the sitemap
    /// is published (relative `<loc>`s resolve against it); `charset` is the transport charset,
    /// if any.
    public func read(_ bytes: some Collection<UInt8>, url: String? = nil, charset: String? = nil) throws(SitemapError) -> Sitemap {
        var options = self.options
        if let charset { options.transportCharset = charset }
        let reader = StreamingXMLReader(options: options)
        var state = SitemapState(resolver: LinkResolver(pageURL: url, base: nil))
        var events: [XMLStreamEvent] = []
        var all = Array(bytes)
        if Gzip.isGzip(all) {
            let cap = options.maximumInputBytes ?? options.limits.inputBytes
            do {
                all = try Gzip.inflate(all, maximumBytes: cap)
            } catch {
                switch error {
                case let .overCap(bytes):
                    throw .markup(.limitExceeded(LimitExceeded(.inputBytes, value: bytes, maximum: cap, location: "the inflated gzip data")))
                case let .damaged(reason):
                    throw .compressed(reason: reason)
                }
            }
        }
        var offset = 0
        repeat {
            let end = min(all.count, offset + (1 << 18))
            events.removeAll(keepingCapacity: true)
            do {
                if end > offset { try reader.parse(all[offset..<end], into: &events) }
                if end == all.count { try reader.finish(into: &events) }
            } catch { throw .markup(error) }
            try state.handle(events)
            offset = end
        } while offset < all.count
        guard let kind = state.kind else { throw .markup(.empty) }
        state.finish()
        var problems = reader.diagnostics.prefix(5).map { "not well-formed, recovered: \($0)" }
        if reader.repairedEntities > 0 { problems.append("\(reader.repairedEntities) undefined HTML entities resolved") }
        return Sitemap(kind: kind, entries: state.entries, problems: problems + state.problems)
    }
}

/// The reading of one sitemap's events.
private struct SitemapState {
    let resolver: LinkResolver
    var kind: Sitemap.Kind?
    var entries: [SitemapEntry] = []
    var problems: [String] = []
    private var path = StreamPath()
    private var capture: (element: ElementCapture, locator: String, pending: StreamPath.Pending?)?
    private var waiting: (entry: SitemapEntry, pending: StreamPath.Pending)?

    init(resolver: LinkResolver) { self.resolver = resolver }

    mutating func handle(_ events: [XMLStreamEvent]) throws(SitemapReader.SitemapError) {
        for event in events {
            switch event {
            case let .startElement(element):
                if capture != nil {
                    capture!.element.start(element)
                    continue
                }
                if let waiting, path.resolves(waiting.pending, with: element) {
                    var entry = waiting.entry
                    entry.locator += "[1]"
                    entries.append(entry)
                    self.waiting = nil
                }
                path.start(element)
                if path.depth == 1 {
                    kind = try Self.kind(of: element)
                } else if path.depth == 2, element.localName == (kind == .urlset ? "url" : "sitemap"), Self.isSitemapNamespace(element.namespaceURI) {
                    let (locator, pending) = path.current()
                    capture = (ElementCapture(element, budget: 1 << 16, keepsOwnText: false), locator, pending)
                }
            case .endElement:
                if capture != nil {
                    guard let element = capture!.element.end() else { continue }
                    let (locator, pending) = (capture!.locator, capture!.pending)
                    capture = nil
                    path.end()
                    guard let entry = entry(element, locator: locator) else { continue }
                    if let pending { waiting = (entry, pending) } else { entries.append(entry) }
                    continue
                }
                if let waiting, path.depth == waiting.pending.parentDepth {
                    entries.append(waiting.entry)
                    self.waiting = nil
                }
                path.end()
            case let .text(text):
                if capture != nil { capture!.element.text(text) }
            }
        }
    }

    /// Delivers what a document cut short left open.
    mutating func finish() {
        if let waiting { entries.append(waiting.entry) }
        waiting = nil
        if var open = capture {
            capture = nil
            if let entry = entry(open.element.closeAll(), locator: open.locator) { entries.append(entry) }
        }
    }

    private static func kind(of root: XMLStreamElement) throws(SitemapReader.SitemapError) -> Sitemap.Kind {
        guard isSitemapNamespace(root.namespaceURI), let kind = Sitemap.Kind(rawValue: root.localName) else {
            throw .notASitemap(rootElement: root.localName)
        }
        return kind
    }

    private static func isSitemapNamespace(_ uri: String?) -> Bool {
        uri.map { SitemapReader.namespaces.contains($0) } ?? true
    }

    private mutating func entry(_ element: CapturedElement, locator: String) -> SitemapEntry? {
        func field(_ name: String) -> CapturedElement? {
            element.children.first { $0.name == name && $0.namespaceURI == element.namespaceURI }
        }
        func value(_ name: String) -> (text: String, line: Int)? {
            guard let field = field(name) else { return nil }
            let text = TextNormalizer.normalize(field.text)
            return text.isEmpty ? nil : (text, field.line)
        }
        guard let loc = value("loc"), let url = resolver.resolve(loc.text) else {
            problems.append("line \(element.line): <\(element.name)> without a usable <loc> left out")
            return nil
        }
        var entry = SitemapEntry(url: url, locator: locator)
        if let lastmod = value("lastmod") {
            entry.lastModified = FeedDate.parse(lastmod.text)
            if entry.lastModified == nil { problems.append("line \(lastmod.line): unreadable date '\(lastmod.text)' in <lastmod>") }
        }
        if kind == .urlset, let frequency = value("changefreq") {
            entry.changeFrequency = SitemapEntry.ChangeFrequency(rawValue: frequency.text.lowercased())
            if entry.changeFrequency == nil { problems.append("line \(frequency.line): unknown <changefreq> '\(frequency.text)'") }
        }
        if kind == .urlset, let priority = value("priority") {
            if let number = Double(priority.text), (0...1).contains(number) {
                entry.priority = number
            } else {
                problems.append("line \(priority.line): <priority> '\(priority.text)' is not a number from 0.0 to 1.0")
            }
        }
        return entry
    }
}
