public import Documents
public import StrategyModel
import Foundation

/// A unit of text on a page — a paragraph, a list item (nested ones too, and those inside table
/// cells) or a table row — with where it is and the headings above it.
///
/// Passages are what a module scans when a fact may sit anywhere on a page ("antogs av
/// regionfullmäktige den 23 februari 2022"): each one makes evidence pointing at its element.
public struct Passage: Sendable {
    /// What element a passage is.
    public enum Kind: Sendable, Hashable {
        /// A paragraph (`p`, or a text block in an Office file).
        case paragraph
        /// A list item, nested or not, also inside a table cell.
        case listItem
        /// A table row, its cells joined with " | ".
        case tableRow
    }

    /// What element the passage is.
    public var kind: Kind
    /// The text: a paragraph's lines joined, a list item's own text (without nested lists), or a
    /// table row's cells joined with " | ".
    public var text: String
    /// XPath of the element.
    public var locator: String
    /// Headings from the section the walk started in (its own heading excluded) down to the
    /// section holding the passage.
    public var headings: [String]
    /// Links in the passage.
    public var links: [Link]
    /// The document the passage is in; makes its evidence.
    public var document: SourceDocument

    /// Evidence pointing at the passage, quoting `excerpt` (default: the whole text).
    public func evidence(_ excerpt: String? = nil) -> Evidence {
        document.evidence(at: locator, excerpt: excerpt ?? text)
    }

    /// The passage's sentences, each with evidence pointing at the passage.
    public var sentences: [Located<String>] {
        Text.sentences(text).map { Located($0, evidence($0)) }
    }
}

extension LocatedSection {
    /// Every passage of this section and the sections below it, in document order. A
    /// subsection for which `skip` returns `true` is left out with everything below it.
    public func passages(skipping skip: (OutlineSection) -> Bool = { _ in false }) -> [Passage] {
        var result: [Passage] = []
        func addList(_ list: ListBlock, _ path: [String]) {
            for item in list.items {
                result.append(Passage(kind: .listItem, text: item.text, locator: item.locator, headings: path, links: item.links, document: document))
                for sub in item.sublists { addList(sub, path) }
            }
        }
        func walk(_ section: OutlineSection, _ path: [String]) {
            for block in section.blocks {
                switch block {
                case let .paragraph(p):
                    result.append(Passage(kind: .paragraph, text: p.text, locator: p.locator, headings: path, links: p.links, document: document))
                case let .list(list):
                    addList(list, path)
                case let .table(table):
                    for row in table.rows {
                        result.append(Passage(
                            kind: .tableRow, text: row.cells.map(\.text).joined(separator: " | "), locator: row.locator,
                            headings: path, links: row.cells.flatMap(\.links), document: document
                        ))
                        for cell in row.cells { for list in cell.lists { addList(list, path) } }
                    }
                }
            }
            for sub in section.subsections where !skip(sub) { walk(sub, path + [sub.heading ?? ""]) }
        }
        walk(section, [])
        return result
    }

    /// Every link of this section and below, in document order (skipping as ``passages(skipping:)``).
    public func links(skipping skip: (OutlineSection) -> Bool = { _ in false }) -> [Link] {
        passages(skipping: skip).flatMap(\.links)
    }
}

extension SourceDocument {
    /// Every passage of the page, in document order (empty for feeds).
    public var passages: [Passage] { rootSection?.passages() ?? [] }

    /// Every link of the page, in document order.
    public var links: [Link] { passages.flatMap(\.links) }

    /// The page's top section: the first heading of the highest level present (`h1`, or `h2` on
    /// a page without `h1`); bold pseudo-headings do not count.
    public var topSection: LocatedSection? {
        let headed = sections.filter { (1...6).contains($0.section.level) && $0.section.heading != nil }
        guard let level = headed.map(\.section.level).min() else { return nil }
        return headed.first { $0.section.level == level }
    }
}

/// Links as region modules look at them.
extension Link {
    /// Whether the link leads to a PDF: its path ends in `.pdf`, or its text says "pdf".
    public var isPDF: Bool {
        let path = (URL(string: url)?.path ?? url).lowercased()
        return path.hasSuffix(".pdf") || Text.containsWord(text, "pdf") || Text.fold(text).hasSuffix(".pdf")
    }

    /// The link text without a trailing "(pdf)" or ".pdf": the document's title as the page gives it.
    public var documentTitle: String {
        var title = text.trimmingCharacters(in: .whitespaces)
        for suffix in ["(pdf)", "(PDF)", ".pdf", ".PDF"] where title.hasSuffix(suffix) {
            title = String(title.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        return title
    }
}
