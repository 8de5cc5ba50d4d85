import Foundation
import StrategyModel
import Comparison

/// The comparison as one self-contained HTML file. (Being written: for now the Markdown in a page.)
enum HTMLRenderer {
    static func render(_ report: ComparisonReport, sections: [ReportSection]) -> String {
        let text = MarkdownRenderer.render(report, sections: sections)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Regional development strategies compared</title></head><body><pre>\(text)</pre></body></html>\n"
    }
}
