import Documents
import Foundation
import RegionSupport
import StrategyModel

// Reading helpers for the Blekinge pages, on top of RegionSupport's passages.

/// A section below a scope, with the headings between the scope and it (the scope's own heading
/// excluded, this section's included).
struct Node {
    var located: LocatedSection
    var path: [String]

    var heading: String { located.heading }
}

extension Passage {
    /// What Blekinge reads a passage as: a paragraph's or list item's sentences, a table row
    /// whole; each with evidence pointing at the passage.
    var statements: [Located<String>] {
        kind == .tableRow ? [Located(text, evidence())] : sentences
    }
}

extension SourceDocument {
    /// The page's top heading (`h1`, or `h2` on a page without `h1`) with evidence; failing
    /// that the `<title>`.
    var mainHeading: Located<String>? {
        topSection.map { Located($0.heading, $0.evidence) } ?? pageHeading
    }
}

extension LocatedSection {
    /// This section and every section below it, depth first, with the headings leading to each;
    /// a section for which `skip` says so is left out with everything below it (the scope
    /// itself is never skipped), as in ``passages(skipping:)``.
    func nodes(skipping skip: (OutlineSection) -> Bool = { _ in false }) -> [Node] {
        func walk(_ section: OutlineSection, _ path: [String]) -> [Node] {
            [Node(located: LocatedSection(document: document, section: section), path: path)]
                + section.subsections.filter { !skip($0) }.flatMap { walk($0, path + [$0.heading ?? ""]) }
        }
        return walk(section, [])
    }

    /// The statements of this section's own blocks (not its subsections').
    var ownStatements: [Located<String>] { passages(skipping: { _ in true }).flatMap(\.statements) }

    /// The first list among this section's own blocks.
    var firstList: ListBlock? {
        for block in section.blocks { if case let .list(list) = block { return list } }
        return nil
    }

    /// Whether this section's own blocks hold a list or a table.
    var hasListOrTable: Bool {
        section.blocks.contains { block in
            switch block {
            case .list, .table: true
            case .paragraph: false
            }
        }
    }
}

/// Small text tools.
enum Words {
    /// Whether `text` contains `phrase`, case-insensitively (anywhere, not only at a word start).
    static func has(_ text: String, _ phrase: String) -> Bool {
        Text.fold(text).contains(Text.fold(phrase))
    }

    /// Whether `text` contains any of `words` as a word or word prefix.
    static func hasWord(_ text: String, _ words: [String]) -> Bool {
        words.contains { Text.containsWord(text, $0) }
    }

    /// The capture groups of the first match of `pattern` (case-insensitive), group 0 first;
    /// groups that did not take part are "".
    static func match(_ pattern: String, in text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (0..<m.numberOfRanges).map { i in
            let r = m.range(at: i)
            return r.location == NSNotFound ? "" : ns.substring(with: r)
        }
    }

    /// A year standing alone ("antogs 2020", "År 2024"), not part of a date or a range.
    static func bareYear(in text: String) -> Int? {
        match(#"(?<![\d\-–—,.:])((?:19|20)\d{2})(?![\d\-–—])"#, in: text).flatMap { Int($0[1]) }
    }

    /// A date in `text`: a full or partial date ("23 februari 2022", "juni 2023", "13 juni"),
    /// else a year standing alone ("antogs 2020").
    static func date(in text: String) -> PartialDate? {
        SwedishDate.first(in: text) ?? bareYear(in: text).flatMap { PartialDate(year: $0) }
    }

    /// The text between the first pair of quotation marks (”…”, “…”, "…").
    static func quoted(in text: String) -> String? {
        match(#"[”“"]([^”“"]+)[”“"]"#, in: text).map { $0[1].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A list item or line without its bullet, surrounding quotes and a final full stop.
    static func clean(_ text: String) -> String {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while let first = s.first, "-–—•*·".contains(first) { s.removeFirst(); s = s.trimmingCharacters(in: .whitespaces) }
        return Text.unquote(s)
    }

    /// "A, B och C" → ["A", "B", "C"]; "A; B" → ["A", "B"].
    static func split(_ text: String) -> [String] {
        let separator: Character = text.contains(";") ? ";" : ","
        var parts = text.split(separator: separator).map { clean(String($0)) }
        if separator == ",", let last = parts.last, let range = last.range(of: " och ") {
            parts.removeLast()
            parts += [String(last[..<range.lowerBound]), String(last[range.upperBound...])].map(clean)
        }
        return parts.filter { !$0.isEmpty }
    }

    static func upperFirst(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
    static func lowerFirst(_ text: String) -> String { text.prefix(1).lowercased() + text.dropFirst() }

    /// A title from a heading: "Gällande strategi: Växtplats Blekinge" → "Växtplats Blekinge",
    /// "Attraktiva Blekinge – regional utvecklingsstrategi 2014–2020" → "Attraktiva Blekinge",
    /// "Attraktiva Blekinge 2014–2020" → "Attraktiva Blekinge".
    static func title(fromHeading heading: String) -> String {
        var t = heading
        if let r = t.range(of: ": ") { t = String(t[r.upperBound...]) }
        for separator in [" – ", " — ", " - "] {
            if let r = t.range(of: separator) { t = String(t[..<r.lowerBound]) }
        }
        if let m = match(#"\s*\(?(?:19|20)\d{2}\s*[–—-]\s*(?:19|20)\d{2}\)?\s*$"#, in: t), let r = t.range(of: m[0], options: .backwards) {
            t = String(t[..<r.lowerBound])
        }
        return clean(t)
    }

    /// Kronor for a note, as Swedish documents write them: "24,2 mnkr" for whole hundred
    /// thousands, else "5 678 520 kr".
    static func kronor(_ amount: Int) -> String {
        amount >= 1_000_000 && amount % 100_000 == 0 ? "\(amount / 1_000_000),\(amount / 100_000 % 10) mnkr" : grouped(amount) + " kr"
    }

    /// 5678520 → "5 678 520".
    static func grouped(_ amount: Int) -> String {
        amount < 1000 ? String(amount) : grouped(amount / 1000) + " " + String(String(amount % 1000 + 1000).dropFirst())
    }
}

/// A paragraph or a list item, as one piece of text: a slide's text-box paragraph (its soft
/// line breaks kept as `lines`, joined with spaces in `text`) or a page's paragraph or list item.
struct TextUnit {
    var text: String
    var lines: [String]
    var evidence: Evidence
}

extension LocatedSection {
    /// This section's own paragraphs and list items (not nested ones, not tables), in order.
    var units: [TextUnit] {
        section.blocks.flatMap { block -> [TextUnit] in
            switch block {
            case let .paragraph(p):
                [TextUnit(text: p.text, lines: p.lines, evidence: document.evidence(at: p.locator, excerpt: p.text))]
            case let .list(list):
                list.items.map { TextUnit(text: $0.text, lines: [$0.text], evidence: document.evidence(at: $0.locator, excerpt: $0.text)) }
            case .table:
                []
            }
        }
    }
}

/// The text of a chart of amounts as a slide or page gives it: a run of pieces that are each
/// an amount ("1,1 mnkr", "3,1 mnkr", …), then the labels that follow them up to the caption
/// that says what was distributed ("2024 ÅRS FÖRDELAT MELLAN RUS-MÅL"). Which amount belongs
/// to which label is not read: the text does not say.
struct AmountRun {
    var amounts: [Located<Int>]
    /// The pieces between the amounts and the caption that are not amounts, when the caption
    /// says the money was distributed between goals ("mellan RUS-mål"); otherwise empty.
    var goalLabels: [Located<String>]
    /// The caption, if one follows.
    var caption: Located<String>?
    /// Headings from the page's root down to the section holding the run.
    var headings: [String]

    /// The year the run is for: one in a heading above it, else one in its caption.
    var year: Int? {
        headings.reversed().lazy.compactMap(Words.bareYear).first ?? caption.flatMap { Words.bareYear(in: $0.value) }
    }

    /// Runs of at least two amounts in every section of `document`, in document order.
    static func all(in document: SourceDocument) -> [AmountRun] {
        guard let root = document.rootSection else { return [] }
        var result: [AmountRun] = []
        for node in root.nodes() {
            let units = node.located.units
            var index = 0
            while index < units.count {
                var amounts: [Located<Int>] = []
                while index < units.count, let amount = SwedishAmount.parse(units[index].text) {
                    amounts.append(Located(amount, units[index].evidence))
                    index += 1
                }
                guard amounts.count >= 2 else {
                    index += amounts.isEmpty ? 1 : 0
                    continue
                }
                var labels: [Located<String>] = []
                var caption: Located<String>?
                var scan = index
                while scan < units.count, SwedishAmount.parse(units[scan].text) == nil {
                    let unit = units[scan]
                    if Words.has(unit.text, Cue.distributed) {
                        caption = Located(unit.text, unit.evidence)
                        break
                    }
                    labels.append(Located(Words.clean(unit.text), unit.evidence))
                    scan += 1
                }
                let namesGoals = caption.map { Words.hasWord($0.value, Cue.goalLabels) } ?? false
                result.append(AmountRun(
                    amounts: amounts, goalLabels: namesGoals ? labels.filter { !$0.value.isEmpty } : [], caption: caption, headings: node.path
                ))
            }
        }
        return result
    }
}
