import Documents
import Foundation
public import RegionSupport
public import StrategyModel

// Funding decisions: a paragraph saying who granted how much to how many projects on which
// date ("Den 8 mars 2019 beviljade regionala utvecklingsnämnden mer än 22 mnkr till 7
// projekt."), with the table of projects that follows it in the same section.

/// One decision read from a page.
struct FundingDecision {
    var document: SourceDocument
    var date: PartialDate?
    var funder: String?
    var total: Located<Int>?
    /// The amount as written ("mer än 22 mnkr") when the page gives a lower bound.
    var lowerBoundText: String?
    var projectCount: Int?
    var rows: [TextItem]
    var amountColumn: String?

    var key: String { date?.description ?? "undated" }
}

enum FundingReader {
    static func decisions(in documents: DocumentSet) -> [FundingDecision] {
        var result: [FundingDecision] = []
        for document in documents.pages {
            for section in document.sections {
                guard let decision = decision(in: section) else { continue }
                result.append(decision)
            }
        }
        return result
    }

    static func decision(in section: LocatedSection) -> FundingDecision? {
        let paragraphs: [(String, String)] = section.section.blocks.compactMap { block in
            if case let .paragraph(p) = block { return (p.text, p.locator) }
            return nil
        }
        for (text, locator) in paragraphs {
            for sentence in Text.sentences(text) {
                guard let verb = Words.granted.lazy.compactMap({ w in sentence.range(of: w, options: .caseInsensitive) }).first,
                      let amount = SwedishAmount.all(in: sentence).first else { continue }
                let document = section.document
                // The date: in the sentence, else elsewhere in the section ("Pressmeddelande
                // 2019-03-08"), else in its heading ("Beslut om projektmedel 8 mars 2019").
                let date = SwedishDate.first(in: sentence)
                    ?? paragraphs.lazy.compactMap { SwedishDate.first(in: $0.0) }.first
                    ?? SwedishDate.first(in: section.heading)
                // The qualifier before the amount ("mer än 22 mnkr").
                let before = Text.fold(String(sentence[..<amount.range.lowerBound]))
                let bound = Words.lowerBound.first { before.hasSuffix($0 + " ") || before.hasSuffix($0) }
                let lowerBoundText = bound.flatMap { b -> String? in
                    guard let r = sentence.range(of: b + " " + amount.text, options: .caseInsensitive) else { return nil }
                    return String(sentence[r])
                }
                // Who granted: the words between the verb and the amount, or before the verb.
                var funder = String(sentence[verb.upperBound..<max(verb.upperBound, amount.range.lowerBound)])
                for match in SwedishDate.all(in: funder) { funder = funder.replacingOccurrences(of: match.text, with: "") }
                for word in Words.lowerBound + ["den"] {
                    funder = funder.replacingOccurrences(of: #"(?i)(^|\s)"# + word + #"(\s|$)"#, with: " ", options: .regularExpression)
                }
                funder = funder.trimmingCharacters(in: .whitespaces)
                if funder.isEmpty {
                    var subject = String(sentence[..<verb.lowerBound])
                    for match in SwedishDate.all(in: subject) { subject = subject.replacingOccurrences(of: match.text, with: "") }
                    funder = subject.replacingOccurrences(of: #"(?i)^\s*den\s+"#, with: "", options: .regularExpression).trimmingCharacters(in: .whitespaces)
                }
                let count = Pattern.groups(#"(\d+) (?:projekt|ansökningar|insatser)"#, in: String(sentence[amount.range.upperBound...]))?[1].flatMap { Int($0) }
                // The projects: the section's table (or list) of them.
                let projectRows = section.items(column: Words.projectColumn)
                let amountColumn = projectRows.first?.cells.keys.first { Text.fold($0).contains(Words.amountColumn) }
                return FundingDecision(
                    document: document, date: date, funder: funder.isEmpty ? nil : funder,
                    total: Located(amount.kronor, document.evidence(at: locator, excerpt: sentence)),
                    lowerBoundText: lowerBoundText, projectCount: count, rows: projectRows, amountColumn: amountColumn
                )
            }
        }
        return nil
    }

    /// The amounts of a project row: from the amount column, else from the row's other cells.
    static func amounts(of row: TextItem, column: String?) -> (text: String, values: [Int])? {
        let cell = column.flatMap { row.cells[$0] } ?? row.cells.values.first { !SwedishAmount.all(in: $0).isEmpty }
        guard let cell else {
            let found = SwedishAmount.all(in: row.text)
            return found.isEmpty ? nil : (found.map(\.text).joined(separator: " + "), found.map(\.kronor))
        }
        let values = SwedishAmount.all(in: cell).map(\.kronor)
        return values.isEmpty ? nil : (cell, values)
    }

    /// The project's name: the row's project cell, without an amount written after a dash.
    static func name(of row: TextItem) -> String {
        let text = row.text
        if !row.cells.isEmpty { return text.trimmingCharacters(in: .whitespaces) }
        if let amount = SwedishAmount.all(in: text).first {
            return String(text[..<amount.range.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: " –—-:"))
        }
        return text
    }
}

extension Kalmar {
    public func funding(from documents: DocumentSet) throws -> [FundingRecord] {
        var records: [FundingRecord] = []
        for decision in FundingReader.decisions(in: documents) {
            let year = decision.date?.year
            if let total = decision.total {
                var notes: [String] = []
                if let bound = decision.lowerBoundText {
                    notes.append("The source says \"\(bound)\": the amount is a lower bound, not the exact total.")
                }
                if let count = decision.projectCount {
                    notes.append("It went to \(count) projects; the page lists \(decision.rows.count) of them.")
                }
                notes.append("The strategy goal it serves is not stated.")
                records.append(FundingRecord(
                    id: Slug.id(region.id, "funding", decision.key, "total"), kind: .total, year: year, amountSEK: total.value,
                    isLowerBound: decision.lowerBoundText != nil, note: notes.joined(separator: " "), evidence: total.evidence
                ))
            }
            for row in decision.rows {
                let name = FundingReader.name(of: row)
                guard !name.isEmpty, let (text, values) = FundingReader.amounts(of: row, column: decision.amountColumn) else { continue }
                for (i, value) in values.enumerated() {
                    let note = values.count > 1
                        ? "The source gives \"\(text)\" for this project without saying what the parts are; each part is recorded as a grant of its own, not summed."
                        : nil
                    records.append(FundingRecord(
                        id: Slug.id(region.id, "funding", decision.key, name, values.count > 1 ? String(i + 1) : ""),
                        kind: .grant, year: year, amountSEK: value, recipient: name, note: note, evidence: row.evidence
                    ))
                }
            }
        }
        return records
    }

    public func projects(from documents: DocumentSet) throws -> [Project] {
        FundingReader.decisions(in: documents).flatMap { decision in
            decision.rows.compactMap { row -> Project? in
                let name = FundingReader.name(of: row)
                guard !name.isEmpty else { return nil }
                let values = FundingReader.amounts(of: row, column: decision.amountColumn)?.values ?? []
                return Project(
                    id: Slug.id(region.id, "project", name), name: name,
                    funders: decision.funder.map { [$0] } ?? [],
                    amountSEK: values.count == 1 ? values[0] : nil,
                    date: decision.date, evidence: row.evidence
                )
            }
        }
    }
}
