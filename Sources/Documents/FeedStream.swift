public import Foundation
public import Markup

/// Reads a feed of any size incrementally: bytes go in as chunks, ``FeedItem``s come out one
/// at a time as each item closes, and memory does not grow with the feed (a feed of a
/// gigabyte is read in a few megabytes). RSS 0.9x/1.0/2.0 and Atom 0.3/1.0.
///
/// Items and the feed's own fields are those ``FeedReader`` gives for the whole feed: both
/// readers apply the same rules to the same elements (the tree reader replays its tree as the
/// events this reader gets from the parser). What differs is what only a stream or only a tree
/// can do:
/// - RSS items outside the `<channel>` before it are read in the channel's absence (its
///   `xml:base`, which the tree applies to them, is not known yet);
/// - an item over ``Options/maximumItemBytes``, or feed fields over it together, are cut (with
///   a problem), and at most 1,000 problems are listed;
/// - in a document that is not well-formed, items at unusual depths are looked for from the
///   first error on (the tree reader: everywhere), and a document that declares entities is
///   refused (the tree reader ignores the declarations).
///
/// The feed's own fields (title, link, ...) are in ``summary`` once ``finish()`` has returned,
/// with the problems met (as ``Feed/problems``).
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
/// ``items(in:url:charset:options:)``. Its working state (its rules, its XML reader and
/// libxml2's push parser context) comes from the pool ``FeedReader`` keeps between documents
/// (what it keeps, and its bounds, are said there) and goes back to it when the stream is
/// released; the parser context is kept only from a stream that was finished or gave up with an
/// error, never from one released halfway through its feed.
public final class FeedStream {
    /// Limits for one streamed feed.
    public struct Options: Sendable, Hashable {
        /// The XML reader's options: caps, transport charset, recovery, entity repair.
        public var markup = StreamingXMLReader.Options()
        /// The most bytes of text and attributes kept for one item (and for the feed's own
        /// fields together); beyond it the item's text is cut and a problem recorded. Bounds
        /// memory for hostile feeds. Default 4 MB.
        public var maximumItemBytes = 4_000_000

        /// The safe defaults.
        public init() {}
    }

    /// Where the feed is published; relative links resolve against it.
    public var url: String? { state.url }
    /// The feed's own fields and the problems met; set by ``finish()``.
    public var summary: FeedStreamSummary? {
        // Made from the rules the first time it is asked for, then kept.
        if madeSummary == nil { madeSummary = state.summary() }
        return madeSummary
    }
    /// How many items have been delivered so far.
    public var itemCount: Int { state.delivered }

    /// Everything the stream reads with, from `pool` and back to it at the end.
    @usableFromInline let state: FeedStreamState
    private let pool: FeedSinkPool
    private var madeSummary: FeedStreamSummary?

    /// The most problems kept; beyond it they are counted.
    static let maximumProblems = 1_000
    /// The most bytes held before the root element to read them again without their DOCTYPE.
    static let maximumProlog = 1 << 20

    /// - Parameters:
    ///   - url: where the feed is published; relative links resolve against it.
    ///   - charset: the transport charset (HTTP `Content-Type`), if any.
    ///   - options: caps on item text and the XML reader's options.
    public convenience init(url: String? = nil, charset: String? = nil, options: Options = Options()) {
        self.init(url: url, charset: charset, options: options, pool: .shared)
    }

    /// A stream whose state comes from `pool` (tests compare a pool used again with a new one).
    init(url: String?, charset: String?, options: Options, pool: FeedSinkPool) {
        self.pool = pool
        state = pool.takeStream(url: url, charset: charset, options: options)
    }

    deinit {
        pool.give(stream: state)
    }

    // Inlinable (as `read(chunks:)`): specialised for the caller's chunk type, its bytes are
    // found without generic calls; the reading itself is not inlined.
    /// Reads the next chunk and returns the items it completed, in document order.
    @inlinable
    public func consume(_ chunk: some Collection<UInt8>) throws(FeedStreamError) -> [FeedItem] {
        try state.consume(chunk)
    }

    /// Ends the feed: returns the last items and sets ``summary``. An item still open in a
    /// feed cut short is delivered with what it holds, as ``FeedReader`` does.
    public func finish() throws(FeedStreamError) -> [FeedItem] {
        try state.finish()
    }
}

/// A streamed feed's own fields and the problems met reading it: ``Feed`` without the items,
/// which were delivered one by one.
public struct FeedStreamSummary: Sendable, Hashable, Codable {
    /// The feed's fields and problems, as ``FeedReader`` gives them; `items` is empty. At most
    /// 1,000 item problems are listed, then their number.
    public var feed: Feed
    /// How many items were delivered.
    public var itemCount: Int

    /// A summary of `feed`'s fields (its `items` are not looked at) after `itemCount` items.
    public init(feed: Feed, itemCount: Int) {
        self.feed = feed
        self.itemCount = itemCount
    }

    /// RSS 0.9x/1.0/2.0 or Atom 0.3/1.0.
    public var format: Feed.Format { feed.format }
    /// The channel's (or Atom feed's) title as plain text.
    public var title: String? { feed.title }
    /// The site the feed belongs to (absolute).
    public var link: String? { feed.link }
    /// The channel's description or the Atom subtitle, as plain text.
    public var subtitle: String? { feed.subtitle }
    /// `language`, `dc:language` or `xml:lang`.
    public var language: String? { feed.language }
    /// When the feed says it was last updated.
    public var updated: Date? { feed.updated }
    /// As ``Feed/problems``: empty for a clean feed.
    public var problems: [String] { feed.problems }
}

/// Why a streamed feed could not be read.
public enum FeedStreamError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The XML could not be read (not well-formed without recovery, an entity declaration, a
    /// cap exceeded, ...).
    case markup(MarkupError)
    /// The root element is not one a feed has.
    case notAFeed(rootElement: String)

    /// What was wrong, and where.
    public var description: String {
        switch self {
        case let .markup(error): error.description
        case let .notAFeed(root): "not a feed: the root element is <\(root)>, expected <rss>, <rdf:RDF> or <feed>"
        }
    }
}
