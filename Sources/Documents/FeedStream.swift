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
/// ``items(in:url:charset:options:)``. Its working state, with libxml2's push parser context,
/// comes from the pool ``FeedReader`` keeps between documents (what it keeps, and its bounds,
/// are said there) and goes back to it when the stream is released; the parser context is kept
/// only from a stream that was finished or gave up with an error, never from one released
/// halfway through its feed.
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
    public let url: String?
    /// The feed's own fields and the problems met; set by ``finish()``.
    // A stream belongs to one thread at a time and is not reentrant (see above): no runtime
    // exclusivity checks on its state.
    @exclusivity(unchecked) public private(set) var summary: FeedStreamSummary?
    /// How many items have been delivered so far.
    public var itemCount: Int { delivered }

    private let readerOptions: StreamingXMLReader.Options
    // A stream belongs to one thread at a time and is not reentrant (see above): no runtime
    // exclusivity checks on the state touched for every event.
    @exclusivity(unchecked) private var reader: StreamingXMLReader
    /// The rules, given the parser's events as they come.
    private let sink: FeedEventSink
    private let pool: FeedSinkPool
    /// The push parser context the stream before kept, from the pool (see ``XMLPushContextCache``).
    private let pushContexts: XMLPushContextCache
    /// The bytes read while no element has been: kept to read them again without a DOCTYPE
    /// that declares entities (up to ``maximumProlog``).
    @exclusivity(unchecked) private var prolog: [UInt8]? = []
    /// The last chunk, while ``finish(lastChunk:)`` runs, when it was not kept in ``prolog``:
    /// it joins the prolog only if the bytes are read again.
    @exclusivity(unchecked) private var lentTail: UnsafeBufferPointer<UInt8>?
    /// An entity declaration was refused: the bytes are held until the DOCTYPE ends.
    @exclusivity(unchecked) private var refused: (name: String, line: Int)?
    @exclusivity(unchecked) private var doctypeProblem: String?
    @exclusivity(unchecked) private var delivered = 0
    @exclusivity(unchecked) private var finished = false

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

    /// A stream whose state and push parser context come from `pool` (tests compare a pool
    /// used again with a new one).
    init(url: String?, charset: String?, options: Options, pool: FeedSinkPool) {
        var options = options
        if let charset { options.markup.transportCharset = charset }
        // The repairs FeedReader makes and reports.
        options.markup.repairMalformedReferences = true
        self.url = url
        self.readerOptions = options.markup
        // Items at unusual depths are looked for from the first error on. The state comes from
        // the pool FeedReader uses, with the push parser context the last stream with it kept,
        // and goes back to it when the stream goes away.
        self.pool = pool
        (self.sink, self.pushContexts) = pool.takeForStream(
            url: url, itemBudget: options.maximumItemBytes, fieldBudget: options.maximumItemBytes, maximumProblems: Self.maximumProblems,
            looksDeeperAfterErrors: true
        )
        self.reader = StreamingXMLReader.forStream(options: options.markup, pushContexts: pushContexts)
    }

    deinit {
        // The parser context and the reader go back first: the pool may hand them to another
        // thread at once.
        let reader = self.reader
        reader.endParser()
        pushContexts.keep(reader)
        pool.give(sink, pushContexts: pushContexts)
    }

    // Inlinable (as `read(chunks:)`): specialised for the caller's chunk type, its bytes are
    // found without generic calls; the reading itself is not inlined.
    /// Reads the next chunk and returns the items it completed, in document order.
    @inlinable
    public func consume(_ chunk: some Collection<UInt8>) throws(FeedStreamError) -> [FeedItem] {
        let done: Result<[FeedItem], FeedStreamError>? = chunk.withContiguousStorageIfAvailable { bytes in
            Result { () throws(FeedStreamError) in try consume(bytes) }
        }
        if let done { return try done.get() }
        return try Array(chunk).withUnsafeBufferPointer { bytes in Result { () throws(FeedStreamError) in try consume(bytes) } }.get()
    }

    /// Reads the feed's last chunk and ends the feed: what ``consume(_:)`` and ``finish()``
    /// return together, for a caller that knows the chunk is the last. While the parser has not
    /// started, the chunk is held with the bytes before it (read where it is, not copied, when
    /// they are none) and the parser starts with every byte in hand (see
    /// ``StreamingXMLReader/nextBytesAreLast``).
    @inlinable
    func finish(lastChunk chunk: some Collection<UInt8>) throws(FeedStreamError) -> [FeedItem] {
        let done: Result<[FeedItem], FeedStreamError>? = chunk.withContiguousStorageIfAvailable { bytes in
            Result { () throws(FeedStreamError) in try finish(lastChunk: bytes) }
        }
        if let done { return try done.get() }
        return try Array(chunk).withUnsafeBufferPointer { bytes in Result { () throws(FeedStreamError) in try finish(lastChunk: bytes) } }.get()
    }

    @usableFromInline
    func finish(lastChunk chunk: UnsafeBufferPointer<UInt8>) throws(FeedStreamError) -> [FeedItem] {
        precondition(!finished, "FeedStream.finish(lastChunk:) called after finish()")
        // The chunk stays valid until this returns: the reader and a DOCTYPE read again
        // (`lentTail`) read it where it is.
        defer { lentTail = nil }
        // Joined by `feedAppend` (nearly always one of the two lists is empty: it is passed on,
        // not copied item by item as `+=` does).
        var items = try consume(chunk, isLast: true)
        items.feedAppend(try finish())
        return items
    }

    /// Whether no item can come before the next chunk or the end: the parser has not started.
    @usableFromInline
    var holdsEveryByte: Bool { refused == nil && reader.holdsEveryByte }

    @usableFromInline
    func consume(_ chunk: UnsafeBufferPointer<UInt8>, isLast: Bool = false) throws(FeedStreamError) -> [FeedItem] {
        precondition(!finished, "FeedStream.consume called after finish()")
        if sink.rules.head.count < FeedEventReader.headLength { sink.rules.head.append(contentsOf: chunk.prefix(FeedEventReader.headLength - sink.rules.head.count)) }
        if refused != nil {
            keepInProlog(chunk)
            try readAgainWithoutDoctype(final: false)
        } else {
            reader.nextBytesAreLast = isLast
            var parsed = true
            do {
                try reader.parse(chunk, to: sink)
            } catch {
                // The refusal reads the bytes so far again, this chunk's too.
                parsed = false
                keepInProlog(chunk)
                try refuse(error)
            }
            // A chunk in which the root element started is not kept: no DOCTYPE follows it
            // (the prolog is dropped just below, as when it was kept first). The last chunk,
            // valid until the end, joins it only if it is read again.
            if parsed, !sink.rules.sawRoot {
                if isLast { lentTail = chunk } else { keepInProlog(chunk) }
            }
        }
        let items = try takeItems()
        if sink.rules.sawRoot { prolog = nil }
        return items
    }

    /// Keeps `chunk` with the bytes read before the root element (while they are few enough).
    private func keepInProlog(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard prolog != nil else { return }
        if prolog!.count + chunk.count <= Self.maximumProlog { prolog!.append(contentsOf: chunk) } else { prolog = nil }
    }

    /// An entity declaration in the DOCTYPE: as ``FeedReader`` does, the feed is read again
    /// without the DOCTYPE (never with its entities), once the DOCTYPE has ended. Any other
    /// error, or one after the root element started, is thrown.
    private func refuse(_ error: MarkupError) throws(FeedStreamError) {
        // The DOCTYPE comes before the root element: no element has reached the rules yet.
        guard case let .entityDeclaration(name, line) = error, prolog != nil, !sink.rules.sawRoot else { throw .markup(error) }
        refused = (name, line)
        try readAgainWithoutDoctype(final: false)
    }

    private func readAgainWithoutDoctype(final: Bool) throws(FeedStreamError) {
        guard let refused else { return }
        if let tail = lentTail {
            lentTail = nil
            keepInProlog(tail)
        }
        guard let prolog else { throw .markup(.entityDeclaration(name: refused.name, line: refused.line)) }
        guard let stripped = FeedReader.removingDoctype(prolog) else {
            if final { throw .markup(.entityDeclaration(name: refused.name, line: refused.line)) }
            return
        }
        self.refused = nil
        self.prolog = nil
        doctypeProblem = FeedReader.doctypeIgnored(name: refused.name, line: refused.line)
        reader.endParser()
        reader = StreamingXMLReader(options: readerOptions, pushContexts: pushContexts)
        let parsed = stripped.withUnsafeBufferPointer { bytes in
            Result { () throws(MarkupError) in try reader.parse(bytes, to: sink) }
        }
        do { try parsed.get() } catch { throw .markup(error) }
    }

    /// Ends the feed: returns the last items and sets ``summary``. An item still open in a
    /// feed cut short is delivered with what it holds, as ``FeedReader`` does.
    public func finish() throws(FeedStreamError) -> [FeedItem] {
        guard !finished else { return [] }
        if refused != nil { try readAgainWithoutDoctype(final: true) }
        do {
            try reader.finish(to: sink)
        } catch {
            // All the bytes were held for the encoding until now: the DOCTYPE is met only here.
            try refuse(error)
            try readAgainWithoutDoctype(final: true)
            do { try reader.finish(to: sink) } catch { throw .markup(error) }
        }
        var items = try takeItems()
        finished = true
        // The reader read once (a stored `var`: each read of it was retained and released).
        let reader = self.reader
        var head = reader.diagnostics.prefix(5).map { "not well-formed, recovered: \($0)" }
        if let doctypeProblem { head.append(doctypeProblem) }
        head += FeedReader.describe(reader.entityRepairReport)
        let charset = reader.charset
        if let charset { head += FeedReader.describe(charset) }
        // The feed comes whole from the rules and is moved into the summary (a copy of it,
        // changed and stored, copied all its fields).
        guard let feed = sink.rules.finish(FeedHandover(leadingProblems: head, encoding: charset?.name)) else { return items }
        items.feedAppend(try takeItems())
        summary = FeedStreamSummary(feed: feed, itemCount: delivered)
        return items
    }

    /// The summary moved out of the stream (``summary`` is `nil` after it): for the readers
    /// whose stream ends with the reading, without a copy of the feed's fields.
    @usableFromInline
    func takeSummary() -> FeedStreamSummary? {
        var taken: FeedStreamSummary?
        swap(&taken, &summary)
        return taken
    }

    /// The items the events so far completed; throws when the root element is not a feed's.
    private func takeItems() throws(FeedStreamError) -> [FeedItem] {
        if let name = sink.notAFeed { throw .notAFeed(rootElement: name) }
        let limit = readerOptions.limits.feedItems
        guard delivered + sink.rules.ready.count <= limit else {
            throw .markup(.limitExceeded(LimitExceeded(.feedItems, value: delivered + sink.rules.ready.count, maximum: limit)))
        }
        return takeReady()
    }

    private func takeReady() -> [FeedItem] {
        guard !sink.rules.ready.isEmpty else { return [] }
        let items = sink.rules.ready
        sink.rules.ready.removeAll(keepingCapacity: true)
        delivered += items.count
        return items
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
