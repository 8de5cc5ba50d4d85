import Foundation
import Markup

/// An HTML page mirrored into Swift values in one pass over the parsed tree, with the text
/// statistics the main-content finder scores by.
///
/// Elements that are never content (scripts, styles, embedded objects, form controls) and hidden
/// elements are not mirrored at all, so neither the finder nor the outline builder sees them;
/// navigation, asides, footers and the like are mirrored and marked as chrome. Elements and texts
/// are records in flat buffers, linked to their first child and next sibling (no object or array
/// per element). Texts and link targets are kept once, as UTF-8, in one buffer; class and id
/// lists are kept once per distinct list, with what they say about chrome; each element knows
/// how to write its locator (the XPath `xmlGetNodePath` gives for its node) without going back to
/// the parsed tree.
final class PageTree {
    /// The document mirrored (kept alive for ``PageElement/source``).
    let document: MarkupDocument
    @exclusivity(unchecked) private(set) var elements: UnsafeMutablePointer<ElementRecord>
    @exclusivity(unchecked) private(set) var elementCount = 0
    @exclusivity(unchecked) private var elementCapacity: Int
    @exclusivity(unchecked) private(set) var texts: UnsafeMutablePointer<TextRecord>
    @exclusivity(unchecked) private(set) var textCount = 0
    @exclusivity(unchecked) private var textCapacity: Int
    /// The UTF-8 of every text and link target, one after another.
    @exclusivity(unchecked) private var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var byteCount = 0
    @exclusivity(unchecked) private var byteCapacity: Int
    /// The distinct class and id lists (see ``PageElement/classAndID``).
    @exclusivity(unchecked) private var classNameStrings: [String?] = []
    /// Per class and id list: where its bytes are, and its chrome word once known (for an element
    /// whose tag is exempt from `meta`, and for others).
    @exclusivity(unchecked) private var classEntries: [ClassEntry] = []
    /// The elements named `main` or with the role `main`, in document order.
    @exclusivity(unchecked) private(set) var landmarkIndexes: [Int32] = []
    /// The tags met, by ``ElementRecord/tag``.
    @exclusivity(unchecked) private(set) var tags: [PageTag] = []
    /// Roles, `itemprop`s, `href` strings and locators of the elements that have them.
    @exclusivity(unchecked) var extras: [ElementExtras] = []
    /// Set once an element is dropped from the main text.
    @exclusivity(unchecked) fileprivate(set) var anyDropped = false
    /// Open-addressed: class list indexes by the hash of their bytes, -1 for free.
    @exclusivity(unchecked) private var classSlots: [Int32] = Array(repeating: -1, count: 64)

    struct ClassEntry {
        var start: Int
        var count: Int
        var hash: UInt64
        var chrome: Boilerplate.Chrome?? = nil
        var chromeMetaExempt: Boilerplate.Chrome?? = nil
    }

    init(document: MarkupDocument) {
        self.document = document
        elementCapacity = 256
        elements = .allocate(capacity: elementCapacity)
        textCapacity = 256
        texts = .allocate(capacity: textCapacity)
        byteCapacity = 1 << 14
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit {
        elements.deinitialize(count: elementCount)
        elements.deallocate()
        texts.deinitialize(count: textCount)
        texts.deallocate()
        bytes.deallocate()
    }

    /// The root element (the first one mirrored).
    var root: PageElement { PageElement(tree: self, index: 0) }

    /// The elements named `main` or with the role `main`, in document order.
    var landmarks: [PageElement] { landmarkIndexes.map { PageElement(tree: self, index: $0) } }

    /// Mirrors `node` and its subtree; `nil` when the element is never content or hidden.
    static func mirror(_ node: MarkupNode) -> PageTree? {
        var mirror = PageMirror(tree: PageTree(document: node.document), rootLocator: node.locator)
        node.walk(&mirror)
        return mirror.tree.elementCount > 0 ? mirror.tree : nil
    }

    // MARK: Building

    fileprivate func appendElement(_ record: consuming ElementRecord) -> Int32 {
        if elementCount == elementCapacity {
            let grown = UnsafeMutablePointer<ElementRecord>.allocate(capacity: elementCapacity * 2)
            grown.moveInitialize(from: elements, count: elementCount)
            elements.deallocate()
            elements = grown
            elementCapacity *= 2
        }
        (elements + elementCount).initialize(to: record)
        elementCount += 1
        return Int32(elementCount - 1)
    }

    /// Copies `utf8` into the byte buffer; returns where it starts.
    fileprivate func appendBytes(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let start = byteCount
        if byteCount + utf8.count > byteCapacity {
            var capacity = byteCapacity * 2
            while capacity < byteCount + utf8.count { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: bytes, count: byteCount)
            bytes.deallocate()
            bytes = grown
            byteCapacity = capacity
        }
        if let base = utf8.baseAddress { (bytes + byteCount).update(from: base, count: utf8.count) }
        byteCount += utf8.count
        return start
    }

    /// Stores `utf8` (invalid sequences replaced by U+FFFD, as `String(cString:)` does) and counts it.
    fileprivate func appendText(_ utf8: UnsafeBufferPointer<UInt8>) -> (index: Int32, span: TextSpan) {
        let start: Int
        let counts: (visible: Int, punctuation: Int)
        if let valid = TextCounts.visibleAndPunctuation(ifValid: utf8) {
            start = appendBytes(utf8)
            counts = valid
        } else {
            var repaired = String(decoding: utf8, as: UTF8.self)
            start = repaired.withUTF8 { appendBytes($0) }
            counts = TextCounts.visibleAndPunctuation(UnsafeBufferPointer(start: bytes + start, count: byteCount - start))
        }
        let count = byteCount - start
        let span = TextSpan(start: start, count: count, visible: counts.visible, punctuation: counts.punctuation)
        if textCount == textCapacity {
            let grown = UnsafeMutablePointer<TextRecord>.allocate(capacity: textCapacity * 2)
            grown.moveInitialize(from: texts, count: textCount)
            texts.deallocate()
            texts = grown
            textCapacity *= 2
        }
        (texts + textCount).initialize(to: TextRecord(span: span))
        textCount += 1
        return (Int32(textCount - 1), span)
    }

    fileprivate func addTag(_ tag: PageTag) -> Int32 {
        tags.append(tag)
        return Int32(tags.count - 1)
    }

    /// The index of a new ``ElementExtras``.
    fileprivate func addExtras(_ extras: ElementExtras) -> Int32 {
        self.extras.append(extras)
        return Int32(self.extras.count - 1)
    }

    fileprivate func addLandmark(_ index: Int32) {
        landmarkIndexes.append(index)
    }

    /// Links `child` (an element index, or a text index `~i`) as the last child of `parent`.
    fileprivate func link(_ child: Int32, to parent: Int32) {
        let p = elements + Int(parent)
        let last = p.pointee.lastChild
        if last == PageNode.none {
            p.pointee.firstChild = child
        } else if last >= 0 {
            elements[Int(last)].nextSibling = child
        } else {
            texts[Int(~last)].next = child
        }
        p.pointee.lastChild = child
    }

    /// The index of the class and id list `utf8` (valid UTF-8), added when new.
    fileprivate func internClassNames(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(utf8)
        let mask = classSlots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 7) & mask
        while true {
            let index = classSlots[slot]
            if index < 0 { break }
            let entry = classEntries[Int(index)]
            if entry.hash == hash, entry.count == utf8.count,
               utf8.count == 0 || memcmp(bytes + entry.start, utf8.baseAddress!, utf8.count) == 0 {
                return index
            }
            slot = (slot + 1) & mask
        }
        let start = appendBytes(utf8)
        let index = Int32(classEntries.count)
        classNameStrings.append(nil)
        classEntries.append(ClassEntry(start: start, count: utf8.count, hash: hash))
        classSlots[slot] = index
        if classEntries.count * 2 > classSlots.count { growClassSlots() }
        return index
    }

    /// A hash of bytes, eight at a time.
    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(utf8.count)
        var i = 0
        if let base = utf8.baseAddress {
            while i + 8 <= utf8.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 29
                i += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < utf8.count {
            tail |= UInt64(utf8[i]) << shift
            shift += 8
            i += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }

    private func growClassSlots() {
        var slots = [Int32](repeating: -1, count: classSlots.count * 2)
        let mask = slots.count - 1
        for (i, entry) in classEntries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash >> 7) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
        classSlots = slots
    }

    // MARK: Reading

    /// Calls `body` with the UTF-8 of `span`.
    @inline(__always)
    func withBytes<R>(of span: TextSpan, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: bytes + span.start, count: span.count))
    }

    /// The string of bytes stored by ``appendBytes(_:)``.
    fileprivate func string(start: Int, count: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + start, count: count), as: UTF8.self)
    }

    /// The distinct class and id lists met (see ``PageElement/classAndID``), in order.
    var classNames: [String] { (0..<classEntries.count).map { className(Int32($0)) } }

    /// The class and id list `index` as a string, made when first asked for.
    func className(_ index: Int32) -> String {
        let i = Int(index)
        if let name = classNameStrings[i] { return name }
        let entry = classEntries[i]
        let name = string(start: entry.start, count: entry.count)
        classNameStrings[i] = name
        return name
    }

    /// What the class and id list `index` says about chrome (``Boilerplate/classChrome(_:name:)``),
    /// computed once per list and kind of tag.
    fileprivate func classChrome(_ index: Int32, name: String, metaExempt: Bool) -> Boilerplate.Chrome? {
        let i = Int(index)
        if let known = metaExempt ? classEntries[i].chromeMetaExempt : classEntries[i].chrome { return known }
        let entry = classEntries[i]
        let chrome = Boilerplate.classChrome(utf8: UnsafeBufferPointer(start: bytes + entry.start, count: entry.count), name: name) {
            className(index)
        }
        if metaExempt { classEntries[i].chromeMetaExempt = .some(chrome) } else { classEntries[i].chrome = .some(chrome) }
        return chrome
    }
}

/// Links between the records of a ``PageTree``: an element's index, a text's index `i` as `~i`,
/// or ``none``.
enum PageNode {
    static let none: Int32 = .min
}

/// An element of a ``PageTree``.
struct ElementRecord {
    var name: String
    /// The tag in ``PageTree/tags``.
    var tag: Int32
    var isInline: Bool
    var isMetaExempt: Bool
    var tagChromeRule: TagChromeRule
    var pruneKind: PruneKind
    /// What is known of the element's own link and of the links below it (``LinkFacts``).
    var linkFacts: UInt8 = 0
    var isInLink: Bool
    var isDropped = false
    var parent: Int32
    var firstChild = PageNode.none
    var lastChild = PageNode.none
    var nextSibling = PageNode.none
    /// The class and id list in ``PageTree/classNames``, or -1 for none.
    var classIndex: Int32
    /// The index in the element's locator step (`div[3]`), 0 for none; -1 until its parent
    /// has counted its children (``PageElement/countChildLocators()``).
    var locatorIndex = -1
    /// The element is in a namespace: its locator step is written by the document.
    var hasNamespace: Bool
    /// The children's ``locatorIndex`` are known.
    var childLocatorsKnown = false
    var textCount = 0
    var linkElements = 0
    var punctuationCount = 0
    var prose = 0
    var scratch = MainContent.Scratch()
    var cachedClassWeight: Double?
    var chrome: Boilerplate.Chrome?
    /// Where the `href` is in the tree's bytes (`hrefCount` -1: no `href`).
    var hrefStart = 0
    var hrefCount = -1
    /// The element's ``ElementExtras`` in ``PageTree/extras``, or -1 for none.
    var extras: Int32 = -1
    var source: MarkupNodeID
}

/// What few elements have, kept apart so that the records stay small.
struct ElementExtras {
    var role: String?
    var itemprop: String?
    var href: String?
    var locator: String?
}

/// Bits of ``ElementRecord/linkFacts``.
enum LinkFacts {
    static let ownKnown: UInt8 = 1
    static let ownDocument: UInt8 = 2
    static let ownAddress: UInt8 = 4
    static let documentBelowKnown: UInt8 = 8
    static let documentBelow: UInt8 = 16
    static let addressBelowKnown: UInt8 = 32
    static let addressBelow: UInt8 = 64
}

/// A text of a ``PageTree`` and its next sibling.
struct TextRecord {
    var span: TextSpan
    var next = PageNode.none
}

/// An element of a mirrored page (a handle into its ``PageTree``, which must outlive it).
struct PageElement {
    /// A child: an element or a run of text as it is in the source.
    enum Child {
        case element(PageElement)
        case text(TextSpan)
    }

    unowned(unsafe) let tree: PageTree
    let index: Int32

    private var record: UnsafeMutablePointer<ElementRecord> {
        @inline(__always) get { tree.elements + Int(index) }
    }

    /// The lowercase tag name.
    var name: String { record.pointee.name }
    /// `true` for inline elements (`a`, `b`, `span`, …; see ``OutlineBuilder/inlineTags``).
    var isInline: Bool { record.pointee.isInline }
    /// What the tag alone says about chrome.
    var tagChromeRule: TagChromeRule { record.pointee.tagChromeRule }
    var parent: PageElement? {
        let p = record.pointee.parent
        return p < 0 ? nil : PageElement(tree: tree, index: p)
    }
    /// Lowercased `class` and `id`, joined by a space.
    var classAndID: String {
        let index = record.pointee.classIndex
        return index < 0 ? "" : tree.className(index)
    }
    /// What the class and id say about chrome (``Boilerplate/classChrome(_:name:)``).
    var classChrome: Boilerplate.Chrome? {
        let index = record.pointee.classIndex
        return index < 0 ? nil : tree.classChrome(index, name: name, metaExempt: record.pointee.isMetaExempt)
    }
    var role: String? {
        let extras = record.pointee.extras
        return extras < 0 ? nil : tree.extras[Int(extras)].role
    }
    /// `true` when the element has an `href`.
    var hasHref: Bool { record.pointee.hrefCount >= 0 }
    var href: String? {
        guard record.pointee.hrefCount >= 0 else { return nil }
        let extras = record.pointee.extras
        if extras >= 0, let cached = tree.extras[Int(extras)].href { return cached }
        let href = tree.string(start: record.pointee.hrefStart, count: record.pointee.hrefCount)
        updateExtras { $0.href = href }
        return href
    }
    var itemprop: String? {
        let extras = record.pointee.extras
        return extras < 0 ? nil : tree.extras[Int(extras)].itemprop
    }

    private func updateExtras(_ update: (inout ElementExtras) -> Void) {
        if record.pointee.extras < 0 { record.pointee.extras = tree.addExtras(ElementExtras()) }
        update(&tree.extras[Int(record.pointee.extras)])
    }
    /// Visible characters (whitespace not counted) in the subtree.
    var textCount: Int { record.pointee.textCount }
    /// Number of links with text in the subtree.
    var linkElements: Int { record.pointee.linkElements }
    /// Commas, semicolons and sentence ends (including CJK punctuation) in the subtree.
    var punctuationCount: Int { record.pointee.punctuationCount }
    /// `true` when this element is `<a href>` or inside one.
    var isInLink: Bool { record.pointee.isInLink }
    /// What kind of page chrome the class, id or role marks this element as, if any.
    var chrome: Boilerplate.Chrome? {
        get { record.pointee.chrome }
        nonmutating set { record.pointee.chrome = newValue }
    }
    /// Set by the main-content finder: the subtree is left out of the main text.
    var isDropped: Bool {
        get { record.pointee.isDropped }
        nonmutating set {
            record.pointee.isDropped = newValue
            if newValue { tree.anyDropped = true }
        }
    }
    /// The class and id weight, once computed (see ``Boilerplate/classWeight(_:)``).
    var cachedClassWeight: Double? {
        get { record.pointee.cachedClassWeight }
        nonmutating set { record.pointee.cachedClassWeight = newValue }
    }
    /// Characters of prose paragraphs in the subtree, chrome included (set by the finder).
    var prose: Int {
        get { record.pointee.prose }
        nonmutating set { record.pointee.prose = newValue }
    }
    /// Scratch space of the main-content finder.
    var scratch: MainContent.Scratch {
        get { record.pointee.scratch }
        nonmutating _modify { yield &record.pointee.scratch }
    }
    /// The parsed node this element mirrors.
    var source: MarkupNode { tree.document.node(record.pointee.source) }
    /// How the pruning of the main content treats the tag.
    var pruneKind: PruneKind { record.pointee.pruneKind }

    /// Kinds of link the finder asks about.
    enum LinkKind {
        /// To a document file (``MainContent/Finder/isDocumentLink(_:)``).
        case document
        /// To an e-mail address or a phone number (``MainContent/Finder/isAddressLink(_:)``).
        case address
    }

    /// `true` when an element below this one (not this one) has an `href` of that kind: what
    /// `firstDescendant { is link of kind } != nil` says, remembered for each element, so that
    /// asking for every element of a subtree costs one pass over it.
    func hasLinkBelow(_ kind: LinkKind) -> Bool {
        let (known, yes): (UInt8, UInt8) = kind == .document ? (LinkFacts.documentBelowKnown, LinkFacts.documentBelow)
            : (LinkFacts.addressBelowKnown, LinkFacts.addressBelow)
        let facts = record.pointee.linkFacts
        if facts & known != 0 { return facts & yes != 0 }
        var found = false
        for child in children {
            if case let .element(e) = child, e.isLink(kind) || e.hasLinkBelow(kind) {
                found = true
                break
            }
        }
        record.pointee.linkFacts |= known | (found ? yes : 0)
        return found
    }

    /// `true` when this element's `href` is a link of that kind.
    private func isLink(_ kind: LinkKind) -> Bool {
        guard record.pointee.hrefCount >= 0 else { return false }
        if record.pointee.linkFacts & LinkFacts.ownKnown == 0, let href {
            var facts = LinkFacts.ownKnown
            if MainContent.Finder.isDocumentLink(href) { facts |= LinkFacts.ownDocument }
            if MainContent.Finder.isAddressLink(href) { facts |= LinkFacts.ownAddress }
            record.pointee.linkFacts |= facts
        }
        return record.pointee.linkFacts & (kind == .document ? LinkFacts.ownDocument : LinkFacts.ownAddress) != 0
    }

    /// The children, in order.
    var children: PageChildren { PageChildren(tree: tree, next: record.pointee.firstChild) }

    /// The elements among the children, in order.
    var elementChildren: [PageElement] {
        children.compactMap { if case let .element(e) = $0 { e } else { nil } }
    }

    /// All text below this element, whitespace collapsed.
    var normalizedText: String {
        var text = NormalizedTextBuilder()
        appendText(to: &text)
        return text.string
    }

    private func appendText(to text: inout NormalizedTextBuilder) {
        for child in children {
            switch child {
            case let .text(span): tree.withBytes(of: span) { text.append($0) }
            case let .element(e): e.appendText(to: &text)
            }
        }
    }

    /// The XPath of the mirrored node, as `xmlGetNodePath` writes it.
    var locator: String {
        let extras = record.pointee.extras
        if extras >= 0, let cached = tree.extras[Int(extras)].locator { return cached }
        // Only the root has no parent, and its locator is set when it is mirrored.
        guard let parent else { return "" }
        if record.pointee.locatorIndex < 0 { parent.countChildLocators() }
        var path = parent.locator
        path += "/"
        let index = record.pointee.locatorIndex
        if record.pointee.hasNamespace {
            path += tree.document.locatorStep(of: record.pointee.source, index: index)
        } else {
            path += tree.tags[Int(record.pointee.tag)].parsedName
            if index > 0 {
                path += "["
                path += String(index)
                path += "]"
            }
        }
        updateExtras { $0.locator = path }
        return path
    }

    /// Sets the locator index of every element child: the parsed node's element children (which
    /// include those not mirrored) are counted once, when a child's locator is first needed.
    private func countChildLocators() {
        guard !record.pointee.childLocatorsKnown else { return }
        record.pointee.childLocatorsKnown = true
        let steps = tree.document.locatorIndexes(ofChildrenOf: record.pointee.source)
        var k = 0
        for child in children {
            guard case let .element(e) = child else { continue }
            let id = e.record.pointee.source
            while k < steps.count, steps[k].id != id { k += 1 }
            guard k < steps.count else { break }
            e.record.pointee.locatorIndex = steps[k].index
            k += 1
        }
    }

    /// This element and every element below it, depth first.
    func forEachElement(_ body: (PageElement) -> Void) {
        body(self)
        for child in children {
            if case let .element(e) = child { e.forEachElement(body) }
        }
    }

    /// `true` when `self` is `other` or one of its ancestors.
    func contains(_ other: PageElement) -> Bool {
        var node: PageElement? = other
        while let n = node {
            if n === self { return true }
            node = n.parent
        }
        return false
    }

    /// The first descendant element (not `self`) for which `predicate` holds, depth first.
    func firstDescendant(where predicate: (PageElement) -> Bool) -> PageElement? {
        for child in children {
            guard case let .element(e) = child else { continue }
            if predicate(e) { return e }
            if let found = e.firstDescendant(where: predicate) { return found }
        }
        return nil
    }

    /// `true` when an element child satisfies `predicate` (without building ``elementChildren``).
    func hasElementChild(where predicate: (PageElement) -> Bool) -> Bool {
        for child in children {
            if case let .element(e) = child, predicate(e) { return true }
        }
        return false
    }

    /// The same element.
    static func === (a: PageElement, b: PageElement) -> Bool { a.index == b.index && a.tree === b.tree }
    static func !== (a: PageElement, b: PageElement) -> Bool { !(a === b) }
}

/// The same element, or both `nil`.
func === (a: PageElement?, b: PageElement?) -> Bool {
    switch (a, b) {
    case let (a?, b?): a === b
    case (nil, nil): true
    default: false
    }
}

func !== (a: PageElement?, b: PageElement?) -> Bool { !(a === b) }

/// The children of a ``PageElement``, in order.
struct PageChildren: Sequence, IteratorProtocol {
    unowned(unsafe) let tree: PageTree
    var following: Int32

    init(tree: PageTree, next: Int32) {
        self.tree = tree
        self.following = next
    }

    mutating func next() -> PageElement.Child? {
        let current = following
        if current >= 0 {
            following = tree.elements[Int(current)].nextSibling
            return .element(PageElement(tree: tree, index: current))
        }
        if current == PageNode.none { return nil }
        let text = tree.texts[Int(~current)]
        following = text.next
        return .text(text.span)
    }
}

/// A run of text of a page: where its UTF-8 is in its ``PageTree``, and how many
/// visible characters and punctuation marks it holds.
struct TextSpan {
    var start: Int
    var count: Int
    /// Characters that are not whitespace (in ``TextNormalizer``'s sense).
    var visible: Int
    /// Commas, full stops, semicolons, `!`, `?` and their CJK, Arabic and Devanagari forms.
    var punctuation: Int
}

/// A tag name met on a page, looked up once per distinct name.
final class PageTag: Sendable {
    /// Lowercase.
    let name: String
    /// As libxml2 holds it (what locators write).
    let parsedName: String
    let isInline: Bool
    /// Never content: not mirrored (``Boilerplate/neverContent``).
    let isNeverContent: Bool
    let chromeRule: TagChromeRule
    /// `p`, `span`, `time`, `small`: a class word `meta` does not make them chrome.
    let isMetaExempt: Bool
    let pruneKind: PruneKind
    /// `a`.
    let isAnchor: Bool
    /// `main`.
    let isMain: Bool

    init(parsedName: String) {
        self.parsedName = parsedName
        self.name = parsedName.lowercased()
        self.isInline = OutlineBuilder.inlineTags.contains(name)
        self.isNeverContent = Boilerplate.neverContent.contains(name)
        self.chromeRule = TagChromeRule(name: name)
        self.isMetaExempt = ["p", "span", "time", "small"].contains(name)
        self.pruneKind = PruneKind(name: name)
        self.isAnchor = name == "a"
        self.isMain = name == "main"
    }

    /// The tags of HTML, made once: a page looks its tags up here before making its own.
    static let known: [String: PageTag] = Dictionary(uniqueKeysWithValues: """
        a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas caption center \
        cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure \
        font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link \
        main map mark menu meta meter nav noscript object ol optgroup option output p param picture pre progress q \
        s samp script section select small source span strike strong style sub summary sup svg table tbody td \
        template textarea tfoot th thead time title tr track tt u ul var video wbr nobr acronym marquee math frame \
        frameset applet noindex
        """.split(whereSeparator: \.isWhitespace).map { (String($0), PageTag(parsedName: String($0))) })
}

/// Tag names by their bytes, so that an element costs no string of its own.
struct PageTags {
    /// Names of up to 16 bytes, packed into two words, in an open-addressed table of indexes
    /// into ``PageTree/tags``.
    private var keys: [(UInt64, UInt64, Int)] = Array(repeating: (0, 0, -1), count: 256)
    private var values: [Int32] = Array(repeating: -1, count: 256)
    private var used = 0
    private var long: [[UInt8]: Int32] = [:]

    private static func make(_ name: UnsafeBufferPointer<UInt8>) -> PageTag {
        let parsedName = String(decoding: name, as: UTF8.self)
        // (Strings compare by canonical equivalence; the name must be the same bytes.)
        if let known = PageTag.known[parsedName], known.parsedName.utf8.elementsEqual(parsedName.utf8) { return known }
        return PageTag(parsedName: parsedName)
    }

    /// ``tag(for:in:)`` of a NUL-terminated name: names of up to 16 bytes are packed as they are
    /// read, without measuring them first.
    mutating func tag(named name: UnsafePointer<UInt8>?, in tree: PageTree) -> Int32 {
        guard let name else { return tag(for: UnsafeBufferPointer(start: nil, count: 0), in: tree) }
        var a: UInt64 = 0, b: UInt64 = 0
        var n = 0
        while n < 17, name[n] != 0 {
            if n < 8 { a |= UInt64(name[n]) << (8 * UInt64(n)) } else if n < 16 { b |= UInt64(name[n]) << (8 * UInt64(n - 8)) }
            n += 1
        }
        if n > 16 {
            while name[n] != 0 { n += 1 }
            return tag(for: UnsafeBufferPointer(start: name, count: n), in: tree)
        }
        return tag(packed: a, b, count: n, bytes: UnsafeBufferPointer(start: name, count: n), in: tree)
    }

    /// The index in `tree.tags` of the tag `name`, added when new.
    mutating func tag(for name: UnsafeBufferPointer<UInt8>, in tree: PageTree) -> Int32 {
        guard name.count <= 16 else {
            let key = Array(name)
            if let tag = long[key] { return tag }
            let tag = tree.addTag(Self.make(name))
            long[key] = tag
            return tag
        }
        var a: UInt64 = 0, b: UInt64 = 0
        var i = 0
        while i < name.count {
            if i < 8 { a |= UInt64(name[i]) << (8 * UInt64(i)) } else { b |= UInt64(name[i]) << (8 * UInt64(i - 8)) }
            i += 1
        }
        return tag(packed: a, b, count: name.count, bytes: name, in: tree)
    }

    /// The tag of a name of at most 16 bytes, packed into `a` and `b`.
    private mutating func tag(packed a: UInt64, _ b: UInt64, count: Int, bytes name: UnsafeBufferPointer<UInt8>, in tree: PageTree) -> Int32 {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)) >> 40) & mask
        while true {
            let key = keys[slot]
            if key.2 == count, key.0 == a, key.1 == b { return values[slot] }
            if key.2 < 0 { break }
            slot = (slot + 1) & mask
        }
        if used * 2 >= keys.count {
            // Full enough: further names go to the dictionary.
            let key = Array(name)
            if let tag = long[key] { return tag }
            let tag = tree.addTag(Self.make(name))
            long[key] = tag
            return tag
        }
        let tag = tree.addTag(Self.make(name))
        keys[slot] = (a, b, name.count)
        values[slot] = tag
        used += 1
        return tag
    }
}

/// What the mirror reads from an element's attributes.
struct PageAttributes {
    /// Lowercased `class` and `id`, joined by a space, as UTF-8.
    var classAndID: [UInt8]
    var role: String?
    /// The `href`, stored in the tree's bytes.
    var hrefStart = 0
    var hrefCount = -1
    var itemprop: String?
    /// `hidden`, `aria-hidden="true"` or a style that hides (see ``Boilerplate/isHidden(_:)``).
    var isHidden = false

    /// Reads one attribute, in document order.
    mutating func read(_ attribute: MarkupWalkAttribute, tree: PageTree) {
        // The name's length (up to 12) and first eight bytes, read up to its NUL.
        guard let name = attribute.name else { return }
        var n = 0
        var head: UInt64 = 0
        while n < 12, name[n] != 0 {
            if n < 8 { head |= UInt64(name[n]) << UInt64(8 * n) }
            n += 1
        }
        // Attribute names, little-endian: "id", "class", "role", "href", "itemprop", "hidden",
        // "style", "aria-hidden".
        switch n {
        case 2 where head == 0x6469, 5 where head == 0x73_7361_6C63:
            if !classAndID.isEmpty { classAndID.append(0x20) }
            attribute.withValue { Self.appendLowercased($0, to: &classAndID) }
        case 4 where head == 0x656C_6F72:
            role = attribute.withValue(Self.lowercased)
        case 4 where head == 0x6665_7268:
            attribute.withValue { value in
                hrefStart = tree.appendBytes(value)
                hrefCount = value.count
                if !UTF8Validation.isValid(value) {
                    var repaired = String(decoding: value, as: UTF8.self)
                    hrefStart = repaired.withUTF8 { tree.appendBytes($0) }
                    hrefCount = repaired.utf8.count
                }
            }
        case 8 where head == 0x706F_7270_6D65_7469:
            itemprop = attribute.withValue(Self.lowercased)
        case 6 where head == 0x6E65_6464_6968:
            isHidden = true
        case 5 where head == 0x65_6C79_7473:
            if !isHidden { isHidden = attribute.withValue(Boilerplate.isHiddenByStyle) }
        case 11 where head == 0x6469_682D_6169_7261 && name[8] == 0x64 && name[9] == 0x65 && name[10] == 0x6E:
            if !isHidden { isHidden = attribute.withValue(Boilerplate.isHiddenByARIA) }
        default:
            break
        }
    }

    /// Appends `String.lowercased()` of the value: bytewise for ASCII.
    private static func appendLowercased(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        for byte in utf8 where byte >= 0x80 {
            bytes.append(contentsOf: String(decoding: utf8, as: UTF8.self).lowercased().utf8)
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        bytes.withUnsafeMutableBufferPointer { all in
            for i in start..<all.count where all[i] >= 0x41 && all[i] <= 0x5A { all[i] += 0x20 }
        }
    }

    /// `String.lowercased()` of the value: bytewise for ASCII.
    private static func lowercased(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        var upper = false
        for byte in utf8 {
            if byte >= 0x80 { return String(decoding: utf8, as: UTF8.self).lowercased() }
            if byte >= 0x41, byte <= 0x5A { upper = true }
        }
        guard upper else { return String(decoding: utf8, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: utf8.count) { out in
            for (i, byte) in utf8.enumerated() { out[i] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
            return utf8.count
        }
    }
}

/// Builds the mirror from a walk over the parsed tree.
struct PageMirror: MarkupTreeVisitor {
    let tree: PageTree
    private var tags = PageTags()
    private var stack: [Int32] = []
    private let rootLocator: String
    /// Reused for each element's class and id.
    private var classAndID: [UInt8] = []

    init(tree: PageTree, rootLocator: String) {
        self.tree = tree
        self.rootLocator = rootLocator
        stack.reserveCapacity(64)
        classAndID.reserveCapacity(256)
    }

    mutating func enterElement(_ element: borrowing MarkupWalkElement) -> Bool {
        let tagIndex = tags.tag(named: element.namePointer, in: tree)
        let tag = tree.tags[Int(tagIndex)]
        if tag.isNeverContent { return false }
        classAndID.removeAll(keepingCapacity: true)
        var attributes = PageAttributes(classAndID: classAndID)
        classAndID = []
        let tree = self.tree
        element.forEachAttribute { attributes.read($0, tree: tree) }
        classAndID = attributes.classAndID
        attributes.classAndID = []
        if attributes.isHidden { return false }
        let classIndex = classAndID.isEmpty ? -1 : classAndID.withUnsafeBufferPointer { tree.internClassNames($0) }
        let parent = stack.last ?? -1
        var extras: Int32 = -1
        if attributes.role != nil || attributes.itemprop != nil || parent < 0 {
            extras = tree.addExtras(ElementExtras(
                role: attributes.role, itemprop: attributes.itemprop, locator: parent < 0 ? rootLocator : nil
            ))
        }
        let index = tree.appendElement(ElementRecord(
            name: tag.name, tag: tagIndex, isInline: tag.isInline, isMetaExempt: tag.isMetaExempt,
            tagChromeRule: tag.chromeRule, pruneKind: tag.pruneKind,
            isInLink: (parent >= 0 && tree.elements[Int(parent)].isInLink) || (tag.isAnchor && attributes.hrefCount >= 0),
            parent: parent, classIndex: classIndex, hasNamespace: element.hasNamespace,
            hrefStart: attributes.hrefStart, hrefCount: attributes.hrefCount, extras: extras, source: element.id
        ))
        if parent >= 0 { tree.link(index, to: parent) }
        if tag.isMain || attributes.role == "main" { tree.addLandmark(index) }
        stack.append(index)
        return true
    }

    mutating func leaveElement() {
        let index = stack.removeLast()
        let element = PageElement(tree: tree, index: index)
        let chrome = Boilerplate.chrome(of: element)
        let record = tree.elements + Int(index)
        record.pointee.chrome = chrome
        if tree.tags[Int(record.pointee.tag)].isAnchor, record.pointee.hrefCount >= 0, record.pointee.textCount > 0 {
            record.pointee.linkElements += 1
        }
        if let parent = stack.last {
            let p = tree.elements + Int(parent)
            p.pointee.textCount += record.pointee.textCount
            p.pointee.linkElements += record.pointee.linkElements
            p.pointee.punctuationCount += record.pointee.punctuationCount
        }
    }

    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let parent = stack.last else { return }
        let (index, span) = tree.appendText(utf8)
        tree.link(~index, to: parent)
        let p = tree.elements + Int(parent)
        p.pointee.textCount += span.visible
        p.pointee.punctuationCount += span.punctuation
    }
}

/// Counting characters in UTF-8 without decoding it into scalars.
enum TextCounts {
    /// Space, tab, line feed, form feed, carriage return, as bits by code.
    private static let whitespaceBits: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D
    /// `!` `,` `.` `;` `?`, as bits by code.
    private static let punctuationBits: UInt64 = 1 << 0x21 | 1 << 0x2C | 1 << 0x2E | 1 << 0x3B | 1 << 0x3F
    /// U+0009–U+000D and space (`White_Space` in ASCII), as bits by code.
    private static let unicodeWhitespaceBits: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D

    /// Scalars that are not whitespace (in ``TextNormalizer``'s sense), and punctuation marks
    /// among them (`,` `.` `;` `!` `?`, U+3001, U+3002, U+FF0C, U+FF01, U+FF1F, U+060C, U+0964).
    /// `utf8` must be valid.
    static func visibleAndPunctuation(_ utf8: UnsafeBufferPointer<UInt8>) -> (visible: Int, punctuation: Int) {
        visibleAndPunctuation(utf8, validating: false)!
    }

    /// ``visibleAndPunctuation(_:)`` of `utf8`, or `nil` when it is not valid UTF-8 (checked in
    /// the same pass: ASCII is valid, and each other sequence is checked where it is counted).
    static func visibleAndPunctuation(ifValid utf8: UnsafeBufferPointer<UInt8>) -> (visible: Int, punctuation: Int)? {
        visibleAndPunctuation(utf8, validating: true)
    }

    /// Per ASCII byte: 1 when visible (not whitespace), 2 more when punctuation.
    private static let asciiClasses: [UInt8] = (0..<128).map { byte in
        let scalar = UInt64(byte)
        if scalar < 0x40, (whitespaceBits >> scalar) & 1 != 0 { return 0 }
        if scalar < 0x40, (punctuationBits >> scalar) & 1 != 0 { return 3 }
        return 1
    }

    @inline(__always)
    private static func visibleAndPunctuation(_ utf8: UnsafeBufferPointer<UInt8>, validating: Bool) -> (visible: Int, punctuation: Int)? {
        asciiClasses.withUnsafeBufferPointer { classes in
            var visible = 0, punctuation = 0
            let n = utf8.count
            var i = 0
            while i < n {
                // Eight bytes at a time: at once when they are ASCII and the only ones below 0x40
                // among them are spaces; else by the table up to the first that is not ASCII.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    let high = word & 0x8080_8080_8080_8080
                    if high == 0 {
                        let low = (~word & 0x4040_4040_4040_4040).nonzeroBitCount
                        let spaces = Self.count(of: 0x20, in: word)
                        if low == spaces {
                            visible += 8 - spaces
                        } else {
                            for k in 0..<8 {
                                let c = classes[Int(utf8[i + k])]
                                visible += Int(c & 1)
                                punctuation += Int(c >> 1)
                            }
                        }
                        i += 8
                        continue
                    }
                    let ascii = high.trailingZeroBitCount / 8
                    for k in 0..<ascii {
                        let c = classes[Int(utf8[i + k])]
                        visible += Int(c & 1)
                        punctuation += Int(c >> 1)
                    }
                    i += ascii
                }
                let b = utf8[i]
                if b < 0x80 {
                    let c = classes[Int(b)]
                    visible += Int(c & 1)
                    punctuation += Int(c >> 1)
                    i += 1
                    continue
                }
                if validating, !UTF8Validation.isValidSequence(utf8, at: i) { return nil }
                let space = TextNormalizer.whitespaceLength(utf8, at: i)
                if space > 0 {
                    i += space
                    continue
                }
                let length = UTF8Validation.sequenceLength(b)
                if length == 3, i + 2 < n {
                    let b1 = utf8[i + 1], b2 = utf8[i + 2]
                    if b == 0xE3, b1 == 0x80, b2 == 0x81 || b2 == 0x82 { punctuation += 1 }
                    else if b == 0xEF, b1 == 0xBC, b2 == 0x8C || b2 == 0x81 || b2 == 0x9F { punctuation += 1 }
                    else if b == 0xE0, b1 == 0xA5, b2 == 0xA4 { punctuation += 1 }
                } else if length == 2, i + 1 < n, b == 0xD8, utf8[i + 1] == 0x8C {
                    punctuation += 1
                }
                visible += 1
                i += length
            }
            return (visible, punctuation)
        }
    }

    /// How many bytes of `word` (ASCII) are `byte`.
    @inline(__always)
    static func count(of byte: UInt8, in word: UInt64) -> Int {
        let t = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        // High bit of each byte set where that byte of `t` is zero.
        let zero = ~(((t & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | t | 0x7F7F_7F7F_7F7F_7F7F)
        return zero.nonzeroBitCount
    }

    /// Scalars that are not `White_Space` in Unicode (what `Unicode.Scalar.Properties.isWhitespace`
    /// says: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
    /// U+205F, U+3000). `utf8` must be valid.
    static func nonWhitespaceScalars(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        let n = utf8.count
        var i = 0
        @inline(__always) func ascii(_ b: UInt8) -> Int {
            let low: UInt64 = b < 0x40 ? 1 : 0
            return Int(truncatingIfNeeded: 1 &- ((Self.unicodeWhitespaceBits >> UInt64(b & 0x3F)) & low))
        }
        while i < n {
            // Eight bytes at a time: at once when they are ASCII and the only ones below 0x40
            // among them are spaces; else one by one up to the first that is not ASCII.
            if i + 8 <= n {
                let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                if high == 0 {
                    let low = (~word & 0x4040_4040_4040_4040).nonzeroBitCount
                    let spaces = Self.count(of: 0x20, in: word)
                    if low == spaces {
                        count += 8 - spaces
                    } else {
                        for k in 0..<8 { count += ascii(utf8[i + k]) }
                    }
                    i += 8
                    continue
                }
                let prefix = high.trailingZeroBitCount / 8
                for k in 0..<prefix { count += ascii(utf8[i + k]) }
                i += prefix
            }
            let b = utf8[i]
            if b < 0x80 {
                count += ascii(b)
                i += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(b)
            var space = false
            switch b {
            case 0xC2:
                let b1 = i + 1 < n ? utf8[i + 1] : 0
                space = b1 == 0x85 || b1 == 0xA0
            case 0xE1:
                space = i + 2 < n && utf8[i + 1] == 0x9A && utf8[i + 2] == 0x80  // U+1680
            case 0xE2:
                if i + 2 < n {
                    let b1 = utf8[i + 1], b2 = utf8[i + 2]
                    if b1 == 0x80 {
                        // U+2000–U+200A, U+2028, U+2029, U+202F
                        space = (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF
                    } else if b1 == 0x81 {
                        space = b2 == 0x9F  // U+205F
                    }
                }
            case 0xE3:
                space = i + 2 < n && utf8[i + 1] == 0x80 && utf8[i + 2] == 0x80  // U+3000
            default:
                break
            }
            if !space { count += 1 }
            i += length
        }
        return count
    }
}

/// UTF-8 validity, as Swift's `String(decoding:as:)` judges it.
enum UTF8Validation {
    /// The length of the sequence a lead byte starts (1 for anything that is not a lead byte).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    static func isValid(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = utf8.count
        var i = 0
        while i < n {
            // Eight ASCII bytes at a time.
            if i + 8 <= n {
                let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = utf8[i]
            if b < 0x80 {
                i += 1
                continue
            }
            guard isValidSequence(utf8, at: i) else { return false }
            i += sequenceLength(b)
        }
        return true
    }

    /// `true` when a valid sequence of more than one byte starts at `i` (whose byte is not ASCII).
    @inline(__always)
    static func isValidSequence(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = utf8[i]
        if b < 0xC2 || b > 0xF4 { return false }
        let length = sequenceLength(b)
        guard i + length <= utf8.count else { return false }
        let b1 = utf8[i + 1]
        switch b {
        case 0xE0: if b1 < 0xA0 || b1 > 0xBF { return false }
        case 0xED: if b1 < 0x80 || b1 > 0x9F { return false }
        case 0xF0: if b1 < 0x90 || b1 > 0xBF { return false }
        case 0xF4: if b1 < 0x80 || b1 > 0x8F { return false }
        default: if b1 & 0xC0 != 0x80 { return false }
        }
        for k in 2..<max(2, length) where utf8[i + k] & 0xC0 != 0x80 { return false }
        return true
    }
}
