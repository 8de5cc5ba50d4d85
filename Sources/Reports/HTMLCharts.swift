import Foundation
import StrategyModel
import Comparison

/// The report's charts as inline SVG: the coverage heatmap, funding bars, the news timeline and
/// score bars. Sizes are computed from the data (text widths estimated, no fonts measured), and
/// every coordinate is written in one fixed format.
enum HTMLCharts {
    /// Estimated width of `count` characters of 13 px sans-serif text.
    static func textWidth(_ count: Int) -> Int { count * 7 }

    static func svgOpen(width: Int, height: Int, className: String, label: String) -> String {
        "<svg class=\"\(className)\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLText.attribute(label))\">\n"
    }

    // MARK: Heatmap

    /// Region columns, code rows (indented by depth), cells coloured by share with the count in
    /// them; a cell with statements links to their list (`cellID`).
    static func heatmap(_ book: CodebookComparison, _ context: HTMLContext, cellID: (String, String) -> String) -> String {
        let regions = book.regions
        let maximum = HTMLPalette.scaleMaximum(book.coverage.flatMap { $0.cells.map(\.share) })
        let labelLimit = 46
        let labelWidth = min(380, max(180, book.coverage.map { textWidth(min(labelLimit, $0.label.en.count)) + $0.depth * 16 }.max().map { $0 + 24 } ?? 180))
        let columnWidth = regions.count <= 5 ? 132 : regions.count <= 8 ? 108 : 92
        let nameWidth = max(6, (columnWidth - 10) / 8)
        let names = regions.map { HTMLText.wrap(context.name($0), width: nameWidth, maxLines: 3) }
        let nameLines = names.map(\.count).max() ?? 1
        let rowHeight = 30, headerHeight = 16 + 16 * nameLines, footerHeight = 30
        let width = labelWidth + columnWidth * regions.count + 8
        let height = headerHeight + rowHeight * book.coverage.count + footerHeight
        var svg = svgOpen(width: width, height: height, className: "heatmap", label: "Coverage heatmap of \(book.codebook.title.en): \(book.coverage.count) codes × \(regions.count) regions")
        for (column, region) in regions.enumerated() {
            let x = labelWidth + column * columnWidth + columnWidth / 2
            // Names sit on the cells: the last line just above the first row.
            let top = headerHeight - 10 - 16 * (names[column].count - 1)
            let lines = names[column].enumerated().map { index, line in
                "<tspan x=\"\(x)\" y=\"\(top + 16 * index)\">\(HTMLText.escape(line))</tspan>"
            }
            svg += "<text class=\"region\" text-anchor=\"middle\"><title>\(HTMLText.escape(context.name(region)))</title>\(lines.joined())</text>\n"
        }
        for (index, row) in book.coverage.enumerated() {
            let y = headerHeight + index * rowHeight
            if index % 2 == 1 { svg += "<rect class=\"stripe\" x=\"0\" y=\"\(y)\" width=\"\(width)\" height=\"\(rowHeight)\"/>\n" }
            let x = 8 + row.depth * 16
            let label = HTMLText.escape(HTMLText.shortened(row.label.en, to: labelLimit))
            let tip = HTMLText.escape("\(row.label.en) / \(row.label.sv) (\(row.code))")
            if row.depth > 0 {
                svg += "<path class=\"branch\" d=\"M\(x - 10) \(y + 4) V\(y + rowHeight / 2) H\(x - 3)\"/>\n"
            }
            svg += "<text class=\"code depth-\(min(row.depth, 3))\" x=\"\(x)\" y=\"\(y + rowHeight / 2 + 5)\"><title>\(tip)</title>\(label)</text>\n"
            for (column, cell) in row.cells.enumerated() {
                svg += heatmapCell(cell, row: row, x: labelWidth + column * columnWidth, y: y, width: columnWidth, height: rowHeight, maximum: maximum, context: context, link: cellID(row.code, cell.regionID))
            }
        }
        let footerY = headerHeight + rowHeight * book.coverage.count
        svg += "<line class=\"rule\" x1=\"0\" y1=\"\(footerY + 2)\" x2=\"\(width)\" y2=\"\(footerY + 2)\"/>\n"
        svg += "<text class=\"total-label\" x=\"8\" y=\"\(footerY + 20)\">Statements coded</text>\n"
        for (column, region) in regions.enumerated() {
            let total = book.coding.first { $0.regionID == region }?.statements.count ?? 0
            svg += "<text class=\"total\" x=\"\(labelWidth + column * columnWidth + columnWidth / 2)\" y=\"\(footerY + 20)\" text-anchor=\"middle\">\(total)</text>\n"
        }
        svg += "</svg>"
        return svg
    }

    static func heatmapCell(_ cell: CoverageCell, row: CoverageRow, x: Int, y: Int, width: Int, height: Int, maximum: Double, context: HTMLContext, link: String) -> String {
        let extra = cell.statementsWithSubcodes.count - cell.statements.count
        let shareClass = HTMLPalette.shareClass(cell.share, maximum: maximum)
        let fill = shareClass.map { HTMLPalette.shares[$0] } ?? (cell.isCovered ? HTMLPalette.belowOnly : HTMLPalette.uncovered)
        let dark = (shareClass ?? 0) >= HTMLPalette.darkFrom
        let name = context.name(cell.regionID)
        var tip = "\(row.label.en) — \(name): "
        if !cell.isCovered {
            tip += "no statement of \(cell.total)"
        } else {
            tip += "\(cell.statements.count) of \(cell.total) statements (\(HTMLText.percent(cell.share)))"
            if extra > 0 { tip += ", and \(extra) more only through codes below it" }
        }
        let rect = "<rect class=\"cell\" x=\"\(x + 3)\" y=\"\(y + 3)\" width=\"\(width - 6)\" height=\"\(height - 6)\" rx=\"3\" fill=\"\(fill)\" data-share=\"\(HTMLText.score(cell.share))\"/>"
        let cx = x + width / 2, ty = y + height / 2 + 5
        let text: String
        if !cell.isCovered {
            text = "<text class=\"value none\" x=\"\(cx)\" y=\"\(ty)\" text-anchor=\"middle\">–</text>"
        } else {
            let share = cell.statements.isEmpty ? "" : " <tspan class=\"share\">\(HTMLText.percent(cell.share))</tspan>"
            let plus = extra > 0 ? " <tspan class=\"plus\">+\(extra)</tspan>" : ""
            text = "<text class=\"value\(dark ? " dark" : "")\" x=\"\(cx)\" y=\"\(ty)\" text-anchor=\"middle\">\(cell.statements.count)\(share)\(plus)</text>"
        }
        let title = "<title>\(HTMLText.escape(tip))</title>"
        if cell.isCovered {
            return "<a href=\"#\(link)\">\(title)\(rect)\(text)</a>\n"
        }
        return "<g>\(title)\(rect)\(text)</g>\n"
    }

    /// The heatmap's colour key, as HTML.
    static func heatmapLegend(_ book: CodebookComparison) -> String {
        let maximum = HTMLPalette.scaleMaximum(book.coverage.flatMap { $0.cells.map(\.share) })
        var html = "<ul class=\"legend\" aria-label=\"Colour key\">"
        html += "<li><span class=\"swatch outline\" style=\"background:\(HTMLPalette.uncovered)\"></span>– not covered</li>"
        html += "<li><span class=\"swatch\" style=\"background:\(HTMLPalette.belowOnly)\"></span>0 +n: only through codes below</li>"
        for (index, colour) in HTMLPalette.shares.enumerated() {
            html += "<li><span class=\"swatch\" style=\"background:\(colour)\"></span>\(HTMLText.escape(HTMLPalette.classLabel(index, maximum: maximum)))</li>"
        }
        html += "</ul>\n"
        return html
    }

    // MARK: Bars

    /// A horizontal score bar, 0 to 1.
    static func scoreBar(_ score: Double, mutual: Bool) -> String {
        let width = 90, filled = Int((min(1, max(0, score)) * Double(width)).rounded())
        return "<svg class=\"score\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"10\" viewBox=\"0 0 \(width) 10\" aria-hidden=\"true\">"
            + "<rect class=\"bar-bg\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"10\" rx=\"2\"/>"
            + "<rect class=\"bar\(mutual ? " mutual" : "")\" x=\"0\" y=\"0\" width=\"\(filled)\" height=\"10\" rx=\"2\"/></svg>"
    }

    /// One bar of an amount, scaled to `maximum`.
    static func amountBar(_ amount: Int, maximum: Int, colour: String, width: Int = 160) -> String {
        let filled = maximum <= 0 ? 0 : max(1, Int((Double(amount) / Double(maximum) * Double(width)).rounded()))
        return "<svg class=\"amount\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"12\" viewBox=\"0 0 \(width) 12\" aria-hidden=\"true\">"
            + "<rect class=\"bar-bg\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"12\" rx=\"2\"/>"
            + "<rect x=\"0\" y=\"0\" width=\"\(filled)\" height=\"12\" rx=\"2\" fill=\"\(colour)\"/></svg>"
    }

    /// Linked amounts per code: one group of bars per code, one bar per region (its amounts
    /// summed), coloured by region.
    static func fundingBars(_ book: CodebookComparison, _ context: HTMLContext) -> String {
        struct Bar { var region: String; var amount: Int; var lowerBound: Bool; var count: Int }
        var groups: [(code: String, bars: [Bar])] = []
        for code in book.codebook.codes {
            var bars: [Bar] = []
            for region in book.regions {
                let linked = book.funding.linked.filter { $0.code == code.id && $0.regionID == region }
                guard !linked.isEmpty else { continue }
                bars.append(Bar(region: region, amount: linked.map(\.amountSEK).reduce(0, +), lowerBound: linked.contains(where: \.isLowerBound), count: linked.count))
            }
            if !bars.isEmpty { groups.append((code.id, bars)) }
        }
        let maximum = groups.flatMap { $0.bars.map(\.amount) }.max() ?? 1
        let labelWidth = min(320, max(160, groups.map { textWidth(min(40, context.codeLabel(book, $0.code).count)) }.max().map { $0 + 24 } ?? 160))
        let barArea = 520, barHeight = 18, gap = 4, groupGap = 14
        let height = groups.map { $0.bars.count * (barHeight + gap) + groupGap }.reduce(0, +) + 10
        let amountWidth = groups.flatMap { $0.bars.map { (context.name($0.region) + ($0.lowerBound ? " more than " : " ") + SEKText.format($0.amount)).count } }.max() ?? 10
        let width = labelWidth + barArea + 12 + amountWidth * 7
        var svg = svgOpen(width: width, height: height, className: "funding", label: "Linked funding per code in \(book.codebook.title.en)")
        var y = 6
        for group in groups {
            let label = context.codeLabel(book, group.code)
            svg += "<text class=\"code\" x=\"8\" y=\"\(y + 13)\"><title>\(HTMLText.escape(label + " (" + group.code + ")"))</title>\(HTMLText.escape(HTMLText.shortened(label, to: 40)))</text>\n"
            for bar in group.bars {
                let colour = HTMLPalette.region(book.regions.firstIndex(of: bar.region) ?? 0)
                let length = max(1, Int((Double(bar.amount) / Double(maximum) * Double(barArea)).rounded()))
                let amount = (bar.lowerBound ? "more than " : "") + SEKText.format(bar.amount)
                let tip = "\(context.name(bar.region)): \(amount) to \(label), \(bar.count) amount\(bar.count == 1 ? "" : "s")"
                svg += "<g><title>\(HTMLText.escape(tip))</title><rect class=\"funding-bar\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"\(barHeight)\" rx=\"2\" fill=\"\(colour)\"/>"
                svg += "<text class=\"amount\" x=\"\(labelWidth + length + 6)\" y=\"\(y + 13)\">\(HTMLText.escape(context.name(bar.region) + " " + amount))</text></g>\n"
                y += barHeight + gap
            }
            y += groupGap
        }
        svg += "</svg>"
        return svg
    }

    // MARK: News timeline

    /// News items per year per region: one square per item in its year's column, coloured by
    /// its first code (grey when it has none); undated items in a column of their own.
    static func newsTimeline(_ book: CodebookComparison, _ context: HTMLContext, colours: [String: String]) -> String {
        let items = book.news.map { region in (region.regionID, region.statements) }
        let years = Set(items.flatMap { $0.1.compactMap { $0.statement.date?.year } })
        guard let first = years.min(), let last = years.max() else { return "" }
        let columns: [Int?] = (last - first <= 30 ? Array(first...last) : years.sorted()).map { Optional($0) }
            + (items.contains { $0.1.contains { $0.statement.date == nil } } ? [nil] : [])
        let perRow = 4, square = 12, step = 15
        let columnWidth = max(perRow * step + 10, min(90, 900 / max(1, columns.count)))
        let labelWidth = min(220, max(120, items.map { textWidth(context.name($0.0).count) }.max().map { $0 + 20 } ?? 120))
        func stack(_ region: [CodedStatement], _ year: Int?) -> [CodedStatement] {
            region.filter { $0.statement.date?.year == year }
        }
        let rowHeights = items.map { region in
            let most = columns.map { stack(region.1, $0).count }.max() ?? 0
            return max(34, ((most + perRow - 1) / perRow) * step + 18)
        }
        let axisHeight = 26
        let width = labelWidth + columnWidth * columns.count + 8
        let height = rowHeights.reduce(0, +) + axisHeight + 4
        var svg = svgOpen(width: width, height: height, className: "timeline", label: "News items per year and region in \(book.codebook.title.en)")
        for (index, year) in columns.enumerated() {
            let x = labelWidth + index * columnWidth
            if index % 2 == 0 { svg += "<rect class=\"stripe\" x=\"\(x)\" y=\"0\" width=\"\(columnWidth)\" height=\"\(height - axisHeight)\"/>\n" }
            if year == nil { svg += "<line class=\"undated\" x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(height - axisHeight)\"/>\n" }
            svg += "<text class=\"year\" x=\"\(x + columnWidth / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\">\(year.map(String.init) ?? "undated")</text>\n"
        }
        var y = 0
        for (rowIndex, region) in items.enumerated() {
            let rowHeight = rowHeights[rowIndex]
            let name = context.name(region.0)
            svg += "<text class=\"region\" x=\"8\" y=\"\(y + 21)\"><title>\(HTMLText.escape(name))</title>\(HTMLText.escape(HTMLText.shortened(name, to: (labelWidth - 12) / 7)))</text>\n"
            svg += "<line class=\"rule\" x1=\"0\" y1=\"\(y + rowHeight)\" x2=\"\(width)\" y2=\"\(y + rowHeight)\"/>\n"
            for (index, year) in columns.enumerated() {
                for (position, item) in stack(region.1, year).enumerated() {
                    let x = labelWidth + index * columnWidth + (columnWidth - perRow * step) / 2 + (position % perRow) * step
                    let top = y + 10 + (position / perRow) * step
                    let codes = item.codes.map { context.codeLabel(book, $0.code) }
                    let colour = item.codes.first.flatMap { colours[$0.code] } ?? HTMLPalette.uncoded
                    let tip = "\(item.statement.date?.description ?? "undated") — \(item.statement.text)\n" + (codes.isEmpty ? "no code" : codes.joined(separator: ", "))
                    let rect = "<title>\(HTMLText.escape(tip))</title><rect class=\"item\" x=\"\(x)\" y=\"\(top)\" width=\"\(square)\" height=\"\(square)\" rx=\"2\" fill=\"\(colour)\"/>"
                    if let url = HTMLText.safeURL(item.statement.evidence.sourceURL) {
                        svg += "<a href=\"\(HTMLText.escape(url))\">\(rect)</a>\n"
                    } else {
                        svg += "<g>\(rect)</g>\n"
                    }
                }
            }
            y += rowHeight
        }
        svg += "</svg>"
        return svg
    }
}
