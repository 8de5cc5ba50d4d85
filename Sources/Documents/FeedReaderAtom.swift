import Foundation

/// The rules of Atom 1.0 and 0.3 (also under the pre-0.3 namespaces and none), with `dc:` and
/// `media:`: the feed's own fields and the entries.
struct AtomFeedReader {
    let format: Feed.Format
    let flavor: TextFlavor
    /// Atom's own elements: the root's namespace, either Atom namespace, or none.
    let core: NamespaceSet

    init(rootNamespace: String?, version: String?) {
        let format: Feed.Format
        switch rootNamespace {
        case FeedNamespace.atom10?:
            format = .atom10
        case FeedNamespace.atom03?:
            format = .atom03
        default:
            // An early or unknown namespace: the version attribute says which Atom it is.
            format = version?.feedTrimmed == "1.0" ? .atom10 : .atom03
        }
        self.init(format: format, core: FeedNamespace.atomCoreSet.contains(rootNamespace) ? FeedNamespace.atomCoreSet : NamespaceSet(FeedNamespace.atom + [nil, rootNamespace]))
    }

    /// The rules of `format` (`atom10` or `atom03`) with `core` as Atom's own elements (what
    /// ``init(rootNamespace:version:)`` found for a root).
    init(format: Feed.Format, core: NamespaceSet) {
        self.format = format
        flavor = format == .atom10 ? .atom10 : .atom03
        self.core = core
    }

    static let dc = NamespaceSet(FeedNamespace.dc)
    static let dcterms = NamespaceSet(FeedNamespace.dcterms)

    /// The feed's own fields from the root's children, completed with `tail` (its problems
    /// follow the fields').
    func readFeed(_ root: FeedElement, scope: FeedScope, problems: inout [String], tail: FeedTail) -> Feed {
        let c = FeedChildren(root)
        // Children looked up by tag where one stands for the name (`FeedTag`): the same children.
        let titleDetail = c.first(.title, core).map { FeedText(element: $0, flavor: flavor, scope: scope, problems: &problems) }
        let subtitleDetail = c.first(.subtitle, or: .tagline, core).map { FeedText(element: $0, flavor: flavor, scope: scope, problems: &problems) }
        let links = c.every(.link, core).compactMap { Self.link($0, scope: scope) }
        let updated = FeedValues.date(c.last(.updated, core), c.last(.modified, core), c.first(.date, Self.dc), problems: &problems)
        let id = FeedValues.text(c.first(.id, core)).map { Self.resolveID($0, base: scope.base) }
        let authors = c.every(.author, core).compactMap(Self.person)
        let categories = c.every(.category, core).compactMap(Self.category)
        // The tail's problems follow the fields' in the same array (no new one made).
        problems.feedAppend(tail.problems)
        return Feed(
            format: format,
            link: Self.alternate(links),
            language: scope.language ?? FeedValues.text(c.first(.language, Self.dc)),
            updated: updated,
            id: id,
            titleDetail: titleDetail,
            subtitleDetail: subtitleDetail,
            links: links,
            authors: authors,
            categories: categories,
            encoding: tail.encoding,
            items: tail.items,
            problems: problems
        )
    }

    /// One entry; `scope` is the feed's.
    func readEntry(_ entry: FeedElement, locator: String, scope outer: FeedScope, problems: inout [String]) -> FeedItem {
        let scope = outer.entering(entry)
        let c = FeedChildren(entry)
        problems.feedAppend(FeedValues.undeclaredPrefixProblems(c))
        // Children looked up by tag, as in `readFeed`.
        let titleElement = c.first(.title, core) ?? c.first(.title, Self.dc) ?? FeedValues.mediaElements("title", in: c).first
        let titleDetail = titleElement.map { FeedText(element: $0, flavor: core.contains($0.namespaceURI) ? flavor : .rss, scope: scope, problems: &problems) }
        let summaryElement = c.first(.summary, core) ?? c.first(.description, Self.dc) ?? FeedValues.mediaElements("description", in: c).first
        let content = c.every(.content, core).map { FeedText(element: $0, flavor: flavor, scope: scope, problems: &problems) }
        let summaryDetail = summaryElement.map { FeedText(element: $0, flavor: core.contains($0.namespaceURI) ? flavor : .rss, scope: scope, problems: &problems) }
            ?? FeedText.summary(from: content)
        let links = c.every(.link, core).compactMap { Self.link($0, scope: scope) }
        let enclosures = links.filter { $0.rel == "enclosure" }.map { FeedEnclosure(url: $0.href, type: $0.type, length: $0.length) }
        let published = FeedValues.date(
            c.last(.published, core), c.last(.issued, core), c.last(.created, core), c.first(.issued, Self.dcterms), c.first(.date, Self.dc),
            problems: &problems
        )
        let updated = FeedValues.date(c.last(.updated, core), c.last(.modified, core), c.first(.modified, Self.dcterms), problems: &problems)
        let id = FeedValues.text(c.first(.id, core)).map { Self.resolveID($0, base: scope.entering(c.first(.id, core)!).base) }
        let tags = c.every(.category, core).compactMap(Self.category)
            + c.every(.subject, Self.dc).compactMap { FeedValues.text($0).map { FeedCategory(term: $0) } }
            + FeedValues.mediaTags(c)
        var authorDetails = c.every(.author, core).compactMap(Self.person)
        authorDetails += c.every(.creator, Self.dc).compactMap { FeedValues.text($0).map { FeedPerson(rss: $0) } }
        // Moved into the item, as in RSSFeedReader.readItem.
        let link = Self.alternate(links)
        let categories = tags.map { $0.label ?? $0.term }
        let authors = authorDetails.compactMap { $0.name ?? $0.email }
        let media = FeedValues.media(c, scope: scope)
        return FeedItem(
            link: consume link,
            id: consume id,
            published: published,
            updated: updated,
            categories: consume categories,
            authors: consume authors,
            titleDetail: consume titleDetail,
            summaryDetail: consume summaryDetail,
            content: consume content,
            links: consume links,
            enclosures: consume enclosures,
            tags: consume tags,
            authorDetails: consume authorDetails,
            media: consume media,
            locator: locator
        )
    }

    /// The `alternate` link, else the first link that is not `self` or an enclosure.
    static func alternate(_ links: [FeedLink]) -> String? {
        (links.first { $0.rel == "alternate" } ?? links.first { !["self", "enclosure", "edit", "replies"].contains($0.rel) })?.href
    }

    /// An Atom `link` (`href`, or the text of a link without one).
    static func link(_ node: FeedElement, scope: FeedScope) -> FeedLink? {
        let inner = scope.entering(node)
        guard let href = FeedURI.link(FeedValues.nonEmpty(node.attribute("href")) ?? FeedValues.text(node), against: inner.base) else { return nil }
        return FeedLink(
            href: href,
            rel: FeedValues.nonEmpty(node.attribute("rel")) ?? "alternate",
            type: FeedValues.nonEmpty(node.attribute("type")),
            title: FeedValues.nonEmpty(node.attribute("title")),
            hreflang: FeedValues.nonEmpty(node.attribute("hreflang")),
            length: FeedValues.integer(node.attribute("length"))
        )
    }

    /// An Atom id is an IRI, so `xml:base` applies to a relative one; absolute ids stay exactly
    /// as written.
    static func resolveID(_ id: String, base: String?) -> String {
        FeedURI.scheme(of: id) == nil ? FeedURI.resolve(id, against: base) : id
    }

    /// `author` / `contributor`: `name`, `email`, `uri` (0.3: `url`).
    static func person(_ node: FeedElement) -> FeedPerson? {
        let c = FeedChildren(node)
        let any = NamespaceSet(c.all.map(\.namespace))
        let person = FeedPerson(
            name: FeedValues.text(c.first("name", any)),
            email: FeedValues.text(c.first("email", any)),
            uri: FeedValues.text(c.first("uri", any) ?? c.first("url", any))
        )
        if person.name == nil, person.email == nil, person.uri == nil {
            return FeedValues.text(node).map { FeedPerson(rss: $0) }
        }
        return person
    }

    /// `category` with `term`, `scheme` and `label` (0.3 and odd feeds: the text as term).
    static func category(_ node: FeedElement) -> FeedCategory? {
        guard let term = FeedValues.nonEmpty(node.attribute("term")) ?? FeedValues.text(node) else { return nil }
        return FeedCategory(term: term, scheme: FeedValues.nonEmpty(node.attribute("scheme")), label: FeedValues.nonEmpty(node.attribute("label")))
    }
}
