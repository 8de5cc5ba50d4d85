import Foundation
import Markup

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
    /// The name as a ``KnownTag`` (`known == .li` is `name == "li"`).
    var known: KnownTag? { record.pointee.known }
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
    /// The `href`, made afresh each time it is asked for (the outline builder asks once per
    /// link; keeping it cost more than making it).
    var href: String? {
        guard record.pointee.hrefCount >= 0 else { return nil }
        return tree.string(start: record.pointee.hrefStart, count: record.pointee.hrefCount)
    }
    var itemprop: String? {
        let extras = record.pointee.extras
        return extras < 0 ? nil : tree.extras[Int(extras)].itemprop
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
    /// The parsed node this element mirrors (only for a tree mirrored from a parsed document).
    var source: MarkupNode { tree.document.unsafelyUnwrapped.node(record.pointee.source.unsafelyUnwrapped) }

    /// `true` when both elements' `class` attributes are the same (`MarkupNode.attribute("class")`
    /// compared as strings, both absent included).
    func hasSameClassAttribute(as other: PageElement) -> Bool {
        guard tree.document == nil else { return source.attribute("class") == other.source.attribute("class") }
        let (a, b) = (record.pointee, other.record.pointee)
        if a.rawClassCount < 0 || b.rawClassCount < 0 { return a.rawClassCount < 0 && b.rawClassCount < 0 }
        if a.rawClassCount == b.rawClassCount, memcmp(tree.bytePointer(Int(a.rawClassStart)), tree.bytePointer(Int(b.rawClassStart)), Int(a.rawClassCount)) == 0 {
            return true
        }
        return tree.string(start: Int(a.rawClassStart), count: Int(a.rawClassCount)) == tree.string(start: Int(b.rawClassStart), count: Int(b.rawClassCount))
    }
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

    /// The elements among the children, in order, without making an array.
    var childElements: LazyMapSequence<LazyFilterSequence<LazyMapSequence<PageChildren, PageElement?>>, PageElement> {
        children.lazy.compactMap { if case let .element(e) = $0 { e } else { nil } }
    }

    /// How many element children satisfy `predicate`.
    func countElementChildren(where predicate: (PageElement) -> Bool) -> Int {
        var count = 0
        for child in children {
            if case let .element(e) = child, predicate(e) { count += 1 }
        }
        return count
    }

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

    /// Whether the last character of ``normalizedText`` is a sentence end (`.`, `!` or `?`,
    /// ``Swift/Character/isSentenceEnd``), `nil` when the text is empty: what
    /// `normalizedText.last.map(\.isSentenceEnd)` says, read off the last text with a visible
    /// character when it ends in ASCII (see ``lastCharacterIsSentenceEndInLastText()``).
    var lastCharacterIsSentenceEnd: Bool? {
        switch lastCharacterIsSentenceEndInLastText() {
        case let .known(answer): answer
        case .unknown: normalizedText.last.map(\.isSentenceEnd)
        }
    }

    /// What ``lastCharacterIsSentenceEnd`` can tell without making the text.
    enum LastCharacterAnswer: Equatable {
        case known(Bool?)
        case unknown
    }

    /// ``lastCharacterIsSentenceEnd`` from the bytes of the last text below the element with a
    /// visible character (`TextSpan.visible` counts what normalising keeps: the texts after it
    /// are whitespace, dropped, and so is a trailing space). The general rule, on the normalised
    /// text, takes its last grapheme cluster and asks whether that is one byte `.`, `!` or `?`:
    /// - the last byte that is not whitespace is ASCII but not one of those: the last cluster
    ///   ends in another byte, so it is not a lone `.`, `!` or `?` (`false`);
    /// - it is `.`, `!` or `?` and the byte before it in the same text is ASCII (a space once
    ///   normalised, or a character): a cluster joins an ASCII scalar to the scalar before it
    ///   only when that one is a Prepend character, never ASCII, so the last cluster is the lone
    ///   byte (`true`);
    /// - otherwise (a byte from 0x80, which may be whitespace such as U+00A0, or the mark first
    ///   in its text) the general rule decides (`.unknown`).
    func lastCharacterIsSentenceEndInLastText() -> LastCharacterAnswer {
        guard let span = lastVisibleText else { return .known(nil) }
        return tree.withBytes(of: span) { utf8 in
            var i = utf8.count - 1
            // The ASCII whitespace of `TextNormalizer.whitespaceLength`.
            while i >= 0, utf8[i] == 0x20 || utf8[i] == 0x09 || utf8[i] == 0x0A || utf8[i] == 0x0D || utf8[i] == 0x0C {
                i -= 1
            }
            guard i >= 0 else { return .unknown }
            let b = utf8[i]
            if b >= 0x80 { return .unknown }
            guard b == 0x2E || b == 0x21 || b == 0x3F else { return .known(false) }
            guard i > 0, utf8[i - 1] < 0x80 else { return .unknown }
            return .known(true)
        }
    }

    /// The last text below the element, in document order, with a visible character.
    private var lastVisibleText: TextSpan? {
        var found: TextSpan?
        for child in children {
            switch child {
            case let .text(span): if span.visible > 0 { found = span }
            case let .element(e): if let span = e.lastVisibleText { found = span }
            }
        }
        return found
    }

    /// Appends all text below this element to `text`.
    func appendText(to text: inout NormalizedTextBuilder) {
        for child in children {
            switch child {
            case let .text(span): tree.withBytes(of: span) { span.isPlain ? text.append(plain: $0) : text.append(wellFormed: $0) }
            case let .element(e): e.appendText(to: &text)
            }
        }
    }

    /// The XPath of the mirrored node, as `xmlGetNodePath` writes it.
    var locator: String { storedLocator.string }

    /// `storedLocator.isEmpty`, without recording the element: only the root's locator can be
    /// empty (``LocatorTable/isEmptyPath(_:)``), when the mirrored node's is.
    var hasEmptyLocator: Bool { parent == nil && tree.rootLocator.isEmpty }

    /// The locator as the outline keeps it: the element is recorded in the tree's
    /// ``LocatorTable`` (with those of its ancestors not there yet), which writes the XPath when
    /// it is asked for.
    var storedLocator: StoredLocator {
        let table = tree.locatorTable
        var e = self
        while !table.isRecorded(e.index) {
            guard let parent = e.parent else {
                // Only the root has no parent; its locator is the mirrored node's.
                table.recordRoot(e.index)
                break
            }
            if e.record.pointee.locatorIndex < 0 { parent.countChildLocators() }
            let step = e.record.pointee.locatorIndex
            if e.record.pointee.hasNamespace, let document = tree.document, let source = e.record.pointee.source {
                let written = document.locatorStep(of: source, index: step)
                table.record(e.index, parent: parent.index, namespacedStep: written)
            } else {
                table.record(e.index, parent: parent.index, tag: e.record.pointee.tag, index: step)
            }
            e = parent
        }
        return StoredLocator(element: index, in: table)
    }

    /// Sets the locator index of every element child, when a child's locator is first needed:
    /// counted on the mirror when all the parsed node's element children are mirrored and in no
    /// namespace, else on the parsed node's children (which include those not mirrored).
    private func countChildLocators() {
        guard !record.pointee.childLocatorsKnown else { return }
        record.pointee.childLocatorsKnown = true
        if !record.pointee.hasUnmirroredElementChild, countChildLocatorsInMirror() { return }
        guard let document = tree.document, let source = record.pointee.source else { return countChildLocatorsFromTagList() }
        let steps = document.locatorIndexes(ofChildrenOf: source)
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

    /// ``countChildLocators()`` for a tree mirrored from events, on the tags of all the element
    /// children (``PageTree/childTagLists``), by the rules of ``countChildLocatorsInMirror()``.
    private func countChildLocatorsFromTagList() {
        guard let list = tree.childTagLists[index] else { return }
        tree.withTagCounters { counters in
            for entry in list { counters[Int(entry >= 0 ? entry : ~entry)].total += 1 }
            var child = record.pointee.firstChild
            for entry in list {
                let tag = Int(entry >= 0 ? entry : ~entry)
                counters[tag].seen += 1
                let (total, seen) = (counters[tag].total, counters[tag].seen)
                if seen == total { counters[tag] = (0, 0) }
                guard entry >= 0 else { continue }
                while child != PageNode.none, child < 0 { child = tree.texts[Int(~child)].next }
                guard child != PageNode.none else { continue }
                let e = tree.elements + Int(child)
                e.pointee.locatorIndex = total > 1 ? Int(seen) : 0
                child = e.pointee.nextSibling
            }
        }
    }

    /// ``countChildLocators()`` by the rules of `xmlGetNodePath` (see
    /// `MarkupDocument.locatorIndexes(ofChildrenOf:)`) applied to the mirrored children, whose
    /// tags stand for their names (one tag per distinct name, byte for byte, as `xmlStrEqual`
    /// compares them): an element is numbered among its siblings of the same name, and only when
    /// it has such siblings. Returns `false`, setting nothing, when a child is in a namespace.
    private func countChildLocatorsInMirror() -> Bool {
        var child = record.pointee.firstChild
        var elements = 0
        // Pass 1: how many children of each tag.
        while child != PageNode.none {
            if child < 0 {
                child = tree.texts[Int(~child)].next
                continue
            }
            let e = tree.elements + Int(child)
            if e.pointee.hasNamespace { return false }
            elements += 1
            child = e.pointee.nextSibling
        }
        if elements == 1 {
            // The common case: an only element child has no index.
            child = record.pointee.firstChild
            while child < 0 { child = tree.texts[Int(~child)].next }
            tree.elements[Int(child)].locatorIndex = 0
            return true
        }
        tree.withTagCounters { counters in
            var child = record.pointee.firstChild
            while child != PageNode.none {
                if child < 0 { child = tree.texts[Int(~child)].next; continue }
                let e = tree.elements + Int(child)
                counters[Int(e.pointee.tag)].total += 1
                child = e.pointee.nextSibling
            }
            // Pass 2: each child's place among those of its tag; pass 3 (in the same loop, for
            // the last of each tag) leaves the counters at zero for the next parent.
            child = record.pointee.firstChild
            while child != PageNode.none {
                if child < 0 { child = tree.texts[Int(~child)].next; continue }
                let e = tree.elements + Int(child)
                let tag = Int(e.pointee.tag)
                counters[tag].seen += 1
                let (total, seen) = (counters[tag].total, counters[tag].seen)
                e.pointee.locatorIndex = total > 1 ? Int(seen) : 0
                if seen == total { counters[tag] = (0, 0) }
                child = e.pointee.nextSibling
            }
        }
        return true
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
