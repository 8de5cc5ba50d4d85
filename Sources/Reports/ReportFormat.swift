import Foundation
import StrategyModel
import Comparison

/// Report formats.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Markdown: tables and lists, each value citing its source (`[B2]`), the sources listed below.
    case markdown
    /// Tidy CSV: one table per section, one observation per row, with evidence columns.
    case csv
    /// JSON: the whole ``ComparisonReport`` (schema: `schema/comparison-report.schema.json`).
    case json
    /// One self-contained HTML file with SVG charts.
    case html
}

/// The parts of a report, as `rus compare --only` names them.
public enum ReportSection: String, Sendable, CaseIterable, Comparable {
    /// The side-by-side table.
    case table
    /// Structure profiles: levels, counts, period, horizon.
    case profile
    /// Regions × codes: statements and shares.
    case coverage
    /// Codes a region does not cover and others do; codes none covers.
    case gaps
    /// The most similar goals of each pair of regions.
    case alignment
    /// The current strategy against the one before it.
    case diff
    /// News items per code and year.
    case news
    /// Money per code.
    case funding
    /// Every statement with its codes and the term matches behind them.
    case coding

    /// Orders sections as reports print them (the order of the cases).
    public static func < (a: ReportSection, b: ReportSection) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension ComparisonReport {
    /// The report in `format`, as text: the given sections (all by default) and the citation.
    ///
    /// CSV holds one table; with several sections it gives the first, so ask for one with
    /// `sections` or use ``csvFiles(sections:withCitation:)`` for all.
    public func rendered(as format: ReportFormat, sections: [ReportSection] = ReportSection.allCases) throws -> String {
        let sections = sections.sorted()
        switch format {
        case .markdown: return MarkdownRenderer.render(self, sections: sections)
        case .csv: return csvFiles(sections: Array(sections.prefix(1))).first?.text ?? ""
        case .json: return String(decoding: try StrategyJSON.encoder().encode(self), as: UTF8.self) + "\n"
        case .html: return HTMLRenderer.render(self, sections: sections)
        }
    }

    /// One tidy CSV file per section (`coverage.csv`, …), plus `sources.csv` and `citation.txt`:
    /// what `rus compare --format csv --output FOLDER` writes.
    public func csvFiles(sections: [ReportSection] = ReportSection.allCases, withCitation: Bool = false) -> [(name: String, text: String)] {
        var files = sections.sorted().map { ("\($0.rawValue).csv", CSVRenderer.render(self, section: $0)) }
        if withCitation {
            files.append(("sources.csv", CSVRenderer.sources(citation)))
            files.append(("citation.txt", citation.lines.joined(separator: "\n") + "\n"))
        }
        return files
    }
}
