public import Markup
import Foundation

/// Reads an HTML page into a ``PageOutline``: finds the main content, drops page chrome, and
/// turns headings, paragraphs, lists and tables into a section tree.
///
/// Pure: bytes in, value out. The page is mirrored once into Swift values (scripts, styles,
/// embedded objects, form controls and hidden elements left out); the main content is then
/// found by scoring paragraphs for text and link density, as readability and trafilatura do,
/// with the page's own `<main>` taken at its word when it holds the best-scoring text. Inside
/// it, navigation, headers and footers, asides, forms, comments, share bars, related-article
/// lists, cookie and newsletter boxes, captions, link-heavy lists and known widget texts are
/// left out.
public struct HTMLPageReader: Sendable {
    /// Options for the parse: limits and the transport charset.
    public var options: ParseOptions

    /// A reader with `options` (the safe defaults unless given).
    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Reads `bytes`; `url` is where the page is published (links are resolved against it).
    ///
    /// The page is read from the HTML parser's events without building libxml2's tree, giving
    /// the outline ``outline(of:url:)`` gives for ``/Markup/MarkupDocument/init(html:options:)``
    /// of the same bytes; where only the tree can say what the page is (libxml2 would cut it
    /// short at its depth or text-node limit, or ``/Markup/ParseLimits/depth`` is exceeded), the
    /// tree is built instead.
    public func read(_ bytes: some Collection<UInt8>, url: String? = nil, charset: String? = nil) throws(MarkupError) -> PageOutline {
        var options = self.options
        if let charset { options.transportCharset = charset }
        let input = Array(bytes)
        if let outline = try Self.readFromEvents(input, url: url, options: options) { return outline }
        return outline(of: try MarkupDocument(html: input, options: options), url: url)
    }

    /// The outline read from the parser's events, or `nil` when the tree must be built instead.
    static func readFromEvents(_ input: [UInt8], url: String?, options: ParseOptions) throws(MarkupError) -> PageOutline? {
        let events = HTMLPageEvents(inputBytes: input.count)
        let outcome = try input.withUnsafeBytes { raw in
            Result { () throws(MarkupError) in try HTMLEventReader.read(raw, options: options, to: events).0 }
        }.get()
        guard outcome == .complete else { return nil }
        return outline(
            url: url, language: events.language, base: events.baseHref, title: events.title,
            canonical: events.canonicalHref, page: events.page()
        )
    }

    /// Builds the outline of an already parsed document.
    public func outline(of document: MarkupDocument, url: String?) -> PageOutline {
        // What the XPaths /html/head/base[@href], /html/head/title and
        // /html/head/link[@rel='canonical'] select first.
        let head = HeadFields(Self.children("head", of: Self.htmlElements(of: document)))
        return Self.outline(
            url: url, language: document.root?.attribute("lang"), base: head.base?.attribute("href"),
            title: head.title?.normalizedText, canonical: head.canonical?.attribute("href"), page: Self.mirrorBody(of: document)
        )
    }

    /// The outline from what both routes read of the page: the root element's `lang`, the head's
    /// fields, and the body (or root) mirrored.
    static func outline(
        url: String?, language: String?, base: String?, title: String?, canonical: String?, page: PageTree?, textsOffTheLine: Bool = true
    ) -> PageOutline {
        let resolver = LinkResolver(pageURL: url, base: base)
        var builder = OutlineBuilder(resolver: resolver, textsOffTheLine: textsOffTheLine)
        if let page {
            // A tree's elements are handles into the page's tree: it must live until they are done.
            withExtendedLifetime(page) {
                let selection = MainContent.select(in: page.root)
                if let heading = selection.heading { builder.add(heading) }
                for root in selection.roots { builder.walk(root) }
            }
        }
        let root = builder.finish()
        return PageOutline(
            url: url,
            title: (title?.isEmpty == false ? title : nil) ?? Self.firstHeading(level: 1, in: root).flatMap { $0 },
            language: language.map(TextNormalizer.normalize).flatMap { $0.isEmpty ? nil : $0 },
            canonicalURL: canonical.flatMap(resolver.resolve),
            root: root
        )
    }

    /// The heading of the first section at `level`, depth first (what `flattened.first` finds,
    /// without copying the tree).
    static func firstHeading(level: Int, in section: OutlineSection) -> String?? {
        if section.level == level { return .some(section.heading) }
        for subsection in section.subsections {
            if let found = firstHeading(level: level, in: subsection) { return found }
        }
        return nil
    }

    /// The page's `<body>` (or, without one, its root element) mirrored for the main-content finder.
    static func mirrorBody(of document: MarkupDocument) -> PageTree? {
        let body = children("body", of: htmlElements(of: document)).first
        guard let node = body ?? document.root else { return nil }
        return PageTree.mirror(node)
    }

    /// What the XPath `/html` selects.
    static func htmlElements(of document: MarkupDocument) -> [MarkupNode] {
        document.topLevelElements.filter { $0.name == "html" && $0.namespaceURI == nil }
    }

    /// The child elements of `parents` named `name` in no namespace, in document order: one step
    /// of an XPath such as `/html/head` without evaluating one.
    static func children(_ name: String, of parents: [MarkupNode]) -> [MarkupNode] {
        parents.flatMap { parent in parent.children.filter { $0.isElement && $0.name == name && $0.namespaceURI == nil } }
    }
}

/// What the XPaths `/html/head/base[@href]`, `/html/head/title` and
/// `/html/head/link[@rel='canonical']` select first, found in one pass over the heads' children.
struct HeadFields {
    var base: MarkupNode?
    var title: MarkupNode?
    var canonical: MarkupNode?

    init(_ heads: [MarkupNode]) {
        for head in heads {
            head.forEachChildElement { child in
                // Only names starting with b, t or l can be one of the three.
                guard let first = child.namePointer?.pointee, first == 0x62 || first == 0x74 || first == 0x6C else { return true }
                if base == nil, child.isNamed("base") {
                    let node = child.node
                    if node.attributeWithoutNamespace("href") != nil { base = node }
                } else if title == nil, child.isNamed("title") {
                    title = child.node
                } else if canonical == nil, child.isNamed("link") {
                    let node = child.node
                    if node.attributeWithoutNamespace("rel") == "canonical" { canonical = node }
                }
                return true
            }
        }
    }
}

/// Resolves `href`s to absolute URLs.
struct LinkResolver {
    let baseURL: URL?
    /// The base's parts for the common shapes of `href`, when the base has the plain shape.
    private let plain: PlainLinkResolution?

    init(pageURL: String?, base: String?) {
        let page = pageURL.flatMap { URL(string: $0) }
        if let base, let resolved = URL(string: base, relativeTo: page) {
            baseURL = resolved.absoluteURL
        } else {
            baseURL = page
        }
        plain = baseURL.flatMap { PlainLinkResolution(base: $0.absoluteString) }
    }

    /// The absolute URL, or `nil` for `javascript:` links, bare fragments and empty hrefs.
    func resolve(_ href: String) -> String? {
        // The common shapes without Foundation's `URL`, with the same results (see
        // ``PlainLinkResolution``); the rest below.
        if let plain {
            if let resolved = plain.resolve(href) { return resolved }
        } else if baseURL == nil, let resolved = PlainLinkResolution.withoutBase(href) {
            return resolved
        }
        return resolveInGeneral(href)
    }

    /// ``resolve(_:)`` through Foundation's `URL`, for every shape of `href`.
    func resolveInGeneral(_ href: String) -> String? {
        let trimmed = TextNormalizer.normalize(href)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.lowercased().hasPrefix("javascript:") else { return nil }
        let encoded = Self.needsNoEncoding(trimmed) ? trimmed : trimmed.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? trimmed
        guard let url = URL(string: encoded, relativeTo: baseURL) else { return nil }
        return url.absoluteString
    }

    /// Characters left as they are: the URL syntax characters and `%` (already-encoded input).
    private static let allowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.insert(charactersIn: "#%")
        return set
    }()

    /// ``allowed`` for each ASCII byte.
    private static let allowedASCII: [Bool] = (0..<128).map { allowed.contains(Unicode.Scalar(UInt8($0))) }

    /// `true` when percent-encoding would leave `text` as it is: every character is an allowed
    /// ASCII one (the common case, and far cheaper to see than to encode).
    static func needsNoEncoding(_ text: String) -> Bool {
        let table = allowedASCII
        return text.utf8.allSatisfy { $0 < 0x80 && table[Int($0)] }
    }
}
