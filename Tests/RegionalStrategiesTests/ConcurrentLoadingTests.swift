import Foundation
import Testing
import RegionalStrategies

/// The loader parses each region in its own task; several loads at once (as a server answering
/// several requests would run them) must give what one load alone gives. Run under
/// ThreadSanitizer by `Scripts/sanitize.sh thread`.
@Suite("Concurrent loading of the bundled regions")
struct ConcurrentLoadingTests {
    @Test func concurrentLoadsGiveTheSameProfiles() async throws {
        let loader = StrategyLoader()
        let alone = try await loader.bundledProfiles(of: loader.modules)
        #expect(alone.map(\.region.id) == BundledRegions.all.map(\.region.id))

        let loads = 6
        let together = try await withThrowingTaskGroup(of: [RegionProfile].self) { group in
            for index in 0..<loads {
                // Some loads in reverse order, so that the same region is parsed in two tasks at once.
                let modules = index % 2 == 0 ? loader.modules : Array(loader.modules.reversed())
                group.addTask { try await loader.bundledProfiles(of: modules) }
            }
            var results: [[RegionProfile]] = []
            for try await profiles in group { results.append(profiles) }
            return results
        }
        #expect(together.count == loads)
        for profiles in together {
            let byRegion = Dictionary(uniqueKeysWithValues: profiles.map { ($0.region.id, $0) })
            for profile in alone {
                #expect(byRegion[profile.region.id] == profile, "\(profile.region.id): a concurrent load differs from the load alone")
            }
        }
    }
}
