import Markup

/// An element of an HTML page mirrored into Swift values in one pass over the parsed tree, with
/// the text statistics the main-content finder scores by.
///
/// Elements that are never content (scripts, styles, embedded objects, form controls) and hidden
/// elements are not mirrored at all, so neither the finder nor the outline builder sees them;
/// navigation, asides, footers and the like are mirrored and marked as ``chrome``. Texts are
/// kept once, in the page's ``PageText``, and each element knows how to write its locator (the
/// XPath `xmlGetNodePath` gives for its node) without going back to the parsed tree.
final class PageElement {
    /// A child: an element or a run of text as it is in the source.
    enum Child {
        case element(PageElement)
        case text(TextSpan)
    }

    /// The tag: lowercase name, name as parsed, and what kind of element it is.
    let tag: PageTag
    /// The lowercase tag name.
    var name: String { tag.name }
    /// `true` for inline elements (`a`, `b`, `span`, …; see ``OutlineBuilder/inlineTags``).
    var isInline: Bool { tag.isInline }
    /// The texts of the page.
    let page: PageText
    /// The parsed node this element mirrors.
    let source: MarkupNode
    private(set) unowned(unsafe) var parent: PageElement?
    fileprivate(set) var children: [Child] = []
    /// Lowercased `class` and `id`, joined by a space.
    let classAndID: String
    let role: String?
    let href: String?
    let itemprop: String?

    /// Visible characters (whitespace not counted) in the subtree.
    fileprivate(set) var textCount = 0
    /// Number of links with text in the subtree.
    fileprivate(set) var linkElements = 0
    /// Commas, semicolons and sentence ends (including CJK punctuation) in the subtree.
    fileprivate(set) var punctuationCount = 0
    /// `true` when this element is `<a href>` or inside one.
    let isInLink: Bool
    /// What kind of page chrome the class, id or role marks this element as, if any.
    var chrome: Boilerplate.Chrome?
    /// Set by the main-content finder: the subtree is left out of the main text.
    var isDropped = false
    /// The class and id weight, once computed (see ``Boilerplate/classWeight(_:)``).
    var cachedClassWeight: Double?
    /// Characters of prose paragraphs in the subtree, chrome included (set by the finder).
    var prose = 0
    /// Scratch space of the main-content finder.
    var scratch = MainContent.Scratch()

    /// The index after the name in this element's locator step (`div[3]`), 0 for none.
    private let locatorIndex: Int
    /// The whole locator step of an element in a namespace (`atom:entry[2]`, `*[3]`).
    private let namespacedStep: String?
    private var cachedLocator: String?

    fileprivate init(tag: PageTag, page: PageText, source: MarkupNode, parent: PageElement?, attributes: PageAttributes, locatorIndex: Int, namespacedStep: String?) {
        self.tag = tag
        self.page = page
        self.source = source
        self.parent = parent
        self.classAndID = attributes.classAndID
        self.role = attributes.role
        self.href = attributes.href
        self.itemprop = attributes.itemprop
        self.isInLink = (parent?.isInLink ?? false) || (tag.name == "a" && attributes.href != nil)
        self.locatorIndex = locatorIndex
        self.namespacedStep = namespacedStep
    }

    /// Mirrors `node` and its subtree; `nil` when the element is never content or hidden.
    static func mirror(_ node: MarkupNode) -> PageElement? {
        var mirror = PageMirror(rootLocator: node.locator)
        node.walk(&mirror)
        return mirror.root
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

    private func appendText(to text: inout NormalizedTextBuilder) {
        for child in children {
            switch child {
            case let .text(span): page.withBytes(of: span) { text.append($0) }
            case let .element(e): e.appendText(to: &text)
            }
        }
    }

    /// The XPath of the mirrored node, as `xmlGetNodePath` writes it.
    var locator: String {
        if let cachedLocator { return cachedLocator }
        var path = parent?.locator ?? ""
        path += "/"
        if let namespacedStep {
            path += namespacedStep
        } else {
            path += tag.parsedName
            if locatorIndex > 0 { path += "[\(locatorIndex)]" }
        }
        cachedLocator = path
        return path
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

    fileprivate func setLocator(_ locator: String) {
        cachedLocator = locator
    }
}

/// A run of text of a page: where its UTF-8 is in the page's ``PageText``, and how many
/// visible characters and punctuation marks it holds.
struct TextSpan {
    var start: Int
    var count: Int
    /// Characters that are not whitespace (in ``TextNormalizer``'s sense).
    var visible: Int
    /// Commas, full stops, semicolons, `!`, `?` and their CJK, Arabic and Devanagari forms.
    var punctuation: Int
}

/// The texts of a mirrored page, one after another as valid UTF-8.
final class PageText {
    private var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1 << 14)
    }

    /// Stores `utf8` (invalid sequences replaced by U+FFFD, as `String(cString:)` does) and counts it.
    func append(_ utf8: UnsafeBufferPointer<UInt8>) -> TextSpan {
        let start = bytes.count
        if UTF8Validation.isValid(utf8) {
            bytes.append(contentsOf: utf8)
        } else {
            bytes.append(contentsOf: String(decoding: utf8, as: UTF8.self).utf8)
        }
        let count = bytes.count - start
        let counts = bytes.withUnsafeBufferPointer { all in
            TextCounts.visibleAndPunctuation(UnsafeBufferPointer(rebasing: all[start..<(start + count)]))
        }
        return TextSpan(start: start, count: count, visible: counts.visible, punctuation: counts.punctuation)
    }

    /// Calls `body` with the UTF-8 of `span`.
    func withBytes<R>(of span: TextSpan, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[span.start..<(span.start + span.count)])) }
    }
}

/// A tag name met on a page, looked up once per distinct name.
final class PageTag {
    /// Lowercase.
    let name: String
    /// As libxml2 holds it (what locators write).
    let parsedName: String
    let isInline: Bool
    /// Never content: not mirrored (``Boilerplate/neverContent``).
    let isNeverContent: Bool

    init(parsedName: String) {
        self.parsedName = parsedName
        self.name = parsedName.lowercased()
        self.isInline = OutlineBuilder.inlineTags.contains(name)
        self.isNeverContent = Boilerplate.neverContent.contains(name)
    }
}

/// Tag names by their bytes, so that an element costs no string of its own.
struct PageTags {
    /// Names of up to 16 bytes, packed into two words, in an open-addressed table.
    private var keys: [(UInt64, UInt64, Int)] = Array(repeating: (0, 0, -1), count: 256)
    private var values: [PageTag?] = Array(repeating: nil, count: 256)
    private var used = 0
    private var long: [[UInt8]: PageTag] = [:]

    mutating func tag(for name: UnsafeBufferPointer<UInt8>) -> PageTag {
        guard name.count <= 16 else {
            let key = Array(name)
            if let tag = long[key] { return tag }
            let tag = PageTag(parsedName: String(decoding: name, as: UTF8.self))
            long[key] = tag
            return tag
        }
        var a: UInt64 = 0, b: UInt64 = 0
        for (i, byte) in name.enumerated() {
            if i < 8 { a |= UInt64(byte) << (8 * UInt64(i)) } else { b |= UInt64(byte) << (8 * UInt64(i - 8)) }
        }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(name.count)) >> 40) & mask
        while true {
            let key = keys[slot]
            if key.2 == name.count, key.0 == a, key.1 == b, let tag = values[slot] { return tag }
            if key.2 < 0 { break }
            slot = (slot + 1) & mask
        }
        let tag = PageTag(parsedName: String(decoding: name, as: UTF8.self))
        if used * 2 >= keys.count {
            // Full enough: further names go to the dictionary.
            long[Array(name)] = tag
            return tag
        }
        keys[slot] = (a, b, name.count)
        values[slot] = tag
        used += 1
        return tag
    }
}

/// What the mirror reads from an element's attributes.
struct PageAttributes {
    var classAndID = ""
    var role: String?
    var href: String?
    var itemprop: String?
    /// `hidden`, `aria-hidden="true"` or a style that hides (see ``Boilerplate/isHidden(_:)``).
    var isHidden = false

    /// Reads one attribute, in document order.
    mutating func read(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        switch name.count {
        case 2 where Self.equals(name, "id"), 5 where Self.equals(name, "class"):
            classAndID += (classAndID.isEmpty ? "" : " ") + Self.lowercased(value)
        case 4 where Self.equals(name, "role"):
            role = Self.lowercased(value)
        case 4 where Self.equals(name, "href"):
            href = String(decoding: value, as: UTF8.self)
        case 8 where Self.equals(name, "itemprop"):
            itemprop = Self.lowercased(value)
        default:
            break
        }
        guard !isHidden else { return }
        switch name.count {
        case 6 where Self.equals(name, "hidden"):
            isHidden = true
        case 11 where Self.equals(name, "aria-hidden"):
            isHidden = Boilerplate.isHiddenByARIA(value)
        case 5 where Self.equals(name, "style"):
            isHidden = Boilerplate.isHiddenByStyle(value)
        default:
            break
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

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        let other = text.utf8Start
        for i in 0..<bytes.count where bytes[i] != other[i] { return false }
        return true
    }
}

/// Builds the mirror from a walk over the parsed tree.
struct PageMirror: MarkupTreeVisitor {
    let page = PageText()
    private var tags = PageTags()
    private var stack: [PageElement] = []
    private(set) var root: PageElement?
    private let rootLocator: String

    init(rootLocator: String) {
        self.rootLocator = rootLocator
        stack.reserveCapacity(64)
    }

    mutating func enterElement(_ element: borrowing MarkupWalkElement) -> Bool {
        let tag = tags.tag(for: element.name)
        if tag.isNeverContent { return false }
        var attributes = PageAttributes()
        element.forEachAttribute { name, value in attributes.read(name: name, value: value) }
        if attributes.isHidden { return false }
        let parent = stack.last
        let mirrored = PageElement(
            tag: tag, page: page, source: element.node, parent: parent, attributes: attributes, locatorIndex: element.locatorIndex,
            namespacedStep: element.hasNamespace ? element.locatorStep : nil
        )
        if let parent {
            parent.children.append(.element(mirrored))
        } else {
            mirrored.setLocator(rootLocator)
            root = mirrored
        }
        stack.append(mirrored)
        return true
    }

    mutating func leaveElement() {
        let element = stack.removeLast()
        element.chrome = Boilerplate.chrome(of: element)
        if element.name == "a", element.href != nil, element.textCount > 0 {
            element.linkElements += 1
        }
        if let parent = stack.last {
            parent.textCount += element.textCount
            parent.linkElements += element.linkElements
            parent.punctuationCount += element.punctuationCount
        }
    }

    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let parent = stack.last else { return }
        let span = page.append(utf8)
        parent.children.append(.text(span))
        parent.textCount += span.visible
        parent.punctuationCount += span.punctuation
    }
}

/// Counting characters in UTF-8 without decoding it into scalars.
enum TextCounts {
    /// Scalars that are not whitespace (in ``TextNormalizer``'s sense), and punctuation marks
    /// among them (`,` `.` `;` `!` `?`, U+3001, U+3002, U+FF0C, U+FF01, U+FF1F, U+060C, U+0964).
    /// `utf8` must be valid.
    static func visibleAndPunctuation(_ utf8: UnsafeBufferPointer<UInt8>) -> (visible: Int, punctuation: Int) {
        var visible = 0, punctuation = 0
        let n = utf8.count
        var i = 0
        while i < n {
            let b = utf8[i]
            if b < 0x80 {
                i += 1
                switch b {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C: continue
                case 0x2C, 0x2E, 0x3B, 0x21, 0x3F: punctuation += 1
                default: break
                }
                visible += 1
                continue
            }
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

    /// Scalars that are not `White_Space` in Unicode (what `Unicode.Scalar.Properties.isWhitespace`
    /// says: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
    /// U+205F, U+3000). `utf8` must be valid.
    static func nonWhitespaceScalars(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        let n = utf8.count
        var i = 0
        while i < n {
            let b = utf8[i]
            if b < 0x80 {
                if !(b == 0x20 || (b >= 0x09 && b <= 0x0D)) { count += 1 }
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
            if b < 0xC2 || b > 0xF4 { return false }
            let length = sequenceLength(b)
            guard i + length <= n else { return false }
            let b1 = utf8[i + 1]
            switch b {
            case 0xE0: if b1 < 0xA0 || b1 > 0xBF { return false }
            case 0xED: if b1 < 0x80 || b1 > 0x9F { return false }
            case 0xF0: if b1 < 0x90 || b1 > 0xBF { return false }
            case 0xF4: if b1 < 0x80 || b1 > 0x8F { return false }
            default: if b1 & 0xC0 != 0x80 { return false }
            }
            for k in 2..<max(2, length) where utf8[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
