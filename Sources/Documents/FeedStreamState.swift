import Markup

/// What a ``FeedStream`` reads with: its rules (``FeedEventSink``), its XML reader and the push
/// parser context that reader keeps (``XMLPushContextCache``), and where the stream is (the
/// bytes held before the root element, a refused DOCTYPE, the items delivered). A stream has one
/// from start to end; between streams it waits in the pool ``FeedReader`` uses
/// (``FeedSinkPool/takeStream(url:charset:options:)``), made as new but for what it keeps for
/// the next stream: the rules' names and buffers, the reader, the parser context and its
/// dictionary. A stream of a small document then makes none of them and counts no reference to
/// them; ``FeedStream/read(chunks:url:charset:options:_:)`` and ``FeedStream/readFile(atPath:url:charset:options:chunkSize:_:)``
/// read with one without making a ``FeedStream`` at all.
///
/// One thread at a time, one stream at a time, not reentrant: no runtime exclusivity checks on
/// the state touched for every chunk.
@usableFromInline
final class FeedStreamState {
    /// The rules, given the parser's events as they come.
    let sink: FeedEventSink
    /// The XML reader, made as new for each stream (``StreamingXMLReader/restart(options:)``),
    /// with the push parser context the stream before kept (in an ``XMLPushContextCache``).
    /// A constant: no reference is counted to call it.
    private let reader: StreamingXMLReader
    @exclusivity(unchecked) private(set) var url: String?
    /// The most items a stream delivers (``ParseLimits/feedItems``).
    @exclusivity(unchecked) private var itemLimit: Int
    /// Whether ``finish()`` ended a feed (its summary can be made: ``summary()``).
    @exclusivity(unchecked) private var hasFeed = false
    /// The bytes read while no element has been: kept to read them again without a DOCTYPE
    /// that declares entities (up to ``FeedStream/maximumProlog``).
    @exclusivity(unchecked) private var prolog: [UInt8]? = []
    /// The last chunk, while ``finish(lastChunk:)`` runs, when it was not kept in ``prolog``:
    /// it joins the prolog only if the bytes are read again.
    @exclusivity(unchecked) private var lentTail: UnsafeBufferPointer<UInt8>?
    /// An entity declaration was refused: the bytes are held until the DOCTYPE ends.
    @exclusivity(unchecked) private var refused: (name: String, line: Int)?
    @exclusivity(unchecked) private var doctypeProblem: String?
    @exclusivity(unchecked) private(set) var delivered = 0
    @exclusivity(unchecked) private var finished = false
    /// The memory of the rules' first bytes (``FeedEventReader/head``) between streams: at most
    /// a few KB, not allocated again for each feed.
    @exclusivity(unchecked) private var headBuffer: [UInt8] = []

    /// A new state for a stream with these settings.
    init(url: String?, charset: String?, options: FeedStream.Options) {
        let readerOptions = Self.readerOptions(charset: charset, options: options)
        // Items at unusual depths are looked for from the first error on.
        sink = FeedEventSink(
            rules: FeedEventReader(url: url, itemBudget: options.maximumItemBytes, fieldBudget: options.maximumItemBytes, maximumProblems: FeedStream.maximumProblems),
            looksDeeperAfterErrors: true
        )
        self.url = url
        itemLimit = readerOptions.limits.feedItems
        reader = StreamingXMLReader(options: readerOptions, pushContexts: XMLPushContextCache())
    }

    /// Runs `body` with a state from the shared pool for a stream with these settings and
    /// returns the feed's summary (an empty one when `body` did not finish the stream); the
    /// state goes back to the pool after it, whatever `body` throws: a stream that `body` leaves
    /// before its end is given back as a ``FeedStream`` released halfway is.
    @usableFromInline
    static func reading(url: String?, charset: String?, options: FeedStream.Options, _ body: (FeedStreamState) throws -> Void) rethrows -> FeedStreamSummary {
        let pool = FeedSinkPool.shared
        let state = pool.takeStream(url: url, charset: charset, options: options)
        // Given back on each way out without a `defer`: moved into the pool, not retained for it.
        do {
            try body(state)
        } catch {
            pool.give(stream: state)
            throw error
        }
        // Moved out here, not returned through `body`: each return of the summary (264 bytes)
        // was a copy.
        let summary = state.takeSummary()
        pool.give(stream: state)
        return summary
    }

    /// The XML reader's options for a stream with these settings.
    private static func readerOptions(charset: String?, options: FeedStream.Options) -> StreamingXMLReader.Options {
        var markup = options.markup
        if let charset { markup.transportCharset = charset }
        // The repairs FeedReader makes and reports.
        markup.repairMalformedReferences = true
        return markup
    }

    /// Makes the state, ended (``end()``), ready for another stream with these settings: as
    /// ``init(url:charset:options:)`` makes it.
    func start(url: String?, charset: String?, options: FeedStream.Options) {
        let readerOptions = Self.readerOptions(charset: charset, options: options)
        itemLimit = readerOptions.limits.feedItems
        reader.restart(options: readerOptions)
        self.url = url
        sink.prepare(
            url: url, itemBudget: options.maximumItemBytes, fieldBudget: options.maximumItemBytes, maximumProblems: FeedStream.maximumProblems,
            looksDeeperAfterErrors: true
        )
        swap(&sink.rules.head, &headBuffer)
    }

    /// Ends the stream, read to its end or not: the parser context goes back to the cache
    /// (kept only from a stream that was finished or gave up with an error), and nothing of the
    /// document is held any more.
    func end() {
        reader.endParser()
        swap(&sink.rules.head, &headBuffer)
        headBuffer.removeAll(keepingCapacity: true)
        sink.restart()
        url = nil
        hasFeed = false
        if prolog?.isEmpty != true { prolog = [] }
        lentTail = nil
        refused = nil
        doctypeProblem = nil
        delivered = 0
        finished = false
    }

    /// Roughly the bytes the state keeps between streams: its rules', its reader's (the bytes
    /// it held for the encoding, its lists) and the first bytes' memory.
    var retainedBytes: Int { sink.retainedBytes + reader.retainedBytes + headBuffer.capacity }

    // MARK: Reading

    // Inlinable (as `FeedStream.read(chunks:)`): specialised for the caller's chunk type, its
    // bytes are found without generic calls; the reading itself is not inlined.
    /// See ``FeedStream/consume(_:)``.
    @inlinable
    func consume(_ chunk: some Collection<UInt8>) throws(FeedStreamError) -> [FeedItem] {
        try Self.withBytes(of: chunk) { (bytes) throws(FeedStreamError) in try consume(bytes) }
    }

    /// Reads the feed's last chunk and ends the feed: what ``consume(_:)`` and ``finish()``
    /// return together, for a caller that knows the chunk is the last. While the parser has not
    /// started, the chunk is held with the bytes before it (read where it is, not copied, when
    /// they are none) and the parser starts with every byte in hand (see
    /// ``StreamingXMLReader/nextBytesAreLast``).
    @inlinable
    func finish(lastChunk chunk: some Collection<UInt8>) throws(FeedStreamError) -> [FeedItem] {
        try Self.withBytes(of: chunk) { (bytes) throws(FeedStreamError) in try finish(lastChunk: bytes) }
    }

    /// Runs `body` with `chunk`'s bytes: where they are when they are contiguous, else copied.
    @inlinable
    static func withBytes(
        of chunk: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(FeedStreamError) -> [FeedItem]
    ) throws(FeedStreamError) -> [FeedItem] {
        let done: Result<[FeedItem], FeedStreamError>? = chunk.withContiguousStorageIfAvailable { bytes in
            Result { () throws(FeedStreamError) in try body(bytes) }
        }
        if let done { return try done.get() }
        return try Array(chunk).withUnsafeBufferPointer { bytes in Result { () throws(FeedStreamError) in try body(bytes) } }.get()
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
        if sink.rules.sawRoot, prolog != nil { prolog = nil }
        return items
    }

    /// Keeps `chunk` with the bytes read before the root element (while they are few enough).
    private func keepInProlog(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard prolog != nil else { return }
        if prolog!.count + chunk.count <= FeedStream.maximumProlog { prolog!.append(contentsOf: chunk) } else { prolog = nil }
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
        // The reader made as new, with the options it had.
        let options = reader.options
        reader.endParser()
        reader.restart(options: options)
        let parsed = stripped.withUnsafeBufferPointer { bytes in
            Result { () throws(MarkupError) in try reader.parse(bytes, to: sink) }
        }
        do { try parsed.get() } catch { throw .markup(error) }
    }

    /// See ``FeedStream/finish()``.
    @usableFromInline
    func finish() throws(FeedStreamError) -> [FeedItem] {
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
        guard sink.rules.endDocument() else { return items }
        items.feedAppend(try takeItems())
        hasFeed = true
        return items
    }

    /// The feed's own fields and problems, read from the rules once the stream was finished
    /// (``finish()``) with a feed's root element: when they are asked for, not at the end of
    /// each stream (moved from the end to the caller, the feed, 256 bytes, was copied a dozen
    /// times).
    private func makeSummary() -> FeedStreamSummary {
        precondition(hasFeed, "FeedStreamState.makeSummary without a finished feed")
        var head = reader.diagnostics.prefix(5).map { "not well-formed, recovered: \($0)" }
        if let doctypeProblem { head.append(doctypeProblem) }
        // Joined by `feedAppend`: most lists are empty, and an empty one costs nothing.
        head.feedAppend(FeedReader.describe(reader.entityRepairReport))
        let charset = reader.charset
        if let charset { head.feedAppend(FeedReader.describe(charset)) }
        return FeedStreamSummary(feed: sink.rules.feed(FeedHandover(leadingProblems: head, encoding: charset?.name)), itemCount: delivered)
    }

    /// The summary, or an empty one when the stream did not end a feed: for the readers whose
    /// stream ends with the reading, made for their caller.
    func takeSummary() -> FeedStreamSummary {
        hasFeed ? makeSummary() : FeedStreamSummary.empty
    }

    /// The summary, or `nil` when the stream did not end a feed: for ``FeedStream/summary``,
    /// which keeps the first it gets (the rules read the feed's fields once a stream).
    func summary() -> FeedStreamSummary? {
        hasFeed ? makeSummary() : nil
    }

    /// The items the events so far completed; throws when the root element is not a feed's.
    private func takeItems() throws(FeedStreamError) -> [FeedItem] {
        if let name = sink.notAFeed { throw .notAFeed(rootElement: name) }
        guard delivered + sink.rules.ready.count <= itemLimit else {
            throw .markup(.limitExceeded(LimitExceeded(.feedItems, value: delivered + sink.rules.ready.count, maximum: itemLimit)))
        }
        guard !sink.rules.ready.isEmpty else { return [] }
        // Moved out of the rules, not copied: emptied with its capacity kept, the list still
        // shared with the items returned was allocated again.
        var items: [FeedItem] = []
        swap(&items, &sink.rules.ready)
        // A chunk of many items is likely followed by another: room for as many.
        if items.count > 16 { sink.rules.ready.reserveCapacity(items.count) }
        delivered += items.count
        return items
    }
}
