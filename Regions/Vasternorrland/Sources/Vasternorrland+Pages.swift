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
            if let top = document.topSection, Text.fold(top.heading).contains("strategi"),
               let period = SwedishPeriod.ranges(in: top.heading).first {
                if let index = groups.firstIndex(where: { $0.period == period }) {
                    groups[index].pages.append(document)
                    groups[index].ownPageCount += 1
                } else {
                    groups.append(PageGroup(period: period, title: Located(top.heading, top.evidence), pages: [document], ownPageCount: 1))
                }
            } else {
                let periods = SwedishPeriod.ranges(in: document.page?.mainText ?? "")
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
