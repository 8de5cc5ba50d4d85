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
    private(set) var url: String?
    /// The document's first bytes: for what the events do not show (the DOCTYPE). Only the
    /// first ``headLength`` are read (a reader may give the whole document, to save a copy).
    var head: [UInt8] = []
    static let headLength = 4096
    /// The most bytes kept for one item, and for the feed's own fields together.
    private(set) var itemBudget: Int
    private(set) var fieldBudget: Int
    /// The most problems kept (items' problems beyond it are counted), `nil` for no limit.
    private(set) var maximumProblems: Int?
    /// Whether items are looked for at any depth, not only where the format puts them: in a
    /// document that is not well-formed an unclosed tag may swallow the items after it.
    var anyDepth = false
    /// Whether ``anyDepth`` may become true later (a stream learns that the document is not
    /// well-formed as it goes): then every element is counted for locators, else only those
    /// where items can be.
    var anyDepthLater = true {
        didSet { path.trackedDepth = anyDepth || anyDepthLater ? .max : 3 }
    }

    /// The root element's name when it is not a feed's.
    private(set) var notAFeed: String?
    /// Whether the root element has started.
    private(set) var sawRoot = false
    /// Items read and ready, in document order.
    var ready: [FeedItem] = []
    /// How many items were read.
    private(set) var itemCount = 0
    /// Whether a rule read the line of an element at line 65,535 or beyond (see
    /// ``FeedCapture/readLineBeyondTree``).
    private(set) var readLineBeyondTree = false

    private var kind: Kind?
    /// Whether the root is a feed's, and its `version` attribute.
    private var hasFeedRoot = false
    private var rootVersion: String?
    /// The names of the document: elements, captures and locators hold indices in it.
    let names: FeedNames
    private var rootScope = FeedScope()
    private var channelScope: FeedScope?
    /// The first channel's node in ``fields`` (-1: none, or left out for the budget).
    private var channelNode: Int32 = -1
    /// The format's own namespaces and Atom's version, found when the root starts: what the
    /// format's rules (``rssRules``, ``atomRules``) are made of where they are used. Only these
    /// are kept, not the rules, so that a document sets (and ``restart()`` resets) one set of
    /// namespaces, not three copies of it.
    private var core = Self.noNamespaces
    private var atomFormat = Feed.Format.atom03
    private static let noNamespaces = NamespaceSet([])
    private var rssRules: RSSFeedReader { RSSFeedReader(core: core) }
    private var atomRules: AtomFeedReader { AtomFeedReader(format: atomFormat, core: core) }

    /// Open elements, and whether the first channel is one of them.
    private var depth = 0
    private var path: FeedPath
    private var inChannel = false
    /// Whether a child of the root is in RSS 1.0's or RSS 0.90's namespace (what tells an
    /// `rdf:RDF` feed's version).
    private var sawRSS10Child = false
    private var sawRSS090Child = false
    private var rootPrefixProblems: [String] = []
    private var channelPrefixProblems: [String] = []

    /// The root and everything outside the items.
    private let fields: FeedCapture
    /// The capture text is appended to directly until the next event (``textDestination()``).
    private var directText: Unmanaged<FeedCapture>?
    /// The capture that gets the events: the innermost open item's, else ``fields``.
    ///
    /// The captures and the names are used through unmanaged references in these (the reader
    /// keeps them alive: open items, ``spare`` and ``fields``): a class reference loaded out of
    /// this struct for a call (an `inout self`) costs a retain and a release, several per event.
    private var current: Unmanaged<FeedCapture>
    private let namesReference: Unmanaged<FeedNames>
    /// Open item captures, innermost last, and spare ones.
    private var open: [OpenItem] = []
    private var spare: [FeedCapture] = []
    /// Items from their start on, in document order, until delivered.
    private var queue: [Slot] = []
    private var queueStart = 0
    private var nextSequence = 0
    /// Whether an item was read or a locator resolved since the last delivery.
    private var changed = false
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
        /// Whether `item` is set (tested without copying it).
        var isRead = false
        var problems: [String] = []
        /// While the locator waits: the depth of the item's parent (else -1) and its key.
        var pendingDepth: Int
        var pendingKey: FeedPath.Key?
    }

    init(url: String?, itemBudget: Int, fieldBudget: Int, maximumProblems: Int?) {
        self.url = url
        self.itemBudget = itemBudget
        self.fieldBudget = fieldBudget
        self.maximumProblems = maximumProblems
        names = FeedNames()
        path = FeedPath(names: names)
        fields = FeedCapture(names: names)
        current = .passUnretained(fields)
        namesReference = .passUnretained(names)
    }

    /// The most spare captures kept between documents (one per level of nested items).
    static let keptCaptures = 4

    /// Makes the reader as new, holding nothing of its last document, for the next one (whose
    /// settings ``prepare(url:itemBudget:fieldBudget:maximumProblems:)`` gives): every stored
    /// property as ``init(url:itemBudget:fieldBudget:maximumProblems:)`` sets it, except that
    /// the names, the captures and the locator slots are the same objects, the captures and
    /// slots emptied (``FeedCapture/reset()``, ``FeedPath/restart()``) and the names kept unless
    /// large (``FeedNames/resetIfLarge()``: no index of the last document is held any more),
    /// keeping their memory. In place: making a new reader and assigning it copied and
    /// destroyed the whole reader twice. `FeedSinkPoolTests` holds a restarted reader against a
    /// new one, property by property.
    mutating func restart() {
        prepare(url: nil, itemBudget: 0, fieldBudget: 0, maximumProblems: nil)
        // What a document that never got so far left untouched is not set again (an empty
        // list emptied again still costs a call): most of a small feed's reader is.
        if !head.isEmpty { head = [] }
        anyDepth = false
        anyDepthLater = true
        notAFeed = nil
        sawRoot = false
        if !ready.isEmpty { ready = [] }
        itemCount = 0
        readLineBeyondTree = false
        kind = nil
        hasFeedRoot = false
        rootVersion = nil
        // Kept unless large: a name read again is found without making its string.
        names.resetIfLarge()
        rootScope = FeedScope()
        channelScope = nil
        channelNode = -1
        core = Self.noNamespaces
        atomFormat = .atom03
        depth = 0
        path.restart()
        inChannel = false
        sawRSS10Child = false
        sawRSS090Child = false
        if !rootPrefixProblems.isEmpty { rootPrefixProblems = [] }
        if !channelPrefixProblems.isEmpty { channelPrefixProblems = [] }
        fields.reset()
        directText = nil
        current = .passUnretained(fields)
        // The captures, the open items and the queue are touched only by items: a spare
        // capture holds something of this document only if an item started (one was taken).
        if nextSequence > 0 {
            // Open items' captures (a document given up halfway) become spare ones.
            for item in open where spare.count < Self.keptCaptures { spare.append(item.capture) }
            // The lists' memory is kept while small (a list made again costs an allocation per
            // document).
            open.removeAll(keepingCapacity: open.capacity <= Self.keptCaptures)
            if spare.count > Self.keptCaptures { spare.removeLast(spare.count - Self.keptCaptures) }
            for capture in spare { capture.reset() }
            queue.removeAll(keepingCapacity: queue.capacity <= 16)
        }
        queueStart = 0
        nextSequence = 0
        changed = false
        if !problems.isEmpty { problems = [] }
        droppedProblems = 0
    }

    /// Sets what a restarted reader (``restart()``) reads its next document with; the rest of a
    /// restarted reader is as new already.
    mutating func prepare(url: String?, itemBudget: Int, fieldBudget: Int, maximumProblems: Int?) {
        self.url = url
        self.itemBudget = itemBudget
        self.fieldBudget = fieldBudget
        self.maximumProblems = maximumProblems
    }

    /// Roughly the bytes its names, captures and locator slots keep. (Mutating only so that a
    /// reader stored in a class is not copied whole to ask.)
    mutating func retainedBytes() -> Int {
        var bytes = names.retainedBytes + fields.retainedBytes + path.retainedBytes
        for capture in spare { bytes += capture.retainedBytes }
        return bytes
    }

    // MARK: Events

    /// A start tag of a tree replay (``XMLEventHandler``): its names looked up by string.
    mutating func startElement(_ element: XMLStreamElement) -> Bool {
        start(FeedReplayedTag(element, names: names))
    }

    /// A start tag, from a tree replay or straight from the SAX callbacks (``FeedEventSink``).
    mutating func start(_ element: some FeedStartTag) -> Bool {
        endDirectText()
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
        if depth == 2 {
            // The kind of a URI is exactly that URI.
            switch names.kind(element.namespaceURI) {
            case .rss10: sawRSS10Child = true
            case .rss090: sawRSS090Child = true
            default: break
            }
            Self.notePrefix(element, names: names, in: &rootPrefixProblems, lineBeyondTree: &readLineBeyondTree)
            if kind != .atom, names.name(element.localName, is: "channel"), channelScope == nil, core.contains(element.namespaceURI, in: names) {
                // No item is open at this depth: the channel is the feed's own, captured
                // (unless left out for the budget) before its scope is read.
                fields.start(element)
                channelNode = fields.openedIndex ?? -1
                let scope = Self.scopeAttributes(element, capture: .passUnretained(fields))
                channelScope = rootScope.entering(base: scope.base, language: scope.language)
                inChannel = true
                return true
            }
        } else if depth == 3, inChannel {
            Self.notePrefix(element, names: names, in: &channelPrefixProblems, lineBeyondTree: &readLineBeyondTree)
        }
        if isItem(element) {
            startItem(element)
        } else {
            current._withUnsafeGuaranteedRef { $0.start(element) }
        }
        return true
    }

    /// The `version`, `xml:base` and `xml:lang` attributes of `element`, which `capture` has
    /// just begun or started: from the capture in one pass, or from the start tag when the
    /// capture left them out.
    private static func scopeAttributes(
        _ element: some FeedStartTag, capture: Unmanaged<FeedCapture>
    ) -> (version: String?, base: String?, language: String?) {
        capture._withUnsafeGuaranteedRef { $0.openedScopeAttributes() }
            ?? (element.attribute("version", namespaceURI: nil), element.attribute("base", namespaceURI: FeedNamespace.xml),
                element.attribute("lang", namespaceURI: FeedNamespace.xml))
    }

    mutating func text(_ text: String) {
        endDirectText()
        if !open.isEmpty || (depth > 0 && !isChannelsOwnText) {
            current._withUnsafeGuaranteedRef { $0.text(text) }
        }
    }

    /// Text as UTF-8 bytes (from ``FeedEventSink``): what ``text(_:)`` does, without making a
    /// string first.
    mutating func text(utf8: UnsafeBufferPointer<UInt8>) {
        endDirectText()
        if !open.isEmpty || (depth > 0 && !isChannelsOwnText) {
            current._withUnsafeGuaranteedRef { $0.text(utf8) }
        }
    }

    var wantsText: Bool {
        if !open.isEmpty { return current._withUnsafeGuaranteedRef { $0.keepsText } }
        return !isChannelsOwnText && current._withUnsafeGuaranteedRef { $0.keepsText }
    }

    /// Where the text up to the next event may be appended directly (the capture that would
    /// keep it): the same as ``text(utf8:)`` for each piece, without a call per piece. A
    /// capture with a budget takes what was appended as one piece (kept or dropped whole); the
    /// streaming parser gives it so only a run shorter than its maximum piece, and takes a
    /// longer one back to hand it over in pieces (``FeedCapture/endDirectText()``).
    mutating func textDestination() -> Unmanaged<XMLTextBytes>? {
        guard wantsText else { return nil }
        endDirectText()
        directText = current
        return current._withUnsafeGuaranteedRef { capture in
            capture.beginDirectText()
            return .passUnretained(capture.texts)
        }
    }

    /// Takes in the text appended directly since ``textDestination()``.
    private mutating func endDirectText() {
        guard let capture = directText else { return }
        capture._withUnsafeGuaranteedRef { $0.endDirectText() }
        directText = nil
    }

    /// Whether text now is the channel's own (the white space between its items): no rule
    /// reads it, and a long feed has a lot of it.
    private var isChannelsOwnText: Bool { inChannel && depth == 2 }

    mutating func endElement() {
        endDirectText()
        guard depth > 0 else { return }
        if !open.isEmpty {
            _ = current._withUnsafeGuaranteedRef { $0.end() }
            if open[open.count - 1].depth == depth { endItem() }
        } else if current._withUnsafeGuaranteedRef({ $0.isOpen }) {
            _ = current._withUnsafeGuaranteedRef { $0.end() }
        }
        if depth == 2, inChannel { inChannel = false }
        resolvePending(closing: depth)
        path.end()
        depth -= 1
        deliver()
        if namesReference._withUnsafeGuaranteedRef({ $0.table.isFull }) { carryNames() }
    }

    /// Empties the table of names (hostile input with ever new names: a stream's memory must
    /// not grow with it) and gives the names still held (by the captures, the locators and the
    /// items waiting for theirs) new indices. Between events: no start tag holds old indices.
    private mutating func carryNames() {
        let old = names.startOver()
        fields.carryNames(from: old)
        for k in open.indices { open[k].capture.carryNames(from: old) }
        path.carryNames(from: old)
        for k in queue.indices {
            if let key = queue[k].pendingKey { queue[k].pendingKey = FeedPath.carry(key, names: names, from: old) }
        }
        names.table.grewBack()
    }

    // MARK: The root, the channel, the items

    private mutating func startRoot(_ element: some FeedStartTag) {
        sawRoot = true
        // By the names' indices and the namespace's kind: no string is made.
        let namespaceKind = names.kind(element.namespaceURI)
        if names.name(element.localName, is: "rss") {
            kind = .rss
        } else if names.name(element.localName, is: "RDF"), namespaceKind == .rdf {
            kind = .rdf
        } else if names.name(element.localName, is: "feed") {
            kind = .atom
        } else {
            notAFeed = names[element.localName]
            return
        }
        hasFeedRoot = true
        fields.begin(element, budget: fieldBudget)
        let scope = Self.scopeAttributes(element, capture: .passUnretained(fields))
        rootVersion = scope.version
        rootScope = FeedScope(base: url.map { FeedURI.resolve($0, against: nil) }, language: nil).entering(base: scope.base, language: scope.language)
        // The URI itself only where no kind stands for it.
        let namespaceURI = namespaceKind == .other ? names.optional(element.namespaceURI) : nil
        if kind == .atom {
            let rules = AtomFeedReader(rootNamespace: namespaceKind, namespaceURI, version: rootVersion)
            core = rules.core
            atomFormat = rules.format
        } else {
            core = RSSFeedReader(rootNamespace: namespaceKind, namespaceURI).core
        }
    }

    /// Whether `element` (already entered) is an item: RSS items in the root or the first
    /// channel, RSS 1.0 items and Atom entries in the root; anywhere when ``anyDepth``.
    /// Inlined, as ``slotIndex(_:)``: called from a mutating method, a method that reads `self`
    /// was given a copy of the whole reader (416 bytes) at each call.
    @inline(__always)
    private func isItem(_ element: some FeedStartTag) -> Bool {
        guard let kind else { return false }
        // Where items can be first (most elements are inside an item): comparing the name
        // costs more.
        guard anyDepth || (open.isEmpty && (depth == 2 || (depth == 3 && inChannel && kind == .rss))) else { return false }
        let name = kind == .atom ? "entry" : "item"
        return names.name(element.localName, is: name) && core.contains(element.namespaceURI, in: names)
    }

    private mutating func startItem(_ element: some FeedStartTag) {
        let capture = spare.popLast() ?? FeedCapture(names: names)
        capture.begin(element, budget: itemBudget)
        let (locator, pending) = path.current()
        let scope = kind == .rss ? channelScope ?? rootScope : rootScope
        open.append(OpenItem(capture: capture, depth: depth, sequence: nextSequence, locator: locator, pending: pending, scope: scope))
        current = .passUnretained(capture)
        queue.append(Slot(sequence: nextSequence, pendingDepth: pending?.parentDepth ?? -1, pendingKey: pending?.key))
        nextSequence += 1
    }

    /// Reads the innermost item, which has just closed.
    private mutating func endItem() {
        let done = open.removeLast()
        current = .passUnretained(open.last?.capture ?? fields)
        defer { spare.append(done.capture) }
        var itemProblems: [String] = []
        if done.capture.truncated {
            itemProblems.append("line \(done.capture.line): <\(done.capture.root.name)> is over \(itemBudget) bytes; its text was cut")
        }
        let item = kind == .atom
            ? atomRules.readEntry(done.capture.root, locator: done.locator, scope: done.scope, problems: &itemProblems)
            : rssRules.readItem(done.capture.root, locator: done.locator, scope: done.scope, problems: &itemProblems)
        itemCount += 1
        if done.capture.readLineBeyondTree { readLineBeyondTree = true }
        guard let k = slotIndex(done.sequence) else { return }
        if k == queueStart, queue[k].pendingDepth < 0 {
            // The first item waiting, with its locator known: what deliver() would do first,
            // without copying the item into its slot and out again (the usual case).
            if !itemProblems.isEmpty { record(itemProblems) }
            ready.append(item)
            queueStart += 1
        } else {
            queue[k].item = item
            queue[k].isRead = true
            if !itemProblems.isEmpty { queue[k].problems = itemProblems }
        }
        changed = true
    }

    @inline(__always)
    private func slotIndex(_ sequence: Int) -> Int? {
        guard queueStart < queue.count else { return nil }
        let k = queueStart + sequence - queue[queueStart].sequence
        return queue.indices.contains(k) ? k : nil
    }

    /// A same-named sibling starts: the waiting locators of earlier siblings get `[1]`.
    private mutating func resolvePending(startingAt depth: Int, _ element: some FeedStartTag) {
        guard queueStart < queue.count else { return }
        for k in queueStart..<queue.count where queue[k].pendingDepth == depth - 1 {
            guard let key = queue[k].pendingKey, FeedPath.sameKey(key, element) else { continue }
            // A sibling starts after the item has closed, so the item has been read.
            queue[k].pendingDepth = -1
            queue[k].item?.locator += "[1]"
            changed = true
        }
    }

    /// The element at `depth` closes: items waiting among its children had no same-named sibling.
    private mutating func resolvePending(closing depth: Int) {
        guard queueStart < queue.count else { return }
        for k in queueStart..<queue.count where queue[k].pendingDepth == depth {
            queue[k].pendingDepth = -1
            changed = true
        }
    }

    /// Moves the items that are read and whose locators are known to ``ready``, in order.
    private mutating func deliver() {
        guard changed else { return }
        changed = false
        while queueStart < queue.count, queue[queueStart].isRead, queue[queueStart].pendingDepth < 0 {
            if !queue[queueStart].problems.isEmpty { record(queue[queueStart].problems) }
            ready.append(queue[queueStart].item.take()!)
            queueStart += 1
        }
        if queueStart == queue.count, queueStart > 0 {
            queue.removeAll(keepingCapacity: true)
            queueStart = 0
        }
    }

    private mutating func record(_ itemProblems: [String]) {
        for problem in itemProblems {
            if let maximumProblems, problems.count >= maximumProblems { droppedProblems += 1 } else { problems.append(problem) }
        }
    }

    private static func notePrefix(_ element: some FeedStartTag, names: FeedNames, in problems: inout [String], lineBeyondTree: inout Bool) {
        guard problems.count < 3, element.namespaceURI < 0, names.hasColon(element.localName) else { return }
        if element.line >= 65_535 { lineBeyondTree = true }
        problems.append(FeedValues.unboundPrefixProblem(line: element.line, name: names[element.localName]))
    }

    // MARK: The end

    /// Ends the feed: items still open (a feed cut short) are read with what they hold and
    /// moved to ``ready``; returns the feed's own fields and problems, with what `handover`
    /// adds (the items ready when it takes them, else `items` empty), or `nil` when there was
    /// no root element.
    // Inlined: called, it copied the feed (256 bytes) from the second half to its caller.
    @inline(__always)
    mutating func finish(_ handover: FeedHandover = FeedHandover()) -> Feed? {
        guard endDocument() else { return nil }
        return feed(handover)
    }

    /// The first half of ``finish(_:)``: items still open (a feed cut short) are read with what
    /// they hold and moved to ``ready``; whether there was a feed's root element, whose fields
    /// ``feed(_:)`` then reads (a stream reads them only when its summary is asked for).
    mutating func endDocument() -> Bool {
        endDirectText()
        while !open.isEmpty {
            open.last!.capture.closeAll()
            endItem()
        }
        fields.closeAll()
        for k in queue.indices { queue[k].pendingDepth = -1 }
        changed = true
        deliver()
        return kind != nil && hasFeedRoot
    }

    /// The second half of ``finish(_:)``, once ``endDocument()`` said there was a feed: its own
    /// fields and problems, with what `handover` adds.
    mutating func feed(_ handover: FeedHandover) -> Feed {
        guard let kind else { preconditionFailure("FeedEventReader.feed(_:) without a feed's root element") }
        // The feed is made once, whole: changing a field of the feed the channel's reader
        // returned would make the compiler copy it.
        var fieldProblems = handover.leadingProblems
        fieldProblems.feedAppend(rootPrefixProblems)
        fieldProblems.feedAppend(channelPrefixProblems)
        if fields.truncated {
            fieldProblems.append("line \(fields.line): the feed's own fields are over \(fieldBudget) bytes; the rest were cut")
        }
        var tail = FeedTail(encoding: handover.encoding, items: [], problems: problems)
        if droppedProblems > 0 { tail.problems.append("\(droppedProblems) more problems not listed") }
        if handover.takesItems { swap(&tail.items, &ready) }
        // Returned as made, without a `defer` after it: through one, the feed (256 bytes) was
        // copied on its way out.
        let feed: Feed
        switch kind {
        case .rss, .rdf:
            // The first channel among the root's children: the one the events found, unless the
            // budget left it out (a later one may have fitted).
            let channel = channelNode >= 0 ? FeedElement(capture: fields, index: channelNode) : FeedChildren(fields.root).first("channel", core)
            let format = kind == .rss
                ? RSSFeedReader.format(version: rootVersion, head: head)
                : RSSFeedReader.rdfFormat(rss10Child: sawRSS10Child, rss090Child: sawRSS090Child, head: head)
            // RSS without a channel keeps its fields in the root.
            feed = rssRules.readChannel(channel ?? (kind == .rss ? fields.root : nil), scope: channelScope ?? rootScope, format: format, problems: &fieldProblems, tail: tail)
        case .atom:
            feed = atomRules.readFeed(fields.root, scope: rootScope, problems: &fieldProblems, tail: tail)
        }
        if fields.readLineBeyondTree { readLineBeyondTree = true }
        return feed
    }
}

/// What a reader adds to the feed's own fields when the rules end it
/// (``FeedEventReader/finish(_:)``).
struct FeedHandover {
    /// Problems met before the rules read the document (repairs, the encoding): listed first.
    var leadingProblems: [String] = []
    /// The encoding the document was read with.
    var encoding: String?
    /// Whether the items ready go into the feed (else they stay in ``FeedEventReader/ready``).
    var takesItems = false
}

/// What the feed's own fields are completed with: the encoding, the items, and the problems
/// that follow those met in the fields.
struct FeedTail {
    var encoding: String?
    var items: [FeedItem]
    var problems: [String]
}

/// Hands a parser's events straight to a ``FeedEventReader``: the streaming parser's
/// (``FeedStream``) and the in-memory one's (``FeedReader``), without an array of events in
/// between and with text as bytes.
final class FeedEventSink: XMLEventReceiver {
    // A sink has one owner and is never shared between threads or reentered: no runtime
    // exclusivity checks on the state touched for every event.
    @exclusivity(unchecked) var rules: FeedEventReader
    /// Whether items are looked for at any depth from the first error on (a stream, which
    /// learns as it goes); otherwise the rules' ``FeedEventReader/anyDepth`` is left as set.
    @exclusivity(unchecked) private(set) var looksDeeperAfterErrors: Bool
    /// The root element's name when it is not a feed's; the events after it are ignored.
    @exclusivity(unchecked) private(set) var notAFeed: String?
    /// The libxml2 parser context ``FeedReader`` reads with, kept with the sink between
    /// documents (a sink is used by one reader at a time).
    let parserContexts = XMLParserContextCache()

    init(rules: FeedEventReader, looksDeeperAfterErrors: Bool) {
        self.rules = rules
        self.looksDeeperAfterErrors = looksDeeperAfterErrors
    }

    /// Makes the sink as new, holding nothing of its last document, with rules that reuse the
    /// memory of the last ones (``FeedEventReader/restart()``).
    func restart() {
        rules.restart()
        looksDeeperAfterErrors = false
        notAFeed = nil
    }

    /// Sets what the next document is read with, after ``restart()``.
    func prepare(url: String?, itemBudget: Int, fieldBudget: Int, maximumProblems: Int?, looksDeeperAfterErrors: Bool) {
        rules.prepare(url: url, itemBudget: itemBudget, fieldBudget: fieldBudget, maximumProblems: maximumProblems)
        self.looksDeeperAfterErrors = looksDeeperAfterErrors
    }

    /// Roughly the bytes the sink keeps between documents.
    var retainedBytes: Int { rules.retainedBytes() }

    func startElement(_ tag: XMLStartTag, afterMalformation: Bool) {
        guard notAFeed == nil else { return }
        if looksDeeperAfterErrors { rules.anyDepth = afterMalformation }
        // Only a root that is not a feed's sets it (and the rules then say `false`).
        if !rules.start(tag), let name = rules.notAFeed { notAFeed = name }
    }

    var names: XMLNameTable { rules.names.table }
    var unretainedNames: Unmanaged<XMLNameTable> { .passUnretained(rules.names.table) }

    func endElement() {
        guard notAFeed == nil else { return }
        rules.endElement()
    }

    var wantsText: Bool { notAFeed == nil && rules.wantsText }

    func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        rules.text(utf8: utf8)
    }

    func textDestination() -> Unmanaged<XMLTextBytes>? {
        notAFeed == nil ? rules.textDestination() : nil
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
        var key = Key(name: -1, prefix: -1, namespaced: false, generic: false)
        /// The position among the same-named siblings before it (1 for the first).
        var position = 1
        var elementChildren = 0
        /// How many children of each name came so far: the first ``maximumCountedNames`` in
        /// ``counted`` (`countedStart`, `countedLength`), then a dictionary.
        var countedStart = 0
        var countedLength = 0
        var more: [Key: Int]?
    }

    /// How many children of one name came so far under an open element.
    private struct Counted {
        var key: Key
        var count: Int
    }

    /// How libxml2 tells same-named siblings apart: the local name and the prefix (elements in
    /// no namespace have none); elements in a default namespace all count together. Names are
    /// indices in the reader's ``FeedNames`` (-1: none; the name of a `generic` key).
    struct Key: Hashable {
        var name: Int32
        var prefix: Int32
        var namespaced: Bool
        /// Written `*` in a locator (`item`, `dc:date` otherwise).
        var generic: Bool
    }

    /// A locator waiting to learn whether a same-named sibling follows.
    struct Pending {
        /// How many elements are open while the element's parent is the innermost.
        var parentDepth: Int
        var key: Key
    }

    /// Slots for open elements, kept when elements close and reused.
    private var open: [Open] = []
    /// The children's counts of the open elements, level after level: an element's children
    /// start only while it is the innermost open element, so its list is the last in use, and
    /// what lies past it (the lists of closed elements) is written over. One list for all
    /// levels: a list per slot cost a uniqueness check of the slot and of its list per count,
    /// and two generic `removeAll` when the slot was used again.
    private var counted: [Counted] = []
    /// The distinct names counted in ``counted`` per element before its dictionary.
    static let maximumCountedNames = 16
    /// The locators of the open elements from the root down, each level's part written after
    /// its parent's (`/rss`, `/channel`, `/item[3]`): level k's locator is
    /// `pathBytes[..<pathEnds[k]]`. Only the levels asked for (and their ancestors) are
    /// written, once for as long as they stay open; an element starting at a level drops what
    /// was written for that level and deeper ones.
    private var pathBytes: [UInt8] = []
    private var pathEnds: [Int] = []
    private(set) var depth = 0
    /// The deepest level whose elements are counted: where locators may be asked for. Below
    /// it, elements are only counted as open.
    var trackedDepth = Int.max
    static let maximumNamesPerParent = 10_000
    /// The names the keys' indices are in.
    let names: FeedNames

    init(names: FeedNames) {
        self.names = names
    }

    /// No element open, as a new path, keeping the slots' memory (a slot is set afresh when an
    /// element enters it; what the last document left in them is dropped here).
    mutating func restart() {
        depth = 0
        trackedDepth = .max
        // In place: a slot read by subscript is copied, its dictionary retained and released.
        open.withUnsafeMutableBufferPointer { slots in
            for level in slots.indices where slots[level].more != nil { slots[level].more = nil }
        }
        if !pathEnds.isEmpty {
            pathBytes.removeAll(keepingCapacity: true)
            pathEnds.removeAll(keepingCapacity: true)
        }
    }

    /// Roughly the bytes the slots keep.
    var retainedBytes: Int {
        open.capacity * MemoryLayout<Open>.stride + counted.capacity * MemoryLayout<Counted>.stride
            + pathBytes.capacity + pathEnds.capacity * 8
    }

    static func key(_ element: some FeedStartTag) -> Key {
        let namespaced = element.namespaceURI >= 0
        let generic = namespaced && element.prefix < 0
        return Key(name: generic ? -1 : element.localName, prefix: element.prefix, namespaced: namespaced, generic: generic)
    }

    static func sameKey(_ key: Key, _ element: some FeedStartTag) -> Bool {
        if key.generic { return true }
        return element.localName == key.name && element.prefix == key.prefix && (element.namespaceURI >= 0) == key.namespaced
    }

    /// `key` with its names given new indices (``FeedNames/carry(_:from:)``).
    static func carry(_ key: Key, names: FeedNames, from old: [String]) -> Key {
        Key(name: names.carry(key.name, from: old), prefix: names.carry(key.prefix, from: old), namespaced: key.namespaced, generic: key.generic)
    }

    /// Gives the names of the open elements and of their children's counts new indices.
    mutating func carryNames(from old: [String]) {
        for level in open.indices {
            open[level].key = Self.carry(open[level].key, names: names, from: old)
            if let more = open[level].more {
                var carried: [Key: Int] = [:]
                for (key, count) in more { carried[Self.carry(key, names: names, from: old)] = count }
                open[level].more = carried
            }
        }
        // Lists past the innermost level's are closed elements' (written over before they are
        // read): carried as well, as they cost nothing to carry.
        for k in counted.indices { counted[k].key = Self.carry(counted[k].key, names: names, from: old) }
    }

    /// Enters `element`.
    mutating func start(_ element: some FeedStartTag) {
        guard depth < trackedDepth else {
            depth += 1
            return
        }
        let key = Self.key(element)
        if depth == open.count {
            if open.isEmpty { open.reserveCapacity(8) }
            open.append(Open())
        }
        if pathEnds.count > depth {
            pathEnds.removeLast(pathEnds.count - depth)
            pathBytes.removeLast(pathBytes.count - (pathEnds.last ?? 0))
        }
        let level = depth
        // The slots are written through one buffer: a slot changed by subscript costs a
        // uniqueness check of the list per field.
        open.withUnsafeMutableBufferPointer { slots in
            var preceding = 0
            // Its own list starts right after its parent's (the root's at 0).
            var countedStart = 0
            if level > 0 {
                let parent = level - 1
                if key.generic {
                    preceding = slots[parent].elementChildren
                } else {
                    preceding = Self.count(key, in: &slots[parent], counted: &counted)
                }
                slots[parent].elementChildren += 1
                countedStart = slots[parent].countedStart + slots[parent].countedLength
            }
            slots[level].key = key
            slots[level].position = preceding + 1
            slots[level].elementChildren = 0
            slots[level].countedStart = countedStart
            slots[level].countedLength = 0
            if slots[level].more != nil { slots[level].more = nil }
        }
        depth += 1
    }

    /// The children of `key` so far under `parent` (the innermost open element), counting this
    /// one in.
    private static func count(_ key: Key, in parent: inout Open, counted: inout [Counted]) -> Int {
        let start = parent.countedStart
        let length = parent.countedLength
        // In one buffer (a list changed by subscript costs a uniqueness check per change): the
        // count found, or a new name written past the list when the memory is there already
        // (-1: the name was not found and not written).
        let found = counted.withUnsafeMutableBufferPointer { list in
            for k in start..<start + length where list[k].key == key {
                list[k].count += 1
                return list[k].count - 1
            }
            guard length < maximumCountedNames, start + length < list.count else { return -1 }
            // Past the parent's list: a closed element's list, written over.
            list[start + length] = Counted(key: key, count: 1)
            return 0
        }
        // (A name met before gives 1 or more.)
        if found == 0 { parent.countedLength = length + 1 }
        if found >= 0 { return found }
        if length < maximumCountedNames {
            counted.append(Counted(key: key, count: 1))
            parent.countedLength = length + 1
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
        depth -= 1
    }

    /// The locator of the innermost open element, and what it waits for when its index
    /// depends on siblings still to come.
    mutating func current() -> (locator: String, pending: Pending?) {
        let path = locator(at: depth - 1)
        guard depth > 1, open[depth - 1].position == 1 else { return (path, nil) }
        return (path, Pending(parentDepth: depth - 1, key: open[depth - 1].key))
    }

    /// The locator of the open element at `level` (0: the root): the parts of the levels not
    /// written yet are added to ``pathBytes``, then the string is made once.
    private mutating func locator(at level: Int) -> String {
        while pathEnds.count <= level {
            let key = open[pathEnds.count].key
            pathBytes.append(UInt8(ascii: "/"))
            if key.generic {
                pathBytes.append(UInt8(ascii: "*"))
            } else {
                if key.prefix >= 0 {
                    pathBytes.append(contentsOf: names[key.prefix].utf8)
                    pathBytes.append(UInt8(ascii: ":"))
                }
                pathBytes.append(contentsOf: names[key.name].utf8)
            }
            let position = open[pathEnds.count].position
            if position > 1 {
                pathBytes.append(UInt8(ascii: "["))
                var digits = 1
                while digits <= position / 10 { digits *= 10 }
                while digits > 0 {
                    pathBytes.append(UInt8(ascii: "0") + UInt8(position / digits % 10))
                    digits /= 10
                }
                pathBytes.append(UInt8(ascii: "]"))
            }
            pathEnds.append(pathBytes.count)
        }
        // Names are libxml2's, valid UTF-8.
        return pathBytes.withUnsafeBufferPointer { String(wellFormedUTF8: UnsafeBufferPointer(rebasing: $0[..<pathEnds[level]])) }
    }
}
