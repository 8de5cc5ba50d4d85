import Documents
import Foundation
import RegionSupport
import StrategyModel

extension Cue {
    static let distributed = "fördela"
    static let fund = ["tillväxtmedel", "anslag"]
}

extension Reader {
    /// A distribution of money between the strategy's goals: its total ("År 2024 fördelades
    /// 24,3 mnkr mellan RUS-målen") and the amounts listed for it (a list whose items are each
    /// an amount, under a heading giving the same year). Which amount went to which goal is
    /// recorded only where the page pairs them; Blekinge's page lists amounts and goals apart.
    func funding() -> [FundingRecord] {
        var records: [FundingRecord] = []
        for page in documents.pages {
            guard let root = page.rootSection else { continue }
            let strategy = Self.specs.first { $0.kind == .regionalDevelopment && mentions(page, $0) }.map(strategyID)
            struct Total { var year: Int?; var amount: Int; var fund: String?; var evidence: Evidence }
            var totals: [Total] = []
            for passage in root.passages() {
                for statement in passage.statements where Words.has(statement.value, Cue.distributed) {
                    guard let amount = SwedishAmount.all(in: statement.value).first?.kronor else { continue }
                    let year = Words.bareYear(in: statement.value) ?? passage.headings.reversed().lazy.compactMap(Words.bareYear).first
                    guard !totals.contains(where: { $0.year == year && $0.amount == amount }) else { continue }
                    let fund = passage.headings.reversed().first { Words.hasWord($0, Cue.fund) }.map(Words.lowerFirst)
                    totals.append(Total(year: year, amount: amount, fund: fund, evidence: statement.evidence))
                }
            }
            guard !totals.isEmpty else { continue }

            var allocations: [(year: Int?, parts: [(amount: Int, evidence: Evidence)])] = []
            for node in root.nodes() {
                for block in node.located.section.blocks {
                    guard case let .list(list) = block, list.items.count >= 2 else { continue }
                    let parts = list.items.compactMap { item in
                        SwedishAmount.parse(item.text).map { (amount: $0, evidence: page.evidence(at: item.locator, excerpt: item.text)) }
                    }
                    guard parts.count == list.items.count else { continue }
                    allocations.append((node.path.reversed().lazy.compactMap(Words.bareYear).first, parts))
                }
            }

            for total in totals {
                let parts = allocations.filter { $0.year == total.year || totals.count == 1 }.flatMap(\.parts)
                let year = total.year.map(String.init) ?? "undated"
                var note: String?
                if !parts.isEmpty {
                    let sum = parts.reduce(0) { $0 + $1.amount }
                    let listed = "The \(parts.count) amounts listed for this distribution add up to \(Words.kronor(sum)) (\(Words.grouped(sum)) kr)"
                    note = sum == total.amount
                        ? listed + ", the stated total."
                        : listed + ", while the stated total is \(Words.kronor(total.amount)) (\(Words.grouped(total.amount)) kr); the source does not account for the difference of \(Words.grouped(abs(total.amount - sum))) kr."
                }
                records.append(FundingRecord(
                    id: Slug.id(regionID, "funding", year, "total"), kind: .total, year: total.year, amountSEK: total.amount,
                    fund: total.fund, strategyID: strategy, note: note, evidence: total.evidence
                ))
                for (index, part) in parts.enumerated() {
                    records.append(FundingRecord(
                        id: Slug.id(regionID, "funding", year, "allocation", String(index + 1)), kind: .allocation, year: total.year,
                        amountSEK: part.amount, fund: total.fund, goal: nil, strategyID: strategy,
                        note: "The source lists the amounts and the goals separately; which amount went to which goal is not stated, so the goal is unknown.",
                        evidence: part.evidence
                    ))
                }
            }
        }
        return records
    }
}
