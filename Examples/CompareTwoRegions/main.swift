// Compares two bundled regions and prints a few rows of the side-by-side table.
// Run with: swift run CompareTwoRegions
import Foundation
import RegionalStrategies

let profiles = try await StrategyLoader().bundledProfiles(of: [Blekinge(), Kalmar()])
let table = SideBySide.table(for: profiles)

print("dimension".padding(toLength: 16, withPad: " ", startingAt: 0), table.regions.map(\.name).joined(separator: " | "))
for dimension in [ComparisonDimension.strategyTitle, .period, .adopted, .areas, .goals] {
    let cells = table.row(dimension)?.cells.map(\.summary) ?? []
    print(dimension.label.padding(toLength: 16, withPad: " ", startingAt: 0), cells.joined(separator: " | "))
}
