import Foundation
import StrategyModel
import Comparison

/// The comparison as a Markdown table, with source references after it.
///
/// Each cell cites the documents its items come from as `[B2]`: region initial and the
/// document's number in that region's source list below the table, which gives the URL and
/// the SHA-256 of the exact bytes read.
enum MarkdownRenderer {
    static func render(_ report: ComparisonReport) -> String {
        let table = report.table
        var refs: [String: [String: String]] = [:]  // region id → (url+sha → marker)
        var sourceLists: [String: [(String, SourceRecord)]] = [:]
        for profile in report.profiles {
            let prefix = referencePrefix(for: profile.region, among: table.regions)
            var map: [String: String] = [:]
            var list: [(String, SourceRecord)] = []
            for (index, source) in profile.sources.enumerated() {
                let marker = "\(prefix)\(index + 1)"
                map[source.url + "#" + source.sha256] = marker
                list.append((marker, source))
            }
            refs[profile.region.id] = map
            sourceLists[profile.region.id] = list
        }

        var lines: [String] = []
        lines.append("# Regional development strategies compared")
        lines.append("")
        lines.append("Regions: " + table.regions.map { "\($0.name) (\($0.organisation), county \($0.countyCode), \($0.nutsCode))" }.joined(separator: "; ") + ".")
        lines.append("Each region's current regional development strategy is compared; `unknown` means the documents read do not say.")
        lines.append("")
        lines.append("| Dimension | " + table.regions.map { escape($0.name) }.joined(separator: " | ") + " |")
        lines.append("|---|" + table.regions.map { _ in "---" }.joined(separator: "|") + "|")
        for row in table.rows {
            let cells = row.cells.map { cell -> String in
                let markers = Set(cell.items.compactMap { item in
                    item.evidence.flatMap { refs[cell.regionID]?[$0.sourceURL + "#" + $0.snapshotSHA256] }
                }).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
                let cite = markers.isEmpty ? "" : " " + markers.map { "[\($0)]" }.joined()
                return escape(cell.isUnknown ? "*unknown*" : cell.summary) + cite
            }
            lines.append("| \(row.dimension.label) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("## Sources")
        for profile in report.profiles {
            lines.append("")
            lines.append("**\(profile.region.name)**")
            lines.append("")
            for (marker, source) in sourceLists[profile.region.id] ?? [] {
                let origin = source.origin == "reconstruction" ? ", reconstruction (not a download)" : ", \(source.origin)"
                lines.append("- [\(marker)] <\(source.url)> — SHA-256 `\(source.sha256.prefix(16))…`\(origin)")
            }
        }
        lines.append("")
        lines.append("Locators and excerpts for every item: `rus compare --format csv` or `--format json`.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// "B" for Blekinge; more letters when initials collide ("Ka", "Kr").
    static func referencePrefix(for region: Region, among regions: [Region]) -> String {
        let name = Slug.make(region.name)
        for length in 1...max(1, name.count) {
            let prefix = String(name.prefix(length))
            let clash = regions.contains { $0.id != region.id && Slug.make($0.name).hasPrefix(prefix) }
            if !clash { return prefix.prefix(1).uppercased() + prefix.dropFirst() }
        }
        return region.id
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
