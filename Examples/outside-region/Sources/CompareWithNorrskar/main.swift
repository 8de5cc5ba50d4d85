// EXAMPLE: compares the fictional region Norrskär (this package) with the three bundled regions
// and prints the side-by-side table and the thematic coverage as Markdown.
// Run with: swift run --package-path Examples/outside-region CompareWithNorrskar
import Norrskar
import RegionalStrategies

let modules: [any RegionModule] = BundledRegions.all + [Norrskar()]
let profiles = try await StrategyLoader(modules: modules).bundledProfiles(of: modules)
let report = try ComparisonReport(profiles: profiles, codebooks: [try Codebook.shipped("thematic")])
print(try report.rendered(as: .markdown, sections: [.table, .coverage]))
