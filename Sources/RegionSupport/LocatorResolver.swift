public import Documents

/// Finds what an ``/StrategyModel/Evidence`` locator points at in the raw bytes of a document, read again
/// independently of the outline a region module was given.
///
/// Pages and feeds are parsed into a DOM and the locator is evaluated as an XPath
/// (`/html/body/main/ul[1]/li[2]`, `/rss/channel/item[3]`); Office files have no XPath, so the
/// locator names a block of their outline (`slide 3, shape 2, paragraph 1`). The conformance kit
/// uses this to check that every fact's excerpt is really there.
///
/// Not `Sendable`: it holds a parsed document, which stays in the task that made it.
public final class LocatorResolver {
    private enum Storage {
        case markup(MarkupDocument)
        case outline([String: String])
    }

    private let storage: Storage

    /// The URL of the document.
    public let url: String

    /// Parses `raw` for resolving locators in it.
    public init(_ raw: RawDocument, limits: ParseLimits = ParseLimits()) throws(DocumentError) {
        url = raw.url
        let options = ParseOptions(limits: limits, transportCharset: raw.charset)
        if DocumentSniffer.officeFormat(of: raw.bytes, mediaType: raw.mediaType) != nil {
            do {
                storage = .outline(Self.blockTexts(of: try OfficeReader(options: options).outline(raw.bytes, url: raw.url)))
            } catch {
                throw .unreadable(url: raw.url, reason: error.description)
            }
            return
        }
        do {
            switch DocumentSniffer.kind(of: raw.bytes, mediaType: raw.mediaType) {
            case .html: storage = .markup(try MarkupDocument(html: raw.bytes, options: options))
            case .feed: storage = .markup(try MarkupDocument(xml: raw.bytes, options: options))
            case .unknown: throw DocumentError.unsupportedFormat(url: raw.url)
            }
        } catch let error as DocumentError {
            throw error
        } catch {
            throw .unreadable(url: raw.url, reason: String(describing: error))
        }
    }

    /// The normalised text of each node `locator` selects (none when it selects nothing).
    ///
    /// Throws when `locator` is not a valid XPath for a page or feed.
    public func texts(at locator: String) throws(DocumentError) -> [String] {
        switch storage {
        case let .outline(texts):
            return texts[locator].map { [$0] } ?? []
        case let .markup(document):
            do {
                return try document.select(locator).map(\.normalizedText)
            } catch {
                throw .unreadable(url: url, reason: "locator \(locator): \(error.description)")
            }
        }
    }

    /// The text of every located block of an outline (headings, paragraphs, list items, table
    /// rows, notes), by locator.
    private static func blockTexts(of outline: PageOutline) -> [String: String] {
        var result: [String: String] = [:]
        func items(_ list: ListBlock) {
            for item in list.items {
                result[item.locator] = ([item.text] + item.sublists.map(\.text)).joined(separator: " ")
                item.sublists.forEach(items)
            }
        }
        func add(_ blocks: [Block]) {
            for block in blocks {
                result[block.locator, default: ""] += block.text
                switch block {
                case .paragraph: continue
                case let .list(list): items(list)
                case let .table(table):
                    for row in table.rows { result[row.locator] = row.cells.map(\.text).joined(separator: " ") }
                }
            }
        }
        for section in outline.allSections {
            if let heading = section.heading { result[section.locator] = heading }
            add(section.blocks)
            add(section.notes)
        }
        return result
    }
}
