import Foundation
import Markup

/// The feed rules, driven by element events: which element is the channel and which are the
/// items, their locators and scopes, and then the channel's and the items' fields (by
/// ``RSSFeedReader`` and ``AtomFeedReader``). ``FeedReader`` replays its parsed tree into one
/// (``MarkupNode/replay(into:)``), ``FeedStream`` gives it the streaming parser's events: the
/// two readers share every rule.
///
/// Memory is bounded: an item is captured (within its byte budget), turned into a
/// ``FeedItem`` when it closes and dropped; the feed's own fields (everything outside the
/// items) are captured within one budget and read at ``finish()``.
struct FeedEventReader: XMLEventHandler {
    private enum Kind { case rss, rdf, atom }

    /// Where the feed is published.
    let url: String?
    /// The document's first bytes (up to 4 KiB): for what the events do not show (the DOCTYPE).
    var head: [UInt8] = []
    /// The most bytes kept for one item, and for the feed's own fields together.
    let itemBudget: Int
    let fieldBudget: Int
    /// The most problems kept (items' problems beyond it are counted), `nil` for no limit.
    let maximumProblems: Int?
    /// Whether items are looked for at any depth, not only where the format puts them: in a
    /// document that is not well-formed an unclosed tag may swallow the items after it.
    var anyDepth = false

    /// The root element's name when it is not a feed's.
    private(set) var notAFeed: String?
    /// Whether the root element has started.
    private(set) var sawRoot = false
    /// Items read and ready, in document order.
    var ready: [FeedItem] = []
    /// How many items were read.
    private(set) var itemCount = 0

    private var kind: Kind?
    private var root: XMLStreamElement?
    private var rootScope = FeedScope()
    private var channelScope: FeedScope?
    private var core = NamespaceSet([])
    private var rss = RSSFeedReader(rootNamespace: nil)
    private var atom = AtomFeedReader(rootNamespace: nil, version: nil)

    /// Open elements, and whether the first channel is one of them.
    private var depth = 0
    private var path = FeedPath()
    private var inChannel = false
    private var childNamespaces: Set<String> = []
    private var rootPrefixProblems: [String] = []
    private var channelPrefixProblems: [String] = []

    /// The root and everything outside the items.
    private let fields = FeedCapture()
    /// Open item captures, innermost last, and spare ones.
    private var open: [OpenItem] = []
    private var spare: [FeedCapture] = []
    /// Items from their start on, in document order, until delivered.
    private var queue: [Slot] = []
    private var queueStart = 0
    private var nextSequence = 0
    private var problems: [String] = []
    private var droppedProblems = 0

    private struct OpenItem {
        var capture: FeedCapture
        var depth: Int
        var sequence: Int
        var locator: String
        var pending: FeedPath.Pending?
        var scope: FeedScope
    }

    private struct Slot {
        var sequence: Int
        var item: FeedItem?
        var problems: [String] = []
        var pending: FeedPath.Pending?
    }

    init(url: String?, itemBudget: Int, fieldBudget: Int, maximumProblems: Int?) {
        self.url = url
        self.itemBudget = itemBudget
        self.fieldBudget = fieldBudget
        self.maximumProblems = maximumProblems
    }

    // MARK: Events

    mutating func startElement(_ element: XMLStreamElement) -> Bool {
        depth += 1
        if queueStart < queue.count {
            resolvePending(startingAt: depth, element)
            deliver()
        }
        path.start(element)
        guard depth > 1 else {
            startRoot(element)
            return notAFeed == nil
        }
        guard kind != nil else { return false }
        let name = element.localName
        if depth == 2 {
            if let uri = element.namespaceURI { childNamespaces.insert(uri) }
            Self.notePrefix(element, in: &rootPrefixProblems)
            if kind != .atom, name == "channel", channelScope == nil, core.contains(element.namespaceURI) {
                channelScope = rootScope.entering(base: element.attribute("base", namespaceURI: FeedNamespace.xml), language: element.attribute("lang", namespaceURI: FeedNamespace.xml))
                inChannel = true
            }
        } else if depth == 3, inChannel {
            Self.notePrefix(element, in: &channelPrefixProblems)
        }
        if isItem(element) {
            startItem(element)
        } else if let innermost = open.last {
            innermost.capture.start(element)
        } else {
            fields.start(element)
        }
        return true
    }

    mutating func text(_ text: String) {
        if let innermost = open.last { innermost.capture.text(text) } else if depth > 0 { fields.text(text) }
    }

    mutating func endElement() {
        guard depth > 0 else { return }
        if let innermost = open.last, innermost.depth == depth {
            _ = innermost.capture.end()
            endItem()
        } else if let innermost = open.last {
            _ = innermost.capture.end()
        } else if fields.isOpen {
            _ = fields.end()
        }
        if depth == 2, inChannel { inChannel = false }
        resolvePending(closing: depth)
        path.end()
        depth -= 1
        deliver()
    }

    // MARK: The root, the channel, the items

    private mutating func startRoot(_ element: XMLStreamElement) {
        sawRoot = true
        switch (element.localName, element.namespaceURI) {
        case ("rss", _): kind = .rss
        case ("RDF", FeedNamespace.rdf?): kind = .rdf
        case ("feed", _): kind = .atom
        default:
            notAFeed = element.localName
            return
        }
        root = element
        rootScope = FeedScope(base: url.map { FeedURI.resolve($0, against: nil) }, language: nil)
            .entering(base: element.attribute("base", namespaceURI: FeedNamespace.xml), language: element.attribute("lang", namespaceURI: FeedNamespace.xml))
        if kind == .atom {
            atom = AtomFeedReader(rootNamespace: element.namespaceURI, version: element.attribute("version"))
            core = atom.core
        } else {
            rss = RSSFeedReader(rootNamespace: element.namespaceURI)
            core = rss.core
        }
        fields.begin(element, budget: fieldBudget)
    }

    /// Whether `element` (already entered) is an item: RSS items in the root or the first
    /// channel, RSS 1.0 items and Atom entries in the root; anywhere when ``anyDepth``.
    private func isItem(_ element: XMLStreamElement) -> Bool {
        guard let kind else { return false }
        let name = kind == .atom ? "entry" : "item"
        guard element.localName == name, core.contains(element.namespaceURI) else { return false }
        if anyDepth { return true }
        guard open.isEmpty else { return false }
        return depth == 2 || (depth == 3 && inChannel && kind == .rss)
    }

    private mutating func startItem(_ element: XMLStreamElement) {
        let capture = spare.popLast() ?? FeedCapture()
        capture.begin(element, budget: itemBudget)
        let (locator, pending) = path.current()
        let scope = kind == .rss ? channelScope ?? rootScope : rootScope
        open.append(OpenItem(capture: capture, depth: depth, sequence: nextSequence, locator: locator, pending: pending, scope: scope))
        queue.append(Slot(sequence: nextSequence, pending: pending))
        nextSequence += 1
    }

    /// Reads the innermost item, which has just closed.
    private mutating func endItem() {
        let done = open.removeLast()
        var itemProblems: [String] = []
        if done.capture.truncated {
            itemProblems.append("line \(done.capture.line): <\(done.capture.root.name)> is over \(itemBudget) bytes; its text was cut")
        }
        let item = kind == .atom
            ? atom.readEntry(done.capture.root, locator: done.locator, scope: done.scope, problems: &itemProblems)
            : rss.readItem(done.capture.root, locator: done.locator, scope: done.scope, problems: &itemProblems)
        spare.append(done.capture)
        itemCount += 1
        if let k = slotIndex(done.sequence) {
            queue[k].item = item
            queue[k].problems = itemProblems
        }
    }

    private func slotIndex(_ sequence: Int) -> Int? {
        guard let first = queue[queueStart...].first?.sequence else { return nil }
        let k = queueStart + sequence - first
        return queue.indices.contains(k) ? k : nil
    }

    /// A same-named sibling starts: the waiting locators of earlier siblings get `[1]`.
    private mutating func resolvePending(startingAt depth: Int, _ element: XMLStreamElement) {
        guard queueStart < queue.count else { return }
        for k in queueStart..<queue.count {
            guard let pending = queue[k].pending, pending.parentDepth == depth - 1, FeedPath.sameKey(pending, element) else { continue }
            // A sibling starts after the item has closed, so the item has been read.
            queue[k].pending = nil
            queue[k].item?.locator += "[1]"
        }
    }

    /// The element at `depth` closes: items waiting among its children had no same-named sibling.
    private mutating func resolvePending(closing depth: Int) {
        guard queueStart < queue.count else { return }
        for k in queueStart..<queue.count where queue[k].pending?.parentDepth == depth {
            queue[k].pending = nil
        }
    }

    /// Moves the items that are read and whose locators are known to ``ready``, in order.
    private mutating func deliver() {
        while queueStart < queue.count, let item = queue[queueStart].item, queue[queueStart].pending == nil {
            record(queue[queueStart].problems)
            ready.append(item)
            queueStart += 1
        }
        if queueStart == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueStart = 0
        }
    }

    private mutating func record(_ itemProblems: [String]) {
        for problem in itemProblems {
            if let maximumProblems, problems.count >= maximumProblems { droppedProblems += 1 } else { problems.append(problem) }
        }
    }

    private static func notePrefix(_ element: XMLStreamElement, in problems: inout [String]) {
        guard problems.count < 3, element.namespaceURI == nil, element.localName.feedContains(ascii: ":") else { return }
        problems.append("line \(element.line): the prefix of <\(element.localName)> is not bound to a namespace (undeclared namespace)")
    }

    // MARK: The end

    /// Ends the feed: items still open (a feed cut short) are read with what they hold and
    /// moved to ``ready``; returns the feed's own fields and problems (`items` empty), or `nil`
    /// when there was no root element.
    mutating func finish() -> Feed? {
        while !open.isEmpty {
            open.last!.capture.closeAll()
            endItem()
        }
        fields.closeAll()
        for k in queue.indices { queue[k].pending = nil }
        deliver()
        guard let kind, let root else { return nil }
        var fieldProblems: [String] = []
        if fields.truncated {
            fieldProblems.append("line \(fields.line): the feed's own fields are over \(fieldBudget) bytes; the rest were cut")
        }
        var feed: Feed
        switch kind {
        case .rss, .rdf:
            let rootChildren = FeedChildren(fields.root)
            let channel = rootChildren.first("channel", core)
            let format = kind == .rss
                ? RSSFeedReader.format(version: root.attribute("version"), head: head)
                : RSSFeedReader.rdfFormat(childNamespaces: childNamespaces, head: head)
            // RSS without a channel keeps its fields in the root.
            let children = channel.map { FeedChildren($0) } ?? (kind == .rss ? rootChildren : FeedChildren(nil))
            feed = rss.readChannel(children, scope: channelScope ?? rootScope, format: format, problems: &fieldProblems)
        case .atom:
            feed = atom.readFeed(fields.root, scope: rootScope, problems: &fieldProblems)
        }
        let dropped = droppedProblems > 0 ? ["\(droppedProblems) more problems not listed"] : []
        feed.problems = rootPrefixProblems + channelPrefixProblems + fieldProblems + problems + dropped
        return feed
    }
}

/// The XPath of each open element, as libxml2's `xmlGetNodePath` writes it for the tree
/// (`/rss/channel/item[3]`; `/*/*[5]` for elements in a default namespace), kept from events.
///
/// The one thing events cannot tell at a start tag is whether a same-named sibling follows:
/// the tree writes `item[1]` for the first of several and `item` for an only child. Such a
/// locator waits (``Pending``) for the next same-named sibling or the parent's end.
struct FeedPath {
    private struct Open {
        var key: Key
        /// `item`, `dc:date`, or `*` in a default namespace.
        var segment: String
        /// The position among the same-named siblings before it (1 for the first).
        var position: Int
        var elementChildren = 0
        /// How many children of each name came so far; a short list, then a dictionary.
        var names: [Key] = []
        var counts: [Int] = []
        var more: [Key: Int]?
    }

    /// How libxml2 tells same-named siblings apart: the local name and the prefix (elements in
    /// no namespace have none); elements in a default namespace all count together.
    struct Key: Hashable {
        var name: String
        var prefix: String?
        var namespaced: Bool
        var generic: Bool
    }

    /// A locator waiting to learn whether a same-named sibling follows.
    struct Pending {
        /// How many elements are open while the element's parent is the innermost.
        var parentDepth: Int
        var key: Key
    }

    private var open: [Open] = []
    static let maximumNamesPerParent = 10_000

    var depth: Int { open.count }

    static func key(_ element: XMLStreamElement) -> Key {
        let generic = element.namespaceURI != nil && element.prefix == nil
        return Key(name: generic ? "" : element.localName, prefix: element.prefix, namespaced: element.namespaceURI != nil, generic: generic)
    }

    static func sameKey(_ pending: Pending, _ element: XMLStreamElement) -> Bool {
        pending.key.generic || key(element) == pending.key
    }

    /// Enters `element`.
    mutating func start(_ element: XMLStreamElement) {
        let key = Self.key(element)
        var preceding = 0
        if !open.isEmpty {
            let last = open.count - 1
            if key.generic {
                preceding = open[last].elementChildren
            } else {
                preceding = Self.count(key, in: &open[last])
            }
            open[last].elementChildren += 1
        }
        let segment = key.generic ? "*" : element.prefix.map { $0 + ":" + element.localName } ?? element.localName
        open.append(Open(key: key, segment: segment, position: preceding + 1))
    }

    /// The children of `key` so far, counting this one in.
    private static func count(_ key: Key, in parent: inout Open) -> Int {
        if let k = parent.names.firstIndex(of: key) {
            parent.counts[k] += 1
            return parent.counts[k] - 1
        }
        if parent.names.count < 16 {
            parent.names.append(key)
            parent.counts.append(1)
            return 0
        }
        var more = parent.more ?? [:]
        parent.more = nil
        let before = more[key] ?? 0
        // Bounded for hostile input (a million distinct sibling names): past the bound, new
        // names are not counted and their locators may lack an index.
        if before > 0 || more.count < maximumNamesPerParent { more[key] = before + 1 }
        parent.more = more
        return before
    }

    mutating func end() {
        open.removeLast()
    }

    /// The locator of the innermost open element, and what it waits for when its index
    /// depends on siblings still to come.
    func current() -> (locator: String, pending: Pending?) {
        var path = ""
        for o in open {
            path += "/"
            path += o.segment
            if o.position > 1 { path += "[\(o.position)]" }
        }
        guard let last = open.last, last.position == 1, open.count > 1 else { return (path, nil) }
        return (path, Pending(parentDepth: open.count - 1, key: last.key))
    }
}
