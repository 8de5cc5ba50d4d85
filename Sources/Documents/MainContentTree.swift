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
///
/// A tree belongs to one reader on one thread, and its buffers are read and written only
/// through short accesses that never overlap: its stored properties skip Swift's run-time
/// exclusivity checks, which would otherwise cost more than the accesses themselves.
final class PageTree {
    /// The document mirrored (kept alive for ``PageElement/source``), or `nil` for a page
    /// mirrored from the parser's events (``HTMLPageEvents``), which keeps what the finder and
    /// the locators need of the source itself (``ElementRecord/rawClassCount``, ``childTagLists``).
    let document: MarkupDocument?
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
    /// Where the text being stored (``appendTextPiece(_:)``) starts, -1 between texts.
    @exclusivity(unchecked) private var textStart = -1
    /// The distinct class and id lists (see ``PageElement/classAndID``).
    @exclusivity(unchecked) private var classNameStrings: [String?] = []
    /// Per class and id list: where its bytes are, and its chrome word once known (for an element
    /// whose tag is exempt from `meta`, and for others).
    @exclusivity(unchecked) private var classEntries: [ClassEntry] = []
    /// The elements named `main` or with the role `main`, in document order.
    @exclusivity(unchecked) private(set) var landmarkIndexes: [Int32] = []
    /// The tags met, by ``ElementRecord/tag``.
    @exclusivity(unchecked) private(set) var tags: [PageTag] = []
    /// Roles, `itemprop`s and `href` strings of the elements that have them.
    @exclusivity(unchecked) var extras: [ElementExtras] = []
    /// The locator of the root element (the mirrored node's); from events, known only once the
    /// whole page is read.
    var rootLocator: String
    /// From events: for each element with an element child that is not mirrored, the tags of all
    /// its element children in order, those not mirrored as `~tag` (what its children's locator
    /// indexes are counted over).
    @exclusivity(unchecked) var childTagLists: [Int32: [Int32]] = [:]
    /// The locators of the elements the outline refers to, made when the first is asked for.
    @exclusivity(unchecked) private var table: LocatorTable?
    /// Set once an element is dropped from the main text.
    @exclusivity(unchecked) var anyDropped = false
    /// Per tag, counts of one list of children (``withTagCounters(_:)``); zero between uses.
    @exclusivity(unchecked) private var tagCounters: [(total: Int32, seen: Int32)] = []
    /// Open-addressed: class list indexes by the hash of their bytes, -1 for free.
    @exclusivity(unchecked) private var classSlots: [Int32] = Array(repeating: -1, count: 64)

    struct ClassEntry {
        var start: Int
        var count: Int
        var hash: UInt64
        var chrome: Boilerplate.Chrome?? = nil
        var chromeMetaExempt: Boilerplate.Chrome?? = nil
    }

    /// `inputBytes`: the size of the page mirrored, when known (0: not known). For a page of
    /// 2 MB or more (``roomByInputFrom``), room is made at once for as many bytes of text and links
    /// as the page has bytes (they are copied from it; only entities and a charset other than
    /// UTF-8 make them longer) and for a text per 64 bytes (the generated 10 MB page has one per
    /// 76): those buffers are not moved again and again as they double, each time into fresh
    /// memory (on the 10 MB page 9 M instructions and some 5,000 page faults a round). A larger
    /// page still grows them. Smaller pages (the 495 real ones: 88 KB at the median, 1.3 MB at
    /// most) start small as before: mostly markup and scripts, they use a fraction of such room,
    /// which cost them page faults and no time. The element records, which would then pass
    /// glibc's largest heap allocation (32 MB) and be mapped afresh each time, double as before.
    init(document: MarkupDocument?, rootLocator: String, inputBytes: Int = 0) {
        self.document = document
        self.rootLocator = rootLocator
        let hint = inputBytes >= Self.roomByInputFrom ? inputBytes : 0
        elementCapacity = 256
        elements = .allocate(capacity: elementCapacity)
        textCapacity = max(256, hint / 64)
        texts = .allocate(capacity: textCapacity)
        byteCapacity = max(1 << 14, hint)
        bytes = .allocate(capacity: byteCapacity)
    }

    /// The size of page from which the buffers start with room by its size.
    static let roomByInputFrom = 1 << 21

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
        var mirror = PageMirror(tree: PageTree(document: node.document, rootLocator: node.locator))
        node.walk(&mirror)
        return mirror.tree.elementCount > 0 ? mirror.tree : nil
    }

    // MARK: Building

    /// Moves the records of `buffer` into one of at least `needed` records, doubling its capacity.
    @inline(never)
    private static func grow<Record>(_ buffer: inout UnsafeMutablePointer<Record>, count: Int, capacity: inout Int, toHold needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let moved = UnsafeMutablePointer<Record>.allocate(capacity: grown)
        moved.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        buffer = moved
        capacity = grown
    }

    func appendElement(_ record: consuming ElementRecord) -> Int32 {
        if elementCount == elementCapacity { Self.grow(&elements, count: elementCount, capacity: &elementCapacity, toHold: elementCount + 1) }
        (elements + elementCount).initialize(to: record)
        elementCount += 1
        return Int32(elementCount - 1)
    }

    /// Copies `utf8` into the byte buffer; returns where it starts. (Between the pieces of a
    /// text, ``appendTextPiece(_:)``, nothing else is stored.)
    func appendBytes(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let start = byteCount
        if byteCount + utf8.count > byteCapacity { Self.grow(&bytes, count: byteCount, capacity: &byteCapacity, toHold: byteCount + utf8.count) }
        if let base = utf8.baseAddress { (bytes + byteCount).update(from: base, count: utf8.count) }
        byteCount += utf8.count
        return start
    }

    /// Adds `utf8` to the text being stored (which ``endText()`` ends): the pieces of a text
    /// are copied once, straight into the byte buffer, and joined there.
    func appendTextPiece(_ utf8: UnsafeBufferPointer<UInt8>) {
        let start = appendBytes(utf8)
        if textStart < 0 { textStart = start }
    }

    /// Ends the text whose pieces ``appendTextPiece(_:)`` stored: the text is kept with invalid
    /// sequences replaced by U+FFFD, as `String(cString:)` does, and counted.
    func endText() -> (index: Int32, span: TextSpan) {
        let start = textStart
        textStart = -1
        let stored = UnsafeBufferPointer(start: bytes + start, count: byteCount - start)
        let counts: (visible: Int, punctuation: Int, isPlain: Bool)
        if let valid = TextCounts.countsAndPlainness(ifValid: stored) {
            counts = valid
        } else {
            var repaired = String(decoding: stored, as: UTF8.self)
            byteCount = start
            repaired.withUTF8 { _ = appendBytes($0) }
            let repairedCounts = TextCounts.visibleAndPunctuation(UnsafeBufferPointer(start: bytes + start, count: byteCount - start))
            counts = (repairedCounts.visible, repairedCounts.punctuation, false)
        }
        let count = byteCount - start
        let span = TextSpan(start: start, count: count, visible: counts.visible, punctuation: counts.punctuation, isPlain: counts.isPlain)
        if textCount == textCapacity { Self.grow(&texts, count: textCount, capacity: &textCapacity, toHold: textCount + 1) }
        (texts + textCount).initialize(to: TextRecord(span: span))
        textCount += 1
        return (Int32(textCount - 1), span)
    }

    func addTag(_ tag: PageTag) -> Int32 {
        tags.append(tag)
        return Int32(tags.count - 1)
    }

    /// The index of a new ``ElementExtras``.
    func addExtras(_ extras: ElementExtras) -> Int32 {
        self.extras.append(extras)
        return Int32(self.extras.count - 1)
    }

    func addLandmark(_ index: Int32) {
        landmarkIndexes.append(index)
    }

    /// Links `child` (an element index, or a text index `~i`) as the last child of `parent`.
    func link(_ child: Int32, to parent: Int32) {
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
    func internClassNames(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
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

    /// Where the elements' locators are recorded (``PageElement/storedLocator``).
    var locatorTable: LocatorTable {
        if let table { return table }
        let made = LocatorTable(elementCount: elementCount, tagNames: tags.map(\.parsedName), rootLocator: rootLocator)
        table = made
        return made
    }

    /// Calls `body` with a counter per tag, all zero; `body` must leave them at zero.
    func withTagCounters(_ body: (inout [(total: Int32, seen: Int32)]) -> Void) {
        if tagCounters.count < tags.count {
            tagCounters += repeatElement((total: Int32(0), seen: Int32(0)), count: tags.count - tagCounters.count)
        }
        body(&tagCounters)
    }

    // MARK: Reading

    /// Calls `body` with the UTF-8 of `span`.
    @inline(__always)
    func withBytes<R>(of span: TextSpan, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: bytes + span.start, count: span.count))
    }

    /// Where the bytes stored by ``appendBytes(_:)`` at `start` are (valid until the next append).
    func bytePointer(_ start: Int) -> UnsafePointer<UInt8> { UnsafePointer(bytes + start) }

    /// The string of bytes stored by ``appendBytes(_:)``.
    func string(start: Int, count: Int) -> String {
        // (`String(decodingUTF8:)` is `String(decoding:as: UTF8.self)`, with a faster check.)
        String(decodingUTF8: UnsafeBufferPointer(start: bytes + start, count: count))
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
    func classChrome(_ index: Int32, name: String, metaExempt: Bool) -> Boilerplate.Chrome? {
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
    /// ``name`` as a ``KnownTag``, if it is one.
    var known: KnownTag?
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
    /// An element child was not mirrored (never content, or hidden): the children's locator
    /// indexes are counted on the parsed tree (from events: on ``PageTree/childTagLists``).
    var hasUnmirroredElementChild = false
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
    /// From events: where the raw value of the first `class` attribute is in the tree's bytes
    /// (`rawClassCount` -1: none, or mirrored from a tree, which has it at ``source``).
    var rawClassStart: Int32 = 0
    var rawClassCount: Int32 = -1
    /// The parsed node (`nil` when mirrored from events).
    var source: MarkupNodeID?
}

/// What few elements have, kept apart so that the records stay small.
struct ElementExtras {
    var role: String?
    var itemprop: String?
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

/// A run of text of a page: where its UTF-8 is in its ``PageTree``, and how many
/// visible characters and punctuation marks it holds.
struct TextSpan {
    var start: Int
    var count: Int
    /// Characters that are not whitespace (in `TextNormalizer`'s sense).
    var visible: Int
    /// Commas, full stops, semicolons, `!`, `?` and their CJK, Arabic and Devanagari forms.
    var punctuation: Int
    /// The text is known to be plain (``TextCounts/countsAndPlainness(ifValid:)``): normalising
    /// it changes nothing but a space at either end (`NormalizedTextBuilder.append(plain:)`).
    var isPlain = false
}
