import Foundation
import StrategyModel
import Comparison

/// The HTML report's sections that do not depend on a codebook: the side-by-side table, the
/// structure profiles and the version diffs.
enum HTMLSections {
    /// The start of a section: `<section …><h2>title</h2>`.
    static func open(_ section: ReportSection, id: String, title: String, badge: String? = nil) -> String {
        "<section id=\"\(id)\" class=\"report-section\" data-section=\"\(section.rawValue)\">\n<h2>\(HTMLText.escape(title))"
            + (badge.map { " <span class=\"badge\">\(HTMLText.escape($0))</span>" } ?? "") + "</h2>\n"
    }

    static func regionHeaders(_ context: HTMLContext, first: String) -> String {
        "<thead><tr><th scope=\"col\">\(HTMLText.escape(first))</th>"
            + context.report.table.regions.map { "<th scope=\"col\">\(HTMLText.escape($0.name))</th>" }.joined() + "</tr></thead>\n"
    }

    // MARK: Side by side

    static func table(_ context: HTMLContext) -> String {
        let table = context.report.table
        var html = open(.table, id: "table", title: "Side by side")
        html += "<p class=\"explain\">One column per region, one row per dimension. Lists open to every item with its source; <span class=\"unknown\">unknown</span> means the documents read do not say.</p>\n"
        html += "<div class=\"scroll\"><table class=\"side\" style=\"--columns: \(table.regions.count)\">\n" + regionHeaders(context, first: "Dimension") + "<tbody>\n"
        for row in table.rows {
            html += "<tr><th scope=\"row\">\(HTMLText.escape(row.dimension.label))</th>"
            for cell in row.cells { html += self.cell(cell, context) }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n</section>\n"
        return html
    }

    static func cell(_ cell: ComparisonCell, _ context: HTMLContext) -> String {
        if cell.isUnknown { return "<td class=\"unknown\" title=\"The documents read do not say.\">unknown</td>" }
        let values = cell.items.map(\.value)
        if cell.items.count <= 1 {
            let links = context.evidenceLinks(cell.items.compactMap(\.evidence), region: cell.regionID)
            // "1: Så går det för Kalmar län" says no more than its one item.
            let text = values.count == 1 && cell.summary == "1: " + values[0] ? values[0] : cell.summary
            return "<td>\(HTMLText.escape(text))\(links.isEmpty ? "" : " " + links)</td>"
        }
        // A summary "3: a; b; c" or "a; b; c" is the list itself; anything else ("9 items, latest …") goes above it.
        let joined = values.joined(separator: "; ")
        let isList = cell.summary == joined || cell.summary == "\(cell.items.count): " + joined
        let caption = isList ? "" : "<p class=\"caption\">\(HTMLText.escape(cell.summary))</p>"
        let items = cell.items.map { item in
            "<li>\(HTMLText.escape(item.value))" + (item.evidence.map { " " + context.evidenceLink($0, region: cell.regionID) } ?? "") + "</li>"
        }
        return "<td>\(caption)<ul class=\"items\">" + items.joined() + "</ul></td>"
    }

    // MARK: Structure

    static func profile(_ context: HTMLContext) -> String {
        let regions = context.report.table.regions
        let profiles = regions.map { region in context.report.structure.first { $0.regionID == region.id } }
        var html = open(.profile, id: "profile", title: "Structure")
        html += "<p class=\"explain\">How each current strategy is built: its levels and what the region calls them, and how many statements of each kind it has.</p>\n"
        html += "<div class=\"scroll\"><table class=\"profile\">\n" + regionHeaders(context, first: "") + "<tbody>\n"
        func row(_ label: String, numeric: Bool = false, _ value: (StructureProfile) -> String?) {
            html += "<tr><th scope=\"row\">\(HTMLText.escape(label))</th>"
            for profile in profiles {
                if let profile, let text = value(profile) {
                    html += numeric ? "<td class=\"num\">\(text)</td>" : "<td>\(text)</td>"
                } else {
                    html += "<td class=\"unknown\">unknown</td>"
                }
            }
            html += "</tr>\n"
        }
        row("Strategy") { HTMLText.escape($0.strategy.title) }
        row("Period") { p in p.period.map { HTMLText.escape($0.value.description) + " " + context.evidenceLink($0.evidence, region: p.regionID) } }
        row("Horizon", numeric: true) { $0.horizonYear.map(String.init) }
        row("Years from start (or adoption) to horizon", numeric: true) { $0.yearsCovered.map(String.init) }
        row("Levels") { p in
            guard !p.levels.isEmpty else { return nil }
            return "<ol class=\"levels\">" + p.levels.map { level in
                "<li><span class=\"count\">\(level.count)</span> \(HTMLText.escape(level.level))" + (level.term.map { " <span class=\"term\" lang=\"sv\">\(HTMLText.escape($0))</span>" } ?? "") + "</li>"
            }.joined() + "</ol>"
        }
        for kind in Statement.Kind.allCases where kind != .news && kind != .vision {
            row(kind.plural, numeric: true) { String($0.counts[kind.rawValue] ?? 0) }
        }
        html += "</tbody>\n</table></div>\n</section>\n"
        return html
    }

    // MARK: Versions

    static func diff(_ context: HTMLContext) -> String {
        var html = open(.diff, id: "diff", title: "Versions")
        html += "<p class=\"explain\">Each region’s current strategy against the one before it. Names that stay the same are <em>kept</em>; the rest are paired by the cosine of their stemmed words (at least \(HTMLText.score(LevelDiff.renameThreshold))) as <em>renamed</em>; what is left was <em>added</em> or <em>removed</em>. A level that one version does not have in the documents read is <em>not compared</em>.</p>\n"
        if context.report.diffs.isEmpty { html += "<p class=\"note\">No region has two versions in the documents read.</p>\n" }
        for diff in context.report.diffs {
            html += "<article class=\"diff\">\n<h3>\(HTMLText.escape(context.name(diff.regionID)))</h3>\n"
            html += "<p class=\"versions\"><span class=\"from\">\(HTMLText.escape(diff.from.description))</span> <span class=\"arrow\">→</span> <span class=\"to\">\(HTMLText.escape(diff.to.description))</span></p>\n"
            for (name, level) in diff.levels {
                html += "<h4>\(HTMLText.escape(name.prefix(1).uppercased() + name.dropFirst()))</h4>\n"
                guard level.isCompared else {
                    html += "<p class=\"note not-compared\"><span class=\"tag not-compared\">not compared</span> \(HTMLText.escape(level.note ?? "not compared"))</p>\n"
                    continue
                }
                html += "<table class=\"changes\">\n<thead><tr><th scope=\"col\">Change</th><th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\" class=\"num\">Similarity</th></tr></thead>\n<tbody>\n"
                func statement(_ s: Statement?) -> String {
                    guard let s else { return "<td class=\"none\">—</td>" }
                    return "<td>\(HTMLText.escape(s.text)) \(context.evidenceLink(s.evidence, region: diff.regionID))</td>"
                }
                for pair in level.kept {
                    html += "<tr class=\"kept\"><td><span class=\"tag kept\">kept</span></td>\(statement(pair.before))\(statement(pair.after))<td class=\"num\">\(HTMLText.score(pair.similarity))</td></tr>\n"
                }
                for pair in level.renamed {
                    html += "<tr class=\"renamed\"><td><span class=\"tag renamed\">renamed</span></td>\(statement(pair.before))\(statement(pair.after))<td class=\"num\">\(HTMLText.score(pair.similarity))</td></tr>\n"
                }
                for s in level.removed {
                    html += "<tr class=\"removed\"><td><span class=\"tag removed\">removed</span></td>\(statement(s))\(statement(nil))<td class=\"num\"></td></tr>\n"
                }
                for s in level.added {
                    html += "<tr class=\"added\"><td><span class=\"tag added\">added</span></td>\(statement(nil))\(statement(s))<td class=\"num\"></td></tr>\n"
                }
                if level.kept.isEmpty && level.renamed.isEmpty && level.removed.isEmpty && level.added.isEmpty {
                    html += "<tr><td colspan=\"4\" class=\"note\">Nothing at this level in either version.</td></tr>\n"
                }
                html += "</tbody>\n</table>\n"
            }
            html += "</article>\n"
        }
        let without = context.report.table.regions.filter { region in !context.report.diffs.contains { $0.regionID == region.id } }
        if !without.isEmpty && !context.report.diffs.isEmpty {
            html += "<p class=\"note\">One version or none in the documents read, so nothing to compare: " + without.map { HTMLText.escape($0.name) }.joined(separator: ", ") + ".</p>\n"
        }
        html += "</section>\n"
        return html
    }
}
