import Markup

/// One feed element and everything below it, captured from element events within a byte
/// budget: an item, or the channel (or Atom feed) without its items. The item rules read it
/// through ``FeedElement``; ``FeedEventReader`` fills it the same way whether the events come
/// from the streaming parser or from a parsed tree.
///
/// The nodes are flat arrays, reused from one item to the next, so a long feed does not
/// allocate a tree per item.
final class FeedCapture {
    struct Node {
        /// The local name as the tree has it (`itunes:subtitle` for an unbound prefix); empty
        /// for text.
        var name: String
        var prefix: String?
        var namespace: String?
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
    @exclusivity(unchecked) private(set) var attributes = FeedBuffer<XMLStreamAttribute>()
    @exclusivity(unchecked) private(set) var declarations = FeedBuffer<XMLNamespaceDeclaration>()
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
    /// Whether nothing is ever left out (no budget): text may then be appended to ``texts``
    /// directly (``beginDirectText()``).
    @exclusivity(unchecked) private(set) var isUnbounded = false
    /// Where text appended directly since the last tag starts in ``texts``, or -1.
    @exclusivity(unchecked) private var directTextStart = -1
    /// Whether something was left out because the budget was spent.
    @exclusivity(unchecked) private(set) var truncated = false

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
    func begin(_ element: XMLStreamElement, budget: Int) {
        nodes.removeAll()
        attributes.removeAll()
        declarations.removeAll()
        texts.removeAll()
        readLineBeyondTree = false
        open.removeAll(keepingCapacity: true)
        if open.capacity == 0 { open.reserveCapacity(16) }
        skipped = 0
        truncated = false
        directTextStart = -1
        self.budget = budget
        isUnbounded = budget == .max
        // The captured element itself is always kept (without attributes if they do not fit).
        let cost = Self.nodeCost + Self.cost(of: element)
        if cost <= budget {
            self.budget -= cost
            append(element, keepingAttributes: true)
        } else {
            self.budget = max(0, budget - Self.nodeCost)
            truncated = true
            append(element, keepingAttributes: false)
        }
    }

    func start(_ element: XMLStreamElement) {
        if skipped > 0 { skipped += 1; return }
        // Without a budget (the tree reader's), nothing is counted.
        if isUnbounded {
            append(element, keepingAttributes: true)
            return
        }
        let cost = Self.nodeCost + Self.cost(of: element)
        guard cost <= budget else {
            truncated = true
            skipped = 1
            return
        }
        budget -= cost
        append(element, keepingAttributes: true)
    }

    /// Text; the captured element's own text (the white space between an item's fields) is
    /// not kept: no rule reads it.
    func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text($0) }
    }

    /// Text as UTF-8 bytes (one piece: kept or dropped whole, as a text event).
    func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard skipped == 0, open.count > 1, let parent = open.last else { return }
        let last = nodes[Int(parent)].lastChild
        if last >= 0, nodes[Int(last)].isText {
            let cost = utf8.count
            guard cost <= budget else { truncated = true; return }
            budget -= cost
            // The last child is the last text appended: its bytes end the buffer.
            texts.append(utf8)
            nodes[Int(last)].text = nodes[Int(last)].text.lowerBound..<Int32(texts.count)
            return
        }
        let cost = Self.nodeCost + utf8.count
        guard cost <= budget else { truncated = true; return }
        budget -= cost
        let start = Int32(texts.count)
        texts.append(utf8)
        link(Node(name: "", prefix: nil, namespace: nil, text: start..<Int32(texts.count), line: 0, attributes: 0..<0, declarations: 0..<0, isText: true))
    }

    /// Text will be appended to ``texts`` directly until ``endDirectText()``; only when
    /// ``isUnbounded`` and text is kept (``keepsText``).
    func beginDirectText() {
        precondition(isUnbounded && keepsText, "FeedCapture.beginDirectText without room for text")
        directTextStart = texts.count
    }

    /// Takes in the text appended directly since ``beginDirectText()``: what ``text(_:)`` does
    /// for the same bytes (a new text node, or the last one extended).
    func endDirectText() {
        guard directTextStart >= 0 else { return }
        let start = Int32(directTextStart)
        directTextStart = -1
        let end = Int32(texts.count)
        guard end > start, let parent = open.last else { return }
        let last = nodes[Int(parent)].lastChild
        if last >= 0, nodes[Int(last)].isText {
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
        link(Node(name: "", prefix: nil, namespace: nil, text: start..<end, line: 0, attributes: 0..<0, declarations: 0..<0, isText: true))
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
        open.removeAll()
    }

    private func append(_ element: XMLStreamElement, keepingAttributes: Bool) {
        let attributeStart = Int32(attributes.count)
        if keepingAttributes { for a in element.attributes { attributes.append(a) } }
        let declarationStart = Int32(declarations.count)
        if keepingAttributes { for d in element.namespaceDeclarations { declarations.append(d) } }
        open.append(link(Node(
            name: element.localName, prefix: element.prefix, namespace: element.namespaceURI, text: 0..<0, line: element.line,
            attributes: attributeStart..<Int32(attributes.count), declarations: declarationStart..<Int32(declarations.count),
            isText: false
        )))
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

    private static func cost(of element: XMLStreamElement) -> Int {
        var cost = element.localName.utf8.count
        for a in element.attributes { cost += a.localName.utf8.count + a.value.utf8.count }
        for d in element.namespaceDeclarations { cost += d.uri.utf8.count }
        return cost
    }
}

/// A growable array kept at one address between growths, whose elements are read in place
/// (borrowed, never copied whole): the storage of a ``FeedCapture``.
struct FeedBuffer<Element>: ~Copyable {
    /// Allocated at the first append.
    private var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

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
    var name: String { with { $0.nodes[Int(index)].name } }
    var namespaceURI: String? { with { $0.nodes[Int(index)].namespace } }

    /// Whether the local name is `name` (compared in place, without copying the name).
    func hasName(_ name: String) -> Bool {
        // Lengths first: two different names of the same length are rare, and comparing
        // strings that differ costs more than comparing their lengths.
        with { $0.nodes[Int(index)].name.utf8.count == name.utf8.count && $0.nodes[Int(index)].name == name }
    }

    /// The tag of the local name and the kind of the namespace, read in place.
    var tagAndNamespaceKind: (FeedTag, FeedNamespaceKind) {
        with { (FeedTag($0.nodes[Int(index)].name), FeedNamespaceKind($0.nodes[Int(index)].namespace)) }
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
            for k in range where capture.attributes[Int(k)].localName == name { return capture.attributes[Int(k)].value }
            return nil
        }
    }

    /// The attribute with this local name in `namespaceURI`.
    func attribute(_ name: String, namespaceURI: String) -> String? {
        with { capture in
            let range = capture.nodes[Int(index)].attributes
            for k in range where capture.attributes[Int(k)].localName == name && capture.attributes[Int(k)].namespaceURI == namespaceURI {
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
        out.append(UInt8(ascii: "<"))
        if let prefix = n.prefix { out.append(contentsOf: prefix.utf8); out.append(UInt8(ascii: ":")) }
        out.append(contentsOf: n.name.utf8)
        for k in n.declarations {
            let d = capture.declarations[Int(k)]
            if d.prefix == nil, d.uri == FeedNamespace.xhtml { continue }
            out.append(contentsOf: " xmlns".utf8)
            if let prefix = d.prefix { out.append(UInt8(ascii: ":")); out.append(contentsOf: prefix.utf8) }
            out.append(contentsOf: "=\"".utf8)
            FeedMarkupEscaping.append(attribute: d.uri, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        for k in n.attributes {
            let a = capture.attributes[Int(k)]
            out.append(UInt8(ascii: " "))
            if let prefix = a.prefix { out.append(contentsOf: prefix.utf8); out.append(UInt8(ascii: ":")) }
            out.append(contentsOf: a.localName.utf8)
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
        if let prefix = n.prefix { out.append(contentsOf: prefix.utf8); out.append(UInt8(ascii: ":")) }
        out.append(contentsOf: n.name.utf8)
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
