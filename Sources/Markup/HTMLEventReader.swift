internal import CLibXML2

/// An element's name and attributes, as a reader that mirrors elements looks at them: what
/// ``MarkupWalkElement`` (an element of a parsed tree) and ``HTMLEventElement`` (a start tag
/// from ``HTMLEventReader``) both give.
package protocol MarkupElementView {
    associatedtype Attribute: MarkupAttributeView
    /// The element's name as libxml2's tree holds it, UTF-8 and NUL-terminated (`nil` for none),
    /// valid during the call that received the element.
    var namePointer: UnsafePointer<UInt8>? { get }
    /// `true` when the element is in a namespace (never for HTML parsed as HTML).
    var hasNamespace: Bool { get }
    /// Calls `body` with each attribute, in document order.
    func forEachAttribute(_ body: (_ attribute: Attribute) -> Void)
}

/// An attribute of a ``MarkupElementView``.
package protocol MarkupAttributeView {
    /// The name, UTF-8 and NUL-terminated (`nil` for none), valid during the call.
    var name: UnsafePointer<UInt8>? { get }
    /// Calls `body` with the value, UTF-8, as the tree's attribute node holds it.
    func withValue<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
}

extension MarkupWalkElement: MarkupElementView {}
extension MarkupWalkAttribute: MarkupAttributeView {}

/// Receives the elements and texts of an HTML page from ``HTMLEventReader/read(_:options:to:)``
/// as ``MarkupNode/walk(_:)`` would give them from the tree ``MarkupDocument/init(html:options:)``
/// builds of the same bytes: the same elements (implied and auto-closed ones included) with
/// the same names and attributes, and each text node as the pieces libxml2 gives it in, then
/// its end (the receiver joins them where it keeps them: no copy of every text on the way).
package protocol HTMLEventReceiver: AnyObject {
    /// An element starts (a top-level element at depth 1). Return `false` to skip its subtree:
    /// nothing more is heard of it, not even its end.
    func enterElement(_ element: HTMLEventElement) -> Bool
    /// The innermost element entered (and not skipped) ends.
    func leaveElement()
    /// The next piece of a text or CDATA node of the element entered last and not left, valid
    /// only during the call: the node the tree would hold is the pieces up to ``textEnded()``,
    /// joined. Text the tree would not keep (outside every element) is not reported.
    func textPiece(_ utf8: UnsafeBufferPointer<UInt8>)
    /// The text node whose pieces came last ends (before whatever comes next, and only after
    /// at least one piece).
    func textEnded()
}

/// A start tag as the tree would hold its element. Valid only during the
/// ``HTMLEventReceiver/enterElement(_:)`` call that receives it.
package struct HTMLEventElement: MarkupElementView {
    package let namePointer: UnsafePointer<UInt8>?
    /// libxml2's name/value pairs, NULL-terminated.
    let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// Elements of HTML parsed as HTML are in no namespace.
    package var hasNamespace: Bool { false }

    package func forEachAttribute(_ body: (_ attribute: HTMLEventAttribute) -> Void) {
        guard let attributes else { return }
        var i = 0
        while let name = attributes[i] {
            body(HTMLEventAttribute(name: name, value: attributes[i + 1]))
            i += 2
        }
    }
}

/// An attribute of an ``HTMLEventElement``, as `xmlSAX2StartElement` stores it for HTML: the name
/// as it is (no namespace prefix split off), the value as the parser gives it; an attribute
/// without a value has an empty one, or its own name for HTML's boolean attributes (`checked`).
package struct HTMLEventAttribute: MarkupAttributeView {
    package let name: UnsafePointer<UInt8>?
    let value: UnsafePointer<xmlChar>?

    package func withValue<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let value { return body(UnsafeBufferPointer(start: value, count: byteCount(value))) }
        if let name, htmlIsBooleanAttr(name) != 0 { return body(UnsafeBufferPointer(start: name, count: byteCount(name))) }
        return body(UnsafeBufferPointer(start: nil, count: 0))
    }
}

/// Reads an HTML page with libxml2's HTML parser exactly as ``MarkupDocument/init(html:options:)``
/// does (the same caps, sniffing, repairs and option set), but hands the parser's SAX events to
/// an ``HTMLEventReceiver`` instead of building libxml2's tree: the same technique as the feed
/// reader's in-memory read (``StreamingXMLReader/readInMemory(_:options:stopAtFatalError:to:)``).
///
/// What the tree builder (libxml2's `xmlSAX2StartElement`, `xmlSAX2EndElement`, `xmlSAX2Text`)
/// does with the events is done here from our own state: an element is named as the tree names
/// it (a prefix split off, `o:p` → `p`); text pieces are joined into one node until an element
/// starts or ends, a comment or processing instruction comes, or text and CDATA alternate;
/// text with no open element is dropped. The HTML parser's own decisions do not depend on the
/// tree with ``LibXML2/htmlOptions``: its only look at the tree (`areBlanks`) decides whether
/// white space goes to `characters` or `ignorableWhitespace`, and without `HTML_PARSE_NOBLANKS`
/// both go to `characters`; what else it decides there (an implied `<p>`) depends on the open
/// element's name alone.
///
/// Where the tree would be cut short or refused by libxml2 itself (an element nested deeper than
/// 256, a text node over 10,000,000 bytes) or by ``ParseLimits/depth``, the read stops and says
/// so: the caller builds the tree instead, which gives the same error or the same cut document.
package enum HTMLEventReader {
    /// How a read ended.
    package enum Outcome: Equatable {
        /// Every event was handed over.
        case complete
        /// The read stopped where the tree would differ from what events can reproduce (see
        /// above): read the page with ``MarkupDocument/init(html:options:)`` instead.
        case needsTree
    }

    /// Reads `bytes` (see ``HTMLEventReader``); throws what ``MarkupDocument/init(html:options:)``
    /// throws before the parse (input size, empty input, attribute cap, unsupported encoding).
    package static func read(_ bytes: UnsafeRawBufferPointer, options: ParseOptions, to receiver: some HTMLEventReceiver) throws(MarkupError) -> (Outcome, SniffedCharset) {
        try Parser.prepared(bytes, kind: .html, options: options) { (body, charset, _) throws(MarkupError) in
            // The tree is checked against ParseLimits.depth only below libxml2's own limit.
            let depthLimit = options.limits.depth < ParseLimits.libxml2Depth ? options.limits.depth : .max
            return (try parse(body, charset: charset, depthLimit: depthLimit, to: receiver), charset)
        }
    }

    private static func parse(_ body: UnsafeRawBufferPointer, charset: SniffedCharset, depthLimit: Int, to receiver: some HTMLEventReceiver) throws(MarkupError) -> Outcome {
        guard let context = htmlNewParserCtxt() else { throw .notWellFormed(message: "out of memory", line: 0, column: 0) }
        defer {
            LibXML2.freeStandInDocument(of: context)
            htmlFreeParserCtxt(context)
        }
        let sink = HTMLEventSinkFor(receiver: receiver, context: context, depthLimit: depthLimit)
        var handler = context.pointee.sax.pointee
        handler.startDocument = HTMLEventSink.startDocument
        handler.endDocument = nil
        handler.internalSubset = HTMLEventSink.internalSubset
        handler.externalSubset = nil
        handler.startElement = HTMLEventSink.startElement
        handler.endElement = HTMLEventSink.endElement
        handler.characters = HTMLEventSink.characters
        // Never called without HTML_PARSE_NOBLANKS; as in the tree, it would be text.
        handler.ignorableWhitespace = HTMLEventSink.characters
        handler.cdataBlock = HTMLEventSink.cdataBlock
        handler.comment = HTMLEventSink.comment
        handler.processingInstruction = HTMLEventSink.processingInstruction
        handler.reference = nil
        context.pointee.sax.pointee = handler
        context.pointee.userData = Unmanaged.passUnretained(sink as HTMLEventSink).toOpaque()
        // The sink is used after the parse; the receiver held for it (not as a pair: a tuple's
        // type is looked up in the runtime's tables at every call).
        withExtendedLifetime(receiver) {
            // libxml2's messages are not kept (the outline has no diagnostics), only kept quiet.
            xmlSetStructuredErrorFunc(nil) { _, _ in }
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            body.withMemoryRebound(to: CChar.self) { chars in
                // Our callbacks build no document: what comes back would only be one libxml2
                // made by itself, ours to free.
                if let document = htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, charset.name, LibXML2.htmlOptions) {
                    xmlFreeDoc(document)
                }
            }
            sink.finish()
        }
        // Without a start of the document the tree route gets no document and reports why.
        return sink.needsTree || !sink.started ? .needsTree : .complete
    }
}

/// The parser's user data during an ``HTMLEventReader`` read: the tree builder's rules, told
/// to a receiver by ``HTMLEventSinkFor``, which knows its type (so that each event is a direct
/// call, without an existential to copy, retain and release).
class HTMLEventSink {
    // One parser, one thread, one callback at a time: no runtime exclusivity checks.
    let context: htmlParserCtxtPtr
    let depthLimit: Int
    @exclusivity(unchecked) var started = false
    @exclusivity(unchecked) var needsTree = false
    /// Open elements, as the tree builder's node stack counts them.
    @exclusivity(unchecked) private var depth = 0
    /// What the document node's first child is: `xmlSAX2StartElement` makes an element that
    /// starts with no element open the root when the document has no child yet, a child of the
    /// root (its last) when the root is the first child, and a sibling of the first child (a
    /// top-level element) when that is the DOCTYPE, a comment or a processing instruction.
    @exclusivity(unchecked) private var firstChild = FirstChild.none
    /// The root element ended, but as long as it is the document's first child the elements
    /// that start after it are its children: its end is held back from the receiver until the
    /// document ends or a DOCTYPE comes first.
    @exclusivity(unchecked) private var rootHeld = false
    private var sawDoctype = false

    enum FirstChild { case none, element, other }
    /// Open elements of a skipped subtree (its root included), 0 outside one.
    @exclusivity(unchecked) private var skipDepth = 0
    /// The text node being told: its kind and bytes so far (its pieces go to the receiver as
    /// they come, outside skipped subtrees).
    @exclusivity(unchecked) private var runKind = RunKind.none
    @exclusivity(unchecked) private var runLength = 0

    enum RunKind { case none, text, cdata }

    /// `xmlSAX2Text` refuses to grow a text node beyond this without `XML_PARSE_HUGE` (and stops
    /// the parser): `XML_MAX_TEXT_LENGTH`.
    static let maximumTextNodeBytes = 10_000_000

    init(context: htmlParserCtxtPtr, depthLimit: Int) {
        self.context = context
        self.depthLimit = depthLimit
    }

    // MARK: The receiver (overridden by HTMLEventSinkFor)

    func enter(_ element: HTMLEventElement) -> Bool { false }
    func leave() {}
    func textPiece(_ utf8: UnsafeBufferPointer<UInt8>) {}
    func textEnded() {}

    /// Calls `body` with the sink of the parser's user data, borrowed (no retain and release
    /// per callback: the read holds the sink until the parse is over).
    @inline(__always)
    static func with(_ context: UnsafeMutableRawPointer?, _ body: (HTMLEventSink) -> Void) {
        Unmanaged<HTMLEventSink>.fromOpaque(context.unsafelyUnwrapped)._withUnsafeGuaranteedRef(body)
    }

    /// Stops the parse: the caller builds the tree instead.
    private func giveUp() {
        needsTree = true
        xmlStopParser(context)
    }

    /// Ends the text node being told, if any.
    @inline(__always)
    func flushText() {
        guard runKind != .none else { return }
        if skipDepth == 0, depth > 0 { textEnded() }
        runKind = .none
        runLength = 0
    }

    func append(_ bytes: UnsafePointer<xmlChar>?, count: Int, kind: RunKind) {
        guard !needsTree, depth > 0, count > 0, let bytes else { return }
        if runKind != kind { flushText() }
        if runKind != .none, runLength + count > Self.maximumTextNodeBytes { return giveUp() }
        runKind = kind
        if skipDepth == 0 { textPiece(UnsafeBufferPointer(start: bytes, count: count)) }
        runLength += count
    }

    func start(_ fullName: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard !needsTree else { return }
        flushText()
        // nodePush refuses a node when more than 256 are open; ParseLimits.depth is checked on
        // the tree afterwards. Either way the tree route reports it.
        // (The tree's depth counts the held root above the elements it adopts.)
        if depth > ParseLimits.libxml2Depth || depth + 1 + (rootHeld ? 1 : 0) > depthLimit { return giveUp() }
        if depth == 0, firstChild == .none { firstChild = .element }
        depth += 1
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        guard let fullName else {
            if !enter(HTMLEventElement(namePointer: nil, attributes: attributes)) { skipDepth = 1 }
            return
        }
        // xmlSAX2StartElement names the element by xmlSplitQName (also for HTML): `o:p` is `p`.
        if fullName[0] != 0x3A, Self.hasColon(fullName) {
            var prefix: UnsafeMutablePointer<xmlChar>?
            let name = xmlSplitQName(context, fullName, &prefix)
            defer {
                if let name { rus_xml_free(name) }
                if let prefix { rus_xml_free(prefix) }
            }
            if !enter(HTMLEventElement(namePointer: name.map { UnsafePointer($0) }, attributes: attributes)) { skipDepth = 1 }
            return
        }
        if !enter(HTMLEventElement(namePointer: fullName, attributes: attributes)) { skipDepth = 1 }
    }

    /// Whether the name holds a `:` (HTML names are short: a plain loop).
    @inline(__always)
    static func hasColon(_ name: UnsafePointer<xmlChar>) -> Bool {
        var i = 0
        while name[i] != 0 {
            if name[i] == 0x3A { return true }
            i += 1
        }
        return false
    }

    func end() {
        guard !needsTree, depth > 0 else { return }
        flushText()
        depth -= 1
        if depth == 0, !rootHeld, firstChild == .element {
            // The root ends: held back (a skipped root stays skipped).
            rootHeld = true
            return
        }
        if skipDepth > 0 {
            skipDepth -= 1
        } else {
            leave()
        }
        if depth == 0, rootHeld, firstChild != .element { releaseRoot() }
    }

    /// The held root's end reaches the receiver.
    private func releaseRoot() {
        rootHeld = false
        if skipDepth > 0 {
            skipDepth = 0
        } else {
            leave()
        }
    }

    /// A DOCTYPE: libxml2's HTML tree builder keeps the first and makes it the document's first child.
    func doctype() {
        guard !needsTree, !sawDoctype else { return }
        sawDoctype = true
        firstChild = .other
        if depth == 0, rootHeld { releaseRoot() }
    }

    /// A comment or processing instruction: a node of its own, which ends a text node (and with
    /// no element open, may be the document's first child).
    func otherNode() {
        flushText()
        if depth == 0, firstChild == .none { firstChild = .other }
    }

    /// The document ends.
    func finish() {
        flushText()
        if !needsTree, rootHeld { releaseRoot() }
    }

    // MARK: The callbacks

    static let startDocument: startDocumentSAXFunc = { context in
        with(context) { $0.started = true }
    }

    static let startElement: startElementSAXFunc = { context, name, attributes in
        with(context) { $0.start(name, attributes) }
    }

    static let endElement: endElementSAXFunc = { context, _ in
        with(context) { $0.end() }
    }

    static let characters: charactersSAXFunc = { context, bytes, count in
        with(context) { $0.append(bytes, count: Int(count), kind: .text) }
    }

    static let cdataBlock: cdataBlockSAXFunc = { context, bytes, count in
        with(context) { $0.append(bytes, count: Int(count), kind: .cdata) }
    }

    static let comment: commentSAXFunc = { context, _ in
        with(context) { $0.otherNode() }
    }

    static let processingInstruction: processingInstructionSAXFunc = { context, _, _ in
        with(context) { $0.otherNode() }
    }

    static let internalSubset: internalSubsetSAXFunc = { context, _, _, _ in
        with(context) { $0.doctype() }
    }
}

/// An ``HTMLEventSink`` that tells a receiver of a known type: each event is a direct call on
/// the receiver, borrowed (the read holds it).
final class HTMLEventSinkFor<Receiver: HTMLEventReceiver>: HTMLEventSink {
    private let receiver: Unmanaged<Receiver>

    init(receiver: Receiver, context: htmlParserCtxtPtr, depthLimit: Int) {
        self.receiver = Unmanaged.passUnretained(receiver)
        super.init(context: context, depthLimit: depthLimit)
    }

    override func enter(_ element: HTMLEventElement) -> Bool {
        receiver._withUnsafeGuaranteedRef { $0.enterElement(element) }
    }

    override func leave() {
        receiver._withUnsafeGuaranteedRef { $0.leaveElement() }
    }

    override func textPiece(_ utf8: UnsafeBufferPointer<UInt8>) {
        receiver._withUnsafeGuaranteedRef { $0.textPiece(utf8) }
    }

    override func textEnded() {
        receiver._withUnsafeGuaranteedRef { $0.textEnded() }
    }
}
