import Foundation
internal import CLibXML2

/// Where libxml2's SAX callbacks put what they see: the events of the current chunk, text not
/// yet delivered, errors, and a refused entity declaration. The push parser's user data.
final class StreamingSink {
    // A sink belongs to one parser on one thread, and libxml2 calls it one callback at a time:
    // the state touched for every event needs no runtime exclusivity checks.
    @exclusivity(unchecked) var events: [XMLStreamEvent] = []
    let collector = ErrorCollector()
    var forbiddenEntity: (name: String, line: Int)?
    @exclusivity(unchecked) var sawRoot = false
    /// The parser, for line numbers and stopping; set once the session exists.
    @exclusivity(unchecked) var context: xmlParserCtxtPtr?
    /// The deepest nesting accepted (``ParseLimits/depth``) and the first element beyond it.
    @exclusivity(unchecked) var depthLimit = ParseLimits.libxml2Depth
    @exclusivity(unchecked) var depthExceeded: LimitExceeded?

    /// The index (from the document's first event) of `events[0]`, and how many events were
    /// delivered before this push; kept by the reader.
    var eventBase = 0
    var delivered = 0
    /// See ``StreamingXMLReader/eventsWhileWellFormed``.
    private(set) var eventsWhileWellFormed: Int?

    /// When set, events go straight to it instead of into ``events`` (see
    /// ``XMLEventReceiver``); its owner keeps it alive while it is set.
    /// Called unmanaged (the sink owns the calls in ``receiverCalls``): no reference counting
    /// per event.
    @exclusivity(unchecked) private(set) var receiver: Unmanaged<ReceiverCalls>?
    private var receiverCalls: ReceiverCalls?
    /// ``receiverCalls``, unmanaged: what ``receiver`` is set to again for the same receiver
    /// without a reference counted on the way (the sink of a small document's read is set up
    /// once per document).
    private var keptCalls: Unmanaged<ReceiverCalls>?
    /// The receiver's names (``XMLEventReceiver/names``), asked once when it is set.
    @exclusivity(unchecked) private(set) var receiverNames: Unmanaged<XMLNameTable>?

    /// The receiver ``receiverCalls`` were made for (its address), and its type (kept after
    /// ``removeReceiver()``).
    private var callsReceiver: UnsafeMutableRawPointer?
    private var callsReceiverType: ObjectIdentifier?

    /// Sends the events to `receiver` until ``removeReceiver()``.
    func setReceiver<R: XMLEventReceiver>(_ receiver: R) {
        // The calls made for the last receiver serve again for the same object (a stream's next
        // chunk, the next small document): they hold nothing but its address and its type, both
        // checked (the type by identity: a cast to the generic class looks its metadata up in
        // the runtime's tables at every call). The address is taken unretained: made an
        // `ObjectIdentifier`, the receiver was retained and released for it.
        let address = Unmanaged.passUnretained(receiver).toOpaque()
        if keptCalls == nil || callsReceiver != address || callsReceiverType != ObjectIdentifier(R.self) {
            let calls = TypedReceiverCalls(receiver)
            receiverCalls = calls
            keptCalls = .passUnretained(calls)
            callsReceiver = address
            callsReceiverType = ObjectIdentifier(R.self)
        }
        self.receiver = keptCalls
        receiverNames = receiver.unretainedNames
    }

    /// Stops sending events to the receiver (the calls made for it are kept, unused, for
    /// ``setReceiver(_:)`` with the same one).
    func removeReceiver() {
        receiver = nil
        receiverNames = nil
    }
    /// Whether an attribute had a prefix no declaration binds (the tree names such an
    /// attribute `p:name` in no namespace; events give the prefix apart).
    @exclusivity(unchecked) var sawUnboundAttributePrefix = false
    /// Whether text goes to the receiver piece by piece as libxml2 reports it, without being
    /// gathered and cut into events first (when the receiver joins it anyway and sets no
    /// budget on a piece).
    @exclusivity(unchecked) var hasTextPassedThrough = false
    /// Whether the parser stops at the first fatal error (a reader that would throw the events
    /// away then), and whether it did.
    var stopsAtFatalError = false
    private(set) var stoppedAtFatalError = false
    /// Whether the receiver was asked about the text since the last tag: whether it wants it,
    /// and with ``hasTextPassedThrough`` where it goes (then appended there, without a call).
    @exclusivity(unchecked) private var askedForDestination = false
    /// The receiver's ``XMLEventReceiver/wantsText`` for this run (it changes only at tags).
    @exclusivity(unchecked) private var runIsWanted = false
    /// Held by the receiver until its next event; unmanaged here so that each piece of text
    /// costs no reference counting.
    @exclusivity(unchecked) private var destination: Unmanaged<XMLTextBytes>?
    /// Where this run's bytes start in ``destination`` when text is gathered (not passed
    /// through): once the run reaches ``maximumTextBytes`` they are taken back from there.
    @exclusivity(unchecked) private var destinationRunStart = 0

    /// Text gathered since the last tag, not yet delivered.
    private let pendingText = XMLTextBytes()
    /// Set by the reader (see ``StreamingXMLReader/Options/maximumTextEventBytes``).
    @exclusivity(unchecked) var maximumTextBytes: Int
    /// Namespace URIs by the address of libxml2's interned copy (valid while the parser's
    /// dictionary lives, which is as long as this sink is used): the first few in a list (a
    /// feed uses a handful), then a dictionary.
    @exclusivity(unchecked) private var recentURIs: [(pointer: UnsafeRawPointer, string: String)] = []
    @exclusivity(unchecked) private var uris: [UnsafeRawPointer: String] = [:]

    init(maximumTextBytes: Int) {
        self.maximumTextBytes = maximumTextBytes
    }

    /// Roughly the bytes the sink keeps when restarted (its lists' memory).
    var retainedBytes: Int {
        events.capacity * MemoryLayout<XMLStreamEvent>.stride + pendingText.capacity + collector.errors.capacity * MemoryLayout<MarkupDiagnostic>.stride
    }

    /// Makes the sink of an in-memory read as new for the next one (kept by
    /// ``XMLParserContextCache``): every stored property as ``init(maximumTextBytes:)`` sets it,
    /// keeping the lists' memory, except the calls made for the last receiver, which
    /// ``setReceiver(_:)`` checks against the next one. The caches by dictionary address are
    /// emptied: the next read may have another dictionary at a freed one's address.
    /// `StreamingReaderNativeMemoryTests` holds a restarted sink against a new one.
    func restart() {
        precondition(context == nil && receiver == nil, "StreamingSink.restart while a parser or a receiver uses the sink")
        if !events.isEmpty { events.removeAll(keepingCapacity: true) }
        collector.restart()
        forbiddenEntity = nil
        sawRoot = false
        depthLimit = ParseLimits.libxml2Depth
        depthExceeded = nil
        eventBase = 0
        delivered = 0
        eventsWhileWellFormed = nil
        // (Lent by the cache for each read and taken back: usually the new one again.)
        if !nameIndices.isNew { nameIndices = NameIndexCache() }
        sawUnboundAttributePrefix = false
        hasTextPassedThrough = false
        stopsAtFatalError = false
        stoppedAtFatalError = false
        askedForDestination = false
        runIsWanted = false
        destination = nil
        destinationRunStart = 0
        pendingText.removeAll()
        if !recentURIs.isEmpty { recentURIs.removeAll(keepingCapacity: true) }
        if !uris.isEmpty { uris = [:] }
        if !names.isEmpty { names = NameCache() }
    }

    /// Notes where the document stopped being well-formed: libxml2 has reported a
    /// well-formedness error before the event about to be appended.
    @inline(__always)
    func markMalformation() {
        guard eventsWhileWellFormed == nil, let context, context.pointee.wellFormed == 0 else { return }
        eventsWhileWellFormed = eventBase + events.count
    }

    func appendText(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        pendingText.append(UnsafeBufferPointer(start: bytes, count: count))
        guard pendingText.count >= maximumTextBytes else { return }
        deliverWholePieces()
    }

    /// Delivers the pending text's whole pieces of at most the maximum, each ending on a whole
    /// UTF-8 character; keeps the rest for later.
    private func deliverWholePieces() {
        var start = 0
        while pendingText.count - start >= maximumTextBytes {
            var cut = start + maximumTextBytes
            var lead = cut - 1
            while lead > start, lead > cut - 4, pendingText[lead] & 0xC0 == 0x80 { lead -= 1 }
            let b = pendingText[lead]
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if lead + length > cut, lead > start { cut = lead }
            deliverText(start, cut)
            start = cut
        }
        pendingText.removeFirst(start)
    }

    /// A tag ends the text run: the next text asks the receiver for its destination again.
    @inline(__always)
    func endTextRun() {
        if askedForDestination {
            askedForDestination = false
            destination = nil
        }
    }

    /// Text passed through (``hasTextPassedThrough``): appended to the receiver's destination
    /// for this run, or handed to ``XMLEventReceiver/text(_:)`` when it wants it so.
    @inline(__always)
    func passThrough(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let destination {
            destination._withUnsafeGuaranteedRef { $0.append(bytes) }
            return
        }
        guard let receiver else { return }
        if !askedForDestination {
            askedForDestination = true
            runIsWanted = receiver._withUnsafeGuaranteedRef { $0.wantsText }
            if runIsWanted, let unmanaged = receiver._withUnsafeGuaranteedRef({ $0.textDestination() }) {
                destination = unmanaged
                unmanaged._withUnsafeGuaranteedRef { $0.append(bytes) }
                return
            }
        }
        if runIsWanted { receiver._withUnsafeGuaranteedRef { $0.text(bytes) } }
    }

    /// Text from libxml2: passed through, gathered for the receiver (in its destination while
    /// the run is shorter than the maximum), or gathered for events.
    @inline(__always)
    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        if hasTextPassedThrough {
            passThrough(UnsafeBufferPointer(start: bytes, count: count))
            return
        }
        if let receiver {
            // Text no receiver wants is not even copied (what it depends on changes only at
            // tags: asked once per run).
            if !askedForDestination {
                askedForDestination = true
                runIsWanted = receiver._withUnsafeGuaranteedRef { $0.wantsText }
                if runIsWanted, let unmanaged = receiver._withUnsafeGuaranteedRef({ $0.textDestination() }) {
                    destination = unmanaged
                    destinationRunStart = unmanaged._withUnsafeGuaranteedRef { $0.count }
                }
            }
            guard runIsWanted else { return }
            if let destination {
                appendToDestination(destination, UnsafeBufferPointer(start: bytes, count: count))
                return
            }
        }
        appendText(bytes, count: count)
    }

    /// Gathered text appended where the receiver keeps it (``XMLEventReceiver/textDestination()``)
    /// instead of into ``pendingText`` and then handed over by ``text(_:)``: a run shorter than
    /// the maximum is one piece (``flushText()`` would deliver it whole at the next tag), which
    /// the receiver takes in at its next event. A run that reaches the maximum is taken back
    /// into ``pendingText`` (the receiver's buffer as it was before the run) and from there on
    /// is gathered and cut into pieces as ``appendText(_:count:)`` does, so that a receiver
    /// that keeps text within a budget gets the same pieces either way; memory stays bounded
    /// as with ``pendingText`` alone (below the maximum and one piece from libxml2).
    @inline(__always)
    private func appendToDestination(_ destination: Unmanaged<XMLTextBytes>, _ bytes: UnsafeBufferPointer<UInt8>) {
        let runLength = destination._withUnsafeGuaranteedRef { buffer in
            buffer.append(bytes)
            return buffer.count - destinationRunStart
        }
        guard runLength >= maximumTextBytes else { return }
        destination._withUnsafeGuaranteedRef { buffer in
            pendingText.append(buffer.bytes(from: destinationRunStart, to: buffer.count))
            buffer.removeSuffix(from: destinationRunStart)
        }
        // (Not asked again in this run.)
        self.destination = nil
        deliverWholePieces()
    }

    /// Delivers pending text as one event.
    func flushText() {
        guard !pendingText.isEmpty else { return }
        deliverText(0, pendingText.count)
        pendingText.removeAll()
    }

    /// The pending bytes `start..<end` as one text event, or as bytes to the receiver (the same
    /// pieces: a receiver that keeps text within a budget cuts it where an event would be cut).
    private func deliverText(_ start: Int, _ end: Int) {
        if let receiver {
            let text = pendingText.bytes(from: start, to: end)
            receiver._withUnsafeGuaranteedRef { $0.text(text) }
            return
        }
        markMalformation()
        events.append(.text(String(decoding: pendingText.bytes(from: start, to: end), as: UTF8.self)))
    }

    func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// A name: element and attribute names and prefixes live in the parser's dictionary, at
    /// one address each, so most are found in the cache.
    @exclusivity(unchecked) private var names = NameCache()

    func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        // A cached address is a live dictionary string, so a hit is always right; a miss is
        // cached only if the dictionary owns the string.
        let dict = context?.pointee.dict
        return names.string(pointer) { dict != nil && xmlDictOwns(dict, $0) == 1 }
    }

    /// Indices of names and namespace URIs in the receiver's table, by dictionary address.
    @exclusivity(unchecked) var nameIndices = NameIndexCache()

    /// The index in `names` of a name or URI (a dictionary string, so most are found in the
    /// cache; see ``name(_:)``).
    func nameIndex(_ pointer: UnsafePointer<xmlChar>, in names: XMLNameTable) -> Int32 {
        let dict = context?.pointee.dict
        return nameIndices.index(pointer, in: names) { dict != nil && xmlDictOwns(dict, $0) == 1 }
    }

    func uri(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        let raw = UnsafeRawPointer(pointer)
        for entry in recentURIs where entry.pointer == raw { return entry.string }
        if !uris.isEmpty, let known = uris[raw] { return known }
        let value = String(cString: pointer)
        if let dict = context?.pointee.dict, xmlDictOwns(dict, pointer) == 1 {
            if recentURIs.count < 8 {
                if recentURIs.isEmpty { recentURIs.reserveCapacity(8) }
                recentURIs.append((raw, value))
            } else if uris.count < 1_000 {
                uris[raw] = value
            }
        }
        return value
    }

    var line: Int { context.flatMap { $0.pointee.input.map { Int($0.pointee.line) } } ?? 0 }

    /// Stops the parser at a fatal error (see ``stopsAtFatalError``).
    func stop() {
        stoppedAtFatalError = true
        if let context { xmlStopParser(context) }
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> StreamingSink? {
        pointer.map { Unmanaged<StreamingSink>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// One libxml2 push parser with our SAX callbacks and safe options: opened by a
/// ``StreamingXMLReader`` when its parser starts, closed by it (``close(sink:contexts:)``) when
/// the stream ends or the reader goes away. A value the reader holds, not an object of its own:
/// a stream of a small document neither allocates it nor counts references to the reader's
/// sink and context cache for it (about fifteen atomic operations a document).
struct PushSession {
    let context: xmlParserCtxtPtr

    /// Our SAX callbacks, for the push parser and for ``StreamingXMLReader/readInMemory(_:options:to:)``.
    static var handler: xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = PushSession.startElement
        handler.endElementNs = PushSession.endElement
        handler.characters = PushSession.characters
        handler.cdataBlock = PushSession.characters
        handler.entityDecl = PushSession.entityDeclaration
        handler.serror = PushSession.structuredError
        // Left nil on purpose: getEntity, resolveEntity, externalSubset, internalSubset,
        // reference. Without them nothing outside the document can be reached.
        return handler
    }

    private let recover: Bool
    /// Whether the stream ended or was given up: only then may the context be kept.
    var mayKeepContext = false

    /// A session with a new context, or with the one `contexts` keeps (set up the same way).
    /// `encoding` `nil` reads libxml2's own UTF-8 (see `LibXML2.xmlEncoding`). The caller
    /// closes it with the same `sink` and `contexts`.
    // Borrowed: an initialiser takes its arguments owned, and the reader retained its sink and
    // its cache to pass them (and the initialiser released them).
    init?(sink: borrowing StreamingSink, encoding: String?, recover: Bool, contexts: borrowing XMLPushContextCache?) {
        let box = Unmanaged.passUnretained(sink).toOpaque()
        let context: xmlParserCtxtPtr
        if let kept = contexts?.take(recover: recover) {
            // What xmlCreatePushParserCtxt sets below: our callbacks and user data (the reset
            // keeps the SAX handler; set again so that nothing of the last stream's remains).
            kept.pointee.sax.pointee = Self.handler
            context = kept
        } else {
            var handler = Self.handler
            guard let made = xmlCreatePushParserCtxt(&handler, box, nil, 0, nil) else { return nil }
            context = made
        }
        self.context = context
        self.recover = recover
        sink.context = context
        // The same set-up for a new context and a kept one: the reset (as new but for the tables'
        // memory and the dictionary), the encoding, the options.
        _ = xmlCtxtResetPush(context, nil, 0, nil, encoding)
        LibXML2.useXMLOptions(context, recover: recover)
        // Belt and braces: these are the defaults, and must stay so.
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        context.pointee.validate = 0
        context.pointee.userData = box
        // The names' indices by address, from the streams before with the same dictionary.
        contexts?.lendNameIndices(to: sink, for: context)
    }

    /// Ends the session: the context goes back to `contexts` (kept there or freed), or is freed.
    /// Called once, with the `sink` and `contexts` it was opened with.
    func close(sink: StreamingSink, contexts: XMLPushContextCache?) {
        sink.context = nil
        contexts?.takeBackNameIndices(from: sink)
        // Our callbacks build no tree, but libxml2 makes a stand-in document to hold the
        // internal subset when it meets an entity declaration (SAX compatibility mode), and
        // xmlFreeParserCtxt does not free it (found by fuzzing: a leak per DOCTYPE).
        LibXML2.freeStandInDocument(of: context)
        if contexts != nil {
            // Freed through the cache when not kept: it forgets the name indices of its dictionary.
            // (Not bound with `if let`: the binding was retained around the call.)
            contexts.unsafelyUnwrapped.give(context, recover: recover, mayKeep: mayKeepContext)
        } else {
            xmlFreeParserCtxt(context)
        }
    }

    func push(_ bytes: UnsafeRawBufferPointer, terminate: Bool, sink: StreamingSink) {
        sink.collector.capturing {
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = xmlParseChunk(context, chars.baseAddress, Int32(chars.count), terminate ? 1 : 0)
            }
        }
    }

    // MARK: SAX callbacks (C function pointers: no captures)

    private static let startElement: startElementNsSAX2Func = { user, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes in
        guard let user, let localName else { return }
        // No reference counting on the sink for each tag.
        Unmanaged<StreamingSink>.fromOpaque(user)._withUnsafeGuaranteedRef { sink in
            startElement(sink, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
        }
    }

    private static func startElement(
        _ sink: StreamingSink, _ localName: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
        _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributeCount: Int32, _ defaultedCount: Int32,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        sink.flushText()
        sink.sawRoot = true
        // libxml2 pushes the element's name after this call: its depth is one more.
        if let context = sink.context, Int(context.pointee.nameNr) + 1 > sink.depthLimit {
            // Stop here: the rest would be read without this element's content.
            if sink.depthExceeded == nil {
                sink.depthExceeded = LimitExceeded(.depth, value: Int(context.pointee.nameNr) + 1, maximum: sink.depthLimit, location: "line \(sink.line)")
            }
            xmlStopParser(context)
            return
        }
        if let receiver = sink.receiver, let names = sink.receiverNames {
            // A receiver gets the tag as indices into its names, and reads attributes and
            // declarations from libxml2's arrays: no XMLStreamElement is made (its strings and
            // arrays cost more reference counting than the rest of a tag).
            let tag = names._withUnsafeGuaranteedRef { names in
                startTag(sink, names, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
            }
            sink.endTextRun()
            let afterMalformation = sink.context.map { $0.pointee.wellFormed == 0 } ?? false
            receiver._withUnsafeGuaranteedRef { $0.startElement(tag, afterMalformation: afterMalformation) }
            return
        }
        // Made by functions and bound to constants that the element takes over (built in
        // local variables here, they cost more reference counting per start tag).
        let declarations = namespaceDeclarations(sink, namespaceCount, namespaces)
        let list = attributeList(sink, attributeCount, defaultedCount, attributes)
        // A prefix no declaration binds stays in the name, as in the tree (`itunes:subtitle`
        // in no namespace).
        let unbound = uri == nil && prefix != nil
        let element = XMLStreamElement(
            localName: unbound ? sink.string(prefix)! + ":" + String(cString: localName) : sink.name(localName),
            prefix: unbound ? nil : prefix.map(sink.name),
            namespaceURI: sink.uri(uri),
            attributes: list,
            line: sink.line,
            namespaceDeclarations: declarations
        )
        sink.markMalformation()
        sink.events.append(.startElement(element))
    }

    /// The start tag for a receiver: the same names, attributes and declarations as the
    /// ``XMLStreamElement`` built for events (``startElement``), as indices in `names`.
    private static func startTag(
        _ sink: StreamingSink, _ names: XMLNameTable, _ localName: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        _ attributeCount: Int32, _ defaultedCount: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> XMLStartTag {
        let written = max(0, Int(attributeCount) - Int(defaultedCount))
        if let attributes {
            for i in 0..<written {
                let base = attributes + 5 * i
                if base[0] != nil, base[3] != nil, base[4] != nil, base[1] != nil, base[2] == nil { sink.sawUnboundAttributePrefix = true }
            }
        }
        // A prefix no declaration binds stays in the name, as in the tree (`itunes:subtitle`
        // in no namespace), and as the events have it.
        let unbound = uri == nil && prefix != nil
        let name = unbound
            ? names.index(of: sink.string(prefix)! + ":" + String(cString: localName))
            : sink.nameIndex(localName, in: names)
        return XMLStartTag(
            localName: name,
            prefix: unbound ? -1 : prefix.map { sink.nameIndex($0, in: names) } ?? -1,
            namespaceURI: uri.map { sink.nameIndex($0, in: names) } ?? -1,
            line: sink.line,
            attributeCount: attributes == nil ? 0 : written,
            attributes: attributes,
            declarationCount: namespaces == nil ? 0 : max(0, Int(namespaceCount)),
            namespaces: namespaces,
            sink: sink,
            names: names
        )
    }

    /// Declarations come as two pointers each: prefix (nil for the default namespace), URI.
    private static func namespaceDeclarations(
        _ sink: StreamingSink, _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> [XMLNamespaceDeclaration] {
        guard namespaceCount > 0, let namespaces else { return [] }
        var declarations: [XMLNamespaceDeclaration] = []
        declarations.reserveCapacity(Int(namespaceCount))
        for i in 0..<Int(namespaceCount) {
            declarations.append(XMLNamespaceDeclaration(prefix: sink.string(namespaces[2 * i]), uri: sink.uri(namespaces[2 * i + 1]) ?? ""))
        }
        return declarations
    }

    /// Attributes come as five pointers each: local name, prefix, URI, value start, value end.
    /// Defaulted attributes (from a DTD's ATTLIST) come last and are left out, as in the tree.
    private static func attributeList(
        _ sink: StreamingSink, _ attributeCount: Int32, _ defaultedCount: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> [XMLStreamAttribute] {
        let written = Int(attributeCount) - Int(defaultedCount)
        guard written > 0, let attributes else { return [] }
        var list: [XMLStreamAttribute] = []
        list.reserveCapacity(written)
        for i in 0..<written {
            let base = attributes + 5 * i
            guard let name = base[0], let start = base[3], let end = base[4] else { continue }
            if base[1] != nil, base[2] == nil { sink.sawUnboundAttributePrefix = true }
            let raw = UnsafeBufferPointer(start: start, count: end - start)
            list.append(XMLStreamAttribute(
                localName: sink.name(name),
                prefix: sink.string(base[1]),
                namespaceURI: sink.uri(base[2]),
                value: attributeValue(raw)
            ))
        }
        return list
    }

    private static let endElement: endElementNsSAX2Func = { user, _, _, _ in
        guard let user else { return }
        Unmanaged<StreamingSink>.fromOpaque(user)._withUnsafeGuaranteedRef { sink in
            sink.flushText()
            if let receiver = sink.receiver {
                sink.endTextRun()
                receiver._withUnsafeGuaranteedRef { $0.endElement() }
                return
            }
            sink.markMalformation()
            sink.events.append(.endElement)
        }
    }

    private static let characters: charactersSAXFunc = { user, bytes, count in
        guard let user, let bytes, count > 0 else { return }
        // Called for every piece of text (an entity or character reference cuts text into
        // several): no reference counting on the sink.
        Unmanaged<StreamingSink>.fromOpaque(user)._withUnsafeGuaranteedRef { sink in
            sink.characters(bytes, count: Int(count))
        }
    }

    /// Entity declarations are refused: note the first and stop the parser.
    private static let entityDeclaration: entityDeclSAXFunc = { user, name, _, _, _, _ in
        guard let sink = StreamingSink.from(user) else { return }
        if sink.forbiddenEntity == nil {
            sink.forbiddenEntity = (name.map { String(cString: $0) } ?? "?", sink.line)
        }
        if let context = sink.context { xmlStopParser(context) }
    }

    private static let structuredError: xmlStructuredErrorFunc = { user, error in
        guard let sink = StreamingSink.from(user), let error else { return }
        sink.collector.record(error)
        if sink.stopsAtFatalError, error.pointee.level == XML_ERR_FATAL { sink.stop() }
    }

    /// Without entity substitution libxml2 hands over `&` (from `&amp;` or `&#38;`) as the
    /// character reference `&#38;`, for a later pass to decode; every other reference is
    /// already resolved. This is that pass.
    static func attributeValue(_ raw: UnsafeBufferPointer<xmlChar>) -> String {
        let amp = UInt8(ascii: "&")
        guard raw.contains(amp) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == amp, i + 4 < raw.count, raw[i + 1] == UInt8(ascii: "#"), raw[i + 2] == UInt8(ascii: "3"),
               raw[i + 3] == UInt8(ascii: "8"), raw[i + 4] == UInt8(ascii: ";") {
                out.append(amp)
                i += 5
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
