import Norrskar
import RegionModuleTesting
import RegionalStrategies
import Testing

@Suite("Norrskär (example region from outside the package)")
struct NorrskarTests {
    @Test func conformsToTheKit() {
        let report = ConformanceKit.expectConformance(Norrskar())
        // Title, period, adoption, status, vision, 3 areas with 2 goals each, 2 news items.
        #expect(report.evidenceChecked == 16, "\(report)")
    }

    @Test func readsTheStrategy() throws {
        let profile = try StrategyLoader.bundledProfile(of: Norrskar())
        let strategy = try #require(profile.strategies.first)
        #expect(strategy.title.value == "Norrskär 2035 – regional utvecklingsstrategi")
        #expect(strategy.period?.value == Period(startYear: 2025, endYear: 2035))
        #expect(strategy.milestones.map(\.date) == [PartialDate(year: 2025, month: 3, day: 12)])
        #expect(strategy.areas.map(\.name) == ["Hållbar tillväxt och innovation", "Kompetensförsörjning", "Tillgänglighet och infrastruktur"])
        #expect(strategy.allGoals.count == 6)
        #expect(profile.news.map(\.title) == ["Bredband till de yttre öarna", "Norrskär 2035 antagen"])
    }

    @Test func isComparedWithTheBundledRegions() throws {
        let modules: [any RegionModule] = BundledRegions.all + [Norrskar()]
        let profiles = try modules.map { try StrategyLoader.bundledProfile(of: $0) }
        let report = try ComparisonReport(profiles: profiles, codebooks: [try Codebook.shipped("thematic")])
        let markdown = try report.rendered(as: .markdown, sections: [.table])
        #expect(markdown.contains("| Dimension | Blekinge | Kalmar län | Västernorrland | Norrskär (exempel) |"), "\(markdown.prefix(600))")
        #expect(markdown.contains("2025–2035"))
    }
}
