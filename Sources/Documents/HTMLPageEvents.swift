import Foundation
import Markup

/// Builds what ``HTMLPageReader/outline(of:url:)`` reads from a parsed page — the head's fields,
/// the `<body>` (or else the root element) mirrored as a ``PageTree``, and that element's locator —
/// straight from the HTML parser's events (``HTMLEventReader``), without libxml2's tree.
///
/// The events are the tree's elements and text nodes in document order, so each XPath the tree
/// route evaluates is followed as the elements open: `/html` are the top-level elements named
/// `html`, `/html/head` and `/html/body` their children so named, `/html/head/title` … the
/// children of those heads. Subtrees nothing here needs (outside the mirror, the heads and the
/// first title) are skipped by the parser's side without a call per node.
final class HTMLPageEvents: HTMLEventReceiver {
    /// What an open element is to the page.
    private enum Role: UInt8 {
        case other, topLevelHTML, head, title
    }

    // One reader, one thread: no runtime exclusivity checks on the state touched per event.
    @exclusivity(unchecked) private var roles: [Role] = []

    // The head's fields (see ``HeadFields``) and the root's `lang`.
    private var sawRoot = false
    private(set) var language: String?
    private var sawBase = false
    private(set) var baseHref: String?
    private var sawTitle = false
    /// Open elements of the first title (itself included) while its text is gathered.
    @exclusivity(unchecked) private var titleDepth = 0
    private var titleBytes: [UInt8] = []
    private var sawCanonical = false
    private(set) var canonicalHref: String?

    // For the mirrored element's locator: the names of the top-level elements, in order; which
    // of them holds the body mirrored, and whether a later sibling of that body is a body too.
    private var topLevelNames: [[UInt8]] = []
    private var bodyParent: Int?
    private var laterBody = false

    /// The mirror being built (of the root element until a body turns up, then of the body),
    /// and the trees built.
    @exclusivity(unchecked) private var feed: MirrorFeed?
    private var rootTree: PageTree?
    private var bodyTree: PageTree?

    /// The size of the page read, for the mirror's first room (``PageTree/init(document:rootLocator:inputBytes:)``).
    private let inputBytes: Int

    init(inputBytes: Int = 0) {
        self.inputBytes = inputBytes
        roles.reserveCapacity(64)
    }

    func enterElement(_ element: HTMLEventElement) -> Bool {
        let depth = roles.count + 1
        var role = Role.other
        var needed = false
        let inTitle = titleDepth > 0
        if depth == 1 {
            needed = true
            let name = Self.bytes(element.namePointer)
            topLevelNames.append(name)
            if name == Self.html { role = .topLevelHTML }
            if !sawRoot {
                // document.root: the first top-level element.
                sawRoot = true
                language = Self.attribute("lang", of: element)
                feed = MirrorFeed(tree: PageTree(document: nil, rootLocator: "", inputBytes: inputBytes))
            }
        } else if depth == 2, roles[0] == .topLevelHTML {
            if Self.isNamed(element.namePointer, "head") {
                role = .head
                needed = true
            } else if Self.isNamed(element.namePointer, "body") {
                if bodyParent == nil {
                    // The first body of the first html that has one: mirrored instead of the root.
                    bodyParent = topLevelNames.count - 1
                    feed = MirrorFeed(tree: PageTree(document: nil, rootLocator: "", inputBytes: inputBytes))
                    rootTree = nil
                } else if bodyParent == topLevelNames.count - 1 {
                    laterBody = true
                }
            }
        } else if depth == 3, roles[1] == .head, roles[0] == .topLevelHTML {
            readHeadChild(element, role: &role)
            if role == .title { needed = true }
        }
        if inTitle {
            titleDepth += 1
            needed = true
        }
        if feed?.enter(element) == true { needed = true }
        guard needed else {
            // Skipped by the parser's side: the feed hears no more of it either.
            feed?.forget()
            retireFeedIfDone()
            return false
        }
        roles.append(role)
        return true
    }

    /// Keeps the tree of a feed whose root element has ended.
    private func retireFeedIfDone() {
        guard feed?.isDone == true, let tree = feed?.mirror.tree else { return }
        if bodyParent != nil { bodyTree = tree } else { rootTree = tree }
        feed = nil
    }

    /// `/html/head/base[@href]`, `/html/head/title` and `/html/head/link[@rel='canonical']`,
    /// the first of each.
    private func readHeadChild(_ element: HTMLEventElement, role: inout Role) {
        guard let name = element.namePointer else { return }
        switch name[0] {
        case 0x62 where !sawBase && Self.isNamed(name, "base"):
            if let href = Self.attribute("href", of: element) {
                sawBase = true
                baseHref = href
            }
        case 0x74 where !sawTitle && Self.isNamed(name, "title"):
            sawTitle = true
            role = .title
            titleDepth = 1
        case 0x6C where !sawCanonical && Self.isNamed(name, "link"):
            if let rel = Self.attribute("rel", of: element), rel == "canonical" {
                sawCanonical = true
                canonicalHref = Self.attribute("href", of: element)
            }
        default:
            break
        }
    }

    func leaveElement() {
        roles.removeLast()
        if titleDepth > 0 { titleDepth -= 1 }
        guard feed != nil else { return }
        feed?.leave()
        retireFeedIfDone()
    }

    func textPiece(_ utf8: UnsafeBufferPointer<UInt8>) {
        if titleDepth > 0 { titleBytes.append(contentsOf: utf8) }
        feed?.textPiece(utf8)
    }

    func textEnded() {
        feed?.textEnded()
    }

    // MARK: The result

    /// The title's normalised text (`nil` without a title).
    var title: String? {
        sawTitle ? TextNormalizer.normalize(String(decoding: titleBytes, as: UTF8.self)) : nil
    }

    /// The body mirrored, or without one the root element; `nil` when there is neither, or it
    /// was left out (never content, or hidden). Its locator is set here, now that the page's
    /// top-level elements and the body's siblings are all known.
    func page() -> PageTree? {
        if let parent = bodyParent {
            guard let tree = bodyTree ?? feed?.mirror.tree, tree.elementCount > 0 else { return nil }
            tree.rootLocator = "/" + Self.step(of: parent, among: topLevelNames) + "/" + (laterBody ? "body[1]" : "body")
            return tree
        }
        guard let tree = rootTree ?? feed?.mirror.tree, tree.elementCount > 0 else { return nil }
        tree.rootLocator = "/" + Self.step(of: 0, among: topLevelNames)
        return tree
    }

    /// The step `xmlGetNodePath` writes for the element `index` of `siblings` (by name; no
    /// namespaces in HTML): `name`, or `name[n]` when it has siblings of the same name.
    static func step(of index: Int, among siblings: [[UInt8]]) -> String {
        let name = siblings[index]
        let before = siblings[..<index].count { $0 == name }
        let after = siblings[(index + 1)...].count { $0 == name }
        let written = String(decoding: name, as: UTF8.self)
        if before > 0 { return "\(written)[\(before + 1)]" }
        return after > 0 ? "\(written)[1]" : written
    }

    // MARK: Helpers

    private static let html = Array("html".utf8)

    private static func bytes(_ name: UnsafePointer<UInt8>?) -> [UInt8] {
        guard let name else { return [] }
        return Array(UnsafeBufferPointer(start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))))
    }

    /// `true` when the name is exactly `expected` (ASCII).
    private static func isNamed(_ name: UnsafePointer<UInt8>?, _ expected: StaticString) -> Bool {
        guard let name else { return false }
        let bytes = expected.utf8Start
        for i in 0..<expected.utf8CodeUnitCount where name[i] != bytes[i] { return false }
        return name[expected.utf8CodeUnitCount] == 0
    }

    /// The value of the first attribute named `name`, as `MarkupNode.attribute(_:)` gives it
    /// (`nil`: none).
    private static func attribute(_ name: StaticString, of element: HTMLEventElement) -> String? {
        var value: String?
        var found = false
        element.forEachAttribute { attribute in
            guard !found, isNamed(attribute.name, name) else { return }
            found = true
            value = attribute.withValue { String(decoding: $0, as: UTF8.self) }
        }
        return value
    }
}

/// A ``PageMirror`` fed events from its root element's start to its end, leaving out the
/// subtrees the mirror does not take.
struct MirrorFeed {
    var mirror: PageMirror
    /// Open elements of a subtree left out (its root included), 0 outside one.
    private var skipDepth = 0
    /// Elements open in the mirror.
    private var open = 0
    /// The root element has ended.
    private(set) var isDone = false

    init(tree: PageTree) {
        mirror = PageMirror(tree: tree)
    }

    /// Whether the mirror takes the element (and wants its subtree).
    mutating func enter(_ element: HTMLEventElement) -> Bool {
        if isDone { return false }
        if skipDepth > 0 {
            skipDepth += 1
            return false
        }
        if mirror.enter(element, source: nil) {
            open += 1
            return true
        }
        skipDepth = 1
        return false
    }

    /// Undoes the last ``enter(_:)`` that returned `false`: that element's subtree is skipped
    /// without events, its end included.
    mutating func forget() {
        guard !isDone, skipDepth > 0 else { return }
        skipDepth -= 1
        if open == 0, skipDepth == 0 { isDone = true }
    }

    mutating func leave() {
        if isDone { return }
        if skipDepth > 0 {
            skipDepth -= 1
        } else {
            mirror.leaveElement()
            open -= 1
        }
        if open == 0, skipDepth == 0 { isDone = true }
    }

    mutating func textPiece(_ utf8: UnsafeBufferPointer<UInt8>) {
        if !isDone, skipDepth == 0, open > 0 { mirror.textPiece(utf8) }
    }

    mutating func textEnded() {
        if !isDone, skipDepth == 0, open > 0 { mirror.textEnded() }
    }
}
