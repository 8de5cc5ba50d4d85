import Foundation
import Testing
import RegionModuleTesting
import RegionalStrategies

/// Every fact of every bundled region must lead back to its source: the URL and SHA-256 of a
/// document that was read, a locator that selects a node in it, and an excerpt that is there.
@Suite("Provenance of the bundled regions")
struct ProvenanceTests {
    static let profiles: [RegionProfile] = BundledRegions.all.compactMap { try? StrategyLoader.bundledProfile(of: $0) }

    @Test func everyBundledRegionLoads() throws {
        for module in BundledRegions.all {
            let profile = try StrategyLoader.bundledProfile(of: module)
            #expect(profile.region == module.region)
            #expect(!profile.strategies.isEmpty, "\(module.region.id) has no strategies")
            #expect(!profile.news.isEmpty, "\(module.region.id) has no news")
        }
        #expect(Self.profiles.count == 3)
    }

    @Test func sourcesMatchTheModulesDeclaredSources() throws {
        for module in BundledRegions.all {
            let profile = try StrategyLoader.bundledProfile(of: module)
            #expect(Set(profile.sources.map(\.url)) == Set(module.sources.map(\.url)), "\(module.region.id): sources and snapshot disagree")
            #expect(profile.sources.allSatisfy { $0.origin == "reconstruction" })
        }
    }

    @Test(arguments: ["blekinge", "kalmar", "vasternorrland"])
    func everyEvidenceLeadsToItsExcerpt(regionID: String) throws {
        let module = try #require(BundledRegions.module(id: regionID))
        let profile = try StrategyLoader.bundledProfile(of: module)
        let snapshot = try Snapshot(directory: try #require(module.bundledSnapshot))
        // The kit parses the snapshot's bytes again and resolves each locator there: an XPath
        // for pages and feeds, a block locator ("slide 3, shape 4, paragraph 1") for Office files.
        let report = ConformanceKit.evidenceReport(of: profile, in: snapshot.documents)
        #expect(report.evidenceChecked > 30)
        report.recordIssues()
    }
}
