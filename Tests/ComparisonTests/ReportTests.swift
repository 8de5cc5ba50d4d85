import Foundation
import Testing
import StrategyModel
import Comparison
import Reports

@Suite("Reports")
struct ReportTests {
    let report: ComparisonReport

    init() throws {
        report = try ComparisonReport(profiles: [Fixtures.alpha, Fixtures.beta])
    }

    @Test func markdownTableWithSourceReferences() throws {
        let markdown = try report.rendered(as: .markdown, sections: [.table])
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("| Dimension | Alfa | Beta |"))
        #expect(lines.contains("| Priority areas | 1: Område \\| ett [A1] | *unknown* |"))
        #expect(lines.contains("| News | 2 items, latest 2020-02-26 [A2] | *unknown* |"))
        #expect(lines.contains("- [A1] <https://alfa.se/rus.html> — SHA-256 `aaaaaaaaaaaaaaaa…`, reconstruction (not a download)"))
        let tableRows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Dimension") }
        #expect(tableRows.count == ComparisonDimension.allCases.count)
        #expect(tableRows.allSatisfy { $0.components(separatedBy: " | ").count == 3 || $0.contains("\\|") })
    }

    @Test func tidyCSVHasOneRowPerItemWithEvidence() throws {
        let csv = try report.rendered(as: .csv)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows[0] == "region,dimension,item,value,summary,source_url,snapshot_sha256,locator,excerpt")
        #expect(rows.contains("alfa,goals,2,Mål två,2: 1. Mål ett [1 delmål]; Mål två,https://alfa.se/rus.html,\(String(repeating: "a", count: 64)),/html/body/ol/li,Mål två"))
        #expect(rows.contains("beta,vision,0,unknown,unknown,,,,"))
        // A value with quotes and a comma is quoted by RFC 4180.
        #expect(rows.contains { $0.hasPrefix("alfa,strategy-title,1,\"Alfa, \"\"växer\"\"\"") })
        let itemRows = report.table.rows.flatMap(\.cells).map { max(1, $0.items.count) }.reduce(0, +)
        #expect(rows.count == itemRows + 1)
    }

    @Test func jsonRoundTripsWithTheModelAlone() throws {
        let json = try report.rendered(as: .json)
        let decoded = try StrategyJSON.decoder().decode(ComparisonReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        #expect(json.contains("\"published\" : \"2020-02-25T23:00:00Z\""))
    }

    @Test func outputIsDeterministic() throws {
        for format in ReportFormat.allCases {
            #expect(try report.rendered(as: format) == (try ComparisonReport(profiles: [Fixtures.alpha, Fixtures.beta]).rendered(as: format)))
        }
    }
}
