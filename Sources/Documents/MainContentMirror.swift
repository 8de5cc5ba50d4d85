import Markup

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
    /// The name, when the finder or the outline builder asks about it (``KnownTag``).
    let known: KnownTag?

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
        self.known = KnownTag(rawValue: name)
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

    /// From events: where the first `class` attribute's value is in the tree's bytes (-1: none).
    var rawClassStart: Int32 = 0
    var rawClassCount: Int32 = -1

    /// Reads one attribute, in document order; `keepsRawClass`: keep the `class` value as it is.
    mutating func read(_ attribute: some MarkupAttributeView, tree: PageTree, keepsRawClass: Bool) {
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
        case 2 where head == 0x6469:
            if !classAndID.isEmpty { classAndID.append(0x20) }
            attribute.withValue { Self.appendLowercased($0, to: &classAndID) }
        case 5 where head == 0x73_7361_6C63:
            if !classAndID.isEmpty { classAndID.append(0x20) }
            attribute.withValue { value in
                Self.appendLowercased(value, to: &classAndID)
                if keepsRawClass, rawClassCount < 0 {
                    rawClassStart = Int32(truncatingIfNeeded: tree.appendBytes(value))
                    rawClassCount = Int32(truncatingIfNeeded: value.count)
                }
            }
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
    /// Reused for each element's class and id.
    private var classAndID: [UInt8] = []

    init(tree: PageTree) {
        self.tree = tree
        stack.reserveCapacity(64)
        classAndID.reserveCapacity(256)
    }

    mutating func enterElement(_ element: borrowing MarkupWalkElement) -> Bool {
        enter(copy element, source: element.id)
    }

    /// Mirrors `element` (from a tree walk, with its `source`, or from events, without).
    mutating func enter(_ element: some MarkupElementView, source: MarkupNodeID?) -> Bool {
        let tagIndex = tags.tag(named: element.namePointer, in: tree)
        let tag = tree.tags[Int(tagIndex)]
        if tag.isNeverContent { return skipped(tagIndex) }
        // (Most elements have no class or id: emptying an empty array still costs a call.)
        if !classAndID.isEmpty { classAndID.removeAll(keepingCapacity: true) }
        var attributes = PageAttributes(classAndID: classAndID)
        classAndID = []
        let tree = self.tree
        let fromEvents = source == nil
        element.forEachAttribute { attributes.read($0, tree: tree, keepsRawClass: fromEvents) }
        classAndID = attributes.classAndID
        attributes.classAndID = []
        if attributes.isHidden { return skipped(tagIndex) }
        let classIndex = classAndID.isEmpty ? -1 : classAndID.withUnsafeBufferPointer { tree.internClassNames($0) }
        let parent = stack.last ?? -1
        var extras: Int32 = -1
        if attributes.role != nil || attributes.itemprop != nil {
            extras = tree.addExtras(ElementExtras(role: attributes.role, itemprop: attributes.itemprop))
        }
        let index = tree.appendElement(ElementRecord(
            name: tag.name, known: tag.known, tag: tagIndex, isInline: tag.isInline, isMetaExempt: tag.isMetaExempt,
            tagChromeRule: tag.chromeRule, pruneKind: tag.pruneKind,
            isInLink: (parent >= 0 && tree.elements[Int(parent)].isInLink) || (tag.isAnchor && attributes.hrefCount >= 0),
            parent: parent, classIndex: classIndex, hasNamespace: element.hasNamespace,
            hrefStart: attributes.hrefStart, hrefCount: attributes.hrefCount, extras: extras,
            rawClassStart: attributes.rawClassStart, rawClassCount: attributes.rawClassCount, source: source
        ))
        if parent >= 0 {
            tree.link(index, to: parent)
            if fromEvents, tree.elements[Int(parent)].hasUnmirroredElementChild { tree.childTagLists[parent, default: []].append(tagIndex) }
        }
        if tag.isMain || attributes.role == "main" { tree.addLandmark(index) }
        stack.append(index)
        return true
    }

    /// Leaves the element entered (of tag `tag`) out of the mirror: its parent's children are no
    /// longer all mirrored (which their locators must know; from events, the parent lists the
    /// tags of all its element children from here on, ``PageTree/childTagLists``).
    private func skipped(_ tag: Int32) -> Bool {
        guard let parent = stack.last else { return false }
        let p = tree.elements + Int(parent)
        if tree.document == nil {
            if !p.pointee.hasUnmirroredElementChild {
                // The children mirrored so far.
                var list: [Int32] = []
                var child = p.pointee.firstChild
                while child != PageNode.none {
                    if child < 0 { child = tree.texts[Int(~child)].next; continue }
                    list.append(tree.elements[Int(child)].tag)
                    child = tree.elements[Int(child)].nextSibling
                }
                tree.childTagLists[parent] = list
            }
            tree.childTagLists[parent, default: []].append(~tag)
        }
        p.pointee.hasUnmirroredElementChild = true
        return false
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
        guard !stack.isEmpty else { return }
        tree.appendTextPiece(utf8)
        textEnded()
    }

    /// From events: the next piece of a text, stored where the text will be (see
    /// ``PageTree/appendTextPiece(_:)``).
    func textPiece(_ utf8: UnsafeBufferPointer<UInt8>) {
        if !stack.isEmpty { tree.appendTextPiece(utf8) }
    }

    /// The text whose pieces came last ends: it becomes a child of the open element.
    func textEnded() {
        guard let parent = stack.last else { return }
        let (index, span) = tree.endText()
        tree.link(~index, to: parent)
        let p = tree.elements + Int(parent)
        p.pointee.textCount += span.visible
        p.pointee.punctuationCount += span.punctuation
    }
}
