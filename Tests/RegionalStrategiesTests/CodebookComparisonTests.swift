import Foundation
import Testing
import RegionalStrategies

/// Coding, coverage, gaps, alignment, news and funding of the three bundled regions with the
/// thematic codebook. Expected values are read off the documents: each is a statement the
/// region's pages make (Regions/*/Sources/Snapshot) and the theme a reader gives it.
@Suite("Codebook comparison of the bundled regions")
struct CodebookComparisonTests {
    static let profiles: [RegionProfile] = BundledRegions.all.compactMap { try? StrategyLoader.bundledProfile(of: $0) }
    static let thematic = try? CodebookComparison(profiles: profiles, codebook: try Codebook.shipped("thematic"))

    func comparison() throws -> CodebookComparison { try #require(Self.thematic) }

    func cell(_ code: String, _ region: String) throws -> CoverageCell {
        let row = try #require(try comparison().coverage.first { $0.code == code })
        return try #require(row.cells.first { $0.regionID == region })
    }

    func texts(_ ids: [String], _ region: String) throws -> [String] {
        let statements = try #require(try comparison().coding.first { $0.regionID == region }).statements
        return ids.map { id in statements.first { $0.id == id }?.statement.text ?? id }
    }

    @Test func allShippedCodebooksLoad() throws {
        let books = try Codebook.shipped
        #expect(books.map(\.id) == ["thematic", "national-strategy-2021-2030", "eu-cohesion-policy-2021-2027", "agenda-2030"])
        #expect(books.map { $0.children(of: nil).count } == [15, 4, 5, 17])
        #expect(try Codebook.shipped("eu-cohesion-policy-2021-2027").children(of: "po2").count == 8)
    }

    @Test func statementsCounted() throws {
        // Blekinge: vision, 4 areas, 6 goals, 9 sub-goals, 4 perspectives, 3 S3 areas.
        // Kalmar: vision, 4 areas, 10 goals, 3 perspectives, 4 action plans.
        // Västernorrland: 3 goals with 16 priorities, 3 S3 areas.
        #expect(try comparison().coding.map(\.statements.count) == [27, 22, 22])
    }

    @Test func codingIsExplained() throws {
        let blekinge = try #require(try comparison().coding.first { $0.regionID == "blekinge" })
        let goal = try #require(blekinge.statements.first { $0.statement.text == "Stärkt konkurrenskraft i näringslivet" })
        #expect(goal.codes.map(\.code) == ["business"])
        #expect(goal.codes[0].matches.map(\.words) == ["konkurrenskraft", "näringslivet"])
        #expect(goal.codes[0].origin == .automatic)
    }

    @Test func coverageCellsListTheirStatements() throws {
        // Kalmar's perspective "Internationalisering" and its goal of solutions "för en global marknad".
        let international = try cell("international", "kalmar")
        #expect(try texts(international.statements, "kalmar") == [
            "Länet har utvecklat digitala och hållbara lösningar för en global marknad", "Internationalisering",
        ])
        #expect(international.total == 22)
        #expect(international.share == 0.0909)
        // Health: Blekinge's "Hög livskvalitet", goal "God, jämlik och jämställd hälsa", perspective "Folkhälsa".
        #expect(try texts(try cell("health-welfare", "blekinge").statements, "blekinge") == [
            "Hög livskvalitet", "God, jämlik och jämställd hälsa", "Folkhälsa",
        ])
        // Västernorrland's documents say nothing of health.
        #expect(try cell("health-welfare", "vasternorrland").statements.isEmpty)
    }

    @Test func gaps() throws {
        let gaps = try comparison().gaps
        func missing(_ region: String) -> [String] { gaps.regions.first { $0.regionID == region }?.missing.map(\.code) ?? [] }
        #expect(missing("blekinge") == ["international", "rural", "governance"])
        #expect(missing("kalmar") == ["culture-attractiveness", "governance"])
        #expect(missing("vasternorrland") == ["health-welfare", "equality-inclusion"])
        #expect(gaps.regions[0].missing[0].coveredBy == ["kalmar", "vasternorrland"])
        #expect(gaps.uncovered.isEmpty)
    }

    @Test func goalAlignmentMeetsTheSameGoals() throws {
        let pair = try #require(try comparison().alignment.first { $0.first == "blekinge" && $0.second == "kalmar" })
        let statements = Dictionary(try comparison().coding.flatMap(\.statements).map { ($0.id, $0.statement.text) }, uniquingKeysWith: { a, _ in a })
        let named = pair.matches.map { (statements[$0.first] ?? "", statements[$0.second] ?? "", $0) }
        // Both strategies have an area "Hållbar samhällsplanering": the same words and codes.
        let same = try #require(named.first { $0.0 == "Hållbar samhällsplanering" && $0.1 == "Hållbar samhällsplanering" })
        #expect(same.2.score == 1 && same.2.mutual)
        let competitiveness = try #require(named.first { $0.0 == "Stärkt konkurrenskraft i näringslivet" })
        #expect(competitiveness.1 == "Stärkt konkurrenskraft")
        #expect(competitiveness.2.mutual)
        #expect(competitiveness.2.sharedStems == ["konkurrenskraft", "stärk"])
        #expect(competitiveness.2.sharedCodes == ["business"])
        #expect(competitiveness.2.score > 0.8)
        #expect(pair.matches.map(\.score) == pair.matches.map(\.score).sorted(by: >))
        #expect(pair.matches.allSatisfy { $0.score >= GoalAlignment.threshold })
    }

    @Test func newsAttentionByYear() throws {
        let kalmar = try comparison().newsAttention.filter { $0.regionID == "kalmar" }
        // The 2019-03-08 grant decision names an e-health cluster and food development.
        #expect(kalmar.filter { $0.year == 2019 }.map(\.code) == ["innovation", "digital", "health-welfare", "rural"])
        #expect(kalmar.allSatisfy { $0.count == 1 })
    }

    @Test func fundingIsUnlinkedWhereTheDocumentsDoNotLinkIt() throws {
        let funding = try comparison().funding
        #expect(funding.linked.isEmpty)
        // Blekinge's five 2024 allocations (goals unknown) and Kalmar's four 2019 grants (recipients, not goals).
        #expect(funding.unlinked.map(\.regionID) == Array(repeating: "blekinge", count: 5) + Array(repeating: "kalmar", count: 4))
        #expect(funding.unlinked.map(\.amountSEK).reduce(0, +) == 24_200_000 + 16_500_000)
    }

    @Test func overridesShowAsManual() throws {
        let id = try #require(try comparison().coding.first { $0.regionID == "vasternorrland" }?.statements.first?.id)
        let overrides = CodingOverrides(overrides: [.init(codebook: "thematic", statement: id, add: "governance", note: "påverkansarbete")], origin: "mine.json")
        let report = try ComparisonReport(profiles: Self.profiles, codebooks: [try Codebook.shipped("thematic")], overrides: overrides)
        let markdown = try report.rendered(as: .markdown, sections: [.coding])
        #expect(markdown.contains("governance (manual: påverkansarbete)"))
        #expect(report.citation.overrides == "mine.json")
        #expect(markdown.contains("Manual coding overrides: mine.json."))
    }

    /// The same inputs give byte-identical outputs in every format.
    @Test func deterministic() throws {
        let books = try Codebook.shipped
        let first = try ComparisonReport(profiles: Self.profiles, codebooks: books)
        let again = try ComparisonReport(profiles: BundledRegions.all.map { try StrategyLoader.bundledProfile(of: $0) }, codebooks: try Codebook.shipped)
        for format in ReportFormat.allCases {
            #expect(try first.rendered(as: format) == again.rendered(as: format), "\(format)")
        }
        #expect(first.csvFiles(withCitation: true).map(\.text) == again.csvFiles(withCitation: true).map(\.text))
    }
}

extension CodebookComparisonTests {
    /// The overrides example in the README applies to the bundled regions as it says.
    @Test func readmeOverridesExampleApplies() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "{\"overrides\": ["))
        let end = try #require(readme.range(of: "]}", range: start.upperBound..<readme.endIndex))
        let overrides = try JSONDecoder().decode(CodingOverrides.self, from: Data(readme[start.lowerBound..<end.upperBound].utf8))
        let coded = try CodebookComparison(profiles: Self.profiles, codebook: try Codebook.shipped("thematic"), overrides: overrides)
        let all = coded.coding.flatMap(\.statements)
        let goal = try #require(all.first { $0.id == "vasternorrland.ett-vasternorrland.goal.1" })
        #expect(goal.codes.map { "\($0.code) \($0.origin.rawValue)" } == ["culture-attractiveness manual", "international automatic"])  // codebook order
        let nodes = try #require(all.first { $0.id == "blekinge.vaxtplats.perspective.strategiska-noder" })
        #expect(nodes.codes.isEmpty && nodes.overruled.map(\.code) == ["planning-housing"])
    }
}
