import Foundation
import Markup

/// Turns captured feed elements into ``FeedItem``s and channel fields, by the same rules as
/// ``FeedReader`` applies to the tree (kept in step with it by `FeedStreamTests`, which compare
/// the two on the same feeds).
struct FeedStreamBuilder {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let xml = "http://www.w3.org/XML/1998/namespace"

    // MARK: Items

    func rssItem(_ item: CapturedElement, locator: String, resolver: LinkResolver, problems: inout [String]) -> FeedItem {
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
            locator: locator
        )
    }

    func rdfItem(_ item: CapturedElement, locator: String, resolver: LinkResolver, problems: inout [String]) -> FeedItem {
        FeedItem(
            title: plain(item.firstChild("title")),
            link: text(item.firstChild("link")).flatMap(resolver.resolve),
            id: item.attribute("about", namespaceURI: Self.rdf),
            published: date(item.firstChild("date", namespaceURI: Self.dc), problems: &problems),
            updated: nil,
            summary: plain(item.firstChild("description") ?? item.firstChild("encoded", namespaceURI: Self.content)),
            categories: item.children("subject", namespaceURI: Self.dc).compactMap(text),
            authors: item.children("creator", namespaceURI: Self.dc).compactMap(text),
            locator: locator
        )
    }

    func atomEntry(_ entry: CapturedElement, locator: String, resolver: LinkResolver, problems: inout [String]) -> FeedItem {
        let entryResolver = entry.attribute("base", namespaceURI: Self.xml)
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
            locator: locator
        )
    }

    // MARK: Channel

    /// The feed's own fields from its channel (RSS, RDF) or root (Atom) children.
    func summary(root kind: FeedRoot, format: Feed.Format, fields channel: CapturedElement, root: CapturedElement, resolver: LinkResolver, itemCount: Int, problems: inout [String]) -> FeedStreamSummary {
        switch kind {
        case .atom:
            return FeedStreamSummary(
                format: format,
                title: atomText(channel.firstChild("title")),
                link: atomLink(channel, resolver: resolver),
                subtitle: atomText(channel.firstChild("subtitle") ?? channel.firstChild("tagline")),
                language: root.attribute("lang", namespaceURI: Self.xml),
                updated: date(channel.firstChild("updated") ?? channel.firstChild("modified"), problems: &problems),
                itemCount: itemCount,
                problems: problems
            )
        case .rdf:
            return FeedStreamSummary(
                format: format,
                title: text(channel.firstChild("title")),
                link: text(channel.firstChild("link")).flatMap(resolver.resolve),
                subtitle: plain(channel.firstChild("description")),
                language: text(channel.firstChild("language", namespaceURI: Self.dc)),
                updated: date(channel.firstChild("date", namespaceURI: Self.dc), problems: &problems),
                itemCount: itemCount,
                problems: problems
            )
        case .rss:
            return FeedStreamSummary(
                format: format,
                title: text(channel.firstChild("title")),
                link: text(channel.firstChild("link")).flatMap(resolver.resolve),
                subtitle: plain(channel.firstChild("description")),
                language: text(channel.firstChild("language")) ?? text(channel.firstChild("language", namespaceURI: Self.dc)),
                updated: date(channel.firstChild("lastBuildDate") ?? channel.firstChild("pubDate") ?? channel.firstChild("date", namespaceURI: Self.dc), problems: &problems),
                itemCount: itemCount,
                problems: problems
            )
        }
    }

    // MARK: Values

    /// The `alternate` link (or the first link without `rel`).
    private func atomLink(_ element: CapturedElement, resolver: LinkResolver) -> String? {
        let links = element.children("link")
        let alternate = links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
        return alternate?.attribute("href").flatMap(resolver.resolve)
    }

    /// Atom text constructs: `text`, `html` (escaped markup) and `xhtml` (inline markup).
    private func atomText(_ element: CapturedElement?) -> String? {
        guard let element else { return nil }
        switch element.attribute("type")?.lowercased() {
        case "xhtml", "application/xhtml+xml":
            return nonEmpty(TextNormalizer.normalize(element.text))
        default:
            return plain(element)
        }
    }

    private func text(_ element: CapturedElement?) -> String? {
        element.map { TextNormalizer.normalize($0.text) }.flatMap(nonEmpty)
    }

    /// Text that may hold escaped HTML (`&lt;p&gt;…`): markup is removed.
    private func plain(_ element: CapturedElement?) -> String? {
        guard let raw = element?.text else { return nil }
        return nonEmpty(HTMLText.plainText(raw))
    }

    private func date(_ element: CapturedElement?, problems: inout [String]) -> Date? {
        guard let element, let raw = text(element) else { return nil }
        guard let date = FeedDate.parse(raw) else {
            problems.append("line \(element.line): unreadable date '\(raw)' in <\(element.name)>")
            return nil
        }
        return date
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
