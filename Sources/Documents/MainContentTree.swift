import Markup

/// An element of an HTML page mirrored into Swift values in one pass over the parsed tree, with
/// the text statistics the main-content finder scores by.
///
/// Elements that are never content (scripts, styles, embedded objects, form controls) and hidden
/// elements are not mirrored at all, so neither the finder nor the outline builder sees them;
/// navigation, asides, footers and the like are mirrored and marked as ``chrome``. The libxml2
/// node stays reachable for locators.
final class PageElement {
    /// A child: an element or a run of text as it is in the source.
    enum Child {
        case element(PageElement)
        case text(String)
    }

    /// The lowercase tag name.
    let name: String
    /// The parsed node this element mirrors (for its locator).
    let source: MarkupNode
    private(set) weak var parent: PageElement?
    private(set) var children: [Child] = []
    /// Lowercased `class` and `id`, joined by a space.
    let classAndID: String
    let role: String?
    let href: String?
    let itemprop: String?

    /// Visible characters (whitespace not counted) in the subtree.
    private(set) var textCount = 0
    /// Number of links with text in the subtree.
    private(set) var linkElements = 0
    /// Commas, semicolons and sentence ends (including CJK punctuation) in the subtree.
    private(set) var punctuationCount = 0
    /// `true` when this element is `<a href>` or inside one.
    private(set) var isInLink = false
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

    private init(name: String, source: MarkupNode, parent: PageElement?, attributes: [(name: String, value: String)]) {
        self.name = name
        self.source = source
        self.parent = parent
        var classAndID = ""
        var role: String?
        var href: String?
        var itemprop: String?
        for (key, value) in attributes {
            switch key {
            case "class", "id": classAndID += (classAndID.isEmpty ? "" : " ") + value.lowercased()
            case "role": role = value.lowercased()
            case "href": href = value
            case "itemprop": itemprop = value.lowercased()
            default: break
            }
        }
        self.classAndID = classAndID
        self.role = role
        self.href = href
        self.itemprop = itemprop
        self.isInLink = (parent?.isInLink ?? false) || (name == "a" && href != nil)
    }

    /// Mirrors `node` and its subtree; `nil` when the element is never content or hidden.
    static func mirror(_ node: MarkupNode, parent: PageElement? = nil) -> PageElement? {
        let name = node.name.lowercased()
        if Boilerplate.neverContent.contains(name) { return nil }
        let attributes = node.attributes
        if Boilerplate.isHidden(attributes) { return nil }
        let element = PageElement(name: name, source: node, parent: parent, attributes: attributes)
        for child in node.children {
            switch child.kind {
            case .text:
                let text = child.textContent
                element.children.append(.text(text))
                element.count(text)
            case .element:
                guard let mirrored = mirror(child, parent: element) else { continue }
                element.children.append(.element(mirrored))
                element.textCount += mirrored.textCount
                element.linkElements += mirrored.linkElements
                element.punctuationCount += mirrored.punctuationCount
            case .comment, .other:
                continue
            }
        }
        element.chrome = Boilerplate.chrome(of: element)
        if name == "a", element.href != nil, element.textCount > 0 {
            element.linkElements += 1
        }
        return element
    }

    private func count(_ text: String) {
        var visible = 0
        var punctuation = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}", "\u{2007}", "\u{202F}", "\u{200B}", "\u{FEFF}": continue
            case ",", ".", ";", "!", "?", "\u{3001}", "\u{3002}", "\u{FF0C}", "\u{FF01}", "\u{FF1F}", "\u{060C}", "\u{0964}":
                punctuation += 1
                visible += 1
            default: visible += 1
            }
        }
        textCount += visible
        punctuationCount += punctuation
    }

    /// The elements among the children, in order.
    var elementChildren: [PageElement] {
        children.compactMap { if case let .element(e) = $0 { e } else { nil } }
    }

    /// All text below this element, whitespace collapsed.
    var normalizedText: String {
        var text = ""
        appendText(to: &text)
        return TextNormalizer.normalize(text)
    }

    private func appendText(to text: inout String) {
        for child in children {
            switch child {
            case let .text(t): text += t
            case let .element(e): e.appendText(to: &text)
            }
        }
    }

    /// The XPath of the mirrored node.
    var locator: String { source.locator }

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
}
