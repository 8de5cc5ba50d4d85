public import Markup
import Foundation

/// Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds into ``Feed``.
///
/// Pure: bytes in, value out. Undefined HTML entities are repaired and malformed XML is
/// recovered where libxml2 can; both are recorded in ``Feed/problems``.
public struct FeedReader: Sendable {
    public var options: ParseOptions

    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let content = "http://purl.org/rss/1.0/modules/content/"

    /// Why bytes are not a feed.
    public enum FeedError: Error, Sendable, Hashable, CustomStringConvertible {
        case markup(MarkupError)
        case notAFeed(rootElement: String)

        public var description: String {
            switch self {
            case let .markup(error): error.description
            case let .notAFeed(root): "not a feed: the root element is <\(root)>, expected <rss>, <rdf:RDF> or <feed>"
            }
        }
    }

    /// Reads `bytes`; `url` is where the feed is published (relative links resolve against it).
    public func read(_ bytes: some Collection<UInt8>, url: String? = nil, charset: String? = nil) throws(FeedError) -> Feed {
        var options = self.options
        if let charset { options.transportCharset = charset }
        let document: MarkupDocument
        do { document = try MarkupDocument(xml: bytes, options: options) } catch { throw .markup(error) }
        guard let root = document.root else { throw .notAFeed(rootElement: "") }
        var problems = document.diagnostics.prefix(5).map { "not well-formed, recovered: \($0)" }
        if document.repairedEntities > 0 { problems.append("\(document.repairedEntities) undefined HTML entities resolved") }

        var feed: Feed
        switch (root.name, root.namespaceURI) {
        case ("rss", _):
            feed = readRSS(root, url: url)
        case ("RDF", Self.rdf?):
            feed = readRDF(root, url: url)
        case ("feed", Self.atom10?):
            feed = readAtom(root, url: url, format: .atom10)
        case ("feed", Self.atom03?), ("feed", nil):
            feed = readAtom(root, url: url, format: .atom03)
        default:
            throw .notAFeed(rootElement: root.name)
        }
        feed.problems = problems + feed.problems
        return feed
    }

    // MARK: RSS

    private func readRSS(_ root: MarkupNode, url: String?) -> Feed {
        let version = root.attribute("version") ?? "2.0"
        let format: Feed.Format = switch version {
        case "0.91": .rss091
        case "0.92": .rss092
        case "0.90", "0.9": .rss090
        default: .rss20
        }
        let channel = root.firstChild("channel") ?? root
        var problems: [String] = []
        let channelLink = text(channel.firstChild("link"))
        let resolver = LinkResolver(pageURL: url, base: nil)
        let items = (channel.children("item") + root.children("item")).map { item in
            readRSSItem(item, resolver: resolver, problems: &problems)
        }
        return Feed(
            format: format,
            title: text(channel.firstChild("title")),
            link: channelLink.flatMap(resolver.resolve),
            subtitle: plain(channel.firstChild("description")),
            language: text(channel.firstChild("language")) ?? text(channel.firstChild("language", namespaceURI: Self.dc)),
            updated: date(channel.firstChild("lastBuildDate") ?? channel.firstChild("pubDate") ?? channel.firstChild("date", namespaceURI: Self.dc), problems: &problems),
            items: items,
            problems: problems
        )
    }

    private func readRSSItem(_ item: MarkupNode, resolver: LinkResolver, problems: inout [String]) -> FeedItem {
        let guid = item.firstChild("guid")
        let guidText = text(guid)
        let permalink = guid.flatMap { g in g.attribute("isPermaLink")?.lowercased() != "false" ? guidText : nil }
        let link = text(item.firstChild("link")) ?? permalink
        let description = item.firstChild("description") ?? item.firstChild("encoded", namespaceURI: Self.content)
        return FeedItem(
            title: plain(item.firstChild("title")),
            link: link.flatMap(resolver.resolve),
            id: guidText,
            published: date(item.firstChild("pubDate") ?? item.firstChild("date", namespaceURI: Self.dc), problems: &problems),
            updated: nil,
            summary: plain(description),
            categories: item.children("category").compactMap(text) + item.children("subject", namespaceURI: Self.dc).compactMap(text),
            authors: (item.children("author") + item.children("creator", namespaceURI: Self.dc)).compactMap(text),
            locator: item.locator
        )
    }

    private func readRDF(_ root: MarkupNode, url: String?) -> Feed {
        let rss10 = "http://purl.org/rss/1.0/"
        let channel = root.firstChild("channel")
        var problems: [String] = []
        let resolver = LinkResolver(pageURL: url, base: nil)
        let items = root.children("item").map { item in
            FeedItem(
                title: plain(item.firstChild("title")),
                link: text(item.firstChild("link")).flatMap(resolver.resolve),
                id: item.attribute("about", namespaceURI: Self.rdf),
                published: date(item.firstChild("date", namespaceURI: Self.dc), problems: &problems),
                updated: nil,
                summary: plain(item.firstChild("description") ?? item.firstChild("encoded", namespaceURI: Self.content)),
                categories: item.children("subject", namespaceURI: Self.dc).compactMap(text),
                authors: item.children("creator", namespaceURI: Self.dc).compactMap(text),
                locator: item.locator
            )
        }
        let isRSS10 = root.elementChildren.contains { $0.namespaceURI == rss10 }
        return Feed(
            format: isRSS10 ? .rss10 : .rss090,
            title: text(channel?.firstChild("title")),
            link: text(channel?.firstChild("link")).flatMap(resolver.resolve),
            subtitle: plain(channel?.firstChild("description")),
            language: text(channel?.firstChild("language", namespaceURI: Self.dc)),
            updated: date(channel?.firstChild("date", namespaceURI: Self.dc), problems: &problems),
            items: items,
            problems: problems
        )
    }

    // MARK: Atom

    private func readAtom(_ root: MarkupNode, url: String?, format: Feed.Format) -> Feed {
        var problems: [String] = []
        let resolver = LinkResolver(pageURL: url, base: root.attribute("base", namespaceURI: "http://www.w3.org/XML/1998/namespace"))
        let entries = root.children("entry").map { entry in
            let entryResolver = entry.attribute("base", namespaceURI: "http://www.w3.org/XML/1998/namespace")
                .map { LinkResolver(pageURL: resolver.baseURL?.absoluteString, base: $0) } ?? resolver
            let published = entry.firstChild("published") ?? entry.firstChild("issued") ?? entry.firstChild("created")
            return FeedItem(
                title: atomText(entry.firstChild("title")),
                link: atomLink(entry, resolver: entryResolver),
                id: text(entry.firstChild("id")),
                published: date(published, problems: &problems),
                updated: date(entry.firstChild("updated") ?? entry.firstChild("modified"), problems: &problems),
                summary: atomText(entry.firstChild("summary") ?? entry.firstChild("content")),
                categories: entry.children("category").compactMap { $0.attribute("label") ?? $0.attribute("term") },
                authors: entry.children("author").compactMap { text($0.firstChild("name")) },
                locator: entry.locator
            )
        }
        return Feed(
            format: format,
            title: atomText(root.firstChild("title")),
            link: atomLink(root, resolver: resolver),
            subtitle: atomText(root.firstChild("subtitle") ?? root.firstChild("tagline")),
            language: root.attribute("lang", namespaceURI: "http://www.w3.org/XML/1998/namespace"),
            updated: date(root.firstChild("updated") ?? root.firstChild("modified"), problems: &problems),
            items: entries,
            problems: problems
        )
    }

    /// The `alternate` link (or the first link without `rel`).
    private func atomLink(_ element: MarkupNode, resolver: LinkResolver) -> String? {
        let links = element.children("link")
        let alternate = links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
        return alternate?.attribute("href").flatMap(resolver.resolve)
    }

    /// Atom text constructs: `text`, `html` (escaped markup) and `xhtml` (inline markup).
    private func atomText(_ element: MarkupNode?) -> String? {
        guard let element else { return nil }
        switch element.attribute("type")?.lowercased() {
        case "xhtml", "application/xhtml+xml":
            return nonEmpty(element.normalizedText)
        default:
            return plain(element)
        }
    }

    // MARK: Values

    private func text(_ element: MarkupNode?) -> String? {
        element.map(\.normalizedText).flatMap(nonEmpty)
    }

    /// Text that may hold escaped HTML (`&lt;p&gt;…`): markup is removed.
    private func plain(_ element: MarkupNode?) -> String? {
        guard let raw = element?.textContent else { return nil }
        return nonEmpty(HTMLText.plainText(raw))
    }

    private func date(_ element: MarkupNode?, problems: inout [String]) -> Date? {
        guard let element, let raw = text(element) else { return nil }
        guard let date = FeedDate.parse(raw) else {
            problems.append("line \(element.line): unreadable date '\(raw)' in <\(element.name)>")
            return nil
        }
        return date
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}

/// Plain text from a string that may hold HTML markup.
public enum HTMLText {
    /// Strips markup and normalises whitespace; text without `<` or `&` is only normalised.
    public static func plainText(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return TextNormalizer.normalize(html) }
        let wrapped = "<html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        guard let document = try? MarkupDocument(html: Array(wrapped.utf8)),
              let body = (try? document.select("/html/body"))?.first else {
            return TextNormalizer.normalize(html)
        }
        return blockText(body)
    }

    /// Text of a node with block elements and `<br>` separated by spaces.
    private static func blockText(_ node: MarkupNode) -> String {
        var parts: [String] = []
        func visit(_ n: MarkupNode) {
            for child in n.children {
                switch child.kind {
                case .text: parts.append(child.textContent)
                case .element:
                    if ["script", "style"].contains(child.name) { continue }
                    let inline = OutlineBuilder.inlineTags.contains(child.name) && child.name != "br"
                    if !inline { parts.append(" ") }
                    visit(child)
                    if !inline { parts.append(" ") }
                default: continue
                }
            }
        }
        visit(node)
        return TextNormalizer.normalize(parts.joined())
    }
}
