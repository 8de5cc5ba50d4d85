public import Documents
import Foundation
public import StrategyModel

/// A section of a page together with the document it is in, so that what is read from it can
/// carry evidence.
public struct LocatedSection: Sendable {
    /// The document the section is in; makes its evidence.
    public var document: SourceDocument
    /// The section of the document's outline.
    public var section: OutlineSection

    /// Pairs `section` with the `document` it comes from.
    public init(document: SourceDocument, section: OutlineSection) {
        self.document = document
        self.section = section
    }

    /// The section's heading, or "" if it has none.
    public var heading: String { section.heading ?? "" }

    /// Evidence pointing at the heading.
    public var evidence: Evidence { document.evidence(at: section.locator, excerpt: heading) }

    /// Subsections whose heading contains any of `words` (see ``Text/containsWord(_:_:)``),
    /// at any depth, in document order.
    public func sections(headed words: [String]) -> [LocatedSection] {
        section.subsections.flatMap(\.flattened)
            .filter { s in words.contains { Text.containsWord(s.heading ?? "", $0) } }
            .map { LocatedSection(document: document, section: $0) }
    }

    /// The direct subsections.
    public var subsections: [LocatedSection] {
        section.subsections.map { LocatedSection(document: document, section: $0) }
    }

    /// The paragraphs of this section and its subsections, each with evidence.
    public var paragraphs: [Located<String>] {
        section.allBlocks.compactMap { block in
            guard case let .paragraph(p) = block else { return nil }
            return Located(p.text, document.evidence(at: p.locator, excerpt: p.text))
        }
    }

    /// The sentences of this section's paragraphs (and list items) that contain any of `words`,
    /// each with evidence pointing at its block.
    public func sentences(containing words: [String]) -> [Located<String>] {
        var result: [Located<String>] = []
        for block in section.allBlocks {
            let texts: [(String, String)]
            switch block {
            case let .paragraph(p): texts = [(p.text, p.locator)]
            case let .list(l): texts = l.items.map { ($0.text, $0.locator) }
            case let .table(t): texts = t.rows.map { row in (row.cells.map(\.text).joined(separator: " "), row.locator) }
            }
            for (text, locator) in texts {
                for sentence in Text.sentences(text) where words.contains(where: { Text.containsWord(sentence, $0) }) {
                    result.append(Located(sentence, document.evidence(at: locator, excerpt: sentence)))
                }
            }
        }
        return result
    }

    /// The items this section lists, in the first form it has them: list items (with nested
    /// lists as children), else table rows (first column, or the column whose header contains
    /// `column`), else subsection headings (with their own items as children).
    public func items(column: String? = nil) -> [TextItem] {
        for block in section.blocks {
            switch block {
            case let .list(list):
                return list.items.map { TextItem($0, in: document) }
            case let .table(table):
                return TextItem.rows(of: table, column: column, in: document)
            case .paragraph:
                continue
            }
        }
        if !section.subsections.isEmpty {
            return section.subsections.map { sub in
                TextItem(
                    text: sub.heading ?? "", emphasis: nil, links: [], evidence: document.evidence(at: sub.locator, excerpt: sub.heading ?? ""),
                    children: LocatedSection(document: document, section: sub).items(column: column)
                )
            }
        }
        // Lines of a <br>-separated paragraph.
        for block in section.blocks {
            if case let .paragraph(p) = block, p.lines.count > 1 {
                return p.lines.map { TextItem(text: $0, emphasis: nil, links: [], evidence: document.evidence(at: p.locator, excerpt: $0), children: []) }
            }
        }
        return []
    }

    /// Every list item and table row below this section, flattened (useful to collect links).
    public var allItems: [TextItem] {
        section.allBlocks.flatMap { block -> [TextItem] in
            switch block {
            case let .list(list): return list.items.map { TextItem($0, in: document) }
            case let .table(table): return TextItem.rows(of: table, column: nil, in: document)
            case let .paragraph(p):
                return p.links.isEmpty ? [] : [TextItem(text: p.text, emphasis: nil, links: p.links, evidence: document.evidence(at: p.locator, excerpt: p.text), children: [])]
            }
        }
    }
}

/// A value read from a document with its evidence.
public struct Located<Value: Sendable>: Sendable {
    /// The value read.
    public var value: Value
    /// Where it was read.
    public var evidence: Evidence

    /// Pairs `value` with the `evidence` for it.
    public init(_ value: Value, _ evidence: Evidence) {
        self.value = value
        self.evidence = evidence
    }
}

extension Located where Value: Codable & Hashable {
    /// As a model ``/StrategyModel/Fact``.
    public var fact: Fact<Value> { Fact(value, evidence: evidence) }
}

/// An item read from a list, a table row or a heading, with nested items.
public struct TextItem: Sendable {
    /// The item's text: a list item's own text, a table row's cell in the chosen column (the
    /// first by default), a sub-heading, or a paragraph's line.
    public var text: String
    /// A leading bold phrase ("**Kompetensförsörjning** – …"), if any.
    public var emphasis: String?
    /// Links in the item.
    public var links: [Link]
    /// Where the item is.
    public var evidence: Evidence
    /// Nested items: a sub-list, or the items under a sub-heading.
    public var children: [TextItem]
    /// For table rows: every cell's text, keyed by header (empty for lists).
    public var cells: [String: String] = [:]

    /// Creates an item; `cells` is empty except for table rows.
    public init(text: String, emphasis: String?, links: [Link], evidence: Evidence, children: [TextItem], cells: [String: String] = [:]) {
        self.text = text
        self.emphasis = emphasis
        self.links = links
        self.evidence = evidence
        self.children = children
        self.cells = cells
    }

    init(_ item: ListItem, in document: SourceDocument) {
        self.init(
            text: item.text, emphasis: item.emphasis, links: item.links,
            evidence: document.evidence(at: item.locator, excerpt: item.text),
            children: item.sublists.flatMap { $0.items.map { TextItem($0, in: document) } }
        )
    }

    static func rows(of table: TableBlock, column: String?, in document: SourceDocument) -> [TextItem] {
        let index = column.flatMap { table.column(containing: $0) } ?? 0
        return table.rows.compactMap { row in
            guard index < row.cells.count else { return nil }
            let cell = row.cells[index]
            var cells: [String: String] = [:]
            for (i, c) in row.cells.enumerated() where i < table.header.count { cells[table.header[i]] = c.text }
            let nested = row.cells.flatMap { $0.lists.flatMap { $0.items.map { TextItem($0, in: document) } } }
            let excerpt = row.cells.map(\.text).joined(separator: " | ")
            return TextItem(
                text: cell.text, emphasis: nil, links: row.cells.flatMap(\.links),
                evidence: document.evidence(at: row.locator, excerpt: excerpt), children: nested, cells: cells
            )
        }
    }

    /// The text before a dash or colon ("Kompetensförsörjning – arbetsmarknadens …" → "Kompetensförsörjning"),
    /// or the emphasis when there is one.
    public var name: String {
        if let emphasis, !emphasis.isEmpty { return Text.unquote(emphasis.trimmingCharacters(in: CharacterSet(charactersIn: " :–-"))) }
        for separator in [" – ", " — ", " - ", ": "] {
            if let range = text.range(of: separator) { return Text.unquote(String(text[..<range.lowerBound])) }
        }
        return Text.unquote(text)
    }

    /// The text after the name, if any ("arbetsmarknadens kompetensförsörjning").
    public var detail: String? {
        let rest = text.hasPrefix(name) ? String(text.dropFirst(name.count)) : ""
        let trimmed = rest.trimmingCharacters(in: CharacterSet(charactersIn: " :–—-."))
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension SourceDocument {
    /// The page's sections (the root first), located in this document. Empty for feeds.
    public var sections: [LocatedSection] {
        (page?.allSections ?? []).map { LocatedSection(document: self, section: $0) }
    }

    /// The page's root section (everything in the main content).
    public var rootSection: LocatedSection? {
        page.map { LocatedSection(document: self, section: $0.root) }
    }

    /// Sections whose heading contains any of `words`, in document order.
    public func sections(headed words: [String]) -> [LocatedSection] {
        rootSection?.sections(headed: words) ?? []
    }

    /// The first `h1` (or the page title) with evidence.
    public var pageHeading: Located<String>? {
        guard let page else { return nil }
        if let h1 = page.allSections.first(where: { $0.level == 1 }), let heading = h1.heading {
            return Located(heading, evidence(at: h1.locator, excerpt: heading))
        }
        return page.title.map { Located($0, evidence(at: "/html/head/title", excerpt: $0)) }
    }
}
