import Foundation
import StrategyModel
import Comparison

/// The HTML report's sections for one codebook: coverage (heatmap and the statements behind
/// each cell), gaps, goal alignment, news attention (timeline), funding (bars) and coding.
enum HTMLCodebookSections {
    static func title(_ section: ReportSection) -> String {
        switch section {
        case .coverage: "Coverage"
        case .gaps: "Gaps (vita fläckar)"
        case .alignment: "Goal alignment"
        case .news: "News attention"
        case .funding: "Funding by code"
        case .coding: "Coding"
        case .table: "Side by side"
        case .profile: "Structure"
        case .diff: "Versions"
        }
    }

    static func render(_ section: ReportSection, _ book: CodebookComparison, id: String, _ context: HTMLContext) -> String {
        let sheet = CodebookSheet(book, context)
        var html = HTMLSections.open(section, id: id, title: "\(title(section)): \(book.codebook.title.en)", badge: "\(book.codebook.id) \(book.codebook.version)")
        switch section {
        case .coverage: html += coverage(sheet)
        case .gaps: html += gaps(sheet)
        case .alignment: html += alignment(sheet)
        case .news: html += news(sheet)
        case .funding: html += funding(sheet)
        case .coding: html += coding(sheet)
        case .table, .profile, .diff: break
        }
        html += "</section>\n"
        return html
    }

    /// One codebook's comparison with what its sections look up.
    struct CodebookSheet {
        let book: CodebookComparison
        let context: HTMLContext
        let coded: [String: CodedStatement]
        /// Each code's colour: its own when the codebook has few enough codes for the palette,
        /// else its top-level code's (see ``colourKeys``).
        let colours: [String: String]
        /// The code whose colour each code wears: itself, or its top-level code.
        let colourKeys: [String: String]

        init(_ book: CodebookComparison, _ context: HTMLContext) {
            self.book = book
            self.context = context
            var coded: [String: CodedStatement] = [:]
            for region in book.coding + book.news {
                for statement in region.statements where coded[statement.id] == nil { coded[statement.id] = statement }
            }
            self.coded = coded
            let codes = book.codebook.codes
            var parents: [String: String] = [:]
            for code in codes { parents[code.id] = code.parent }
            func root(_ id: String) -> String {
                var current = id, seen: Set<String> = [id]
                while let parent = parents[current], seen.insert(parent).inserted { current = parent }
                return current
            }
            let grouped = codes.count > HTMLPalette.categories.count
            var keys: [String: String] = [:]
            for code in codes { keys[code.id] = grouped ? root(code.id) : code.id }
            let keyOrder = codes.map(\.id).filter { keys[$0] == $0 }
            var colours: [String: String] = [:]
            for code in codes { colours[code.id] = HTMLPalette.category(keyOrder.firstIndex(of: keys[code.id] ?? code.id) ?? 0) }
            self.colours = colours
            colourKeys = keys
        }

        func cellID(_ code: String, _ region: String) -> String {
            HTMLText.id("cell", book.codebook.id, code, region)
        }

        func label(_ code: String) -> String { context.codeLabel(book, code) }

        func cell(_ code: String, _ region: String) -> CoverageCell? {
            book.coverage.first { $0.code == code }?.cells.first { $0.regionID == region }
        }

        /// A code as a coloured chip, with its id and Swedish label as tooltip.
        func chip(_ code: String) -> String {
            let swedish = book.codebook.codes.first { $0.id == code }?.label.sv
            let tip = code + (swedish.map { " — \($0)" } ?? "")
            return "<span class=\"chip\" title=\"\(HTMLText.attribute(tip))\"><span class=\"dot\" style=\"background:\(colours[code] ?? HTMLPalette.uncoded)\"></span>\(HTMLText.escape(label(code)))</span>"
        }

        /// A statement on one line: kind, text, source link.
        func statement(_ id: String, region: String) -> String {
            guard let s = coded[id]?.statement ?? context.statements[id] else { return "<span class=\"missing\">\(HTMLText.escape(id))</span>" }
            return "<span class=\"kind\">\(HTMLText.escape(s.kind.rawValue))</span> <span class=\"text\" lang=\"sv\">\(HTMLText.escape(s.text))</span> " + context.evidenceLink(s.evidence, region: region)
        }
    }

    // MARK: Coverage

    static func coverage(_ sheet: CodebookSheet) -> String {
        let book = sheet.book
        var html = "<p class=\"explain\">Statements coded with each code and their share of the region’s statements; after “+”, those coded only with a code below it. Colour shows the share; select a cell for its statements and their sources.</p>\n"
        guard !book.coverage.isEmpty else { return html + "<p class=\"note\">The codebook has no codes.</p>\n" }
        html += "<figure class=\"chart\">\n<div class=\"scroll\">" + HTMLCharts.heatmap(book, sheet.context, cellID: sheet.cellID) + "</div>\n"
        html += "<figcaption>" + HTMLCharts.heatmapLegend(book) + "</figcaption>\n</figure>\n"
        html += "<h3>Statements behind each cell</h3>\n<div class=\"cell-lists\">\n"
        var any = false
        for row in book.coverage {
            for cell in row.cells where cell.isCovered {
                any = true
                let extra = cell.statementsWithSubcodes.count - cell.statements.count
                var summary = "<strong>\(HTMLText.escape(row.label.en))</strong> · \(HTMLText.escape(sheet.context.name(cell.regionID))) — "
                summary += "\(cell.statements.count) statement\(cell.statements.count == 1 ? "" : "s") (\(HTMLText.percent(cell.share)))"
                if extra > 0 { summary += ", +\(extra) through codes below" }
                html += "<details class=\"cell-list\" id=\"\(sheet.cellID(row.code, cell.regionID))\"><summary>\(summary)</summary>\n<ul class=\"statements\">\n"
                let own = Set(cell.statements)
                for id in cell.statementsWithSubcodes {
                    html += "<li>" + sheet.statement(id, region: cell.regionID)
                    if !own.contains(id), let codes = sheet.coded[id]?.codes.map(\.code) {
                        html += " <span class=\"via\">through " + codes.map { HTMLText.escape(sheet.label($0)) }.joined(separator: ", ") + "</span>"
                    }
                    if let s = sheet.coded[id]?.statement { html += sheet.context.evidenceBlock(s.evidence, region: cell.regionID) }
                    html += "</li>\n"
                }
                html += "</ul>\n</details>\n"
            }
        }
        if !any { html += "<p class=\"note\">No statement carries a code of this codebook.</p>\n" }
        html += "</div>\n"
        return html
    }

    // MARK: Gaps

    static func gaps(_ sheet: CodebookSheet) -> String {
        let book = sheet.book, context = sheet.context
        var html = "<p class=\"explain\">For each region, the codes that other regions’ strategies cover and its own does not; then the codes no region covers.</p>\n<div class=\"cards\">\n"
        for region in book.gaps.regions {
            html += "<article class=\"card\">\n<h3>\(HTMLText.escape(context.name(region.regionID)))</h3>\n"
            if region.missing.isEmpty {
                html += "<p class=\"ok\">Covers everything the others cover.</p>\n"
            } else {
                html += "<p>Does not cover \(region.missing.count) code\(region.missing.count == 1 ? "" : "s") that others do:</p>\n<ul class=\"gaps\">\n"
                for gap in region.missing {
                    let others = gap.coveredBy.map { other in
                        let count = sheet.cell(gap.code, other).map { " (\($0.statementsWithSubcodes.count))" } ?? ""
                        return "<a href=\"#\(sheet.cellID(gap.code, other))\">\(HTMLText.escape(context.name(other)))\(count)</a>"
                    }
                    html += "<li>\(sheet.chip(gap.code)) <span class=\"covered-by\">covered by " + others.joined(separator: ", ") + "</span></li>\n"
                }
                html += "</ul>\n"
            }
            html += "</article>\n"
        }
        html += "</div>\n<h3>No region covers</h3>\n"
        if book.gaps.uncovered.isEmpty {
            html += "<p class=\"ok\">Every code is covered by at least one region.</p>\n"
        } else {
            html += "<ul class=\"chips\">" + book.gaps.uncovered.map { "<li>\(sheet.chip($0))</li>" }.joined() + "</ul>\n"
        }
        return html
    }

    // MARK: Alignment

    static func alignment(_ sheet: CodebookSheet) -> String {
        let book = sheet.book, context = sheet.context
        var html = "<p class=\"explain\">Each area or goal’s best match in the other region, scored 0.75 × cosine of stemmed terms + 0.25 × shared codes; scores of \(HTMLText.score(GoalAlignment.threshold)) or more are shown, <span class=\"mutual\">⇄</span> marks a mutual best match.</p>\n"
        if book.alignment.isEmpty { html += "<p class=\"note\">One region only: no pair to align.</p>\n" }
        let open = book.alignment.count <= 6
        for pair in book.alignment {
            let first = context.name(pair.first), second = context.name(pair.second)
            let best = pair.matches.first.map { ", best \(HTMLText.score($0.score))" } ?? ""
            html += "<details class=\"pair\"\(open ? " open=\"open\"" : "")><summary><span class=\"pair-name\">\(HTMLText.escape(first)) ↔ \(HTMLText.escape(second))</span> — \(pair.matches.count) match\(pair.matches.count == 1 ? "" : "es")\(best)</summary>\n"
            guard !pair.matches.isEmpty else {
                html += "<p class=\"note\">No pair scores \(HTMLText.score(GoalAlignment.threshold)) or more.</p>\n</details>\n"
                continue
            }
            html += "<table class=\"alignment\">\n<thead><tr><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">\(HTMLText.escape(first))</th><th scope=\"col\">\(HTMLText.escape(second))</th><th scope=\"col\">Shared</th></tr></thead>\n<tbody>\n"
            for match in pair.matches {
                let tip = "cosine \(HTMLText.score(match.cosine)), code overlap \(HTMLText.score(match.codeOverlap))" + (match.mutual ? ", mutual best match" : "")
                html += "<tr><td class=\"score-cell\" title=\"\(HTMLText.attribute(tip))\">\(HTMLCharts.scoreBar(match.score, mutual: match.mutual)) <span class=\"num\">\(HTMLText.score(match.score))</span>\(match.mutual ? " <span class=\"mutual\" title=\"mutual best match\">⇄</span>" : "")</td>"
                html += "<td>\(sheet.statement(match.first, region: pair.first))</td><td>\(sheet.statement(match.second, region: pair.second))</td>"
                html += "<td>" + match.sharedStems.map { "<span class=\"stem\">\(HTMLText.escape($0))</span>" }.joined(separator: " ")
                    + (match.sharedStems.isEmpty || match.sharedCodes.isEmpty ? "" : " ") + match.sharedCodes.map(sheet.chip).joined(separator: " ") + "</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</details>\n"
        }
        return html
    }

    // MARK: News

    static func news(_ sheet: CodebookSheet) -> String {
        let book = sheet.book, context = sheet.context
        var html = "<p class=\"explain\">News items per year and region, one square each, coloured by the item’s first code (grey: no code). Hover over a square for its title; follow it to the feed.</p>\n"
        let timeline = HTMLCharts.newsTimeline(book, context, colours: sheet.colours)
        let total = book.news.map(\.statements.count).reduce(0, +)
        if total == 0 { return html + "<p class=\"note\">No news item was read.</p>\n" }
        if !timeline.isEmpty {
            // The colours on the chart: each key code (a code, or a top-level code and those below it) once.
            let firstCodes = Set(book.news.flatMap { $0.statements.compactMap(\.codes.first?.code) })
            let keys = Set(firstCodes.compactMap { sheet.colourKeys[$0] })
            let used = book.codebook.codes.filter { keys.contains($0.id) }
            html += "<figure class=\"chart\">\n<div class=\"scroll\">\(timeline)</div>\n<figcaption><ul class=\"legend\" aria-label=\"Colour key\">"
            html += used.map { code in
                let below = book.codebook.codes.contains { $0.id != code.id && sheet.colourKeys[$0.id] == code.id }
                return "<li><span class=\"swatch\" style=\"background:\(sheet.colours[code.id] ?? HTMLPalette.uncoded)\"></span>\(HTMLText.escape(code.label.en))\(below ? " and codes below it" : "")</li>"
            }.joined()
            html += "<li><span class=\"swatch\" style=\"background:\(HTMLPalette.uncoded)\"></span>no code</li></ul></figcaption>\n</figure>\n"
        } else {
            html += "<p class=\"note\">No news item is dated, so there is no timeline.</p>\n"
        }
        if book.newsAttention.isEmpty {
            html += "<p class=\"note\">No news item carries a code.</p>\n"
        } else {
            html += "<details class=\"table\"><summary>Items per code and year, as a table</summary>\n<table class=\"attention\">\n<thead><tr><th scope=\"col\">Region</th><th scope=\"col\">Code</th><th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">Items</th></tr></thead>\n<tbody>\n"
            for a in book.newsAttention {
                html += "<tr><td>\(HTMLText.escape(context.name(a.regionID)))</td><td>\(sheet.chip(a.code))</td><td>\(a.year.map(String.init) ?? "undated")</td><td class=\"num\">\(a.count)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</details>\n"
        }
        html += "<details class=\"table\"><summary>All \(total) news items with their codes</summary>\n"
        for region in book.news where !region.statements.isEmpty {
            html += "<h4>\(HTMLText.escape(context.name(region.regionID)))</h4>\n<ul class=\"statements news\">\n"
            for item in region.statements {
                html += "<li><span class=\"date\">\(HTMLText.escape(item.statement.date?.description ?? "undated"))</span> <span class=\"text\" lang=\"sv\">\(HTMLText.escape(item.statement.text))</span> \(context.evidenceLink(item.statement.evidence, region: region.regionID))"
                html += item.codes.isEmpty ? " <span class=\"none\">no code</span>" : " " + item.codes.map { sheet.chip($0.code) }.joined(separator: " ")
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        html += "</details>\n"
        return html
    }

    // MARK: Funding

    static func funding(_ sheet: CodebookSheet) -> String {
        let book = sheet.book, context = sheet.context
        let funding = book.funding
        var html = "<p class=\"explain\">Money per code, where a document links an amount to a goal: the goal’s codes carry it. Amounts the documents do not link to a goal are listed with why.</p>\n"
        if funding.linked.isEmpty {
            let total = funding.unlinked.map(\.amountSEK).reduce(0, +)
            html += "<div class=\"callout\"><strong>No amount in the documents read is linked to a goal</strong>, so no amount can be shown per code."
            if !funding.unlinked.isEmpty {
                html += " All \(funding.unlinked.count) amount\(funding.unlinked.count == 1 ? "" : "s") found (\(HTMLText.escape(SEKText.format(total))) in all) \(funding.unlinked.count == 1 ? "is" : "are") listed below as unlinked, each with the reason."
            } else {
                html += " The documents read give no amounts other than totals."
            }
            html += "</div>\n"
        } else {
            html += "<figure class=\"chart\">\n<div class=\"scroll\">" + HTMLCharts.fundingBars(book, context) + "</div>\n<figcaption><ul class=\"legend\" aria-label=\"Colour key\">"
            for (index, region) in book.regions.enumerated() where funding.linked.contains(where: { $0.regionID == region }) {
                html += "<li><span class=\"swatch\" style=\"background:\(HTMLPalette.region(index))\"></span>\(HTMLText.escape(context.name(region)))</li>"
            }
            html += "</ul></figcaption>\n</figure>\n"
            html += "<table class=\"funding\">\n<thead><tr><th scope=\"col\">Region</th><th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\">Code</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n"
            for f in funding.linked {
                let sources = f.records.compactMap { context.fundingRecord($0, region: f.regionID)?.evidence }
                html += "<tr><td>\(HTMLText.escape(context.name(f.regionID)))</td><td>\(f.year.map(String.init) ?? "")</td><td class=\"num\">\(HTMLText.escape((f.isLowerBound ? "more than " : "") + SEKText.format(f.amountSEK)))</td>"
                html += "<td>\(sheet.chip(f.code))</td><td>\(context.evidenceLinks(sources, region: f.regionID))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        if !funding.unlinked.isEmpty {
            let maximum = funding.unlinked.map(\.amountSEK).max() ?? 1
            html += "<h3>Not linked to a goal</h3>\n<table class=\"funding unlinked\">\n<thead><tr><th scope=\"col\">Region</th><th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\"></th><th scope=\"col\">Why not linked</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n"
            for f in funding.unlinked {
                let record = context.fundingRecord(f.record, region: f.regionID)
                let what = record.map { "<div class=\"record\">\(HTMLText.escape(describe($0)))</div>" } ?? ""
                html += "<tr><td>\(HTMLText.escape(context.name(f.regionID)))</td><td>\(f.year.map(String.init) ?? "")</td><td class=\"num\">\(HTMLText.escape((f.isLowerBound ? "more than " : "") + SEKText.format(f.amountSEK)))</td>"
                html += "<td>\(HTMLCharts.amountBar(f.amountSEK, maximum: maximum, colour: HTMLPalette.unlinked))</td>"
                html += "<td>\(what)<div class=\"reason\">\(HTMLText.escape(f.reason))</div><div class=\"record-id\"><code>\(HTMLText.escape(f.record))</code></div></td>"
                html += "<td>\(record.map { context.evidenceLink($0.evidence, region: f.regionID) } ?? "")</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        return html
    }

    /// "grant to Campus i Småland 2030", "allocation, goal unknown".
    static func describe(_ record: FundingRecord) -> String {
        switch record.kind {
        case .total: "total" + (record.fund.map { " (\($0))" } ?? "")
        case .allocation: "allocation" + (record.goal.map { " to \($0)" } ?? ", goal unknown") + (record.fund.map { " (\($0))" } ?? "")
        case .grant: "grant" + (record.recipient.map { " to \($0)" } ?? ", recipient unknown")
        }
    }

    // MARK: Coding

    static func coding(_ sheet: CodebookSheet) -> String {
        let book = sheet.book, context = sheet.context
        var html = "<p class=\"explain\">Every statement compared, its codes and the term matches behind them: <code>“term” ← “words”</code> (field, word). <span class=\"tag manual\">manual</span> codes come from the overrides file; <s>struck-out</s> codes were removed there.</p>\n"
        let open = book.coding.map(\.statements.count).reduce(0, +) <= 300
        for region in book.coding {
            let codedCount = region.statements.filter { !$0.codes.isEmpty }.count
            html += "<details class=\"coding\"\(open ? " open=\"open\"" : "")><summary><span class=\"pair-name\">\(HTMLText.escape(context.name(region.regionID)))</span> — \(region.statements.count) statement\(region.statements.count == 1 ? "" : "s"), \(codedCount) with a code</summary>\n"
            guard !region.statements.isEmpty else {
                html += "<p class=\"note\">No statement: the documents read give no current strategy.</p>\n</details>\n"
                continue
            }
            html += "<table class=\"coding\">\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Statement</th><th scope=\"col\">Codes and why</th></tr></thead>\n<tbody>\n"
            for coded in region.statements {
                let s = coded.statement
                html += "<tr><td class=\"kind\">\(HTMLText.escape(s.kind.rawValue))</td><td><span class=\"text\" lang=\"sv\">\(HTMLText.escape(s.text))</span> \(context.evidenceLink(s.evidence, region: region.regionID))"
                if let detail = s.detail, !detail.isEmpty { html += "<div class=\"detail\" lang=\"sv\">\(HTMLText.escape(HTMLText.shortened(detail, to: 280)))</div>" }
                html += "</td><td>"
                if coded.codes.isEmpty && coded.overruled.isEmpty {
                    html += "<span class=\"none\">no code</span>"
                } else {
                    html += "<ul class=\"assignments\">"
                    for a in coded.codes {
                        if a.origin == .manual {
                            html += "<li>\(sheet.chip(a.code)) <span class=\"tag manual\">manual</span>" + (a.note.map { " <span class=\"note-text\">\(HTMLText.escape($0))</span>" } ?? "") + "</li>"
                        } else {
                            html += "<li>\(sheet.chip(a.code)) <span class=\"matches\">" + a.matches.map { "<code>\(HTMLText.escape($0.explanation))</code>" }.joined(separator: " ") + "</span></li>"
                        }
                    }
                    for a in coded.overruled {
                        html += "<li class=\"overruled\"><s>\(sheet.chip(a.code))</s> <span class=\"tag removed\">removed</span>" + (a.note.map { " <span class=\"note-text\">\(HTMLText.escape($0))</span>" } ?? "")
                        html += a.matches.isEmpty ? "" : " <span class=\"matches\"><s>" + a.matches.map { "<code>\(HTMLText.escape($0.explanation))</code>" }.joined(separator: " ") + "</s></span>"
                        html += "</li>"
                    }
                    html += "</ul>"
                }
                html += "</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</details>\n"
        }
        return html
    }
}
