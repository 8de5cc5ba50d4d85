public import Foundation
public import Markup

/// Reads a feed of any size incrementally: bytes go in as chunks, ``FeedItem``s come out one
/// at a time as each item closes, and memory does not grow with the feed (a feed of a
/// gigabyte is read in a few megabytes). RSS 0.9x/1.0/2.0 and Atom 0.3/1.0.
///
/// Items are the same as ``FeedReader`` gives for the whole feed, by the same rules, with one
/// difference in order: RSS items outside the `<channel>` come where they are in the document
/// (``FeedReader`` puts them after the channel's). The feed's own fields (title, link, ...)
/// are in ``summary`` once ``finish()`` has returned. Problems (malformed XML recovered, an
/// unreadable date, an item over ``Options/maximumItemBytes``) are recorded there too, as in
/// ``Feed/problems``.
///
/// ```swift
/// let stream = FeedStream(url: "https://www.regionkalmar.se/nyheter.xml")
/// for chunk in chunks {
///     for item in try stream.consume(chunk) { print(item.title ?? "") }
/// }
/// for item in try stream.finish() { print(item.title ?? "") }
/// print(stream.summary?.title ?? "")
/// ```
///
/// A stream belongs to one thread at a time and reads one feed. For a file, use
/// ``readFile(atPath:url:charset:options:chunkSize:_:)``; for chunks arriving asynchronously,
/// ``items(in:url:charset:options:)``.
public final class FeedStream {
    /// Limits for one streamed feed.
    public struct Options: Sendable, Hashable {
        /// The XML reader's options: caps, transport charset, recovery, entity repair.
        public var markup = StreamingXMLReader.Options()
        /// The most bytes of text and attributes kept for one item; beyond it the item's text is
        /// cut and a problem recorded. Bounds memory for hostile feeds. Default 4 MB.
        public var maximumItemBytes = 4_000_000

        /// The safe defaults.
        public init() {}
    }

    /// Where the feed is published; relative links resolve against it.
    public let url: String?
    /// The feed's own fields and the problems met; set by ``finish()``.
    public private(set) var summary: FeedStreamSummary?
    /// How many items have been delivered so far.
    public private(set) var itemCount = 0

    private let options: Options
    private let reader: StreamingXMLReader
    private let builder = FeedStreamBuilder()
    private var events: [XMLStreamEvent] = []
    private var path = StreamPath()
    private var root: FeedRoot?
    private var rootElement: CapturedElement?
    private var resolver: LinkResolver
    /// Whether the first `<channel>` is open, and whether one was seen.
    private var channelOpen = false
    private var sawChannel = false
    private var isRSS10 = false
    /// Fields of the first channel, and of the root (RSS without a channel; Atom).
    private var channelFields: [CapturedElement] = []
    private var rootFields: [CapturedElement] = []
    private var capture: (element: ElementCapture, role: Role)?
    private var waiting: (item: FeedItem, pending: StreamPath.Pending)?
    private var problems: [String] = []
    /// Problems not kept because ``maximumProblems`` were: memory stays bounded.
    private var droppedProblems = 0
    /// Bytes the feed's own fields may still take (shared by all of them).
    private var fieldBudget: Int
    private var finished = false

    /// The most problems kept; beyond it they are counted.
    static let maximumProblems = 1_000

    private enum Role {
        case item(locator: String, pending: StreamPath.Pending?)
        case channelField
        case rootField
    }

    /// - Parameters:
    ///   - url: where the feed is published; relative links resolve against it.
    ///   - charset: the transport charset (HTTP `Content-Type`), if any.
    public init(url: String? = nil, charset: String? = nil, options: Options = Options()) {
        var options = options
        if let charset { options.markup.transportCharset = charset }
        self.options = options
        self.url = url
        self.reader = StreamingXMLReader(options: options.markup)
        self.resolver = LinkResolver(pageURL: url, base: nil)
        self.fieldBudget = options.maximumItemBytes
    }

    /// Reads the next chunk and returns the items it completed, in document order.
    public func consume(_ chunk: some Collection<UInt8>) throws(FeedStreamError) -> [FeedItem] {
        precondition(!finished, "FeedStream.consume called after finish()")
        events.removeAll(keepingCapacity: true)
        do { try reader.parse(chunk, into: &events) } catch { throw .markup(error) }
        return try handleEvents()
    }

    /// Ends the feed: returns the last items and sets ``summary``. An item still open in a
    /// feed cut short is delivered with what it holds, as ``FeedReader`` does.
    public func finish() throws(FeedStreamError) -> [FeedItem] {
        guard !finished else { return [] }
        events.removeAll(keepingCapacity: true)
        do { try reader.finish(into: &events) } catch { throw .markup(error) }
        var items = try handleEvents()
        finished = true
        if let waiting {
            items.append(waiting.item)
            self.waiting = nil
        }
        if var open = capture {
            capture = nil
            let element = open.element.closeAll()
            if case let .item(locator, _) = open.role { items.append(contentsOf: deliver(element, locator: locator, pending: nil, truncated: open.element.truncated)) }
        }
        summary = makeSummary()
        return items
    }

    // MARK: Events

    private func handleEvents() throws(FeedStreamError) -> [FeedItem] {
        var items: [FeedItem] = []
        for event in events {
            switch event {
            case let .startElement(element):
                if capture != nil {
                    capture!.element.start(element)
                    continue
                }
                if let waiting, path.resolves(waiting.pending, with: element) {
                    var item = waiting.item
                    item.locator += "[1]"
                    items.append(item)
                    self.waiting = nil
                }
                path.start(element)
                try open(element)
            case .endElement:
                if capture != nil {
                    guard let done = capture!.element.end() else { continue }
                    let (captured, role) = (done, capture!.role)
                    let truncated = capture!.element.truncated
                    let remaining = capture!.element.remainingBudget
                    capture = nil
                    switch role {
                    case let .item(locator, pending):
                        items.append(contentsOf: deliver(captured, locator: locator, pending: pending, truncated: truncated))
                    case .channelField, .rootField:
                        if truncated, fieldBudget > 0 {
                            problems.append("line \(captured.line): the feed's own fields are over \(options.maximumItemBytes) bytes; the rest were cut")
                        }
                        fieldBudget = truncated ? 0 : remaining
                        if case .channelField = role { channelFields.append(captured) } else { rootFields.append(captured) }
                    }
                    path.end()
                    continue
                }
                if let waiting, path.depth == waiting.pending.parentDepth {
                    items.append(waiting.item)
                    self.waiting = nil
                }
                if channelOpen, path.depth == 2 { channelOpen = false }
                path.end()
            case let .text(text):
                if capture != nil { capture!.element.text(text) }
            }
        }
        return items
    }

    /// Decides what a newly opened element (already entered in `path`) is.
    private func open(_ element: XMLStreamElement) throws(FeedStreamError) {
        let depth = path.depth
        let name = element.localName
        if depth == 1 {
            root = try FeedRoot(element)
            rootElement = CapturedElement(element)
            if case .atom = root, let base = element.attribute("base", namespaceURI: FeedStreamBuilder.xml) {
                resolver = LinkResolver(pageURL: url, base: base)
            }
            return
        }
        guard let root else { return }
        switch root {
        case .rss, .rdf:
            if depth == 2, case .rdf = root, element.namespaceURI == FeedStreamBuilder.rss10 { isRSS10 = true }
            if depth == 2, name == "channel", !sawChannel {
                sawChannel = true
                channelOpen = true
                return
            }
            let isItem = name == "item" && (depth == 2 || (depth == 3 && channelOpen && root.isRSS))
            if isItem {
                startCapture(element, role: itemRole())
            } else if depth == 3, channelOpen, root.channelFields.contains(name), isFirst(element, in: channelFields) {
                startCapture(element, role: .channelField)
            } else if depth == 2, root.isRSS, root.channelFields.contains(name), isFirst(element, in: rootFields) {
                startCapture(element, role: .rootField)
            }
        case .atom:
            guard depth == 2 else { return }
            if name == "entry" {
                startCapture(element, role: itemRole())
            } else if root.channelFields.contains(name), name == "link" ? rootFields.count < 256 : isFirst(element, in: rootFields) {
                startCapture(element, role: .rootField)
            }
        }
    }

    private func itemRole() -> Role {
        let (locator, pending) = path.current()
        return .item(locator: locator, pending: pending)
    }

    private func startCapture(_ element: XMLStreamElement, role: Role) {
        let isItem = if case .item = role { true } else { false }
        let budget = isItem ? options.maximumItemBytes : fieldBudget
        capture = (ElementCapture(element, budget: budget, keepsOwnText: !isItem), role)
    }

    /// Whether no element of the same name and namespace was kept before.
    private func isFirst(_ element: XMLStreamElement, in fields: [CapturedElement]) -> Bool {
        !fields.contains { $0.name == element.localName && $0.namespaceURI == element.namespaceURI }
    }

    /// Builds the item; returns it, or nothing when its locator must wait for what follows.
    private func deliver(_ element: CapturedElement, locator: String, pending: StreamPath.Pending?, truncated: Bool) -> [FeedItem] {
        guard let root else { return [] }
        var itemProblems: [String] = []
        if truncated {
            itemProblems.append("line \(element.line): <\(element.name)> is over \(options.maximumItemBytes) bytes; its text was cut")
        }
        let item: FeedItem = switch root {
        case .rss: builder.rssItem(element, locator: locator, resolver: resolver, problems: &itemProblems)
        case .rdf: builder.rdfItem(element, locator: locator, resolver: resolver, problems: &itemProblems)
        case .atom: builder.atomEntry(element, locator: locator, resolver: resolver, problems: &itemProblems)
        }
        for problem in itemProblems {
            if problems.count < Self.maximumProblems { problems.append(problem) } else { droppedProblems += 1 }
        }
        itemCount += 1
        if let pending {
            waiting = (item, pending)
            return []
        }
        return [item]
    }

    private func makeSummary() -> FeedStreamSummary? {
        guard let root, let rootElement else { return nil }
        var container = rootElement
        container.children = root.isAtom || !sawChannel ? rootFields : channelFields
        let format: Feed.Format = switch root {
        case let .rss(format), let .atom(format): format
        case .rdf: isRSS10 ? .rss10 : .rss090
        }
        var fieldProblems: [String] = []
        var summary = builder.summary(root: root, format: format, fields: container, root: rootElement, resolver: resolver, itemCount: itemCount, problems: &fieldProblems)
        var head = reader.diagnostics.prefix(5).map { "not well-formed, recovered: \($0)" }
        if reader.repairedEntities > 0 { head.append("\(reader.repairedEntities) undefined HTML entities resolved") }
        let dropped = droppedProblems > 0 ? ["\(droppedProblems) more problems not listed"] : []
        summary.problems = head + problems + dropped + fieldProblems
        return summary
    }
}

/// What kind of feed the root element says this is.
enum FeedRoot {
    case rss(Feed.Format)
    case rdf
    case atom(Feed.Format)

    init(_ element: XMLStreamElement) throws(FeedStreamError) {
        switch (element.localName, element.namespaceURI) {
        case ("rss", _):
            self = switch element.attribute("version") ?? "2.0" {
            case "0.91": .rss(.rss091)
            case "0.92": .rss(.rss092)
            case "0.90", "0.9": .rss(.rss090)
            default: .rss(.rss20)
            }
        case ("RDF", FeedStreamBuilder.rdf?):
            self = .rdf
        case ("feed", FeedStreamBuilder.atom10?):
            self = .atom(.atom10)
        case ("feed", FeedStreamBuilder.atom03?), ("feed", nil):
            self = .atom(.atom03)
        default:
            throw .notAFeed(rootElement: element.localName)
        }
    }

    var isRSS: Bool { if case .rss = self { true } else { false } }
    var isAtom: Bool { if case .atom = self { true } else { false } }

    /// The channel (or Atom feed) children the summary reads.
    var channelFields: Set<String> {
        switch self {
        case .rss: Self.rssFields
        case .rdf: Self.rdfFields
        case .atom: Self.atomFields
        }
    }

    private static let rssFields: Set<String> = ["title", "link", "description", "language", "lastBuildDate", "pubDate", "date"]
    private static let rdfFields: Set<String> = ["title", "link", "description", "language", "date"]
    private static let atomFields: Set<String> = ["title", "link", "subtitle", "tagline", "updated", "modified"]
}

/// A streamed feed's own fields and the problems met reading it; the counterpart of ``Feed``
/// without the items, which were delivered one by one.
public struct FeedStreamSummary: Sendable, Hashable, Codable {
    /// RSS 0.9x/1.0/2.0 or Atom 0.3/1.0, as the root element says.
    public var format: Feed.Format
    /// The channel's (or Atom feed's) title.
    public var title: String?
    /// The site the feed belongs to (absolute).
    public var link: String?
    /// The channel's description or the Atom subtitle, as plain text.
    public var subtitle: String?
    /// `language`, `dc:language` or the Atom feed's `xml:lang`.
    public var language: String?
    /// `lastBuildDate`, `pubDate` or `dc:date` (RSS); `updated` (Atom).
    public var updated: Date?
    /// How many items were delivered.
    public var itemCount: Int
    /// As ``Feed/problems``: empty for a clean feed. At most 1,000 item problems are listed,
    /// then their number.
    public var problems: [String]

    public init(format: Feed.Format, title: String?, link: String?, subtitle: String?, language: String?, updated: Date?, itemCount: Int, problems: [String]) {
        self.format = format
        self.title = title
        self.link = link
        self.subtitle = subtitle
        self.language = language
        self.updated = updated
        self.itemCount = itemCount
        self.problems = problems
    }
}

/// Why a streamed feed could not be read.
public enum FeedStreamError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The XML could not be read (not well-formed without recovery, an entity declaration, a
    /// cap exceeded, ...).
    case markup(MarkupError)
    /// The root element is not one a feed has.
    case notAFeed(rootElement: String)

    public var description: String {
        switch self {
        case let .markup(error): error.description
        case let .notAFeed(root): "not a feed: the root element is <\(root)>, expected <rss>, <rdf:RDF> or <feed>"
        }
    }
}
