import Documents
import Foundation
import RegionSupport
import StrategyModel

extension Cue {
    static let distributed = "fördela"
    static let fund = ["tillväxtmedel", "anslag"]
}

extension Reader {
    /// A total distributed in a year, as one document states it.
    struct StatedTotal {
        var amount: Int
        var year: Int?
        /// Where the year is read when the statement itself gives none: a caption next to it
        /// ("2024 ÅRS FÖRDELAT MELLAN RUS-MÅL").
        var yearSource: Located<String>?
        /// The heading above the statement that names the fund ("Regionala tillväxtmedel
        /// (anslag 1:1)").
        var fund: Located<String>?
        var evidence: Evidence
        var document: SourceDocument
        /// The amounts the same document gives for this distribution, and the goal labels its
        /// chart gives apart from them.
        var parts: [Located<Int>] = []
        var goalLabelCount = 0
    }

    /// Distributions of money between the strategy's goals: a total ("År 2024 fördelades 24,3
    /// mnkr mellan RUS-målen", or a slide's "24,3 mnkr fördelat mellan RUS-…" under "2024 ÅRS
    /// FÖRDELAT MELLAN RUS-MÅL") and the amounts given for it (pieces of text that are each an
    /// amount: a list, or a chart's paragraphs). Which amount went to which goal is recorded
    /// only where the source pairs them; Blekinge's deck gives amounts and goal labels apart.
    ///
    /// A total stated in several documents (the follow-up page and the deck) is one record: its
    /// evidence is the statement that comes with the amounts; the fund, when only another
    /// statement's heading names it, is taken from there and the note says where.
    func funding() -> [FundingRecord] {
        var stated: [StatedTotal] = []
        for document in documents.pages {
            var totals = totals(in: document)
            guard !totals.isEmpty else { continue }
            let runs = AmountRun.all(in: document)
            for index in totals.indices {
                let matching = runs.filter { $0.year == totals[index].year || totals.count == 1 }
                totals[index].parts = matching.flatMap(\.amounts)
                totals[index].goalLabelCount = matching.reduce(0) { $0 + $1.goalLabels.count }
            }
            stated += totals
        }

        // One record per (year, amount), in the order first stated.
        var groups: [[StatedTotal]] = []
        for total in stated {
            if let index = groups.firstIndex(where: { $0[0].year == total.year && $0[0].amount == total.amount }) {
                groups[index].append(total)
            } else {
                groups.append([total])
            }
        }

        var records: [FundingRecord] = []
        for group in groups {
            let main = group.enumerated().max { a, b in
                (a.element.parts.count, b.offset) < (b.element.parts.count, a.offset)
            }!.element
            let others = group.filter { $0.evidence != main.evidence }
            let fundSource = main.fund == nil ? others.first { $0.fund != nil } : nil
            let fund = (main.fund ?? fundSource?.fund).map { Words.lowerFirst($0.value) }
            let strategy = ([main] + others).lazy.compactMap { regionalStrategy(of: $0.document) }.first.map(strategyID)
            let year = main.year.map(String.init) ?? "undated"
            let parts = main.parts

            var notes: [String] = []
            if !parts.isEmpty {
                let sum = parts.reduce(0) { $0 + $1.value }
                let listed = "The \(parts.count) amounts listed for this distribution add up to \(Words.kronor(sum)) (\(Words.grouped(sum)) kr)"
                notes.append(sum == main.amount
                    ? listed + ", the stated total."
                    : listed + ", while the stated total is \(Words.kronor(main.amount)) (\(Words.grouped(main.amount)) kr); the source does not account for the difference of \(Words.grouped(abs(main.amount - sum))) kr.")
            }
            if let source = main.yearSource {
                notes.append("The year is read from ‘\(source.value)’ next to the total (\(source.evidence.locator)).")
            }
            if let fundSource, let heading = fundSource.fund {
                notes.append(
                    "The fund is named in \(fundSource.document.url), which states the same distribution (‘\(fundSource.evidence.excerpt)’, \(fundSource.evidence.locator)) under the heading ‘\(heading.value)’ (\(heading.evidence.locator))."
                )
            }
            records.append(FundingRecord(
                id: Slug.id(regionID, "funding", year, "total"), kind: .total, year: main.year, amountSEK: main.amount,
                fund: fund, strategyID: strategy, note: notes.isEmpty ? nil : notes.joined(separator: " "), evidence: main.evidence
            ))
            var allocationNote = main.goalLabelCount > 0
                ? "The source gives \(parts.count) amounts and \(main.goalLabelCount) goal labels as separate text; which amount went to which goal is not stated, so the goal is unknown."
                : "The source lists the amounts without saying which goal each went to, so the goal is unknown."
            if let fundSource { allocationNote += " The fund is the total's, as named in \(fundSource.document.url)." }
            for (index, part) in parts.enumerated() {
                records.append(FundingRecord(
                    id: Slug.id(regionID, "funding", year, "allocation", String(index + 1)), kind: .allocation, year: main.year,
                    amountSEK: part.value, fund: fund, goal: nil, strategyID: strategy, note: allocationNote, evidence: part.evidence
                ))
            }
        }
        return records
    }

    /// The totals a document states: sentences that distribute ("fördela") an amount, each with
    /// its year (in the sentence, else in a caption of the same section that distributes without
    /// an amount, else in a heading above) and the heading above it that names the fund.
    func totals(in document: SourceDocument) -> [StatedTotal] {
        guard let root = document.rootSection else { return [] }
        var result: [StatedTotal] = []
        func walk(_ section: LocatedSection, _ chain: [LocatedSection]) {
            let chain = chain + [section]
            let own = section.ownStatements
            let captions = own.filter { Words.has($0.value, Cue.distributed) && SwedishAmount.all(in: $0.value).isEmpty }
            for statement in own where Words.has(statement.value, Cue.distributed) {
                guard let amount = SwedishAmount.all(in: statement.value).first?.kronor else { continue }
                var year = Words.bareYear(in: statement.value)
                var yearSource: Located<String>?
                if year == nil, let caption = captions.first(where: { Words.bareYear(in: $0.value) != nil }) {
                    year = Words.bareYear(in: caption.value)
                    yearSource = caption
                }
                if year == nil { year = chain.reversed().lazy.compactMap { Words.bareYear(in: $0.heading) }.first }
                guard !result.contains(where: { $0.year == year && $0.amount == amount }) else { continue }
                let fund = chain.reversed().first { Words.hasWord($0.heading, Cue.fund) }.map { Located($0.heading, $0.evidence) }
                result.append(StatedTotal(amount: amount, year: year, yearSource: yearSource, fund: fund, evidence: statement.evidence, document: document))
            }
            for sub in section.subsections { walk(sub, chain) }
        }
        walk(root, [])
        return result
    }
}
