import Foundation
import Comparison

/// The report's colours: a sequential blue scale for coverage shares and a categorical set for
/// codes and regions, chosen to stay apart in print and for the common colour-vision deficiencies.
enum HTMLPalette {
    /// Light to dark, for the five share classes of the heatmap.
    static let shares = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
    /// Classes from this index on are dark enough for white text.
    static let darkFrom = 3
    /// Fill of a cell whose code no statement carries.
    static let uncovered = "#ffffff"
    /// Fill of a cell covered only through codes below it.
    static let belowOnly = "#eef0f3"
    /// Categorical colours (Tableau 10 without its grey).
    static let categories = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]
    /// What carries no code.
    static let uncoded = "#c4c8ce"
    /// Amounts that no code carries.
    static let unlinked = "#8c959f"

    /// Region colours (ColorBrewer Dark2), apart from the codes' so that a bar's colour is never
    /// mistaken for a code.
    static let regions = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]

    /// The `index`-th categorical colour (they repeat after nine).
    static func category(_ index: Int) -> String { categories[index % categories.count] }

    /// The colour of the `index`-th region (they repeat after eight).
    static func region(_ index: Int) -> String { regions[index % regions.count] }

    /// The upper end of the share scale: the largest share rounded up to a multiple of 5 %.
    static func scaleMaximum(_ shares: [Double]) -> Double {
        let top = shares.max() ?? 0
        let steps = max(1, Int((top * 100 / 5).rounded(.up)))
        return Double(steps) * 0.05
    }

    /// The share class of `share` (0–4) on a scale up to `maximum`; `nil` for 0.
    static func shareClass(_ share: Double, maximum: Double) -> Int? {
        guard share > 0, maximum > 0 else { return nil }
        let position = Int((share / maximum * Double(shares.count)).rounded(.up)) - 1
        return min(shares.count - 1, max(0, position))
    }

    /// The legend's label of class `index` on a scale up to `maximum`: "up to 4 %", "4–8 %".
    static func classLabel(_ index: Int, maximum: Double) -> String {
        let step = maximum * 100 / Double(shares.count)
        func text(_ value: Double) -> String { HTMLText.number(value) }
        return index == 0 ? "up to \(text(step))\u{00A0}%" : "\(text(step * Double(index)))–\(text(step * Double(index + 1)))\u{00A0}%"
    }
}
