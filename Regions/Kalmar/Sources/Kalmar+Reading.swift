import Documents
import Foundation
import RegionSupport
import StrategyModel

// Reading helpers for the Kalmar pages: prose passages (paragraphs and list items), cleaned list
// lines, regular expressions and the search words. Nothing here names a fact; the only literals
// are words searched for.

extension SourceDocument {
    /// The page's paragraphs and list items in document order, with section headings: its
    /// passages without table rows (tables are read by column, with `items(column:)`).
    var prose: [Passage] { passages.filter { $0.kind != .tableRow } }

    /// The page's main text, folded for matching.
    var foldedText: String { Text.fold(page?.mainText ?? "") }
}

extension LocatedSection {
    /// Whether the section heading has one of `words` as a whole word ("Mål" but not "Målbild").
    func headingHasWord(_ words: [String]) -> Bool {
        let tokens = Text.fold(heading).split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return tokens.contains { words.contains($0) }
    }

    /// The section's own paragraph texts (not its subsections'), with intro lines of
    /// `<br>`-separated paragraphs: what the section says about its list.
    var introTexts: [String] {
        section.blocks.compactMap { block in
            if case let .paragraph(p) = block { return p.lines.first ?? p.text }
            return nil
        }
    }

    /// The first list of the section, if it is a numbered (`<ol>`) list.
    var firstListIsOrdered: Bool {
        for block in section.blocks {
            if case let .list(list) = block { return list.ordered }
            if case .table = block { return false }
        }
        return false
    }
}

/// A line of a list as written: its text without a leading bullet or number, and the number.
struct ListLine {
    var text: String
    var number: String?

    /// Reads "- Delaktighet …", "• …", "3. Alla elever …", "3) …"; `nil` for an intro line that
    /// ends with a colon ("Tio mål i den uppdaterade strategin från 2022:").
    init?(_ raw: String) {
        var s = raw.trimmingCharacters(in: .whitespaces)
        if s.isEmpty || s.hasSuffix(":") { return nil }
        if let m = Pattern.groups(#"^(\d{1,2})[.)]\s+(.+)$"#, in: s) {
            number = m[1]
            s = m[2] ?? s
        } else {
            for bullet in ["- ", "– ", "— ", "• ", "* ", "· "] where s.hasPrefix(bullet) {
                s = String(s.dropFirst(bullet.count)).trimmingCharacters(in: .whitespaces)
                break
            }
        }
        guard !s.isEmpty else { return nil }
        text = s
    }
}

/// Regular expressions, made per call (speed does not matter here and it keeps them local).
enum Pattern {
    /// The capture groups of the first match (index 0 is the whole match), or `nil`.
    static func groups(_ pattern: String, in text: String, options: NSRegularExpression.Options = []) -> [String?]? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (0..<m.numberOfRanges).map { i in
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
    }

    /// Four-digit years (1900–2099) in `text`, in order.
    static func years(in text: String) -> [Int] {
        guard let regex = try? NSRegularExpression(pattern: #"(?<!\d)((?:19|20)\d{2})(?!\d)"#) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { Int(ns.substring(with: $0.range(at: 1))) }
    }
}

/// Words searched for in the Kalmar pages (Swedish, folded to lower case where compared).
enum Words {
    /// A strategy title: "… — Regional utvecklingsstrategi för Kalmar län 2030".
    static let strategyTitle = "utvecklingsstrategi för"
    static let strategy = ["utvecklingsstrategi", "rus"]
    static let vision = ["målbild", "målbilden"]
    static let adopted = ["antogs", "antagen", "antog"]
    static let published = ["publicerades", "publicerad"]
    static let consultation = ["remiss", "remissen", "remisstiden"]
    static let update = "uppdater"
    /// "Regionförbundet … gick den 1 januari 2019 upp i Region Kalmar län".
    static let mergedInto = " upp i "
    static let merged = ["gick", "uppgick"]
    static let revision = ["revidering", "revideringen", "revideras", "revidera"]
    static let areaHeading = ["utvecklingsområde", "utvecklingsområden", "målområde", "målområden", "prioriterade"]
    static let areaIntro = ["utvecklingsområden", "målområden"]
    /// The strategy's own word for its areas: "prioriterade utvecklingsområden" (which it says
    /// "kallas också målområden"; the overview page says "målområden").
    static let areaTerm = "prioriterat utvecklingsområde"
    static let same = "samma"
    static let goalHeading = ["mål", "målen", "målet"]
    static let goalTableColumn = "mål"
    static let numberColumn = ["nr", "nummer"]
    static let perspective = ["perspektiv"]
    static let actionPlans = ["handlingsprogram", "handlingsplaner", "handlingsplan", "fördjupade"]
    static let followUp = ["uppföljning", "uppföljningen"]
    static let indicators = ["indikatorer", "indikator"]
    static let report = "power bi"
    static let download = ["ladda ner", "ladda ned", "strategidokument"]
    static let pdf = "pdf"
    static let strategyWord = "strategi"
    static let granted = ["beviljade", "beviljat", "beviljas"]
    static let lowerBound = ["mer än", "över", "drygt", "fler än"]
    static let projectColumn = "projekt"
    static let amountColumn = "belopp"
}

extension String {
    /// The text without a trailing "(pdf)" and surrounding spaces.
    var withoutFileType: String {
        var s = trimmingCharacters(in: .whitespaces)
        if let r = s.range(of: #"\s*\((?:pdf|PDF)[^)]*\)$"#, options: .regularExpression) { s.removeSubrange(r) }
        return s.trimmingCharacters(in: .whitespaces)
    }
}
