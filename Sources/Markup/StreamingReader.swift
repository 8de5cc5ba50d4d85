internal import CLibXML2

/// Reads XML incrementally: bytes go in as chunks of any size, element and text events come
/// out, and memory stays bounded however long the document is. No tree is built.
///
/// Use it for documents too large to hold (a feed of a gigabyte); for anything that fits in
/// memory, ``MarkupDocument`` is simpler. The safety rules are those of ``MarkupDocument``:
/// entity substitution, DTD loading, XInclude and network access are always off, the
/// external entity loader refuses everything, and a document that declares an entity is
/// refused with ``MarkupError/entityDeclaration(name:line:)``.
///
/// The encoding is decided once, from the first ``Options/sniffLength`` bytes: byte-order
/// mark, then the transport charset, then the XML declaration, then UTF-8 if those bytes are
/// valid UTF-8, else Windows-1252 (see ``CharsetSniffer``).
///
/// ```swift
/// let reader = StreamingXMLReader()
/// for chunk in chunks {
///     for event in try reader.parse(chunk) { handle(event) }
/// }
/// for event in try reader.finish() { handle(event) }
/// ```
///
/// A reader belongs to one thread at a time and is used for one document.
public final class StreamingXMLReader {
    /// Limits and hints for one streamed document. The defaults are safe for untrusted input.
    public struct Options: Sendable, Hashable {
        /// The most bytes accepted in total, or `nil` for no limit (the default: streams exist
        /// for documents of any length; memory does not grow with the length).
        public var maximumInputBytes: Int?
        /// The limits: depth, attributes and length of a start tag (counted on the raw bytes
        /// before libxml2 sees the tag), and for feed streams the number of items.
        public var limits = ParseLimits()
        /// The most attributes one start tag may have: ``ParseLimits/attributesPerElement``.
        public var maximumAttributesPerElement: Int {
            get { limits.attributesPerElement }
            set { limits.attributesPerElement = newValue }
        }
        /// The charset the transport declared (the HTTP `Content-Type` charset), if any.
        public var transportCharset: String?
        /// When the document is not well-formed, go on reading what can be read and record the
        /// problems in ``StreamingXMLReader/diagnostics``, instead of throwing. Default `true`.
        public var recoverMalformedXML: Bool = true
        /// Replace HTML named entities that XML does not define (`&auml;`, `&nbsp;`) by the
        /// characters they name before parsing. Default `true`.
        public var repairHTMLEntities: Bool = true
        /// With ``repairHTMLEntities``, also repair what `FeedReader`-style readers repair:
        /// an ampersand that starts no reference and an unknown entity name are escaped (read as
        /// text), a character reference with a capital X or to a forbidden character is fixed,
        /// references to 128–159 read as Windows-1252. Default `false`: libxml2 recovers from
        /// them and reports them in ``StreamingXMLReader/diagnostics``.
        public var repairMalformedReferences: Bool = false
        /// How many leading bytes decide the encoding (more when the XML declaration is longer).
        /// Default 64 KiB.
        public var sniffLength: Int = 65_536
        /// Text longer than this is delivered as several consecutive ``XMLStreamEvent/text(_:)``
        /// events, so one huge text node never needs to be held at once. Default 64 KiB.
        public var maximumTextEventBytes: Int = 65_536

        /// The safe defaults, with an optional total cap and transport charset.
        public init(maximumInputBytes: Int? = nil, transportCharset: String? = nil) {
            self.maximumInputBytes = maximumInputBytes
            self.transportCharset = transportCharset
        }
    }

    /// The options this reader was made with.
    // (Set again only when a kept reader starts another stream: ``restart(options:)``.)
    @exclusivity(unchecked) public private(set) var options: Options
    /// The encoding the bytes are read with, once decided (after the first bytes or at
    /// ``finish()``).
    // A reader belongs to one thread at a time and is not reentered (see above): no runtime
    // exclusivity checks on its state, touched for every chunk.
    @exclusivity(unchecked) public private(set) var charset: SniffedCharset?
    /// How many bytes have been given to ``parse(_:)`` so far.
    @exclusivity(unchecked) public private(set) var bytesRead = 0
    /// How many undefined HTML entities (`&auml;`) were repaired so far.
    public var repairedEntities: Int { entityRepair.count }
    /// Everything the entity repair did so far (see ``Options/repairMalformedReferences``).
    package var entityRepairReport: XMLEntityRepair.Report { entityRepair.report }
    /// Whether the document has been well-formed so far.
    public var isWellFormed: Bool { session.map { $0.context.pointee.wellFormed != 0 } ?? true }
    /// Problems libxml2 reported and recovered from (at most 100), when the document is not
    /// well-formed; empty for a well-formed document.
    public var diagnostics: [MarkupDiagnostic] { isWellFormed ? [] : sink.collector.errors }
    /// How many events came before the first one reported after the document was found not
    /// to be well-formed, counted from the document's first event; `nil` while it is
    /// well-formed. Whatever the chunking, the same events fall on either side.
    public var eventsWhileWellFormed: Int? { sink.eventsWhileWellFormed }

    let sink: StreamingSink
    @exclusivity(unchecked) private var session: PushSession?
    @exclusivity(unchecked) private var head: [UInt8] = []
    @exclusivity(unchecked) private var entityRepair = StreamingEntityRepair()
    @exclusivity(unchecked) private var attributeCounter: StreamingAttributeCounter
    /// Whether every byte read so far went through ``attributeCounter`` (see ``scanTags(_:)``).
    @exclusivity(unchecked) private var tagsScanned = false
    @exclusivity(unchecked) private var finished = false
    @exclusivity(unchecked) private var sawMarkup = false
    /// Whether the caller knows that the bytes it gives now are the document's last, and calls
    /// ``finish()`` right after, while those bytes are still valid (`FeedStream` reading a whole
    /// sequence of chunks or a file): while the parser has not started, they are held with the
    /// others (lent, not copied, when nothing was held before them: ``lentLast``) and the
    /// parser starts at ``finish()`` with every byte in hand, as it does for a document shorter
    /// than ``Options/sniffLength`` (libxml2's own UTF-8 for content the sniffer validated
    /// whole, the end told with the bytes). Once the parser has started it changes nothing.
    @exclusivity(unchecked) package var nextBytesAreLast = false
    /// The last bytes (``nextBytesAreLast``) when they are all the document: the caller's, read
    /// where they are at ``finish()``.
    @exclusivity(unchecked) private var lentLast: UnsafeRawBufferPointer?
    /// Where the push parser's context comes from and goes back to, if anywhere.
    private let pushContexts: XMLPushContextCache?

    /// A reader for one document.
    public convenience init(options: Options = Options()) {
        self.init(options: options, pushContexts: nil)
    }

    /// A reader for one document whose push parser context is the one `pushContexts` keeps,
    /// if any, and goes back to it when the parser ends (see ``XMLPushContextCache``): for a
    /// caller that streams many small documents one after the other, with this reader made as
    /// new for each (``restart(options:)``). The caller hands `pushContexts` to one reader at a
    /// time.
    package init(options: Options, pushContexts: XMLPushContextCache?) {
        self.options = options
        self.pushContexts = pushContexts
        self.sink = StreamingSink(maximumTextBytes: max(1, options.maximumTextEventBytes))
        sink.depthLimit = min(options.limits.depth, ParseLimits.libxml2Depth)
        self.attributeCounter = StreamingAttributeCounter(options.limits)
    }

    deinit {
        endParser()
    }

    /// Makes the reader, whose parser ended (``endParser()``), as ``init(options:pushContexts:)``
    /// makes it with `options` and its context cache, for another document: every stored
    /// property as the initialiser sets it, the sink restarted (``StreamingSink/restart()``),
    /// the held bytes' memory kept (see ``retainedBytes``). Its owner (a feed stream's state)
    /// keeps it between documents: its sink, error collector, pending text and receiver calls
    /// are not made again for each small document. `StreamingReaderKeptReaderTests` holds a
    /// restarted reader against a new one.
    package func restart(options: Options) {
        precondition(session == nil, "StreamingXMLReader.restart while a parser is open")
        self.options = options
        charset = nil
        bytesRead = 0
        if !head.isEmpty { head.removeAll(keepingCapacity: true) }
        entityRepair = StreamingEntityRepair()
        attributeCounter = StreamingAttributeCounter(options.limits)
        tagsScanned = false
        finished = false
        sawMarkup = false
        nextBytesAreLast = false
        lentLast = nil
        sink.restart()
        sink.maximumTextBytes = max(1, options.maximumTextEventBytes)
        sink.depthLimit = min(options.limits.depth, ParseLimits.libxml2Depth)
    }

    /// Roughly the bytes the reader keeps between documents (for an owner that keeps it only
    /// while they are few).
    package var retainedBytes: Int { head.capacity + sink.retainedBytes }

    /// Reads the next chunk and returns the events it completed, in document order.
    ///
    /// Events may lag behind the bytes: a start tag cut by the chunk's end is reported with the
    /// next chunk. Text may come as several consecutive text events.
    public func parse(_ chunk: some Collection<UInt8>) throws(MarkupError) -> [XMLStreamEvent] {
        var events: [XMLStreamEvent] = []
        try parse(chunk, into: &events)
        return events
    }

    /// Reads the next chunk and appends the events it completed to `events`; reuse one array
    /// to avoid an allocation per chunk.
    public func parse(_ chunk: some Collection<UInt8>, into events: inout [XMLStreamEvent]) throws(MarkupError) {
        let result: Result<Void, MarkupError> = chunk.withContiguousStorageIfAvailable { buffer in
            Result { () throws(MarkupError) in try self.consume(UnsafeRawBufferPointer(buffer), into: &events) }
        } ?? Array(chunk).withUnsafeBytes { raw in
            Result { () throws(MarkupError) in try self.consume(raw, into: &events) }
        }
        if case .failure = result {
            // The stream is given up: its parser context may be kept (see XMLPushContextCache).
            session?.mayKeepContext = true
        }
        try result.get()
    }

    /// Ends the document: reads what is left and returns the last events. Throws when the
    /// document is empty, has no root element, or (without recovery) is cut short.
    public func finish() throws(MarkupError) -> [XMLStreamEvent] {
        var events: [XMLStreamEvent] = []
        try finish(into: &events)
        return events
    }

    /// Ends the document, appending the last events to `events`.
    public func finish(into events: inout [XMLStreamEvent]) throws(MarkupError) {
        guard !finished else { return }
        finished = true
        // The stream ends here (or is given up): its parser context may be kept.
        defer { session?.mayKeepContext = true }
        if session == nil {
            let lent = lentLast
            lentLast = nil
            guard sawMarkup else { throw .empty }
            if let lent {
                try start(with: lent, final: true, into: &events)
                return try checkFinished()
            }
            let pending = head
            head = []
            try Self.withBytes(pending) { (raw) throws(MarkupError) in try start(with: raw, final: true, into: &events) }
        } else {
            try feedRepaired(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: &events)
        }
        try checkFinished()
    }

    /// What ``finish(into:)`` checks once the parser has read every byte.
    private func checkFinished() throws(MarkupError) {
        guard let session else { throw .empty }
        if !sink.sawRoot {
            let first = sink.collector.errors.first
            throw .notWellFormed(message: first?.message ?? "no root element", line: first?.line ?? 0, column: first?.column ?? 0)
        }
        if !options.recoverMalformedXML, session.context.pointee.wellFormed == 0 {
            throw firstError()
        }
    }

    // MARK: Feeding libxml2

    private func consume(_ raw: UnsafeRawBufferPointer, into events: inout [XMLStreamEvent]) throws(MarkupError) {
        precondition(!finished, "StreamingXMLReader.parse called after finish()")
        precondition(lentLast == nil, "StreamingXMLReader.parse called after the last bytes (nextBytesAreLast)")
        bytesRead += raw.count
        if let limit = options.maximumInputBytes, bytesRead > limit {
            throw .limitExceeded(LimitExceeded(.inputBytes, value: bytesRead, maximum: limit))
        }
        if !sawMarkup, raw.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) { sawMarkup = true }
        try scanTags(raw)
        guard session == nil else {
            try feedRepaired(raw, final: false, into: &events)
            return
        }
        // The document's last bytes, and all of it: read where they are at finish(), which the
        // caller calls while they are valid (see nextBytesAreLast); `head` would hold a copy.
        if head.isEmpty, nextBytesAreLast {
            lentLast = raw
            return
        }
        // The first chunk decides the encoding by itself: the parser starts on it where it is,
        // without a copy in `head` (what the general way below does with the same bytes).
        if head.isEmpty, !nextBytesAreLast, raw.count >= options.sniffLength, !Self.declarationIsCut(raw) {
            if !tagsScanned { try catchUpTagScan(with: raw) }
            try start(with: raw, final: false, into: &events)
            return
        }
        head.append(contentsOf: raw)
        guard head.count >= options.sniffLength, !nextBytesAreLast, !head.withUnsafeBytes({ Self.declarationIsCut($0) }) else { return }
        // The parser starts before the end: the tags it will see are scanned from now on.
        if !tagsScanned { try catchUpTagScan(with: UnsafeRawBufferPointer(start: nil, count: 0)) }
        let pending = head
        head = []
        try Self.withBytes(pending) { (bytes) throws(MarkupError) in try start(with: bytes, final: false, into: &events) }
    }

    /// Checks the start tags of `raw` (their attributes and length) before libxml2 sees them.
    ///
    /// The rule of `AttributeCap.firstViolation` for a document in memory: each attribute needs
    /// at least two bytes, so no tag can break a limit before more than
    /// ``StreamingAttributeCounter/bytesWithoutViolation`` bytes were read. While that is so and
    /// the bytes are all held for the encoding (``head``), they are not scanned yet; once more
    /// come, or the parser starts on them without the end, the held bytes are scanned first, in
    /// order: the same scan of the same bytes, breaking a limit at the same chunk.
    private func scanTags(_ raw: UnsafeRawBufferPointer) throws(MarkupError) {
        if tagsScanned {
            if let violation = attributeCounter.scan(raw) { throw .limitExceeded(violation) }
            return
        }
        guard bytesRead > attributeCounter.bytesWithoutViolation else { return }
        try catchUpTagScan(with: raw)
    }

    /// Scans the held bytes (``head``), then `raw` (not yet held).
    private func catchUpTagScan(with raw: UnsafeRawBufferPointer) throws(MarkupError) {
        tagsScanned = true
        let held = head.withUnsafeBytes { bytes in attributeCounter.scan(bytes) }
        if let violation = held ?? attributeCounter.scan(raw) { throw .limitExceeded(violation) }
    }

    /// Whether the first bytes (`head`) end inside the XML declaration (which names the
    /// encoding): then wait for more, up to 512 bytes.
    static func declarationIsCut(_ head: UnsafeRawBufferPointer) -> Bool {
        guard head.count < 512 else { return false }
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let opener = Array("<?xml".utf8)
        let seen = head[start...].prefix(opener.count)
        guard opener.starts(with: seen) else { return false }
        guard seen.count == opener.count else { return true }
        return !head[start...].indices.contains { i in i + 1 < head.count && head[i] == UInt8(ascii: "?") && head[i + 1] == UInt8(ascii: ">") }
    }

    /// Decides the encoding from the first bytes, creates the push parser and feeds it them.
    private func start(with bytes: UnsafeRawBufferPointer, final: Bool, into events: inout [XMLStreamEvent]) throws(MarkupError) {
        LibXML2.ensureInitialised()
        var sniffed = CharsetSniffer.sniff(bytes, transportCharset: options.transportCharset, kind: .xml)
        if !Parser.isSupported(sniffed.name) {
            sniffed = CharsetSniffer.ignoringLabel(bytes, label: sniffed.name)
            guard Parser.isSupported(sniffed.name) else { throw .unsupportedEncoding(sniffed.name) }
        }
        charset = sniffed
        entityRepair.isEnabled = options.repairHTMLEntities && !sniffed.name.hasPrefix("UTF-16")
        entityRepair.scope = options.repairMalformedReferences ? .all : .namedEntities
        let body = UnsafeRawBufferPointer(rebasing: bytes[min(sniffed.bomLength, bytes.count)...])
        // A document whose bytes are all in hand (`final`) was all validated by the sniffer: as in
        // memory (LibXML2.xmlEncoding), valid UTF-8 is read as libxml2's own UTF-8, without a
        // UTF-8 → UTF-8 converter. Otherwise the rest is not known yet: the charset's converter.
        let encoding = final ? LibXML2.xmlEncoding(for: sniffed, content: body) : sniffed.name
        guard let session = PushSession(sink: sink, encoding: encoding, recover: options.recoverMalformedXML, contexts: pushContexts) else {
            throw .notWellFormed(message: "out of memory", line: 0, column: 0)
        }
        self.session = session
        try feedRepaired(body, final: final, into: &events)
    }

    private func feedRepaired(_ raw: UnsafeRawBufferPointer, final: Bool, into events: inout [XMLStreamEvent]) throws(MarkupError) {
        if let repaired = entityRepair.process(raw, final: final) {
            try Self.withBytes(repaired) { (bytes) throws(MarkupError) in try push(bytes, final: final, into: &events) }
        } else {
            try push(raw, final: final, into: &events)
        }
    }

    private func push(_ bytes: UnsafeRawBufferPointer, final: Bool, into events: inout [XMLStreamEvent]) throws(MarkupError) {
        guard let session else { return }
        swap(&events, &sink.events)
        sink.eventBase = sink.delivered - sink.events.count
        defer {
            sink.delivered = sink.eventBase + sink.events.count
            swap(&events, &sink.events)
        }
        // libxml2 takes lengths as C ints; hand over big chunks in pieces.
        let piece = 1 << 24
        var offset = 0
        repeat {
            let end = min(bytes.count, offset + piece)
            let last = final && end == bytes.count
            session.push(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), terminate: last, sink: sink)
            if let forbidden = sink.forbiddenEntity {
                throw .entityDeclaration(name: forbidden.name, line: forbidden.line)
            }
            if let exceeded = sink.depthExceeded ?? sink.collector.depthExceeded { throw .limitExceeded(exceeded) }
            if !options.recoverMalformedXML, session.context.pointee.wellFormed == 0 {
                throw firstError()
            }
            offset = end
        } while offset < bytes.count
        if final { sink.flushText() }
    }

    /// Whether the parser has not started yet: every byte read so far is held for the encoding
    /// (nothing can be reported before more bytes or the end come).
    package var holdsEveryByte: Bool { session == nil && !finished }

    /// Ends the push parser's session now instead of when the reader goes away: its context
    /// goes back to the reader's ``XMLPushContextCache`` (kept when the stream ended or was
    /// given up, else freed). Nothing but ``charset``, ``bytesRead`` and the repairs may be
    /// asked of the reader after it.
    package func endParser() {
        guard let session else { return }
        self.session = nil
        session.close(sink: sink, contexts: pushContexts)
    }

    private static func withBytes(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(MarkupError) -> Void) throws(MarkupError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(MarkupError) in try body(raw) } }.get()
    }

    private func firstError() -> MarkupError {
        let first = sink.collector.errors.first
        return .notWellFormed(message: first?.message ?? "not well-formed", line: first?.line ?? 0, column: first?.column ?? 0)
    }
}

/// One thing a ``StreamingXMLReader`` met, in document order.
public enum XMLStreamEvent: Sendable, Hashable {
    /// A start tag (an empty-element tag gives a start and an end).
    case startElement(XMLStreamElement)
    /// The end of the innermost open element.
    case endElement
    /// Character data, entities and character references resolved, CDATA sections included.
    /// Consecutive text events belong together.
    case text(String)
}

/// A start tag as the streaming reader reports it.
public struct XMLStreamElement: Sendable, Hashable {
    /// The local name (`"item"` for `<rss:item>`).
    public var localName: String
    /// The prefix as written (`"dc"` for `<dc:date>`), `nil` when there is none.
    public var prefix: String?
    /// The namespace URI, if the element is in one.
    public var namespaceURI: String?
    /// The attributes as written (defaults from a DTD are not added), in document order.
    public var attributes: [XMLStreamAttribute]
    /// The line the start tag ends on (1-based), as ``MarkupNode/line`` counts it.
    public var line: Int
    /// The namespaces the start tag declares (`xmlns`, `xmlns:dc`), in document order.
    public var namespaceDeclarations: [XMLNamespaceDeclaration]

    /// A start tag, as tests and other producers of events build it.
    public init(
        localName: String, prefix: String? = nil, namespaceURI: String? = nil, attributes: [XMLStreamAttribute] = [], line: Int = 0,
        namespaceDeclarations: [XMLNamespaceDeclaration] = []
    ) {
        self.localName = localName
        self.prefix = prefix
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.line = line
        self.namespaceDeclarations = namespaceDeclarations
    }

    /// The value of the attribute `name` in no namespace, or `nil`.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == nil }?.value
    }

    /// The value of the attribute `name` in namespace `namespaceURI`, or `nil`.
    public func attribute(_ name: String, namespaceURI: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == namespaceURI }?.value
    }
}

/// A namespace declaration of an ``XMLStreamElement``: `xmlns="uri"` (no prefix) or `xmlns:p="uri"`.
public struct XMLNamespaceDeclaration: Sendable, Hashable {
    /// The prefix declared, `nil` for the default namespace.
    public var prefix: String?
    /// The namespace URI (empty when a default namespace is undeclared with `xmlns=""`).
    public var uri: String

    /// A declaration of `uri` for `prefix` (`nil`: the default namespace).
    public init(prefix: String?, uri: String) {
        self.prefix = prefix
        self.uri = uri
    }
}

/// An attribute of an ``XMLStreamElement``.
public struct XMLStreamAttribute: Sendable, Hashable {
    /// The local name (`"base"` for `xml:base`).
    public var localName: String
    /// The prefix as written, `nil` when there is none.
    public var prefix: String?
    /// The namespace URI; `nil` for an attribute without a prefix.
    public var namespaceURI: String?
    /// The value, entities and character references resolved.
    public var value: String

    /// An attribute, as tests and other producers of events build it.
    public init(localName: String, prefix: String? = nil, namespaceURI: String? = nil, value: String) {
        self.localName = localName
        self.prefix = prefix
        self.namespaceURI = namespaceURI
        self.value = value
    }
}
