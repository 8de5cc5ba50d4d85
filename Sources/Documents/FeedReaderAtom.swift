import Foundation

/// The rules of Atom 1.0 and 0.3 (also under the pre-0.3 namespaces and none), with `dc:` and
/// `media:`: the feed's own fields and the entries.
struct AtomFeedReader {
    let format: Feed.Format
    let flavor: TextFlavor
    /// Atom's own elements: the root's namespace, either Atom namespace, or none.
    let core: NamespaceSet

    /// The rules for a root whose namespace is of `kind` (`uri` is its URI, needed only for a
    /// kind of `other`) and whose `version` attribute is `version`.
    init(rootNamespace kind: FeedNamespaceKind, _ uri: String?, version: String?) {
        let format: Feed.Format
        switch kind {
        case .atom10:
            format = .atom10
        case .atom03:
            format = .atom03
        default:
            // An early or unknown namespace: the version attribute says which Atom it is.
            format = version?.feedTrimmed == "1.0" ? .atom10 : .atom03
        }
        self.init(format: format, core: FeedNamespace.atomCoreSet.adding(kind, uri))
    }

    /// The rules of `format` (`atom10` or `atom03`) with `core` as Atom's own elements (what
    /// ``init(rootNamespace:_:version:)`` found for a root).
    init(format: Feed.Format, core: NamespaceSet) {
        self.format = format
        flavor = format == .atom10 ? .atom10 : .atom03
        self.core = core
    }

    static let dc = NamespaceSet(FeedNamespace.dc)
    static let dcterms = NamespaceSet(FeedNamespace.dcterms)

    /// The feed's own fields from the root's children, completed with `tail` (its problems
    /// follow the fields').
    ///
    /// In one pass over the children, as ``RSSFeedReader/readChannel(_:scope:format:problems:tail:)``:
    /// for each field the first (or last) child it is read from, and the links, authors and
    /// categories in document order (none of them has problems to say).
    func readFeed(_ root: FeedElement, scope: FeedScope, problems: inout [String], tail: FeedTail) -> Feed {
        var title: FeedElement?, subtitle: FeedElement?, idElement: FeedElement?, dcLanguage: FeedElement?
        var lastUpdated: FeedElement?, lastModified: FeedElement?, dcDate: FeedElement?
        var links: [FeedLink] = []
        var authors: [FeedPerson] = []
        var categories: [FeedCategory] = []
        for node in root.elementChildren {
            let child = FeedChildren.Child(node)
            guard child.tag != .other else { continue }
            if child.kind == .dc {
                if child.tag == .date, dcDate == nil { dcDate = node }
                if child.tag == .language, dcLanguage == nil { dcLanguage = node }
            }
            guard core.contains(child) else { continue }
            switch child.tag {
            case .title: if title == nil { title = node }
            case .subtitle, .tagline: if subtitle == nil { subtitle = node }
            case .link: if let link = Self.link(node, scope: scope) { links.append(link) }
            case .updated: lastUpdated = node
            case .modified: lastModified = node
            case .id: if idElement == nil { idElement = node }
            case .author: if let person = Self.person(node) { authors.append(person) }
            case .category: if let category = Self.category(node) { categories.append(category) }
            default: continue
            }
        }
        let titleDetail = title.map { FeedText(element: $0, flavor: flavor, scope: scope, problems: &problems) }
        let subtitleDetail = subtitle.map { FeedText(element: $0, flavor: flavor, scope: scope, problems: &problems) }
        let updated = FeedValues.date(lastUpdated, lastModified, dcDate, problems: &problems)
        let id = FeedValues.text(idElement).map { Self.resolveID($0, base: scope.base) }
        // The tail's problems follow the fields' in the same array (no new one made).
        problems.feedAppend(tail.problems)
        return Feed(
            format: format,
            link: Self.alternate(links),
            language: scope.language ?? FeedValues.text(dcLanguage),
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
    ///
    /// In one pass over the children, as ``readFeed(_:scope:problems:tail:)``: each field's
    /// first (or last) child of each name and namespace, and the links, categories and authors
    /// in document order. Only an entry with Media RSS children has them listed
    /// (``FeedChildren``) for the Media RSS rules.
    func readEntry(_ entry: FeedElement, locator: String, scope outer: FeedScope, problems: inout [String]) -> FeedItem {
        let scope = outer.entering(entry)
        var title: FeedElement?, dcTitle: FeedElement?, summary: FeedElement?, dcDescription: FeedElement?, idElement: FeedElement?
        var lastPublished: FeedElement?, lastIssued: FeedElement?, lastCreated: FeedElement?, dctermsIssued: FeedElement?, dcDate: FeedElement?
        var lastUpdated: FeedElement?, lastModified: FeedElement?, dctermsModified: FeedElement?
        var contentElements: [FeedElement] = []
        var links: [FeedLink] = []
        var coreTags: [FeedCategory] = []
        var dcTags: [FeedCategory] = []
        var authorDetails: [FeedPerson] = []
        var dcCreators: [FeedPerson] = []
        var notes = FeedValues.ChildNotes()
        for node in entry.elementChildren {
            let child = FeedChildren.Child(node)
            notes.note(child)
            guard child.tag != .other else { continue }
            if child.kind == .dc {
                switch child.tag {
                case .title: if dcTitle == nil { dcTitle = node }
                case .description: if dcDescription == nil { dcDescription = node }
                case .date: if dcDate == nil { dcDate = node }
                case .subject: if let term = FeedValues.text(node) { dcTags.append(FeedCategory(term: term)) }
                case .creator: if let text = FeedValues.text(node) { dcCreators.append(FeedPerson(rss: text)) }
                default: break
                }
            } else if child.kind == .dcterms {
                if child.tag == .issued, dctermsIssued == nil { dctermsIssued = node }
                if child.tag == .modified, dctermsModified == nil { dctermsModified = node }
            }
            guard core.contains(child) else { continue }
            switch child.tag {
            case .title: if title == nil { title = node }
            case .summary: if summary == nil { summary = node }
            case .content: contentElements.append(node)
            case .link: if let link = Self.link(node, scope: scope) { links.append(link) }
            case .published: lastPublished = node
            case .issued: lastIssued = node
            case .created: lastCreated = node
            case .updated: lastUpdated = node
            case .modified: lastModified = node
            case .id: if idElement == nil { idElement = node }
            case .category: if let category = Self.category(node) { coreTags.append(category) }
            case .author: if let person = Self.person(node) { authorDetails.append(person) }
            default: continue
            }
        }
        let media = notes.mediaChildren(of: entry)
        problems.feedAppend(notes.unboundPrefixProblems)
        let titleElement = title ?? dcTitle ?? media.flatMap { FeedValues.mediaElements("title", in: $0).first }
        let titleDetail = titleElement.map { FeedText(element: $0, flavor: core.contains($0.namespaceURI) ? flavor : .rss, scope: scope, problems: &problems) }
        let summaryElement = summary ?? dcDescription ?? media.flatMap { FeedValues.mediaElements("description", in: $0).first }
        let content = contentElements.map { FeedText(element: $0, flavor: flavor, scope: scope, problems: &problems) }
        let summaryDetail = summaryElement.map { FeedText(element: $0, flavor: core.contains($0.namespaceURI) ? flavor : .rss, scope: scope, problems: &problems) }
            ?? FeedText.summary(from: content)
        let enclosures = links.filter { $0.rel == "enclosure" }.map { FeedEnclosure(url: $0.href, type: $0.type, length: $0.length) }
        let published = FeedValues.date(lastPublished, lastIssued, lastCreated, dctermsIssued, dcDate, problems: &problems)
        let updated = FeedValues.date(lastUpdated, lastModified, dctermsModified, problems: &problems)
        let id = FeedValues.text(idElement).map { Self.resolveID($0, base: scope.entering(idElement!).base) }
        var tags = coreTags
        tags += dcTags
        if let media { tags += FeedValues.mediaTags(media) }
        authorDetails += dcCreators
        // Moved into the item, as in RSSFeedReader.readItem.
        let link = Self.alternate(links)
        let categories = tags.map { $0.label ?? $0.term }
        let authors = authorDetails.compactMap { $0.name ?? $0.email }
        let mediaItems = media.map { FeedValues.media($0, scope: scope) } ?? []
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
            media: consume mediaItems,
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
        // The first child of each name, in whatever namespace.
        var name: FeedElement?, email: FeedElement?, uri: FeedElement?, url: FeedElement?
        for child in node.elementChildren {
            if name == nil, child.hasName("name") { name = child }
            if email == nil, child.hasName("email") { email = child }
            if uri == nil, child.hasName("uri") { uri = child }
            if url == nil, child.hasName("url") { url = child }
        }
        let person = FeedPerson(name: FeedValues.text(name), email: FeedValues.text(email), uri: FeedValues.text(uri ?? url))
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
