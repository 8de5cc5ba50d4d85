import Documents
import Foundation
import RegionSupport
import StrategyModel

/// The pages that describe one strategy version: its own page(s) first, then pages that
/// mention it (a news article, an older site's page).
struct PageGroup {
    /// The strategy period the pages are about.
    var period: Period
    /// The main heading of the strategy's own page, if one of the pages is that page.
    var title: Located<String>?
    /// Own pages first, then the others, each in the order given.
    var pages: [SourceDocument]
    /// How many of `pages` (from the start) are the strategy's own pages.
    var ownPageCount: Int

    /// The strategy's own pages (whose top heading names it).
    var ownPages: ArraySlice<SourceDocument> { pages.prefix(ownPageCount) }

    /// Groups the HTML pages of `documents` by the strategy period they are about. Pages that
    /// mention no period are left out.
    static func groups(in documents: DocumentSet) -> [PageGroup] {
        var groups: [PageGroup] = []
        var supporting: [(SourceDocument, [Period])] = []
        for document in documents.pages {
            if let heading = Reading.topHeading(of: document), Text.fold(heading.value).contains("strategi"),
               let period = Reading.periods(in: heading.value).first {
                if let index = groups.firstIndex(where: { $0.period == period }) {
                    groups[index].pages.append(document)
                    groups[index].ownPageCount += 1
                } else {
                    groups.append(PageGroup(period: period, title: heading, pages: [document], ownPageCount: 1))
                }
            } else {
                let periods = Reading.periods(in: document.page?.mainText ?? "")
                if !periods.isEmpty { supporting.append((document, periods)) }
            }
        }
        for (document, periods) in supporting {
            // The first period the page mentions that names a strategy page read here; failing
            // that, the first period it mentions.
            let period = periods.first { p in groups.contains { $0.period == p } } ?? periods[0]
            if let index = groups.firstIndex(where: { $0.period == period }) {
                groups[index].pages.append(document)
            } else {
                groups.append(PageGroup(period: period, title: nil, pages: [document], ownPageCount: 0))
            }
        }
        return groups
    }
}

/// Small readers of page text shared by the strategy reader.
enum Reading {
    /// The page's top section: the first heading of the highest level (`h1`, or `h2` on a page
    /// without `h1`). Bold pseudo-headings do not count.
    static func topSection(of document: SourceDocument) -> LocatedSection? {
        let headed = document.sections.filter { (1...6).contains($0.section.level) && $0.section.heading != nil }
        guard let level = headed.map(\.section.level).min() else { return nil }
        return headed.first { $0.section.level == level }
    }

    /// The top section's heading, with evidence.
    static func topHeading(of document: SourceDocument) -> Located<String>? {
        topSection(of: document).map { Located($0.heading, $0.evidence) }
    }

    private static let yearRange = try! NSRegularExpression(pattern: #"(?<![\d-])((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})(?![\d-])"#)

    /// Every year range ("2011–2020", "2011-2020") in `text`, in order, without repeats.
    static func periods(in text: String) -> [Period] {
        let ns = text as NSString
        var result: [Period] = []
        for match in yearRange.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let start = Int(ns.substring(with: match.range(at: 1)))!, end = Int(ns.substring(with: match.range(at: 2)))!
            let period = Period(startYear: start, endYear: end)
            if end > start, !result.contains(period) { result.append(period) }
        }
        return result
    }

    /// A text unit of a page: a paragraph, a list item or a table row, with its locator.
    struct Unit {
        var text: String
        var locator: String
    }

    /// Every paragraph, list item (nested ones too, and those in table cells) and table row of
    /// the page, in document order.
    static func units(of document: SourceDocument) -> [Unit] {
        guard let root = document.page?.root else { return [] }
        var result: [Unit] = []
        func addList(_ list: ListBlock) {
            for item in list.items {
                result.append(Unit(text: item.text, locator: item.locator))
                item.sublists.forEach(addList)
            }
        }
        func walk(_ section: OutlineSection) {
            for block in section.blocks {
                switch block {
                case let .paragraph(p): result.append(Unit(text: p.text, locator: p.locator))
                case let .list(l): addList(l)
                case let .table(t):
                    for row in t.rows {
                        result.append(Unit(text: row.cells.map(\.text).joined(separator: " | "), locator: row.locator))
                        for cell in row.cells { cell.lists.forEach(addList) }
                    }
                }
            }
            section.subsections.forEach(walk)
        }
        walk(root)
        return result
    }

    /// The sentences of every unit of the page, each with evidence pointing at its unit.
    static func sentences(of document: SourceDocument) -> [Located<String>] {
        units(of: document).flatMap { unit in
            Text.sentences(unit.text).map { Located($0, document.evidence(at: unit.locator, excerpt: $0)) }
        }
    }

    /// Every link of the page (in paragraphs, list items, nested lists and table cells), in
    /// document order.
    static func links(of document: SourceDocument) -> [Link] {
        guard let root = document.page?.root else { return [] }
        var result: [Link] = []
        func addList(_ list: ListBlock) {
            for item in list.items {
                result += item.links
                item.sublists.forEach(addList)
            }
        }
        for block in root.allBlocks {
            switch block {
            case let .paragraph(p): result += p.links
            case let .list(l): addList(l)
            case let .table(t):
                for row in t.rows { for cell in row.cells { result += cell.links; cell.lists.forEach(addList) } }
            }
        }
        return result
    }

    /// Whether a link leads to a PDF: its target ends in `.pdf`, or its text says "pdf".
    static func isPDF(_ link: Link) -> Bool {
        let path = (URL(string: link.url)?.path ?? link.url).lowercased()
        return path.hasSuffix(".pdf") || Text.containsWord(link.text, "pdf") || Text.fold(link.text).hasSuffix(".pdf")
    }

    /// A link's text without a trailing "(pdf)" or ".pdf".
    static func documentTitle(_ link: Link) -> String {
        var title = link.text.trimmingCharacters(in: .whitespaces)
        for suffix in ["(pdf)", "(PDF)", ".pdf", ".PDF"] where title.hasSuffix(suffix) {
            title = String(title.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        return title
    }

    private static let quotePattern = try! NSRegularExpression(pattern: #"[”“"«»]([^”“"«»]+)[”“"«»]"#)

    /// The first quoted phrase in `text` (”…”, “…”, "…", «…»).
    static func quoted(in text: String) -> String? {
        let ns = text as NSString
        guard let match = quotePattern.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let inner = ns.substring(with: match.range(at: 1)).trimmingCharacters(in: .whitespaces)
        return inner.isEmpty ? nil : Text.unquote(inner)
    }

    /// The words of `text`, folded, split at anything that is not a letter or a digit.
    static func words(_ text: String) -> [String] {
        Text.fold(text).split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Splits an enumeration "a, b och c" into its parts.
    static func enumeration(_ text: String) -> [String] {
        var parts = text.components(separatedBy: ", ")
        if let last = parts.popLast() {
            if let range = last.range(of: " och ", options: .backwards) {
                parts += [String(last[..<range.lowerBound]), String(last[range.upperBound...])]
            } else {
                parts.append(last)
            }
        }
        return parts.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .:;")) }.filter { !$0.isEmpty }
    }
}

/// Builds dotted ids: `id(base, "goal", "1")` → `base.goal.1`, each added part slugged.
func childID(_ base: String, _ parts: String...) -> String {
    ([base] + parts.map(Slug.make).filter { !$0.isEmpty }).joined(separator: ".")
}
