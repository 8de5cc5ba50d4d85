import Foundation
import Testing
import StrategyModel
import Comparison

@Suite("Side-by-side table")
struct SideBySideTests {
    let table = SideBySide.table(for: [Fixtures.alpha, Fixtures.beta])

    @Test func oneRowPerDimensionOneCellPerRegion() {
        #expect(table.rows.map(\.dimension) == ComparisonDimension.allCases)
        #expect(table.rows.allSatisfy { $0.cells.map(\.regionID) == ["alfa", "beta"] })
    }

    @Test func cellsSummariseWithEvidence() throws {
        let alpha = { (d: ComparisonDimension) in self.table.row(d)!.cells[0] }
        #expect(alpha(.strategyTitle).summary == "Alfa, \"växer\"")
        #expect(alpha(.period).summary == "2020–2030")
        #expect(alpha(.status).summary == "adopted")
        #expect(alpha(.adopted).summary == "2020-02 (regionfullmäktige)")
        #expect(alpha(.areas).summary == "1: Område | ett")
        #expect(alpha(.goals).summary == "2: 1. Mål ett [1 delmål]; Mål två")
        #expect(alpha(.goals).items.allSatisfy { $0.evidence != nil })
        #expect(alpha(.funding).summary == "2024 total 24,3 mnkr (anslag 1:1); 2024 1,1 mnkr → goal unknown")
        #expect(alpha(.frameworks).summary == "1: Agenda 2030")
        #expect(alpha(.news).summary == "2 items, latest 2020-02-26")
        #expect(alpha(.vision).isUnknown)
    }

    @Test func unknownIsSaidNotLeftBlank() {
        let beta = table.rows.map { $0.cells[1] }
        #expect(beta.filter { $0.isUnknown }.count == ComparisonDimension.allCases.count - 1)
        #expect(table.row(.organisation)?.cells[1].summary == "Region Beta")
        #expect(beta.allSatisfy { !$0.summary.isEmpty })
    }

    @Test(arguments: [(24_300_000, "24,3 mnkr"), (5_678_520, "5 678 520 kr"), (600_000, "0,6 mnkr"), (22_000_000, "22 mnkr"), (650_000, "650 000 kr"), (950, "950 kr")])
    func amountsInSwedishForm(kronor: Int, text: String) {
        #expect(SEKText.format(kronor) == text)
    }

    @Test func swedishCalendarDays() {
        // 2020-02-25T23:00:00Z is midnight 26 February in Sweden (CET).
        #expect(DayText.swedishDay(Date(timeIntervalSince1970: 1_582_671_600)) == "2020-02-26")
        // 2021-08-30T22:00:00Z is midnight 31 August (CEST).
        #expect(DayText.swedishDay(Date(timeIntervalSince1970: 1_630_360_800)) == "2021-08-31")
    }
}
