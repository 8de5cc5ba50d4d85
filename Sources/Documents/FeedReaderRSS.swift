import Foundation

/// The rules of RSS 0.90–0.94, 1.0 (RDF) and 2.0, with their extensions: the channel's fields
/// and the items. Which elements are the channel and the items is ``FeedEventReader``'s part.
struct RSSFeedReader {
    /// RSS's own elements: no namespace, the root's namespace, or one RSS was published under.
    let core: NamespaceSet

    init(rootNamespace: String?) {
        // RSS's own namespaces already hold the usual roots' (none, 1.0, 0.90).
        self.init(core: FeedNamespace.rssSet.contains(rootNamespace) ? FeedNamespace.rssSet : NamespaceSet(FeedNamespace.rss + [rootNamespace]))
    }

    /// The rules with `core` as RSS's own elements (what ``init(rootNamespace:)`` found for a root).
    init(core: NamespaceSet) {
        self.core = core
    }

    static let dc = NamespaceSet(FeedNamespace.dc)
    static let dcterms = NamespaceSet(FeedNamespace.dcterms)
    static let content = NamespaceSet(FeedNamespace.content)
    static let atom = NamespaceSet(FeedNamespace.atom)
    static let xhtml = NamespaceSet(FeedNamespace.xhtml)

    /// The format of `<rss>`: its `version`, and for 0.91 whether the DOCTYPE in the document's
    /// first bytes (`head`) names Netscape's DTD (feedparser's `rss091n`).
    static func format(version: String?, head: [UInt8]) -> Feed.Format {
        guard var version = version?.feedTrimmed else { return .rss }
        // By bytes (comparing strings and the prefix test by characters cost more than the rest
        // of the format): no character is canonically equivalent to these digits and ".", and
        // an ASCII byte after "2." cannot join the "." into one character.
        return version.withUTF8 { v -> Feed.Format? in
            let zero = UInt8(ascii: "0"), dot = UInt8(ascii: "."), nine = UInt8(ascii: "9")
            if v.count == 3 || v.count == 4, v[0] == zero, v[1] == dot, v[2] == nine {
                guard v.count == 4 else { return .rss090 }
                switch v[3] {
                case zero: return .rss090
                case UInt8(ascii: "1"):
                    return FeedReader.firstIndex(of: Array("Netscape Communications//DTD RSS 0.91".utf8), in: head, limit: 4096) != nil ? .rss091Netscape : .rss091
                case UInt8(ascii: "2"): return .rss092
                case UInt8(ascii: "3"): return .rss093
                case UInt8(ascii: "4"): return .rss094
                default: return .rss
                }
            }
            guard v.count >= 2, v[0] == UInt8(ascii: "2"), v[1] == dot else { return .rss }
            return v.count == 2 || v[2] < 0x80 ? .rss20 : nil
        } ?? (version.hasPrefix("2.") ? .rss20 : .rss)
    }

    /// The format of `<rdf:RDF>`: by the namespaces of its children (`channel`, `item`: whether
    /// one is in RSS 1.0's, or RSS 0.90's), else by the default namespace declared in the
    /// document's first bytes.
    static func rdfFormat(rss10Child: Bool, rss090Child: Bool, head: [UInt8]) -> Feed.Format {
        if rss10Child { return .rss10 }
        if rss090Child { return .rss090 }
        return FeedReader.firstIndex(of: Array(FeedNamespace.rss090.utf8), in: head, limit: 4096) != nil ? .rss090 : .rss10
    }

    // MARK: Channel and items

    /// The channel's own fields, from the children of `channel` (the channel, or an RSS root
    /// without one; `nil`: none), completed with `tail` (its problems follow the fields').
    ///
    /// One pass over the children finds, for each field, the first child of each name and
    /// namespace it is read from, in order of preference (`title`, else `dc:title`; …): a
    /// channel is read once per document, and a feed of a few hundred bytes spent a good part
    /// of its time looking its few children up name after name.
    func readChannel(_ channel: FeedElement?, scope: FeedScope, format: Feed.Format, problems: inout [String], tail: FeedTail) -> Feed {
        var title: FeedElement?, dcTitle: FeedElement?
        var description: FeedElement?, dcDescription: FeedElement?, atomSubtitle: FeedElement?, tagline: FeedElement?
        var coreLinkElement: FeedElement?
        var language: FeedElement?, dcLanguage: FeedElement?
        var lastBuildDate: FeedElement?, dcDate: FeedElement?, modified: FeedElement?, atomUpdated: FeedElement?, pubDate: FeedElement?
        var links: [FeedLink] = []
        var hasAuthors = false, hasCategories = false
        // Each field's first child of each name and namespace, as if looked up one by one (a
        // child may be in RSS's own namespaces and in another one).
        var children = channel?.elementChildren
        while let node = children?.next() {
            let child = FeedChildren.Child(node)
            let (tag, kind) = (child.tag, child.kind)
            guard tag != .other else { continue }
            let isCore = core.contains(child)
            switch tag {
            case .title:
                if isCore, title == nil { title = node }
                if kind == .dc, dcTitle == nil { dcTitle = node }
            case .description:
                if isCore, description == nil { description = node }
                if kind == .dc, dcDescription == nil { dcDescription = node }
            case .subtitle where child.isAtom: if atomSubtitle == nil { atomSubtitle = node }
            case .tagline where isCore: if tagline == nil { tagline = node }
            case .link:
                // Links in document order: RSS's (with a value), else Atom's.
                if isCore, coreLinkElement == nil { coreLinkElement = node }
                if isCore, let href = FeedValues.text(node) {
                    if let resolved = FeedURI.link(href, against: scope.entering(node).base) { links.append(FeedLink(href: resolved)) }
                } else if child.isAtom, let link = AtomFeedReader.link(node, scope: scope) {
                    links.append(link)
                }
            case .language:
                if isCore, language == nil { language = node }
                if kind == .dc, dcLanguage == nil { dcLanguage = node }
            case .lastBuildDate where isCore: if lastBuildDate == nil { lastBuildDate = node }
            case .pubDate where isCore: if pubDate == nil { pubDate = node }
            case .date where kind == .dc: if dcDate == nil { dcDate = node }
            case .modified where kind == .dcterms: if modified == nil { modified = node }
            case .updated where child.isAtom: if atomUpdated == nil { atomUpdated = node }
            case .managingEditor where isCore, .creator where kind == .dc, .author where kind == .dc: hasAuthors = true
            case .category where isCore, .subject where kind == .dc: hasCategories = true
            default: continue
            }
        }
        let titleDetail = (title ?? dcTitle).map { FeedText(element: $0, flavor: .rss, scope: scope, problems: &problems) }
        let subtitleDetail = (description ?? dcDescription ?? atomSubtitle ?? tagline).map {
            FeedText(element: $0, flavor: Self.flavor(of: $0), scope: scope, problems: &problems)
        }
        let coreLink = coreLinkElement.flatMap { FeedURI.link(FeedValues.text($0), against: scope.entering($0).base) }
        let languageValue = FeedValues.text(language) ?? FeedValues.text(dcLanguage) ?? scope.language
        let updated = FeedValues.date(lastBuildDate, dcDate, modified, atomUpdated, pubDate, problems: &problems)
        // Authors and categories name by name, each in document order.
        var authors: [FeedPerson] = []
        var categories: [FeedCategory] = []
        if hasAuthors, let channel {
            func addAuthors(_ tag: FeedTag, _ namespaces: NamespaceSet) {
                for node in channel.elementChildren {
                    let child = FeedChildren.Child(node)
                    if child.tag == tag, namespaces.contains(child), let t = FeedValues.text(node) { authors.append(FeedPerson(rss: t)) }
                }
            }
            addAuthors(.managingEditor, core)
            addAuthors(.creator, Self.dc)
            addAuthors(.author, Self.dc)
        }
        if hasCategories, let channel {
            for node in channel.elementChildren {
                let child = FeedChildren.Child(node)
                if child.tag == .category, core.contains(child), let term = FeedValues.text(node) {
                    categories.append(FeedCategory(term: term, scheme: FeedValues.nonEmpty(node.attribute("domain"))))
                }
            }
            for node in channel.elementChildren where node.tagAndNamespaceKind == (.subject, .dc) {
                if let term = FeedValues.text(node) { categories.append(FeedCategory(term: term)) }
            }
        }
        // The tail's problems follow the fields' in the same array (no new one made).
        problems.feedAppend(tail.problems)
        return Feed(
            format: format,
            link: coreLink ?? links.first { $0.rel == "alternate" }?.href,
            language: languageValue,
            updated: updated,
            id: nil,
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

    /// One item; `scope` is the channel's (RSS 1.0: the document's).
    func readItem(_ item: FeedElement, locator: String, scope outer: FeedScope, problems: inout [String]) -> FeedItem {
        let scope = outer.entering(item)
        let c = FeedChildren(item)
        problems.feedAppend(FeedValues.undeclaredPrefixProblems(c))

        // Children looked up by tag (`FeedTag`), the same children as by name.
        let titleElement = c.first(.title, core) ?? c.first(.title, Self.dc) ?? FeedValues.mediaElements("title", in: c).first
            ?? c.first(.title, Self.atom)
        let titleDetail = titleElement.map { FeedText(element: $0, flavor: Self.flavor(of: $0), scope: scope, problems: &problems) }

        // feedparser's rule: of <description> and <summary>, the first is the summary and the
        // other is content.
        var describingIndices = (first: -1, second: -1)
        for k in c.all.indices where (c.all[k].tag == .description || c.all[k].tag == .summary) && core.contains(c.all[k]) {
            if describingIndices.first < 0 { describingIndices.first = k } else if describingIndices.second < 0 { describingIndices.second = k; break }
        }
        var content: [FeedText] = []
        let summaryElement = (describingIndices.first >= 0 ? c.all[describingIndices.first].node : nil) ?? c.first(.description, Self.dc) ?? c.first(.summary, Self.atom)
            ?? FeedValues.mediaElements("description", in: c).first
        let explicitSummary = summaryElement.map { FeedText(element: $0, flavor: Self.flavor(of: $0), scope: scope, problems: &problems) }
        for (index, child) in c.all.enumerated() {
            let isContent = (child.tag == .encoded && child.kind == .content)
                || (child.tag == .body && child.kind == .xhtml)
                || (child.tag == .fullitem && core.contains(child))
                || (child.tag == .content && child.isAtom)
                || index == describingIndices.second
            guard isContent else { continue }
            var text = FeedText(element: child.node, flavor: Self.flavor(of: child.node), scope: scope, problems: &problems)
            if child.tag == .encoded || child.tag == .fullitem { text.type = "text/html" }
            content.append(text)
        }

        // Links in document order: <link>, atom:link, enclosures.
        var links: [FeedLink] = []
        var enclosures: [FeedEnclosure] = []
        var coreLink: String?
        for child in c.all {
            let node = child.node
            if child.tag == .link, core.contains(child) {
                if let href = FeedURI.link(FeedValues.text(node), against: scope.entering(node).base) {
                    if coreLink == nil { coreLink = href }
                    links.append(FeedLink(href: href))
                }
            } else if child.tag == .link, child.isAtom, let link = AtomFeedReader.link(node, scope: scope) {
                links.append(link)
                if link.rel == "enclosure" { enclosures.append(FeedEnclosure(url: link.href, type: link.type, length: link.length)) }
            } else if child.tag == .enclosure, core.contains(child),
                      let url = FeedURI.link(node.attribute("url"), against: scope.entering(node).base) {
                let type = FeedValues.nonEmpty(node.attribute("type"))
                let length = FeedValues.integer(node.attribute("length"))
                enclosures.append(FeedEnclosure(url: url, type: type, length: length))
                links.append(FeedLink(href: url, rel: "enclosure", type: type, length: length))
            }
        }

        let summaryDetail = explicitSummary ?? FeedText.summary(from: content)
        let guid = c.first(.guid, core)
        let guidText = FeedValues.text(guid)
        var link = coreLink ?? links.first { $0.rel == "alternate" }?.href
        if link == nil, let guid, let guidText, !(guid.attribute("isPermaLink").map { $0.feedEqualsIgnoringASCIICase("false") } ?? false) {
            link = FeedURI.link(guidText, against: scope.entering(guid).base)
            if let link { links.append(FeedLink(href: link)) }
        }
        let id = guidText ?? item.attribute("about", namespaceURI: FeedNamespace.rdf) ?? FeedValues.text(c.first(.id, Self.atom))

        let dcDate = c.first(.date, Self.dc)
        let published = FeedValues.date(c.first(.pubDate, core), c.first(.issued, Self.dcterms), c.first(.published, Self.atom), dcDate, problems: &problems)
        var ignored: [String] = []
        let updated = FeedValues.date(c.first(.modified, Self.dcterms), c.first(.updated, Self.atom), problems: &problems)
            ?? FeedValues.date(dcDate, problems: &ignored)

        var tags: [FeedCategory] = []
        var categories: [String] = []
        for child in c.all {
            let node = child.node
            // Categories and authors repeat from item to item: shared (`sharedText`).
            if child.tag == .category, core.contains(child), let term = FeedValues.sharedText(node) {
                tags.append(FeedCategory(term: term, scheme: FeedValues.nonEmpty(node.attribute("domain"))))
                categories.append(term)
            } else if child.tag == .subject, child.kind == .dc, let term = FeedValues.sharedText(node) {
                tags.append(FeedCategory(term: term))
                categories.append(term)
            } else if child.tag == .tags, core.contains(child), let words = FeedValues.text(node) {
                // A made-up element some feeds use: comma-separated tags.
                for word in words.split(separator: ",") {
                    if let term = FeedValues.nonEmpty(String(word)) { tags.append(FeedCategory(term: term)) }
                }
            } else if child.tag == .category, child.isAtom, let term = FeedValues.nonEmpty(node.attribute("term")) {
                tags.append(FeedCategory(term: term, scheme: FeedValues.nonEmpty(node.attribute("scheme")), label: FeedValues.nonEmpty(node.attribute("label"))))
                categories.append(FeedValues.nonEmpty(node.attribute("label")) ?? term)
            }
        }
        tags += FeedValues.mediaTags(c)

        var authors: [String] = []
        var authorDetails: [FeedPerson] = []
        for child in c.all {
            let isAuthor = (child.tag == .author && core.contains(child))
                || ((child.tag == .creator || child.tag == .author) && child.kind == .dc)
            if isAuthor, let t = FeedValues.sharedText(child.node) {
                authors.append(t)
                authorDetails.append(FeedPerson(rss: t))
            } else if child.tag == .author, child.isAtom, let person = AtomFeedReader.person(child.node) {
                if let name = person.name ?? person.email { authors.append(name) }
                authorDetails.append(person)
            }
        }

        // The values are moved into the item (`consume`): passed as they are, each array and
        // string was retained for the item and released after it, and the item copied once.
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

    /// Atom elements inside RSS are Atom text constructs; the rest is RSS text.
    static func flavor(of element: FeedElement) -> TextFlavor {
        switch element.namespaceURI {
        case FeedNamespace.atom10?: .atom10
        case FeedNamespace.atom03?: .atom03
        default: .rss
        }
    }
}
