internal import CLibXML2

/// Receives a document's events straight from libxml2's SAX callbacks, without the
/// ``XMLStreamEvent`` array: start tags as ``XMLStartTag``s (names as indices in the
/// receiver's ``XMLNameTable``), text as UTF-8 bytes (both valid only during the call). What ``XMLEventHandler`` receives, for readers that keep text as
/// bytes and need no array in between.
///
/// Text comes in the pieces ``StreamingXMLReader`` would report as text events (whole between
/// two tags, cut at ``StreamingXMLReader/Options/maximumTextEventBytes``), and only while
/// ``wantsText`` is `true`; ``StreamingXMLReader/readInMemory(_:options:to:)`` hands over
/// libxml2's own pieces, which the receiver joins.
package protocol XMLEventReceiver: AnyObject {
    /// A start tag; `afterMalformation` says whether the document was already found not to be
    /// well-formed (``StreamingXMLReader/eventsWhileWellFormed`` for this event).
    func startElement(_ tag: XMLStartTag, afterMalformation: Bool)
    /// The table the start tags' names are indices in; asked once, when the receiver is given
    /// to a reader, and used unmanaged: the receiver keeps it alive meanwhile.
    var names: XMLNameTable { get }
    /// ``names``, unretained: what a reader asks for. A receiver given to a reader for every
    /// small document implements it to hand the table over without a reference counted (a
    /// getter returning the table retains it, and the reader releases it at once).
    var unretainedNames: Unmanaged<XMLNameTable> { get }
    /// The innermost open element ends.
    func endElement()
    /// Whether text at this point is kept (asked before text is copied at all).
    var wantsText: Bool { get }
    /// Character data, entities and character references resolved.
    func text(_ utf8: UnsafeBufferPointer<UInt8>)
    /// Where the text from here to the next tag may be appended without a call per piece, or
    /// `nil` to have it through ``text(_:)``. Asked (only when ``wantsText``) at the first text
    /// after a tag, by ``StreamingXMLReader/readInMemory(_:options:to:)`` (which appends the
    /// whole run there) and by the push reader (which appends a run there while it is shorter
    /// than its largest piece of text, and otherwise takes the run back and hands it over in
    /// pieces through ``text(_:)``): the receiver takes stock of what was appended at its next
    /// event, and keeps the buffer alive until then (it is handed over unmanaged: no reference
    /// counting per text run).
    func textDestination() -> Unmanaged<XMLTextBytes>?
}

extension XMLEventReceiver {
    /// Text comes through ``text(_:)`` unless a receiver says otherwise.
    package func textDestination() -> Unmanaged<XMLTextBytes>? { nil }
    package var unretainedNames: Unmanaged<XMLNameTable> { .passUnretained(names) }
}

/// A receiver as a ``StreamingSink`` calls it, once per event: through a class of its own
/// (``TypedReceiverCalls``) holding the receiver unmanaged. Called through an `any
/// XMLEventReceiver`, the receiver was retained and released at every event.
class ReceiverCalls {
    func startElement(_ tag: XMLStartTag, afterMalformation: Bool) { preconditionFailure("ReceiverCalls is abstract") }
    func endElement() { preconditionFailure("ReceiverCalls is abstract") }
    var wantsText: Bool { preconditionFailure("ReceiverCalls is abstract") }
    func text(_ utf8: UnsafeBufferPointer<UInt8>) { preconditionFailure("ReceiverCalls is abstract") }
    func textDestination() -> Unmanaged<XMLTextBytes>? { preconditionFailure("ReceiverCalls is abstract") }
}

/// ``ReceiverCalls`` for a receiver of type `R`, which its owner keeps alive while it is set.
final class TypedReceiverCalls<R: XMLEventReceiver>: ReceiverCalls {
    private let receiver: Unmanaged<R>

    init(_ receiver: R) {
        self.receiver = .passUnretained(receiver)
    }

    override func startElement(_ tag: XMLStartTag, afterMalformation: Bool) {
        receiver._withUnsafeGuaranteedRef { $0.startElement(tag, afterMalformation: afterMalformation) }
    }
    override func endElement() { receiver._withUnsafeGuaranteedRef { $0.endElement() } }
    override var wantsText: Bool { receiver._withUnsafeGuaranteedRef { $0.wantsText } }
    override func text(_ utf8: UnsafeBufferPointer<UInt8>) { receiver._withUnsafeGuaranteedRef { $0.text(utf8) } }
    override func textDestination() -> Unmanaged<XMLTextBytes>? { receiver._withUnsafeGuaranteedRef { $0.textDestination() } }
}

/// A growable byte buffer that a reader owns and the SAX callbacks append text to directly
/// (see ``XMLEventReceiver/textDestination()``).
package final class XMLTextBytes {
    // Read and written by the inlined append (one per piece of text). A buffer has one owner
    // and is never shared between threads: no runtime exclusivity checks.
    @exclusivity(unchecked) @usableFromInline var base: UnsafeMutablePointer<UInt8>?
    @exclusivity(unchecked) @usableFromInline var used = 0
    /// How many bytes it keeps allocated (also when emptied). A field its owners read directly:
    /// through a call, the owner of the buffer was retained around it.
    @exclusivity(unchecked) package internal(set) var capacity = 0

    /// How many bytes the buffer holds.
    package var count: Int { used }

    package init() {}

    deinit { base?.deallocate() }

    @inlinable
    package func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if used + bytes.count > capacity { grow(toHold: used + bytes.count) }
        (base.unsafelyUnwrapped + used).update(from: source, count: bytes.count)
        used += bytes.count
    }

    @usableFromInline
    func grow(toHold needed: Int) {
        let newCapacity = max(needed, capacity * 2, 256)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let base {
            grown.update(from: base, count: used)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }

    /// Appends a copy of the bytes in `range` (of this buffer).
    package func appendCopy(of range: Range<Int32>) {
        let copy = Array(bytes(range))
        copy.withUnsafeBufferPointer { append($0) }
    }

    /// Empties the buffer, keeping its memory.
    package func removeAll() { used = 0 }

    /// The bytes in `range`, valid until the buffer next changes.
    package func bytes(_ range: Range<Int32>) -> UnsafeBufferPointer<UInt8> {
        precondition(range.lowerBound >= 0 && Int(range.upperBound) <= count, "XMLTextBytes range out of bounds")
        guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + Int(range.lowerBound), count: range.count)
    }
}

extension StreamingXMLReader {
    /// Reads the next chunk, handing its events to `receiver` as they come (see
    /// ``parse(_:into:)``).
    package func parse(_ chunk: UnsafeBufferPointer<UInt8>, to receiver: some XMLEventReceiver) throws(MarkupError) {
        var unused: [XMLStreamEvent] = []
        try withReceiver(receiver) { () throws(MarkupError) in try parse(chunk, into: &unused) }
    }

    /// Ends the document, handing the last events to `receiver` (see ``finish(into:)``).
    package func finish(to receiver: some XMLEventReceiver) throws(MarkupError) {
        var unused: [XMLStreamEvent] = []
        try withReceiver(receiver) { () throws(MarkupError) in try finish(into: &unused) }
    }

    private func withReceiver(_ receiver: some XMLEventReceiver, _ body: () throws(MarkupError) -> Void) throws(MarkupError) {
        sink.setReceiver(receiver)
        defer { sink.removeReceiver() }
        try withExtendedLifetime(receiver) { () throws(MarkupError) in try body() }
    }

    /// What ``readInMemory(_:options:to:)`` found besides the events.
    package struct InMemoryRead {
        /// The encoding the bytes were read with, as ``MarkupDocument/charset`` says it.
        package var charset: SniffedCharset
        /// Whether the document is well-formed (libxml2's `wellFormed`).
        package var isWellFormed: Bool
        /// Whether a root element started.
        package var sawRoot: Bool
        /// Whether the document declares an entity (the parser stopped there).
        package var declaresEntity: Bool
        /// Whether an attribute had a prefix no declaration binds (the tree names it `p:name`).
        package var sawUnboundAttributePrefix: Bool
        /// Whether the parser was stopped at a fatal error (with `stopAtFatalError`): the events
        /// end there.
        package var stoppedAtFatalError: Bool
        /// What libxml2 reported (errors and warnings), in order.
        package var diagnostics: [MarkupDiagnostic]
    }

    /// Reads a whole document in memory with libxml2's memory parser (the one
    /// ``MarkupDocument/init(xml:options:)`` uses, with the same options, caps, sniffing and
    /// repairs) and our SAX callbacks: the events the tree would be built from, without the
    /// tree. Text comes in libxml2's pieces, which the receiver joins between two tags.
    ///
    /// Mirrors `Parser.parse` for XML step by step; what the tree reports differently (a
    /// document that is not well-formed, an entity declaration, an unbound attribute prefix,
    /// line numbers from 65,535 on) is returned for the caller to fall back on the tree.
    ///
    /// With `stopAtFatalError`, the parse stops at the first fatal (well-formedness) error, for
    /// a caller that reads a document that is not well-formed some other way.
    /// `withoutReadCallback: false` always parses with `xmlCtxtReadMemory` (see
    /// `LibXML2.readMemory`, what its other route is tested against). With `contexts`, the parser
    /// context of the last read is used again (see ``XMLParserContextCache``).
    package static func readInMemory(
        _ bytes: UnsafeRawBufferPointer, options: ParseOptions, stopAtFatalError: Bool = false, withoutReadCallback: Bool = true,
        contexts: XMLParserContextCache? = nil, to receiver: some XMLEventReceiver
    ) throws(MarkupError) -> InMemoryRead {
        // The same preparation as every in-memory parse.
        try Parser.prepared(bytes, kind: .xml, options: options) { (body, charset, _) throws(MarkupError) in
            try read(
                body, charset: charset, options: options, stopAtFatalError: stopAtFatalError, withoutReadCallback: withoutReadCallback, contexts: contexts,
                to: receiver
            )
        }
    }

    private static func read(
        _ body: UnsafeRawBufferPointer, charset: SniffedCharset, options: ParseOptions, stopAtFatalError: Bool, withoutReadCallback: Bool,
        contexts: XMLParserContextCache?, to receiver: some XMLEventReceiver
    ) throws(MarkupError) -> InMemoryRead {
        let recover = options.recoverMalformedXML
        guard let context = contexts?.take(recover: recover, documentBytes: body.count) ?? xmlNewParserCtxt() else {
            throw .notWellFormed(message: "out of memory", line: 0, column: 0)
        }
        // Text as libxml2 reports it: the receiver joins the pieces between two tags, as the
        // tree joins them into one text node. The sink of the last read is used again, as new.
        let sink = contexts?.takeSink() ?? StreamingSink(maximumTextBytes: .max)
        // The names' indices by address, from the reads before with the same dictionary.
        contexts?.lendNameIndices(to: sink, for: context)
        // One defer for what the cache takes back, in this order (nothing above throws).
        defer {
            contexts?.takeBackNameIndices(from: sink)
            contexts?.keep(sink, documentBytes: body.count)
            LibXML2.freeStandInDocument(of: context)
            // Optional chaining rather than `if let`: the binding retained the cache for the call.
            if contexts == nil { xmlFreeParserCtxt(context) }
            contexts?.give(context, recover: recover, documentBytes: body.count)
        }
        sink.setReceiver(receiver)
        sink.hasTextPassedThrough = true
        sink.stopsAtFatalError = stopAtFatalError
        sink.context = context
        sink.depthLimit = min(options.limits.depth, ParseLimits.libxml2Depth)
        var handler = PushSession.handler
        // White space goes where other text goes, as in the tree (xmlSAX2Characters for both).
        handler.ignorableWhitespace = handler.characters
        context.pointee.sax.pointee = handler
        context.pointee.userData = Unmanaged.passUnretained(sink).toOpaque()
        let encoding = LibXML2.xmlEncoding(for: charset, content: body)
        // The sink is used after the parse; the receiver held for it (not as a pair: a tuple's
        // type is looked up in the runtime's tables at every call).
        withExtendedLifetime(receiver) {
            sink.collector.capturing {
                body.withMemoryRebound(to: CChar.self) { chars in
                    // Our callbacks build no tree; what comes back is at most the stand-in
                    // document libxml2 makes for a DOCTYPE's entity declarations, which is ours
                    // to free (found by fuzzing: it leaked).
                    if let standIn = LibXML2.readMemory(
                        chars, context: context, encoding: encoding, recover: options.recoverMalformedXML, withoutReadCallback: withoutReadCallback
                    ) {
                        xmlFreeDoc(standIn)
                    }
                }
            }
            sink.flushText()
        }
        sink.removeReceiver()
        sink.context = nil
        if let exceeded = sink.depthExceeded ?? sink.collector.depthExceeded { throw .limitExceeded(exceeded) }
        return InMemoryRead(
            charset: charset, isWellFormed: context.pointee.wellFormed != 0, sawRoot: sink.sawRoot,
            declaresEntity: sink.forbiddenEntity != nil, sawUnboundAttributePrefix: sink.sawUnboundAttributePrefix,
            // The empty list a well-formed document has, not the collector's (its kept capacity
            // made it a buffer reference counted in and out of every read).
            stoppedAtFatalError: sink.stoppedAtFatalError, diagnostics: sink.collector.errors.isEmpty ? [] : sink.collector.errors
        )
    }
}

/// One libxml2 parser context kept between in-memory reads
/// (``StreamingXMLReader/readInMemory(_:options:stopAtFatalError:withoutReadCallback:contexts:to:)``)
/// by a reader that reads many small documents: making and freeing a context (its tables and
/// its dictionary) is a tenth of the work of reading a feed of a few hundred bytes.
/// `xmlCtxtReadMemory` is made for this ("reuses the existing parser context"): each read
/// starts with `xmlCtxtReset`, which sets the context back as new (inputs, stacks, state,
/// errors, the stand-in document) and keeps its tables and its dictionary; the SAX callbacks,
/// the user data and the options (`LibXML2.xmlOptions`) are set again for each read.
///
/// Bounded, and no read can tell a kept context from a new one: a context is kept only while
/// its dictionary holds at most ``maximumDictionaryBytes`` (so that with a document below
/// ``largestDocument`` it stays far from libxml2's dictionary limit, 10 MB), and only for
/// reads with the same `recover` (libxml2 adds options to a context, it does not take them
/// away). Used by one reader at a time (the caller's), never by two threads at once.
///
/// The event sink of the last read (``StreamingSink``, with its error collector and the calls
/// made for its receiver) is kept too, restarted as new, after a document below
/// ``largestDocument``.
package final class XMLParserContextCache {
    /// The kept context and the name indices of its dictionary (``KeptParserContext``). Used
    /// by one reader at a time (see above): no runtime exclusivity checks.
    @exclusivity(unchecked) private var slot = KeptParserContext()
    /// The event sink of the last read, restarted (``StreamingSink/restart()``).
    @exclusivity(unchecked) private var sink: StreamingSink?

    /// Documents from this size on get a new context (and theirs is not kept).
    static let largestDocument = 1 << 20
    /// A context whose dictionary holds more is freed.
    static let maximumDictionaryBytes = 256 * 1024

    package init() {}

    deinit {
        slot.freeKept()
    }

    /// The kept context, for a read with `recover` of a document of `documentBytes`, if it may
    /// serve it (else `nil`: the caller makes a new one).
    func take(recover: Bool, documentBytes: Int) -> xmlParserCtxtPtr? {
        guard documentBytes < Self.largestDocument else { return nil }
        return slot.take(recover: recover)
    }

    /// The sink kept from the last read, as new, if any.
    func takeSink() -> StreamingSink? {
        defer { sink = nil }
        return sink
    }

    /// Keeps `sink` for the next read, restarted, after a read of a document of `documentBytes`
    /// (a large document's sink is dropped: its lists may hold much memory).
    func keep(_ sink: StreamingSink, documentBytes: Int) {
        guard documentBytes < Self.largestDocument, sink.context == nil, sink.receiver == nil else { return }
        sink.restart()
        self.sink = sink
    }

    /// Gives `sink` the indices cached for the dictionary of `context` (none for another one).
    func lendNameIndices(to sink: StreamingSink, for context: xmlParserCtxtPtr) {
        slot.lendNameIndices(to: sink, for: context)
    }

    /// Takes the indices back after the read (before its context is given back).
    func takeBackNameIndices(from sink: StreamingSink) {
        slot.takeBackNameIndices(from: sink)
    }

    /// Takes `context` back after a read (its stand-in document freed): kept for the next read
    /// if nothing is kept, the document was small and the dictionary is, else freed.
    func give(_ context: xmlParserCtxtPtr, recover: Bool, documentBytes: Int) {
        context.pointee.userData = nil
        guard slot.context == nil, documentBytes < Self.largestDocument, let dictionary = context.pointee.dict,
              xmlDictGetUsage(dictionary) <= Self.maximumDictionaryBytes else {
            slot.free(context)
            return
        }
        slot.keep(context, recover: recover)
    }
}
