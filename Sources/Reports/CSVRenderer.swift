import Foundation
import StrategyModel
import Comparison

/// The comparison as tidy CSV (RFC 4180): one row per region × dimension × item, with the
/// evidence of each item, ready for R (`read.csv`) and pandas (`read_csv`).
enum CSVRenderer {
    static let header = ["region", "dimension", "item", "value", "summary", "source_url", "snapshot_sha256", "locator", "excerpt"]

    static func render(_ table: ComparisonTable) -> String {
        var rows = [header]
        for row in table.rows {
            for cell in row.cells {
                if cell.items.isEmpty {
                    rows.append([cell.regionID, row.dimension.rawValue, "0", cell.summary, cell.summary, "", "", "", ""])
                }
                for (index, item) in cell.items.enumerated() {
                    let e = item.evidence
                    rows.append([
                        cell.regionID, row.dimension.rawValue, String(index + 1), item.value, cell.summary,
                        e?.sourceURL ?? "", e?.snapshotSHA256 ?? "", e?.locator ?? "", e?.excerpt ?? "",
                    ])
                }
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
