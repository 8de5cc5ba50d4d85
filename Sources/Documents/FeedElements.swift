import Foundation

/// Namespace URIs feeds use.
enum FeedNamespace {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let media: [String?] = ["http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"]
    static let atom: [String?] = [atom10, atom03]
    static let mediaSet = NamespaceSet(media)
    static let rssSet = NamespaceSet(rss)
    /// Atom's own elements: either namespace, or none.
    static let atomCoreSet = NamespaceSet(atom + [nil])
    /// Namespaces RSS 0.9x/2.0 have been published under.
    static let rss: [String?] = [
        nil, rss10, rss090, "http://backend.userland.com/rss2", "http://backend.userland.com/rss", "http://backend.userland.com/rss2.1",
        "http://blogs.law.harvard.edu/tech/rss",
    ]
}

/// The namespace URIs of ``FeedNamespace``, recognised once per name (``FeedNames/kind(_:)``) so
/// that the rules test a child's namespace without comparing or copying strings; `other` for
/// every other URI.
enum FeedNamespaceKind: UInt8 {
    case none, other, atom10, atom03, rdf, rss10, rss090, dc, dcterms, content, xhtml, xml, media, mediaWithoutSlash
    case userlandRSS2, userlandRSS, userlandRSS21, harvardRSS

    private static let known: [(uri: String, kind: FeedNamespaceKind)] = [
        (FeedNamespace.atom10, .atom10), (FeedNamespace.atom03, .atom03), (FeedNamespace.rdf, .rdf), (FeedNamespace.rss10, .rss10),
        (FeedNamespace.rss090, .rss090), (FeedNamespace.dc, .dc), (FeedNamespace.dcterms, .dcterms), (FeedNamespace.content, .content),
        (FeedNamespace.xhtml, .xhtml), (FeedNamespace.xml, .xml), ("http://search.yahoo.com/mrss/", .media),
        ("http://search.yahoo.com/mrss", .mediaWithoutSlash), ("http://backend.userland.com/rss2", .userlandRSS2),
        ("http://backend.userland.com/rss", .userlandRSS), ("http://backend.userland.com/rss2.1", .userlandRSS21),
        ("http://blogs.law.harvard.edu/tech/rss", .harvardRSS),
    ]
    private static let knownLengths = known.map(\.uri.utf8.count)

    /// The kind of `uri`: exactly one of the URIs listed (compared whole), `none` for no
    /// namespace, else `other`.
    init(_ uri: String?) {
        guard let uri else { self = .none; return }
        let length = uri.utf8.count
        let known = Self.known
        let lengths = Self.knownLengths
        for k in known.indices where lengths[k] == length && known[k].uri == uri {
            self = known[k].kind
            return
        }
        self = .other
    }

    var bit: UInt32 { 1 << UInt32(rawValue) }
}

/// Which namespaces an element name is looked up in: the URIs feeds use by their
/// ``FeedNamespaceKind`` (bits), and any other URI (at most the root's, in the sets the rules
/// make) compared whole. No array: a set is copied into the rules for every item, and the
/// arrays it held cost a retain and a release each time.
struct NamespaceSet {
    /// The kinds (``FeedNamespaceKind/bit``) of the URIs listed, `none` for no namespace,
    /// other than `other`.
    private let kinds: UInt32
    /// The URI of kind `other` listed, if one is.
    private let other: String?

    init(_ uris: [String?]) {
        var set = NamespaceSet(kinds: 0, other: nil)
        for uri in uris { set = set.adding(FeedNamespaceKind(uri), uri) }
        self = set
    }

    init(_ uri: String) { self.init([uri]) }

    private init(kinds: UInt32, other: String?) {
        self.kinds = kinds
        self.other = other
    }

    /// The set with one namespace more, of `kind` (`uri` is its URI, needed only for a kind
    /// of `other`).
    func adding(_ kind: FeedNamespaceKind, _ uri: String?) -> NamespaceSet {
        guard kind == .other else { return NamespaceSet(kinds: kinds | kind.bit, other: other) }
        precondition(other == nil || other == uri, "NamespaceSet: more than one namespace of kind other")
        return NamespaceSet(kinds: kinds, other: uri)
    }

    func contains(_ uri: String?) -> Bool {
        let kind = FeedNamespaceKind(uri)
        return kind == .other ? uri == other : kinds & kind.bit != 0
    }

    /// Whether the set holds the namespace URI at `index` in `names` (-1: none): by its kind,
    /// as ``contains(_:)-(FeedChildren.Child)`` tests a child's (the same rule), or for a URI
    /// of kind `other` by the URI.
    func contains(_ index: Int32, in names: FeedNames) -> Bool {
        let kind = names.kind(index)
        return kind == .other ? other != nil && names.optional(index) == other : kinds & kind.bit != 0
    }

    /// Whether the set holds the namespace of a child: by its kind, or for a URI of kind
    /// `other` by the URI (read only then).
    func contains(_ child: FeedChildren.Child) -> Bool {
        child.kind == .other ? other != nil && child.node.namespaceURI == other : kinds & child.kind.bit != 0
    }
}

/// The names the rules test children for as they pass over them (``FeedChildren/Child``),
/// recognised once per name (``FeedNames/tag(_:)``) instead of a string comparison for each
/// name and child.
enum FeedTag: UInt8, CaseIterable {
    case other, link, description, summary, encoded, body, fullitem, content, enclosure, category, subject, tags, author, creator
    case title, guid, pubDate, date, issued, published, modified, updated, id, subtitle, tagline, language, lastBuildDate, created
    /// Attributes' names: the root's `version`, and `xml:base` and `xml:lang`
    /// (``FeedCapture/scopeAttributes(of:)``).
    case version, base, lang
    /// RSS's `managingEditor`.
    case managingEditor

    /// The tag of a local name: exactly the names listed, compared whole.
    init(_ name: String) {
        switch name.utf8.count {
        case 2: self = name == "id" ? .id : .other
        case 4:
            self = name == "link" ? .link : name == "body" ? .body : name == "tags" ? .tags : name == "guid" ? .guid : name == "date" ? .date
                : name == "base" ? .base : name == "lang" ? .lang : .other
        case 5: self = name == "title" ? .title : .other
        case 6: self = name == "author" ? .author : name == "issued" ? .issued : .other
        case 7:
            self = name == "summary" ? .summary : name == "encoded" ? .encoded : name == "content" ? .content
                : name == "subject" ? .subject : name == "creator" ? .creator : name == "pubDate" ? .pubDate : name == "updated" ? .updated
                : name == "tagline" ? .tagline : name == "created" ? .created : name == "version" ? .version : .other
        case 8:
            self = name == "fullitem" ? .fullitem : name == "category" ? .category : name == "modified" ? .modified
                : name == "subtitle" ? .subtitle : name == "language" ? .language : .other
        case 9: self = name == "enclosure" ? .enclosure : name == "published" ? .published : .other
        case 11: self = name == "description" ? .description : .other
        case 13: self = name == "lastBuildDate" ? .lastBuildDate : .other
        case 14: self = name == "managingEditor" ? .managingEditor : .other
        default: self = .other
        }
    }
}

/// An element's child elements, with what the rules test them for read once: listed for the
/// Media RSS rules (and a channel the budget left out); the other rules pass over the children
/// once, one ``Child`` at a time.
struct FeedChildren {
    /// A child: its element, the name among those the rules test for, and the kind of its
    /// namespace. No strings: a copy of a child costs nothing.
    struct Child {
        let node: FeedElement
        /// The local name among those the rules test for (``FeedTag``).
        let tag: FeedTag
        let kind: FeedNamespaceKind

        /// `node` with its tag and namespace kind.
        init(_ node: FeedElement) {
            (tag, kind) = node.tagAndNamespaceKind
            self.node = node
        }

        var name: String { node.name }
        /// Whether the namespace is Atom's (1.0 or 0.3).
        var isAtom: Bool { kind == .atom10 || kind == .atom03 }
        /// Whether the namespace is Media RSS's.
        var isMedia: Bool { kind == .media || kind == .mediaWithoutSlash }
    }

    let all: [Child]
    /// Whether a child is in the Media RSS namespace (most items have none).
    let hasMedia: Bool

    init(_ node: FeedElement?) {
        var all: [Child] = []
        var hasMedia = false
        if let node {
            all.reserveCapacity(16)
            for node in node.elementChildren {
                let child = Child(node)
                if child.isMedia { hasMedia = true }
                all.append(child)
            }
        }
        self.all = all
        self.hasMedia = hasMedia
    }

    func first(_ name: String, _ namespaces: NamespaceSet) -> FeedElement? {
        for child in all where child.node.hasName(name) && namespaces.contains(child) { return child.node }
        return nil
    }
}

/// The base URI and language in effect at an element (`xml:base`, `xml:lang`).
struct FeedScope {
    var base: String?
    var language: String?

    /// The scope inside `element`.
    func entering(_ element: FeedElement) -> FeedScope {
        let attributes = element.scopeAttributes
        return entering(base: attributes.base, language: attributes.language)
    }

    /// The scope inside an element with these `xml:base` and `xml:lang` values.
    func entering(base: String?, language: String?) -> FeedScope {
        var scope = self
        if let base { scope.base = FeedURI.resolve(base, against: self.base) }
        if let language { scope.language = language.isEmpty ? nil : language }
        return scope
    }
}

/// How a text construct is marked up.
enum TextFlavor {
    /// Atom 1.0: `type` is `text`, `html`, `xhtml` or a media type (anything not text or XML is base64).
    case atom10
    /// Atom 0.3: `type` is a media type and `mode` is `xml`, `escaped` or `base64`.
    case atom03
    /// RSS: escaped HTML, or inline markup.
    case rss
}

extension FeedText {
    /// Reads a text construct: a title, subtitle, summary or content element.
    init(element: FeedElement, flavor: TextFlavor, scope outer: FeedScope, problems: inout [String]) {
        let scope = outer.entering(element)
        var type: String
        var value: String
        let hasElements = element.hasElementChildren
        func decodeBase64() -> String {
            let text = element.textContent
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                problems.append("line \(element.line): <\(element.name)> is not valid base64; kept as text")
                return text
            }
            return String(decoding: data, as: UTF8.self)
        }
        switch flavor {
        case .atom10:
            let declared = (element.attribute("type") ?? "text").feedTrimmed.lowercased()
            switch declared {
            case "text", "text/plain", "":
                type = "text/plain"
                value = hasElements ? Self.markup(of: element) : element.textContent
                if hasElements { type = "application/xhtml+xml" }
            case "html", "text/html":
                // Escaped markup; a wrapping element (an XHTML div) only holds it.
                type = "text/html"
                value = element.textContent
            case "xhtml", "application/xhtml+xml":
                type = "application/xhtml+xml"
                var elements = element.elementChildren
                if let div = elements.next(), elements.next() == nil, div.name == "div", div.namespaceURI == FeedNamespace.xhtml,
                   !element.hasTextBesideWhitespace {
                    value = Self.markup(of: div)
                } else {
                    value = Self.markup(of: element)
                }
            default:
                type = declared
                if declared.hasPrefix("text/") {
                    value = element.textContent
                } else if declared.hasSuffix("/xml") || declared.hasSuffix("+xml") {
                    value = Self.markup(of: element)
                } else {
                    value = decodeBase64()
                }
            }
        case .atom03:
            type = (element.attribute("type") ?? "text/plain").feedTrimmed.lowercased()
            switch (element.attribute("mode") ?? "xml").lowercased() {
            case "base64":
                value = decodeBase64()
            case "escaped":
                value = element.textContent
            default:
                if hasElements {
                    value = Self.markup(of: element)
                    if !FeedText(value: "", type: type).isMarkup { type = "application/xhtml+xml" }
                } else {
                    value = element.textContent
                }
            }
        case .rss:
            type = "text/html"
            if element.namespaceURI == FeedNamespace.xhtml {
                type = "application/xhtml+xml"
                value = Self.markup(of: element)
            } else {
                value = hasElements ? Self.markup(of: element) : element.textContent
            }
        }
        value = value.feedTrimmed
        // Links resolved before the value is stored: the text construct is made once, not
        // made and then changed (a copy of all its strings).
        if Self.isMarkup(type: type) { value = FeedURI.resolveLinks(inHTML: value, base: scope.base) }
        self.init(value: value, type: type, language: scope.language, base: scope.base)
    }

    /// The summary of an item that has none: its first textual content (as feedparser does).
    static func summary(from content: [FeedText]) -> FeedText? {
        content.first { $0.isMarkup || $0.type.hasPrefix("text/") }
    }

    /// The serialised children of `element`, without the XHTML namespace declaration.
    static func markup(of element: FeedElement) -> String {
        element.innerMarkup
    }
}

extension FeedPerson {
    /// RSS `author`/`managingEditor`: `jane@example.se (Jane Doe)`, `Jane Doe <jane@example.se>`,
    /// an address or a name.
    init(rss text: String) {
        var t = text.feedTrimmed
        // No @ < ( (a name, the usual case): tested on the bytes in one pass.
        guard t.withUTF8({ $0.contains { $0 == 0x40 || $0 == 0x3C || $0 == 0x28 } }) else { self.init(name: t); return }
        // ASCII (the usual address), where a byte is a character: the same rules on the bytes.
        self = t.withUTF8 { Self.ascii($0) } ?? Self.general(t)
    }

    /// ``init(rss:)`` for trimmed text with `@`, `<` or `(`, by characters.
    static func general(_ t: String) -> FeedPerson {
        if let open = t.firstIndex(of: "("), t.hasSuffix(")") {
            let before = t[..<open].feedTrimmed
            let inside = t[t.index(after: open)..<t.index(before: t.endIndex)].feedTrimmed
            if before.feedContains(ascii: "@") { return FeedPerson(name: inside.isEmpty ? nil : inside, email: before) }
            if inside.feedContains(ascii: "@") { return FeedPerson(name: before.isEmpty ? nil : before, email: inside) }
        }
        if let open = t.firstIndex(of: "<"), t.hasSuffix(">") {
            let before = t[..<open].feedTrimmed
            let inside = t[t.index(after: open)..<t.index(before: t.endIndex)].feedTrimmed
            return FeedPerson(name: before.isEmpty ? nil : before, email: inside)
        }
        if !t.feedContains(ascii: " "), t.feedContains(ascii: "@") { return FeedPerson(email: t) }
        return FeedPerson(name: t)
    }

    /// ``general(_:)`` for trimmed ASCII text, on its bytes; `nil` for text with other bytes.
    static func ascii(_ t: UnsafeBufferPointer<UInt8>) -> FeedPerson? {
        guard !t.contains(where: { $0 >= 0x80 }), let last = t.last else { return nil }
        let at = UInt8(ascii: "@")
        /// The bytes in `range` without ASCII white space at either end (`nil` when none are left).
        func trimmed(_ range: Range<Int>) -> String? {
            var (start, end) = (range.lowerBound, range.upperBound)
            while start < end, FeedWhitespace.isASCIIWhitespace(t[start]) { start += 1 }
            while end > start, FeedWhitespace.isASCIIWhitespace(t[end - 1]) { end -= 1 }
            return start == end ? nil : String(decoding: UnsafeBufferPointer(rebasing: t[start..<end]), as: UTF8.self)
        }
        func hasAt(_ text: String?) -> Bool { text?.utf8.contains(at) ?? false }
        if let open = t.firstIndex(of: UInt8(ascii: "(")), last == UInt8(ascii: ")") {
            let before = trimmed(0..<open)
            let inside = trimmed(open + 1..<t.count - 1)
            if hasAt(before) { return FeedPerson(name: inside, email: before ?? "") }
            if hasAt(inside) { return FeedPerson(name: before, email: inside) }
        }
        if let open = t.firstIndex(of: UInt8(ascii: "<")), last == UInt8(ascii: ">") {
            return FeedPerson(name: trimmed(0..<open), email: trimmed(open + 1..<t.count - 1) ?? "")
        }
        let text = String(decoding: t, as: UTF8.self)
        if !t.contains(UInt8(ascii: " ")), t.contains(at) { return FeedPerson(email: text) }
        return FeedPerson(name: text)
    }
}
