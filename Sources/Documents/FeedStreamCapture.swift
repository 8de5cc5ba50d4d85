import Markup

/// An element read from a stream and kept with its subtree: the little tree of one sitemap
/// entry, never the whole document. (Feeds capture into ``FeedCapture``, which keeps mixed
/// content and namespace declarations for their markup.)
struct CapturedElement {
    var name: String
    var namespaceURI: String?
    var attributes: [XMLStreamAttribute]
    var line: Int
    /// All text below the element, as ``MarkupNode/textContent`` gives it.
    var text: String = ""
    var children: [CapturedElement] = []

    init(_ start: XMLStreamElement) {
        name = start.localName
        namespaceURI = start.namespaceURI
        attributes = start.attributes
        line = start.line
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == nil }?.value
    }

    func attribute(_ name: String, namespaceURI: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == namespaceURI }?.value
    }

    /// The first child element with the local name (and namespace, if given), as
    /// ``MarkupNode/firstChild(_:namespaceURI:)``.
    func firstChild(_ name: String, namespaceURI: String? = nil) -> CapturedElement? {
        children.first { $0.name == name && (namespaceURI == nil || $0.namespaceURI == namespaceURI) }
    }

    func children(_ name: String, namespaceURI: String? = nil) -> [CapturedElement] {
        children.filter { $0.name == name && (namespaceURI == nil || $0.namespaceURI == namespaceURI) }
    }
}

/// Builds a ``CapturedElement`` from stream events, within a byte budget.
struct ElementCapture {
    private var open: [CapturedElement] = []
    private var budget: Int
    /// The first open element whose text is kept: 1 when the captured element's own text is
    /// not needed (an item: its fields' text is).
    private let firstWithText: Int
    /// Whether text or attributes were dropped because the element was over the budget.
    private(set) var truncated = false
    /// What is left of the budget.
    var remainingBudget: Int { budget }

    /// Starts capturing at `start`; `budget` bounds the bytes of text and attributes kept.
    init(_ start: XMLStreamElement, budget: Int, keepsOwnText: Bool) {
        self.budget = budget
        self.firstWithText = keepsOwnText ? 0 : 1
        var captured = CapturedElement(start)
        if !spend(start) { captured.attributes = [] }
        open = [captured]
    }

    /// How deep the capture is: 1 while only the captured element is open.
    var depth: Int { open.count }

    mutating func start(_ element: XMLStreamElement) {
        var captured = CapturedElement(element)
        if !spend(element) { captured.attributes = [] }
        open.append(captured)
    }

    mutating func text(_ text: String) {
        guard open.count > firstWithText else { return }
        let cost = text.utf8.count * (open.count - firstWithText)
        guard cost <= budget else { truncated = true; return }
        budget -= cost
        for i in firstWithText..<open.count { open[i].text += text }
    }

    /// Closes the innermost element; returns the captured element when it was the outermost.
    mutating func end() -> CapturedElement? {
        let closed = open.removeLast()
        guard !open.isEmpty else { return closed }
        open[open.count - 1].children.append(closed)
        return nil
    }

    /// Closes everything still open (a document cut short) and returns the captured element.
    mutating func closeAll() -> CapturedElement {
        while true {
            if let done = end() { return done }
        }
    }

    private mutating func spend(_ element: XMLStreamElement) -> Bool {
        let cost = element.localName.utf8.count + element.attributes.reduce(0) { $0 + $1.localName.utf8.count + $1.value.utf8.count }
        guard cost <= budget else { truncated = true; return false }
        budget -= cost
        return true
    }
}

/// The XPath of each open element, as libxml2's `xmlGetNodePath` writes it for the tree
/// (`/rss/channel/item[3]`, `/*/*[5]` for elements in a default namespace), kept while
/// streaming.
///
/// The one thing a stream cannot know at a start tag is whether a same-named sibling follows:
/// the tree writes `item[1]` for the first of several and `item` for an only child. The
/// locator of the element being closed can wait for that (``Pending``); an ancestor's is
/// written as if none follows.
struct StreamPath {
    private struct Open {
        /// `item[3]`, or `item` when no same-named sibling came before.
        var segment: String
        /// `item` or `*`: the segment without an index.
        var bareSegment: String
        var key: String
        var generic: Bool
        /// Whether an earlier sibling had the same name (so the index is final).
        var hasPreceding: Bool
        var elementChildren = 0
        var childCounts: [String: Int] = [:]
    }

    /// A locator still waiting to learn whether the element has a later same-named sibling.
    struct Pending {
        /// How many elements are open while the element's parent is the innermost one.
        var parentDepth: Int
        var key: String
        var generic: Bool
    }

    private var open: [Open] = []
    static let maximumNamesPerParent = 10_000

    var depth: Int { open.count }

    /// Enters `element`.
    mutating func start(_ element: XMLStreamElement) {
        let (key, generic) = Self.key(element)
        let segmentName = generic ? "*" : (element.prefix.map { "\($0):\(element.localName)" } ?? element.localName)
        var preceding = 0
        if !open.isEmpty {
            let last = open.count - 1
            preceding = generic ? open[last].elementChildren : open[last].childCounts[key, default: 0]
            open[last].elementChildren += 1
            // Bounded for hostile input (a million distinct sibling names): past the bound, new
            // names are not counted and their locators may lack an index.
            if open[last].childCounts.count < Self.maximumNamesPerParent || open[last].childCounts[key] != nil {
                open[last].childCounts[key, default: 0] += 1
            }
        }
        let segment = preceding > 0 ? "\(segmentName)[\(preceding + 1)]" : segmentName
        open.append(Open(segment: segment, bareSegment: segmentName, key: key, generic: generic, hasPreceding: preceding > 0))
    }

    mutating func end() {
        open.removeLast()
    }

    /// The locator of the innermost open element, and what it waits for when its index
    /// depends on siblings still to come.
    func current() -> (locator: String, pending: Pending?) {
        var path = ""
        for o in open { path += "/" + o.segment }
        guard let last = open.last, !last.hasPreceding, open.count > 1 else { return (path, nil) }
        return (path, Pending(parentDepth: open.count - 1, key: last.key, generic: last.generic))
    }

    /// Whether `element`, starting now, is a later sibling that gives the pending element the
    /// index `[1]`. Call before ``start(_:)``.
    func resolves(_ pending: Pending, with element: XMLStreamElement) -> Bool {
        guard open.count == pending.parentDepth else { return false }
        return pending.generic || Self.key(element).key == pending.key
    }

    /// How libxml2 tells same-named siblings: by name and prefix; elements in a default
    /// namespace are written `*` and counted among all element siblings.
    private static func key(_ element: XMLStreamElement) -> (key: String, generic: Bool) {
        guard element.namespaceURI != nil else { return (element.localName, false) }
        guard let prefix = element.prefix else { return ("", true) }
        return ("\u{2}\(prefix):\(element.localName)", false)
    }
}
