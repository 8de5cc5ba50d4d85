public import Foundation

/// A news feed: RSS 0.9x/1.0/2.0 or Atom 0.3/1.0, in one shape.
///
/// The `…Detail` fields keep a text as published, with its type; the plain fields (`title`,
/// `subtitle`, an item's `title` and `summary`) are made from them when read: markup removed,
/// whitespace normalised.
public struct Feed: Sendable, Hashable, Codable {
    /// The format and version the feed declared.
    public enum Format: String, Sendable, Hashable, Codable {
        /// RSS 0.90 (RDF-based, Netscape).
        case rss090 = "rss-0.90"
        /// RSS 0.91 without Netscape's DOCTYPE (UserLand's).
        case rss091 = "rss-0.91"
        /// RSS 0.91 with Netscape's DOCTYPE.
        case rss091Netscape = "rss-0.91n"
        /// RSS 0.92.
        case rss092 = "rss-0.92"
        /// RSS 0.93.
        case rss093 = "rss-0.93"
        /// RSS 0.94.
        case rss094 = "rss-0.94"
        /// RSS 1.0 (RDF Site Summary).
        case rss10 = "rss-1.0"
        /// RSS 2.0.
        case rss20 = "rss-2.0"
        /// `<rss>` without a `version` attribute (read as RSS 2.0).
        case rss = "rss"
        /// Atom 0.3 (the pre-standard draft).
        case atom03 = "atom-0.3"
        /// Atom 1.0 (RFC 4287).
        case atom10 = "atom-1.0"
    }

    /// The format and version the feed declared.
    public var format: Format
    /// The site the feed belongs to (absolute).
    public var link: String?
    /// `language`, `dc:language` or `xml:lang`.
    public var language: String?
    /// When the feed was last updated (RSS `lastBuildDate`, `dc:date`, `dcterms:modified`, `pubDate`;
    /// Atom `updated`, `modified`), if given and readable.
    public var updated: Date?
    /// Atom's `id`.
    public var id: String?
    /// The title as published, with its type.
    public var titleDetail: FeedText?
    /// The description, subtitle or tagline as published, with its type.
    public var subtitleDetail: FeedText?
    /// Every link of the feed (Atom `link`s, RSS `link` and `atom:link`), in document order.
    public var links: [FeedLink]
    /// Authors and editors of the feed.
    public var authors: [FeedPerson]
    /// Categories of the feed.
    public var categories: [FeedCategory]
    /// The character encoding the bytes were read with (`"UTF-8"`, `"WINDOWS-1252"` …).
    public var encoding: String?
    /// The items (entries) in document order.
    public var items: [FeedItem]
    /// Problems met while reading: the XML was not well-formed and was recovered, entities were
    /// undefined, the encoding label was wrong, a date could not be read. Empty for a clean feed
    /// (feedparser's "bozo" is `!problems.isEmpty`).
    public var problems: [String]

    // The stored properties follow another order than the public initialiser, which is in an
    // extension: the reader builds feeds with the compiler's memberwise initialiser, which
    // does not copy the new value at its end as an initialiser assigning field by field does
    // (see FeedItem).
}

extension Feed {
    /// Creates a feed; ``FeedReader`` builds these from bytes.
    ///
    /// `title` and `subtitle` are kept as plain-text details where `titleDetail` and
    /// `subtitleDetail` are not given; where they are, the plain values are made from them.
    public init(
        format: Format, title: String?, link: String?, subtitle: String?, language: String?, updated: Date?,
        items: [FeedItem], problems: [String], id: String? = nil, titleDetail: FeedText? = nil,
        subtitleDetail: FeedText? = nil, links: [FeedLink] = [], authors: [FeedPerson] = [],
        categories: [FeedCategory] = [], encoding: String? = nil
    ) {
        self.init(
            format: format, link: link, language: language, updated: updated, id: id,
            titleDetail: titleDetail ?? FeedText(plain: title), subtitleDetail: subtitleDetail ?? FeedText(plain: subtitle),
            links: links, authors: authors, categories: categories, encoding: encoding, items: items, problems: problems
        )
    }

    /// The feed's title as plain text: ``titleDetail`` without markup, whitespace normalised;
    /// `nil` when there is none or it is empty.
    ///
    /// Made from ``titleDetail`` each time it is read. Setting it sets ``titleDetail`` to
    /// plain text (`nil`: no title).
    public var title: String? {
        get { titleDetail?.nonEmptyPlainText }
        set { titleDetail = FeedText(plain: newValue) }
    }

    /// The description (RSS) or subtitle/tagline (Atom) as plain text: ``subtitleDetail``
    /// without markup, whitespace normalised; `nil` when there is none or it is empty.
    ///
    /// Made from ``subtitleDetail`` each time it is read. Setting it sets ``subtitleDetail`` to
    /// plain text.
    public var subtitle: String? {
        get { subtitleDetail?.nonEmptyPlainText }
        set { subtitleDetail = FeedText(plain: newValue) }
    }

    private enum CodingKeys: String, CodingKey {
        case format, title, link, subtitle, language, updated, id, titleDetail, subtitleDetail, links, authors, categories, encoding
        case items, problems
    }

    /// Decodes JSON written by this version or an earlier one (fields added later may be absent).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(Format.self, forKey: .format)
        link = try c.decodeIfPresent(String.self, forKey: .link)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        updated = try c.decodeIfPresent(Date.self, forKey: .updated)
        items = try c.decodeIfPresent([FeedItem].self, forKey: .items) ?? []
        problems = try c.decodeIfPresent([String].self, forKey: .problems) ?? []
        id = try c.decodeIfPresent(String.self, forKey: .id)
        // JSON from before the details were written has only the plain values.
        titleDetail = try c.decodeIfPresent(FeedText.self, forKey: .titleDetail)
            ?? FeedText(plain: c.decodeIfPresent(String.self, forKey: .title))
        subtitleDetail = try c.decodeIfPresent(FeedText.self, forKey: .subtitleDetail)
            ?? FeedText(plain: c.decodeIfPresent(String.self, forKey: .subtitle))
        links = try c.decodeIfPresent([FeedLink].self, forKey: .links) ?? []
        authors = try c.decodeIfPresent([FeedPerson].self, forKey: .authors) ?? []
        categories = try c.decodeIfPresent([FeedCategory].self, forKey: .categories) ?? []
        encoding = try c.decodeIfPresent(String.self, forKey: .encoding)
    }

    /// Writes every field, the plain `title` and `subtitle` included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(link, forKey: .link)
        try c.encodeIfPresent(subtitle, forKey: .subtitle)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(updated, forKey: .updated)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(titleDetail, forKey: .titleDetail)
        try c.encodeIfPresent(subtitleDetail, forKey: .subtitleDetail)
        try c.encode(links, forKey: .links)
        try c.encode(authors, forKey: .authors)
        try c.encode(categories, forKey: .categories)
        try c.encodeIfPresent(encoding, forKey: .encoding)
        try c.encode(items, forKey: .items)
        try c.encode(problems, forKey: .problems)
    }
}

/// One entry of a feed.
public struct FeedItem: Sendable, Hashable, Codable {
    /// The item's web page (absolute).
    public var link: String?
    /// `guid` (RSS), `id` (Atom) or `rdf:about` (RSS 1.0); `nil` when the feed gives none.
    public var id: String?
    /// `pubDate`, `published`, `issued`, `dcterms:issued` or `dc:date`.
    public var published: Date?
    /// `updated`, `modified`, `dcterms:modified` or `dc:date`.
    public var updated: Date?
    /// Category labels (or terms).
    public var categories: [String]
    /// Author names.
    public var authors: [String]

    /// The title as published, with its type.
    public var titleDetail: FeedText?
    /// The summary or description as published, with its type; the first content when there is
    /// none (as feedparser does).
    public var summaryDetail: FeedText?
    /// Full content: Atom `content`, `content:encoded`, `xhtml:body`, …
    public var content: [FeedText]
    /// Every link, in document order (RSS enclosures appear as links with rel `enclosure`).
    public var links: [FeedLink]
    /// Enclosures: RSS `enclosure` and Atom links with rel `enclosure`.
    public var enclosures: [FeedEnclosure]
    /// Categories with their scheme (RSS `domain`) and label.
    public var tags: [FeedCategory]
    /// Authors with e-mail and web address where given.
    public var authorDetails: [FeedPerson]
    /// Media RSS `media:content` and `media:thumbnail`.
    public var media: [FeedMedia]
    /// XPath of the item element.
    public var locator: String

    // Why the stored properties are not in the order of the public initialiser's parameters,
    // which is written in an extension: Swift 6.3 copies the value once at the end
    // of any initialiser that assigns its fields one by one (it does not promote the partly
    // initialised `self`: a retain and a release of every field). The initialiser it makes
    // itself (memberwise, internal) builds the value whole, without the copy; it exists only
    // while no initialiser is declared in the type's body, and its parameters follow the
    // stored properties, so their order differs from the public one (the same signature
    // would redeclare it). Order is no part of the API: JSON is written with sorted keys.
}

extension FeedItem {
    /// Creates an item; ``FeedReader`` builds these from bytes.
    ///
    /// `title` and `summary` are kept as plain-text details where `titleDetail` and
    /// `summaryDetail` are not given; where they are, the plain values are made from them.
    public init(
        title: String?, link: String?, id: String?, published: Date?, updated: Date?, summary: String?,
        categories: [String], authors: [String], locator: String, titleDetail: FeedText? = nil,
        summaryDetail: FeedText? = nil, content: [FeedText] = [], links: [FeedLink] = [],
        enclosures: [FeedEnclosure] = [], tags: [FeedCategory] = [], authorDetails: [FeedPerson] = [],
        media: [FeedMedia] = []
    ) {
        self.init(
            link: link, id: id, published: published, updated: updated, categories: categories, authors: authors,
            titleDetail: titleDetail ?? FeedText(plain: title), summaryDetail: summaryDetail ?? FeedText(plain: summary),
            content: content, links: links, enclosures: enclosures, tags: tags, authorDetails: authorDetails, media: media,
            locator: locator
        )
    }

    /// The title as plain text: ``titleDetail`` without markup, whitespace normalised; `nil`
    /// when there is none or it is empty.
    ///
    /// Made from ``titleDetail`` each time it is read (not when the feed is read: a reader that
    /// never asks does not pay for it); keep the value if you read it often. Setting it sets
    /// ``titleDetail`` to plain text (`nil`: no title).
    public var title: String? {
        get { titleDetail?.nonEmptyPlainText }
        set { titleDetail = FeedText(plain: newValue) }
    }

    /// The summary or description as plain text: ``summaryDetail`` (the first content when
    /// there is no summary) without markup, whitespace normalised; `nil` when there is none or
    /// it is empty.
    ///
    /// Made from ``summaryDetail`` each time it is read, as ``title``. Setting it sets
    /// ``summaryDetail`` to plain text.
    public var summary: String? {
        get { summaryDetail?.nonEmptyPlainText }
        set { summaryDetail = FeedText(plain: newValue) }
    }

    private enum CodingKeys: String, CodingKey {
        case title, link, id, published, updated, summary, categories, authors, titleDetail, summaryDetail, content, links
        case enclosures, tags, authorDetails, media, locator
    }
}

extension FeedItem {
    /// Decodes JSON written by this version or an earlier one (fields added later may be absent).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        link = try c.decodeIfPresent(String.self, forKey: .link)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        published = try c.decodeIfPresent(Date.self, forKey: .published)
        updated = try c.decodeIfPresent(Date.self, forKey: .updated)
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        authors = try c.decodeIfPresent([String].self, forKey: .authors) ?? []
        locator = try c.decode(String.self, forKey: .locator)
        // JSON from before the details were written has only the plain values.
        titleDetail = try c.decodeIfPresent(FeedText.self, forKey: .titleDetail)
            ?? FeedText(plain: c.decodeIfPresent(String.self, forKey: .title))
        summaryDetail = try c.decodeIfPresent(FeedText.self, forKey: .summaryDetail)
            ?? FeedText(plain: c.decodeIfPresent(String.self, forKey: .summary))
        content = try c.decodeIfPresent([FeedText].self, forKey: .content) ?? []
        links = try c.decodeIfPresent([FeedLink].self, forKey: .links) ?? []
        enclosures = try c.decodeIfPresent([FeedEnclosure].self, forKey: .enclosures) ?? []
        tags = try c.decodeIfPresent([FeedCategory].self, forKey: .tags) ?? []
        authorDetails = try c.decodeIfPresent([FeedPerson].self, forKey: .authorDetails) ?? []
        media = try c.decodeIfPresent([FeedMedia].self, forKey: .media) ?? []
    }

    /// Writes every field, the plain `title` and `summary` included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(link, forKey: .link)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(published, forKey: .published)
        try c.encodeIfPresent(updated, forKey: .updated)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encode(categories, forKey: .categories)
        try c.encode(authors, forKey: .authors)
        try c.encodeIfPresent(titleDetail, forKey: .titleDetail)
        try c.encodeIfPresent(summaryDetail, forKey: .summaryDetail)
        try c.encode(content, forKey: .content)
        try c.encode(links, forKey: .links)
        try c.encode(enclosures, forKey: .enclosures)
        try c.encode(tags, forKey: .tags)
        try c.encode(authorDetails, forKey: .authorDetails)
        try c.encode(media, forKey: .media)
        try c.encode(locator, forKey: .locator)
    }

    /// `published`, or `updated` when no publication date is given.
    public var date: Date? { published ?? updated }
}

/// A text construct as published: a title, summary, description or content.
public struct FeedText: Sendable, Hashable, Codable {
    /// The media type: `text/plain`, `text/html`, `application/xhtml+xml`, or what the feed declared.
    public var type: String
    /// The text for `text/plain`; the markup for HTML and XHTML, with relative links resolved
    /// against ``base``. Markup is **not** sanitised: escape or sanitise it before rendering.
    public var value: String
    /// The language in effect (`xml:lang`), if any.
    public var language: String?
    /// The base URI in effect (`xml:base`, else the feed's address), if any.
    public var base: String?

    // The stored properties follow another order than the public initialiser: see FeedItem.
}

extension FeedText {
    /// Creates a text construct; `value` is plain text or markup according to `type`.
    public init(value: String, type: String, language: String? = nil, base: String? = nil) {
        self.init(type: type, value: value, language: language, base: base)
    }

    /// Whether ``value`` is markup (HTML or XML).
    public var isMarkup: Bool { Self.isMarkup(type: type) }

    /// Whether a value of this media type is markup (HTML or XML).
    static func isMarkup(type: String) -> Bool {
        // The types feeds use, without lowercasing them.
        switch type {
        case "text/html", "application/xhtml+xml": return true
        case "text/plain": return false
        default:
            let t = type.lowercased()
            return t == "text/html" || t.hasSuffix("/xml") || t.hasSuffix("+xml")
        }
    }

    /// The value as plain text: markup removed, whitespace normalised.
    public var plainText: String {
        isMarkup ? HTMLText.plainText(value) : FeedWhitespace.normalize(value)
    }

    /// ``plainText`` trimmed, `nil` when that leaves nothing: what the plain fields
    /// (``FeedItem/title``, ``FeedItem/summary``, ``Feed/title``, ``Feed/subtitle``) give.
    var nonEmptyPlainText: String? { FeedValues.nonEmpty(plainText) }

    /// A `text/plain` text holding `value`, `nil` for `nil`.
    init?(plain value: String?) {
        guard let value else { return nil }
        self.init(type: "text/plain", value: value, language: nil, base: nil)
    }
}

/// A link of a feed or an item (Atom `link`, RSS `link`, `atom:link`, `enclosure`).
public struct FeedLink: Sendable, Hashable, Codable {
    /// `alternate` (the default), `self`, `enclosure`, `related`, `license`, …
    public var rel: String
    /// The absolute address.
    public var href: String
    /// The media type of the target, if given.
    public var type: String?
    /// The link's title, if given.
    public var title: String?
    /// The language of the target, if given.
    public var hreflang: String?
    /// The size in bytes, where given (enclosures).
    public var length: Int?

    // The stored properties follow another order than the public initialiser: see FeedItem.
}

extension FeedLink {
    /// Creates a link; `rel` defaults to `alternate`.
    public init(href: String, rel: String = "alternate", type: String? = nil, title: String? = nil, hreflang: String? = nil, length: Int? = nil) {
        self.init(rel: rel, href: href, type: type, title: title, hreflang: hreflang, length: length)
    }
}

/// An attached file: RSS `enclosure`, Atom `link rel="enclosure"`.
public struct FeedEnclosure: Sendable, Hashable, Codable {
    /// The absolute address.
    public var url: String
    /// The media type, if given.
    public var type: String?
    /// The size in bytes, where given.
    public var length: Int?

    /// Creates an enclosure.
    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// A category: RSS `category` (with `domain`), `dc:subject`, Atom `category`, `media:category`.
public struct FeedCategory: Sendable, Hashable, Codable {
    /// The category as written (RSS text, Atom `term`).
    public var term: String
    /// RSS `domain`, Atom `scheme`.
    public var scheme: String?
    /// Atom's human-readable `label`.
    public var label: String?

    /// Creates a category.
    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

/// An author, contributor or editor.
public struct FeedPerson: Sendable, Hashable, Codable {
    /// The person's name, if given.
    public var name: String?
    /// The e-mail address, if given.
    public var email: String?
    /// Atom `uri` (0.3: `url`).
    public var uri: String?

    /// Creates a person; every part may be `nil`.
    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }

    /// `Name (email)`, the name, or the e-mail address, as feedparser writes an author.
    public var display: String? {
        switch (name, email) {
        case let (name?, email?): "\(name) (\(email))"
        case let (name?, nil): name
        case let (nil, email?): email
        case (nil, nil): nil
        }
    }
}

/// A Media RSS object: `media:content` or `media:thumbnail`.
public struct FeedMedia: Sendable, Hashable, Codable {
    /// Which Media RSS element it is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `media:content`: the media object itself.
        case content
        /// `media:thumbnail`: a preview image.
        case thumbnail
    }

    /// `media:content` or `media:thumbnail`.
    public var kind: Kind
    /// The absolute address.
    public var url: String?
    /// The media type, if given.
    public var type: String?
    /// `image`, `audio`, `video`, `document`, `executable`.
    public var medium: String?
    /// Width in pixels, if given.
    public var width: Int?
    /// Height in pixels, if given.
    public var height: Int?
    /// Size in bytes, if given.
    public var fileSize: Int?

    /// Creates a Media RSS object.
    public init(kind: Kind, url: String?, type: String? = nil, medium: String? = nil, width: Int? = nil, height: Int? = nil, fileSize: Int? = nil) {
        self.kind = kind
        self.url = url
        self.type = type
        self.medium = medium
        self.width = width
        self.height = height
        self.fileSize = fileSize
    }
}
