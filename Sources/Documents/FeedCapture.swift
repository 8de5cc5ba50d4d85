import Markup

/// One feed element and everything below it, captured from element events within a byte
/// budget: an item, or the channel (or Atom feed) without its items. The item rules read it
/// through ``FeedElement``; ``FeedEventReader`` fills it the same way whether the events come
/// from the streaming parser or from a parsed tree.
///
/// The nodes are flat arrays, reused from one item to the next, so a long feed does not
/// allocate a tree per item.
final class FeedCapture {
    /// Names are indices in the reader's ``FeedNames`` (-1: none), so that appending and
    /// resetting nodes does no reference counting.
    struct Node {
        /// The local name as the tree has it (`itunes:subtitle` for an unbound prefix); -1 for
        /// text.
        var name: Int32
        var prefix: Int32
        var namespace: Int32
        /// Where the UTF-8 bytes of a text node are in ``FeedCapture/texts``.
        var text: Range<Int32>
        var line: Int
        var attributes: Range<Int32>
        var declarations: Range<Int32>
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var next: Int32 = -1
        var isText: Bool
    }

    // A capture has one owner (a FeedEventReader) and is never shared between threads or
    // accessed reentrantly: runtime exclusivity checks on every access are not needed.
    @exclusivity(unchecked) private(set) var nodes = FeedBuffer<Node>()
    @exclusivity(unchecked) private(set) var attributes = FeedBuffer<Attribute>()
    @exclusivity(unchecked) private(set) var declarations = FeedBuffer<Declaration>()
    /// The names the nodes' indices are in.
    let names: FeedNames

    /// An attribute as ``XMLStreamAttribute`` has it, names as indices.
    struct Attribute {
        var localName: Int32
        var prefix: Int32
        var namespaceURI: Int32
        var value: String
    }

    /// A namespace declaration (`xmlns:prefix="uri"`; prefix -1 for the default namespace).
    struct Declaration {
        var prefix: Int32
        var uri: Int32
    }

    init(names: FeedNames) {
        self.names = names
    }
    /// The text nodes' UTF-8 bytes, one after the other: a text becomes a `String` only when a
    /// rule reads it.
    let texts = XMLTextBytes()
    /// Whether a rule read the line of an element at line 65,535 or beyond, where a tree
    /// counts lines differently (libxml2 keeps 65,535 in the node and guesses from its text):
    /// ``FeedReader`` then reads the feed from its tree instead.
    @exclusivity(unchecked) var readLineBeyondTree = false
    /// Open elements, innermost last.
    @exclusivity(unchecked) private var open: [Int32] = []
    /// How deep the events are inside an element left out for the budget.
    @exclusivity(unchecked) private var skipped = 0
    /// Bytes that may still be kept.
    @exclusivity(unchecked) private(set) var budget = 0
    /// Whether nothing is ever left out (no budget): nothing is counted.
    @exclusivity(unchecked) private(set) var isUnbounded = false
    /// Where text appended directly since the last tag starts in ``texts``, or -1.
    @exclusivity(unchecked) private var directTextStart = -1
    /// Whether something was left out because the budget was spent.
    @exclusivity(unchecked) private(set) var truncated = false
    /// Whether the element begun or started last was kept with all its attributes.
    @exclusivity(unchecked) private var openedWithAttributes = false
    /// Short texts the rules made before, shared when met again (kept across items and
    /// documents; bounded).
    @exclusivity(unchecked) var sharedTexts = FeedSharedTexts()

    /// What one node costs on top of its text and attributes: bounds the memory of an item made
    /// of millions of empty elements.
    static let nodeCost = 64

    /// Whether the captured element is still open.
    var isOpen: Bool { !open.isEmpty }
    /// Whether text now would be kept: inside an element of the capture (not the captured
    /// element's own text, not inside an element left out).
    var keepsText: Bool { skipped == 0 && open.count > 1 }
    /// How many elements are open (1 while only the captured element is).
    var depth: Int { open.count + skipped }
    /// The captured element.
    var root: FeedElement { FeedElement(capture: self, index: 0) }
    /// The line of the captured element.
    var line: Int { nodes.count > 0 ? nodes[0].line : 0 }

    /// Starts a new capture at `element`; `budget` bounds the bytes of text and attributes kept.
    func begin(_ element: some FeedStartTag, budget: Int) {
        reset()
        if open.capacity == 0 { open.reserveCapacity(16) }
        self.budget = budget
        isUnbounded = budget == .max
        // The captured element itself is always kept (without attributes if they do not fit).
        let cost = Self.nodeCost + append(element, within: budget, nameCost: budget == .max ? 0 : names.length(element.localName))
        if cost <= budget {
            self.budget -= cost
        } else {
            self.budget = max(0, budget - Self.nodeCost)
            truncated = true
        }
        openedWithAttributes = !truncated
    }

    /// The node of the element begun or started last, `nil` when it was left out (for the budget).
    var openedIndex: Int32? { skipped == 0 ? open.last : nil }

    /// The `version` attribute (in no namespace), `xml:base` and `xml:lang` of the element begun
    /// or started last, read in one pass over its attributes with their names tested by tag
    /// and kind; `nil` when that element was left out or kept without its attributes (for the
    /// budget): the start tag tells then.
    func openedScopeAttributes() -> (version: String?, base: String?, language: String?)? {
        guard openedWithAttributes, skipped == 0, let index = open.last else { return nil }
        return scopeAttributes(of: index)
    }

    /// The `version` attribute (in no namespace), `xml:base` and `xml:lang` of the node at
    /// `index`, in one pass over its attributes (none: no pass).
    func scopeAttributes(of index: Int32) -> (version: String?, base: String?, language: String?) {
        var found: (version: String?, base: String?, language: String?) = (nil, nil, nil)
        for k in nodes[Int(index)].attributes {
            let namespace = attributes[Int(k)].namespaceURI
            switch names.tag(attributes[Int(k)].localName) {
            case .version where namespace < 0 && found.version == nil: found.version = attributes[Int(k)].value
            case .base where found.base == nil && names.kind(namespace) == .xml: found.base = attributes[Int(k)].value
            case .lang where found.language == nil && names.kind(namespace) == .xml: found.language = attributes[Int(k)].value
            default: continue
            }
        }
        return found
    }

    /// Empties the capture (every stored property but ``names`` back to its first value),
    /// keeping the memory of its lists: for the next item, or another document.
    func reset() {
        nodes.removeAll()
        attributes.removeAll()
        declarations.removeAll()
        texts.removeAll()
        readLineBeyondTree = false
        if !open.isEmpty { open.removeAll(keepingCapacity: true) }
        skipped = 0
        budget = 0
        isUnbounded = false
        directTextStart = -1
        truncated = false
        openedWithAttributes = false
    }

    /// Roughly the bytes the capture keeps when emptied.
    var retainedBytes: Int {
        nodes.capacity * MemoryLayout<Node>.stride + attributes.capacity * MemoryLayout<Attribute>.stride
            + declarations.capacity * MemoryLayout<Declaration>.stride + texts.capacity + open.capacity * 4
    }

    func start(_ element: some FeedStartTag) {
        if skipped > 0 { skipped += 1; return }
        // Without a budget (the tree reader's), nothing is counted.
        if isUnbounded {
            _ = append(element, within: .max, nameCost: 0)
            openedWithAttributes = true
            return
        }
        openedWithAttributes = false
        let nameCost = names.length(element.localName)
        guard Self.nodeCost + nameCost <= budget else {
            truncated = true
            skipped = 1
            return
        }
        let cost = Self.nodeCost + append(element, within: budget, nameCost: nameCost)
        guard cost <= budget else {
            // Taken back: the element is left out whole.
            removeLast()
            truncated = true
            skipped = 1
            return
        }
        budget -= cost
        openedWithAttributes = true
    }

    /// Text; the captured element's own text (the white space between an item's fields) is
    /// not kept: no rule reads it.
    func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text($0) }
    }

    /// Takes a piece of text of `bytes` bytes from the budget, with a node's cost unless it
    /// extends the last text node; `false` (and ``truncated``) when it does not fit: the piece
    /// is dropped whole. The one budget rule for text, appended piece by piece or directly.
    private func spendOnText(_ bytes: Int, extendingLast: Bool) -> Bool {
        let cost = (extendingLast ? 0 : Self.nodeCost) + bytes
        guard cost <= budget else { truncated = true; return false }
        budget -= cost
        return true
    }

    /// Text as UTF-8 bytes (one piece: kept or dropped whole, as a text event).
    func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard skipped == 0, open.count > 1, let parent = open.last else { return }
        let last = nodes[Int(parent)].lastChild
        let extendsLast = last >= 0 && nodes[Int(last)].isText
        guard spendOnText(utf8.count, extendingLast: extendsLast) else { return }
        if extendsLast {
            // The last child is the last text appended: its bytes end the buffer.
            texts.append(utf8)
            nodes[Int(last)].text = nodes[Int(last)].text.lowerBound..<Int32(texts.count)
            return
        }
        let start = Int32(texts.count)
        texts.append(utf8)
        link(Node(name: -1, prefix: -1, namespace: -1, text: start..<Int32(texts.count), line: 0, attributes: 0..<0, declarations: 0..<0, isText: true))
    }

    /// Text will be appended to ``texts`` directly until ``endDirectText()``; only when text is
    /// kept (``keepsText``).
    func beginDirectText() {
        precondition(keepsText, "FeedCapture.beginDirectText without room for text")
        directTextStart = texts.count
    }

    /// Takes in the text appended directly since ``beginDirectText()`` as one piece: what
    /// ``text(_:)`` does for the same bytes (a new text node, or the last one extended; within
    /// a budget, kept or dropped whole). A text run that a budget may cut differently must
    /// come in its pieces through ``text(_:)`` instead (the streaming parser takes a run back
    /// before it is longer than its maximum piece).
    func endDirectText() {
        guard directTextStart >= 0 else { return }
        let start = Int32(directTextStart)
        directTextStart = -1
        let end = Int32(texts.count)
        guard end > start, let parent = open.last else { return }
        let last = nodes[Int(parent)].lastChild
        let extendsLast = last >= 0 && nodes[Int(last)].isText
        // text(_:)'s budget for one piece.
        if !isUnbounded, !spendOnText(Int(end - start), extendingLast: extendsLast) {
            texts.removeSuffix(from: Int(start))
            return
        }
        if extendsLast {
            let previous = nodes[Int(last)].text
            if previous.upperBound == start {
                nodes[Int(last)].text = previous.lowerBound..<end
            } else {
                // Not adjacent (no feed rule gets here): join copies, as text(_:) joins.
                let joined = Int32(texts.count)
                texts.appendCopy(of: previous)
                texts.appendCopy(of: start..<end)
                nodes[Int(last)].text = joined..<Int32(texts.count)
            }
            return
        }
        link(Node(name: -1, prefix: -1, namespace: -1, text: start..<end, line: 0, attributes: 0..<0, declarations: 0..<0, isText: true))
    }

    /// Gives the names of the nodes, attributes and declarations new indices (see
    /// ``FeedNames/startOver()``).
    func carryNames(from old: [String]) {
        for k in 0..<nodes.count {
            nodes[k].name = names.carry(nodes[k].name, from: old)
            nodes[k].prefix = names.carry(nodes[k].prefix, from: old)
            nodes[k].namespace = names.carry(nodes[k].namespace, from: old)
        }
        for k in 0..<attributes.count {
            attributes[k].localName = names.carry(attributes[k].localName, from: old)
            attributes[k].prefix = names.carry(attributes[k].prefix, from: old)
            attributes[k].namespaceURI = names.carry(attributes[k].namespaceURI, from: old)
        }
        for k in 0..<declarations.count {
            declarations[k].prefix = names.carry(declarations[k].prefix, from: old)
            declarations[k].uri = names.carry(declarations[k].uri, from: old)
        }
    }

    /// The bytes of a text node.
    func textBytes(_ node: Int32) -> UnsafeBufferPointer<UInt8> {
        texts.bytes(nodes[Int(node)].text)
    }

    /// Closes the innermost element; `true` when that was the captured element.
    func end() -> Bool {
        if skipped > 0 { skipped -= 1; return false }
        open.removeLast()
        return open.isEmpty
    }

    /// Closes everything still open (a feed cut short).
    func closeAll() {
        skipped = 0
        // Its memory kept: the feed's own capture is closed at the end of every document.
        open.removeAll(keepingCapacity: true)
    }

    /// Appends `element` as a node with its attributes and declarations, or without them when
    /// they and the name cost more than `budget`; returns what they cost (the name and
    /// attributes as ``cost(of:)`` counted them for an ``XMLStreamElement``). `nameCost` is the
    /// name's length, which the caller has looked up already (0 without a budget, where it is
    /// not needed: a call into Markup per tag).
    private func append(_ element: some FeedStartTag, within budget: Int, nameCost: Int) -> Int {
        let attributeStart = attributes.count
        let declarationStart = declarations.count
        let cost = nameCost + element.append(attributes: &attributes, declarations: &declarations, names: names)
        if Self.nodeCost + cost > budget {
            attributes.removeLast(attributes.count - attributeStart)
            declarations.removeLast(declarations.count - declarationStart)
        }
        open.append(link(Node(
            name: element.localName, prefix: element.prefix, namespace: element.namespaceURI, text: 0..<0, line: element.line,
            attributes: Int32(attributeStart)..<Int32(attributes.count), declarations: Int32(declarationStart)..<Int32(declarations.count),
            isText: false
        )))
        return cost
    }

    /// Takes back the element ``append(_:within:)`` just added (with no children yet).
    private func removeLast() {
        let index = open.removeLast()
        let node = nodes[Int(index)]
        attributes.removeLast(attributes.count - Int(node.attributes.lowerBound))
        declarations.removeLast(declarations.count - Int(node.declarations.lowerBound))
        nodes.removeLast(1)
        guard let parent = open.last else { return }
        // Unlinked from its parent: the child before it (if any) becomes the last again.
        var previous: Int32 = -1
        var k = nodes[Int(parent)].firstChild
        while k >= 0, k != index {
            previous = k
            k = nodes[Int(k)].next
        }
        if previous >= 0 { nodes[Int(previous)].next = -1 } else { nodes[Int(parent)].firstChild = -1 }
        nodes[Int(parent)].lastChild = previous
    }

    /// Adds `node` as the last child of the innermost open element; returns its index.
    @discardableResult
    private func link(_ node: consuming Node) -> Int32 {
        let index = Int32(nodes.count)
        nodes.append(node)
        if let parent = open.last {
            let last = nodes[Int(parent)].lastChild
            if last >= 0 { nodes[Int(last)].next = index } else { nodes[Int(parent)].firstChild = index }
            nodes[Int(parent)].lastChild = index
        }
        return index
    }

}

/// A growable array kept at one address between growths, whose elements are read in place
/// (borrowed, never copied whole): the storage of a ``FeedCapture``.
struct FeedBuffer<Element>: ~Copyable {
    /// Allocated at the first append.
    private var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private(set) var capacity = 0

    init() {}

    deinit {
        base?.deinitialize(count: count)
        base?.deallocate()
    }

    mutating func append(_ value: consuming Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: max(8, capacity * 2))
            if let base {
                grown.moveInitialize(from: base, count: count)
                base.deallocate()
            }
            base = grown
            capacity = max(8, capacity * 2)
        }
        (base! + count).initialize(to: value)
        count += 1
    }

    /// Empties the buffer, keeping its memory.
    mutating func removeAll() {
        base?.deinitialize(count: count)
        count = 0
    }

    /// Removes the last `k` elements.
    mutating func removeLast(_ k: Int) {
        guard k > 0 else { return }
        precondition(k <= count, "FeedBuffer.removeLast beyond its start")
        (base! + count - k).deinitialize(count: k)
        count -= k
    }

    subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < count, "FeedBuffer index out of range")
            return UnsafePointer(base! + index)
        }
        unsafeMutableAddress {
            precondition(index >= 0 && index < count, "FeedBuffer index out of range")
            return base! + index
        }
    }
}

/// An element of a ``FeedCapture``: what the feed rules read (name, namespace, attributes,
/// text, children, markup), as ``MarkupNode`` offers it for a tree.
///
/// Valid only while its capture holds the same item: the rules read it and return values.
struct FeedElement {
    /// The capture, held without a reference count: it outlives every element the rules read.
    private let reference: Unmanaged<FeedCapture>
    let index: Int32

    init(capture: FeedCapture, index: Int32) {
        reference = .passUnretained(capture)
        self.index = index
    }

    /// Runs `body` with the capture borrowed: without the retain and release that reading it
    /// through an `unowned(unsafe)` reference costs at every access (the rules read elements
    /// a few dozen times per item).
    @inline(__always)
    private func with<R>(_ body: (FeedCapture) -> R) -> R {
        reference._withUnsafeGuaranteedRef(body)
    }

    /// The local name (`item`; `itunes:subtitle` when the prefix is bound to no namespace).
    var name: String { with { $0.names[$0.nodes[Int(index)].name] } }
    var namespaceURI: String? { with { $0.names.optional($0.nodes[Int(index)].namespace) } }

    /// Whether the local name is `name` (compared in place, without copying the name).
    func hasName(_ name: String) -> Bool {
        // Lengths first: two different names of the same length are rare, and comparing
        // strings that differ costs more than comparing their lengths.
        with { $0.names.name($0.nodes[Int(index)].name, is: name) }
    }

    /// Its `xml:base` and `xml:lang` attributes (``FeedCapture/scopeAttributes(of:)``).
    var scopeAttributes: (base: String?, language: String?) {
        with { capture in
            guard !capture.nodes[Int(index)].attributes.isEmpty else { return (nil, nil) }
            let found = capture.scopeAttributes(of: index)
            return (found.base, found.language)
        }
    }

    /// Whether the local name holds a colon (a prefix no declaration binds), worked out once
    /// per name.
    var nameHasColon: Bool { with { $0.names.hasColon($0.nodes[Int(index)].name) } }

    /// The tag of the local name and the kind of the namespace, worked out once per name.
    var tagAndNamespaceKind: (FeedTag, FeedNamespaceKind) {
        with { ($0.names.tag($0.nodes[Int(index)].name), $0.names.kind($0.nodes[Int(index)].namespace)) }
    }
    /// The line its start tag ends on.
    var line: Int {
        with { capture in
            let line = capture.nodes[Int(index)].line
            if line >= 65_535 { capture.readLineBeyondTree = true }
            return line
        }
    }

    /// The first attribute with this local name, in whatever namespace (as libxml2's
    /// `xmlGetProp`).
    func attribute(_ name: String) -> String? {
        with { capture in
            let range = capture.nodes[Int(index)].attributes
            for k in range where capture.names.name(capture.attributes[Int(k)].localName, is: name) { return capture.attributes[Int(k)].value }
            return nil
        }
    }

    /// The attribute with this local name in `namespaceURI`.
    func attribute(_ name: String, namespaceURI: String) -> String? {
        with { capture in
            let range = capture.nodes[Int(index)].attributes
            for k in range
            where capture.names.name(capture.attributes[Int(k)].localName, is: name) && capture.names.name(capture.attributes[Int(k)].namespaceURI, is: namespaceURI) {
                return capture.attributes[Int(k)].value
            }
            return nil
        }
    }

    /// The child elements, in order.
    var elementChildren: FeedElementChildren { with { FeedElementChildren(capture: $0, first: $0.nodes[Int(index)].firstChild) } }

    /// Whether a child is an element.
    var hasElementChildren: Bool {
        with { capture in
            var k = capture.nodes[Int(index)].firstChild
            while k >= 0 {
                if !capture.nodes[Int(k)].isText { return true }
                k = capture.nodes[Int(k)].next
            }
            return false
        }
    }

    /// Whether a text child holds more than white space.
    var hasTextBesideWhitespace: Bool {
        with { capture in
            var k = capture.nodes[Int(index)].firstChild
            while k >= 0 {
                if capture.nodes[Int(k)].isText, !String(decoding: capture.textBytes(k), as: UTF8.self).allSatisfy(\.isWhitespace) { return true }
                k = capture.nodes[Int(k)].next
            }
            return false
        }
    }

    /// `body` given the bytes of the element's text when it is a single text run (what
    /// ``textContent`` would make a string of, without making it); `nil` for an element that
    /// is empty or holds anything else.
    func withSingleTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        with { capture in
            let first = capture.nodes[Int(index)].firstChild
            guard first >= 0, capture.nodes[Int(first)].next < 0, capture.nodes[Int(first)].isText else { return nil }
            return body(capture.textBytes(first))
        }
    }

    /// `body` given the capture's ``FeedSharedTexts`` and the bytes of the element's text when
    /// it is a single text run (as ``withSingleTextBytes(_:)``) of a length they keep; `nil`
    /// for any other element.
    func withSharedTexts(_ body: (inout FeedSharedTexts, UnsafeBufferPointer<UInt8>) -> String?) -> String?? {
        with { capture in
            let first = capture.nodes[Int(index)].firstChild
            guard first >= 0, capture.nodes[Int(first)].next < 0, capture.nodes[Int(first)].isText else { return nil }
            let bytes = capture.textBytes(first)
            guard FeedSharedTexts.keeps(count: bytes.count) else { return nil }
            return .some(body(&capture.sharedTexts, bytes))
        }
    }

    /// All text below the element, as it is.
    var textContent: String {
        with { capture in
            let first = capture.nodes[Int(index)].firstChild
            guard first >= 0 else { return "" }
            if capture.nodes[Int(first)].next < 0, capture.nodes[Int(first)].isText { return String(decodingUTF8: capture.textBytes(first)) }
            var out: [UInt8] = []
            Self.appendText(of: index, in: capture, to: &out)
            return String(decodingUTF8: out)
        }
    }

    private static func appendText(of element: Int32, in capture: FeedCapture, to out: inout [UInt8]) {
        var k = capture.nodes[Int(element)].firstChild
        while k >= 0 {
            if capture.nodes[Int(k)].isText { out.append(contentsOf: capture.textBytes(k)) } else { appendText(of: k, in: capture, to: &out) }
            k = capture.nodes[Int(k)].next
        }
    }

    /// The children serialised as XML, as libxml2's `xmlNodeDump` writes them (namespace
    /// declarations, then attributes; `<br/>` for an empty element; `<`, `>`, `&` and CR
    /// escaped in text, also `"`, tab and newline in attributes), except that a declaration of
    /// XHTML as the default namespace is left out: feeds declare it on the wrapper of markup
    /// that is then shown on its own.
    var innerMarkup: String {
        with { capture in
            var out: [UInt8] = []
            var k = capture.nodes[Int(index)].firstChild
            while k >= 0 {
                Self.serialize(k, of: capture, into: &out)
                k = capture.nodes[Int(k)].next
            }
            return String(decodingUTF8: out)
        }
    }

    private static func serialize(_ index: Int32, of capture: FeedCapture, into out: inout [UInt8]) {
        let n = capture.nodes[Int(index)]
        if n.isText {
            FeedMarkupEscaping.append(text: capture.textBytes(index), to: &out)
            return
        }
        let names = capture.names
        out.append(UInt8(ascii: "<"))
        if let prefix = names.optional(n.prefix) { out.append(contentsOf: prefix.utf8); out.append(UInt8(ascii: ":")) }
        out.append(contentsOf: names[n.name].utf8)
        for k in n.declarations {
            let d = capture.declarations[Int(k)]
            if d.prefix < 0, names.name(d.uri, is: FeedNamespace.xhtml) { continue }
            out.append(contentsOf: " xmlns".utf8)
            if let prefix = names.optional(d.prefix) { out.append(UInt8(ascii: ":")); out.append(contentsOf: prefix.utf8) }
            out.append(contentsOf: "=\"".utf8)
            FeedMarkupEscaping.append(attribute: names[d.uri], to: &out)
            out.append(UInt8(ascii: "\""))
        }
        for k in n.attributes {
            let a = capture.attributes[Int(k)]
            out.append(UInt8(ascii: " "))
            if let prefix = names.optional(a.prefix) { out.append(contentsOf: prefix.utf8); out.append(UInt8(ascii: ":")) }
            out.append(contentsOf: names[a.localName].utf8)
            out.append(contentsOf: "=\"".utf8)
            FeedMarkupEscaping.append(attribute: a.value, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        guard n.firstChild >= 0 else {
            out.append(contentsOf: "/>".utf8)
            return
        }
        out.append(UInt8(ascii: ">"))
        var k = n.firstChild
        while k >= 0 {
            serialize(k, of: capture, into: &out)
            k = capture.nodes[Int(k)].next
        }
        out.append(contentsOf: "</".utf8)
        if let prefix = names.optional(n.prefix) { out.append(contentsOf: prefix.utf8); out.append(UInt8(ascii: ":")) }
        out.append(contentsOf: names[n.name].utf8)
        out.append(UInt8(ascii: ">"))
    }
}

/// The child elements of a ``FeedElement``, in order.
struct FeedElementChildren: Sequence, IteratorProtocol {
    /// Held without a reference count, as ``FeedElement`` holds it.
    private let reference: Unmanaged<FeedCapture>
    var cursor: Int32

    init(capture: FeedCapture, first: Int32) {
        reference = .passUnretained(capture)
        self.cursor = first
    }

    mutating func next() -> FeedElement? {
        let reference = reference
        return reference._withUnsafeGuaranteedRef { capture in
            while cursor >= 0 {
                let k = cursor
                cursor = capture.nodes[Int(k)].next
                if !capture.nodes[Int(k)].isText { return FeedElement(capture: capture, index: k) }
            }
            return nil
        }
    }
}

/// libxml2's escaping when it serialises a tree.
enum FeedMarkupEscaping {
    static func append(text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for b in text {
            switch b {
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            default: out.append(b)
            }
        }
    }

    static func append(attribute: String, to out: inout [UInt8]) {
        for b in attribute.utf8 {
            switch b {
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            case 0x0A: out.append(contentsOf: "&#10;".utf8)
            case 0x09: out.append(contentsOf: "&#9;".utf8)
            default: out.append(b)
            }
        }
    }
}
