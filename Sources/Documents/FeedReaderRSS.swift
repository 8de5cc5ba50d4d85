import Foundation

/// The rules of RSS 0.90–0.94, 1.0 (RDF) and 2.0, with their extensions: the channel's fields
/// and the items. Which elements are the channel and the items is ``FeedEventReader``'s part.
struct RSSFeedReader {
    /// RSS's own elements: no namespace, the root's namespace, or one RSS was published under.
    let core: NamespaceSet

    /// The rules for a root whose namespace is of `kind` (`uri` is its URI, needed only for a
    /// kind of `other`).
    init(rootNamespace kind: FeedNamespaceKind, _ uri: String?) {
        // RSS's own namespaces already hold the usual roots' (none, 1.0, 0.90).
        self.init(core: FeedNamespace.rssSet.adding(kind, uri))
    }

    /// The rules with `core` as RSS's own elements (what ``init(rootNamespace:_:)`` found for a root).
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
        // The first RSS link's value (`nil` when it has none), and whether one came.
        var coreLink: String?, sawCoreLink = false
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
                if isCore, let href = FeedValues.text(node) {
                    let resolved = FeedURI.link(href, against: scope.entering(node).base)
                    if let resolved { links.append(FeedLink(href: resolved)) }
                    if !sawCoreLink { coreLink = resolved }
                } else if child.isAtom, let link = AtomFeedReader.link(node, scope: scope) {
                    links.append(link)
                }
                if isCore { sawCoreLink = true }
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
    ///
    /// In one pass over the children, as ``readChannel(_:scope:format:problems:tail:)``: each
    /// field's first child of each name and namespace, and the links, enclosures, categories
    /// and authors in document order. Only an item with Media RSS children has them listed
    /// (``FeedChildren``) for the Media RSS rules.
    func readItem(_ item: FeedElement, locator: String, scope outer: FeedScope, problems: inout [String]) -> FeedItem {
        let scope = outer.entering(item)
        var title: FeedElement?, dcTitle: FeedElement?, atomTitle: FeedElement?
        // feedparser's rule: of <description> and <summary>, the first is the summary and the
        // other is content.
        var describing: FeedElement?, describingCount = 0
        var dcDescription: FeedElement?, atomSummary: FeedElement?
        var guid: FeedElement?, atomID: FeedElement?
        var pubDate: FeedElement?, dctermsIssued: FeedElement?, atomPublished: FeedElement?, dcDate: FeedElement?
        var dctermsModified: FeedElement?, atomUpdated: FeedElement?
        /// Content in document order, and whether it is HTML whatever it says.
        var contentElements: [(node: FeedElement, isHTML: Bool)] = []
        // Links in document order: <link>, atom:link, enclosures.
        var links: [FeedLink] = []
        var enclosures: [FeedEnclosure] = []
        var coreLink: String?
        var tags: [FeedCategory] = []
        var categories: [String] = []
        var authors: [String] = []
        var authorDetails: [FeedPerson] = []
        var notes = FeedValues.ChildNotes()
        for node in item.elementChildren {
            let child = FeedChildren.Child(node)
            notes.note(child)
            let tag = child.tag
            guard tag != .other else { continue }
            let kind = child.kind
            let isCore = core.contains(child)
            let isAtom = child.isAtom
            switch tag {
            case .title:
                if isCore, title == nil { title = node }
                if kind == .dc, dcTitle == nil { dcTitle = node }
                if isAtom, atomTitle == nil { atomTitle = node }
            case .description, .summary:
                if isCore {
                    describingCount += 1
                    if describingCount == 1 { describing = node } else if describingCount == 2 { contentElements.append((node, false)) }
                }
                if tag == .description, kind == .dc, dcDescription == nil { dcDescription = node }
                if tag == .summary, isAtom, atomSummary == nil { atomSummary = node }
            case .encoded where kind == .content: contentElements.append((node, true))
            case .body where kind == .xhtml: contentElements.append((node, false))
            case .fullitem where isCore: contentElements.append((node, true))
            case .content where isAtom: contentElements.append((node, false))
            case .link:
                if isCore {
                    if let href = FeedURI.link(FeedValues.text(node), against: scope.entering(node).base) {
                        if coreLink == nil { coreLink = href }
                        links.append(FeedLink(href: href))
                    }
                } else if isAtom, let link = AtomFeedReader.link(node, scope: scope) {
                    links.append(link)
                    if link.rel == "enclosure" { enclosures.append(FeedEnclosure(url: link.href, type: link.type, length: link.length)) }
                }
            case .enclosure where isCore:
                if let url = FeedURI.link(node.attribute("url"), against: scope.entering(node).base) {
                    let type = FeedValues.nonEmpty(node.attribute("type"))
                    let length = FeedValues.integer(node.attribute("length"))
                    enclosures.append(FeedEnclosure(url: url, type: type, length: length))
                    links.append(FeedLink(href: url, rel: "enclosure", type: type, length: length))
                }
            case .guid where isCore: if guid == nil { guid = node }
            case .id where isAtom: if atomID == nil { atomID = node }
            case .pubDate where isCore: if pubDate == nil { pubDate = node }
            case .issued where kind == .dcterms: if dctermsIssued == nil { dctermsIssued = node }
            case .published where isAtom: if atomPublished == nil { atomPublished = node }
            case .date where kind == .dc: if dcDate == nil { dcDate = node }
            case .modified where kind == .dcterms: if dctermsModified == nil { dctermsModified = node }
            case .updated where isAtom: if atomUpdated == nil { atomUpdated = node }
            // Categories and authors repeat from item to item: shared (`sharedText`).
            // (An RSS element without a value may still be read as Atom's, here and below.)
            case .category:
                if isCore, let term = FeedValues.sharedText(node) {
                    tags.append(FeedCategory(term: term, scheme: FeedValues.nonEmpty(node.attribute("domain"))))
                    categories.append(term)
                } else if isAtom, let term = FeedValues.nonEmpty(node.attribute("term")) {
                    tags.append(FeedCategory(term: term, scheme: FeedValues.nonEmpty(node.attribute("scheme")), label: FeedValues.nonEmpty(node.attribute("label"))))
                    categories.append(FeedValues.nonEmpty(node.attribute("label")) ?? term)
                }
            case .subject where kind == .dc:
                if let term = FeedValues.sharedText(node) {
                    tags.append(FeedCategory(term: term))
                    categories.append(term)
                }
            case .tags where isCore:
                // A made-up element some feeds use: comma-separated tags.
                if let words = FeedValues.text(node) {
                    for word in words.split(separator: ",") {
                        if let term = FeedValues.nonEmpty(String(word)) { tags.append(FeedCategory(term: term)) }
                    }
                }
            case .author, .creator:
                if (tag == .author && isCore) || kind == .dc, let t = FeedValues.sharedText(node) {
                    authors.append(t)
                    authorDetails.append(FeedPerson(rss: t))
                } else if tag == .author, isAtom, let person = AtomFeedReader.person(node) {
                    if let name = person.name ?? person.email { authors.append(name) }
                    authorDetails.append(person)
                }
            default: continue
            }
        }
        let media = notes.mediaChildren(of: item)
        problems.feedAppend(notes.unboundPrefixProblems)

        let titleElement = title ?? dcTitle ?? media.flatMap { FeedValues.mediaElements("title", in: $0).first } ?? atomTitle
        let titleDetail = titleElement.map { FeedText(element: $0, flavor: Self.flavor(of: $0), scope: scope, problems: &problems) }
        let summaryElement = describing ?? dcDescription ?? atomSummary ?? media.flatMap { FeedValues.mediaElements("description", in: $0).first }
        let explicitSummary = summaryElement.map { FeedText(element: $0, flavor: Self.flavor(of: $0), scope: scope, problems: &problems) }
        let content = contentElements.map { element in
            var text = FeedText(element: element.node, flavor: Self.flavor(of: element.node), scope: scope, problems: &problems)
            if element.isHTML { text.type = "text/html" }
            return text
        }

        let summaryDetail = explicitSummary ?? FeedText.summary(from: content)
        let guidText = FeedValues.text(guid)
        var link = coreLink ?? links.first { $0.rel == "alternate" }?.href
        if link == nil, let guid, let guidText, !(guid.attribute("isPermaLink").map { $0.feedEqualsIgnoringASCIICase("false") } ?? false) {
            link = FeedURI.link(guidText, against: scope.entering(guid).base)
            if let link { links.append(FeedLink(href: link)) }
        }
        let id = guidText ?? item.attribute("about", namespaceURI: FeedNamespace.rdf) ?? FeedValues.text(atomID)

        let published = FeedValues.date(pubDate, dctermsIssued, atomPublished, dcDate, problems: &problems)
        var ignored: [String] = []
        let updated = FeedValues.date(dctermsModified, atomUpdated, problems: &problems) ?? FeedValues.date(dcDate, problems: &ignored)

        if let media { tags += FeedValues.mediaTags(media) }
        // The values are moved into the item (`consume`): passed as they are, each array and
        // string was retained for the item and released after it, and the item copied once.
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

    /// Atom elements inside RSS are Atom text constructs; the rest is RSS text.
    static func flavor(of element: FeedElement) -> TextFlavor {
        switch element.namespaceURI {
        case FeedNamespace.atom10?: .atom10
        case FeedNamespace.atom03?: .atom03
        default: .rss
        }
    }
}
