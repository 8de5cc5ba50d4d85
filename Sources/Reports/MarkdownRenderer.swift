import Foundation
import StrategyModel
import Comparison

/// The comparison as Markdown: the chosen sections, source references and the citation.
///
/// Each cell cites the documents its items come from as `[B2]`: region initial and the
/// document's number in that region's source list below the table, which gives the URL and
/// the SHA-256 of the exact bytes read.
enum MarkdownRenderer {
    static func render(_ report: ComparisonReport, sections: [ReportSection]) -> String {
        let table = report.table
        let citations = SourceMarkers(report)
        var lines: [String] = []
        lines.append("# Regional development strategies compared")
        lines.append("")
        lines.append("Regions: " + table.regions.map { "\($0.name) (\($0.organisation), county \($0.countyCode), \($0.nutsCode))" }.joined(separator: "; ") + ".")
        lines.append("Each region's current regional development strategy is compared; `unknown` means the documents read do not say.")
        for section in sections {
            lines.append("")
            switch section {
            case .table: lines += tableSection(report, citations)
            case .profile: lines += profileSection(report)
            case .coverage, .gaps, .alignment, .news, .funding, .coding:
                for book in report.codebooks { lines += codebookSection(section, book, report, citations) }
                if report.codebooks.isEmpty { lines.append("*No codebook was applied: `--codebook` names one.*") }
            case .diff: lines += diffSection(report)
            }
        }
        lines.append("")
        lines.append("## Sources")
        for profile in report.profiles {
            lines.append("")
            lines.append("**\(profile.region.name)**")
            lines.append("")
            for (marker, source) in citations.lists[profile.region.id] ?? [] {
                let origin = source.origin == "reconstruction"
                    ? ", reconstruction (not a download)" : ", \(source.origin)" + (source.retrieved.map { ", retrieved \($0)" } ?? "")
                lines.append("- [\(marker)] <\(source.url)> — SHA-256 `\(source.sha256.prefix(16))…`\(origin)")
            }
        }
        lines.append("")
        lines.append("Locators and excerpts for every item: `rus compare --format csv` or `--format json`.")
        lines.append("")
        lines.append("## Citation")
        lines.append("")
        lines += report.citation.lines
        return lines.joined(separator: "\n") + "\n"
    }

    static func tableSection(_ report: ComparisonReport, _ citations: SourceMarkers) -> [String] {
        let table = report.table
        var lines = ["## Side by side", ""]
        lines.append("| Dimension | " + table.regions.map { escape($0.name) }.joined(separator: " | ") + " |")
        lines.append("|---|" + table.regions.map { _ in "---" }.joined(separator: "|") + "|")
        for row in table.rows {
            let cells = row.cells.map { cell -> String in
                let cite = citations.cite(cell.items.compactMap(\.evidence), region: cell.regionID)
                return escape(cell.isUnknown ? "*unknown*" : cell.summary) + cite
            }
            lines.append("| \(row.dimension.label) | " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    static func regionNames(_ report: ComparisonReport) -> [String: String] {
        Dictionary(uniqueKeysWithValues: report.table.regions.map { ($0.id, $0.name) })
    }

    static func profileSection(_ report: ComparisonReport) -> [String] {
        let names = regionNames(report)
        var lines = ["## Structure", ""]
        lines.append("| | " + report.structure.map { escape(names[$0.regionID] ?? $0.regionID) }.joined(separator: " | ") + " |")
        lines.append("|---|" + report.structure.map { _ in "---" }.joined(separator: "|") + "|")
        func row(_ label: String, _ value: (StructureProfile) -> String) {
            lines.append("| \(label) | " + report.structure.map { escape(value($0)) }.joined(separator: " | ") + " |")
        }
        row("Strategy") { $0.strategy.title }
        row("Period") { $0.period?.value.description ?? "unknown" }
        row("Horizon") { $0.horizonYear.map(String.init) ?? "unknown" }
        row("Years from start (or adoption) to horizon") { $0.yearsCovered.map(String.init) ?? "unknown" }
        row("Levels") { p in
            p.levels.isEmpty ? "unknown" : p.levels.map { "\($0.count) \($0.level)" + ($0.term.map { " (\($0))" } ?? "") }.joined(separator: " → ")
        }
        for kind in Statement.Kind.allCases where kind != .news && kind != .vision {
            row(kind.plural) { String($0.counts[kind.rawValue] ?? 0) }
        }
        return lines
    }

    static func codeLabel(_ book: CodebookComparison, _ id: String) -> String {
        guard let code = book.codebook.codes.first(where: { $0.id == id }) else { return id }
        return "\(code.label.en) (\(code.id))"
    }

    static func codebookSection(_ section: ReportSection, _ book: CodebookComparison, _ report: ComparisonReport, _ citations: SourceMarkers) -> [String] {
        let names = regionNames(report)
        let heading = "\(book.codebook.title.en) (`\(book.codebook.id)` \(book.codebook.version))"
        var lines: [String] = []
        switch section {
        case .coverage:
            lines += ["## Coverage: \(heading)", ""]
            lines.append("Statements coded with each code, and their share of the region's statements; after \"+\", those coded only with a code below it.")
            lines.append("")
            lines.append("| Code | " + book.regions.map { escape(names[$0] ?? $0) }.joined(separator: " | ") + " |")
            lines.append("|---|" + book.regions.map { _ in "---:" }.joined(separator: "|") + "|")
            for row in book.coverage {
                let indent = String(repeating: "  ", count: row.depth)
                let cells = row.cells.map { cell -> String in
                    let extra = cell.statementsWithSubcodes.count - cell.statements.count
                    guard cell.isCovered else { return "–" }
                    return "\(cell.statements.count) (\(percent(cell.share)))" + (extra > 0 ? " +\(extra)" : "")
                }
                lines.append("| \(indent)\(escape(row.label.en)) | " + cells.joined(separator: " | ") + " |")
            }
            lines.append("| *Statements coded* | " + book.coding.map { String($0.statements.count) }.joined(separator: " | ") + " |")
        case .gaps:
            lines += ["## Gaps (vita fläckar): \(heading)", ""]
            for region in book.gaps.regions {
                let missing = region.missing.map { "\(codeLabel(book, $0.code)) — covered by \($0.coveredBy.map { names[$0] ?? $0 }.joined(separator: ", "))" }
                lines.append("**\(names[region.regionID] ?? region.regionID)** does not cover \(missing.isEmpty ? "anything the others cover." : "what others do:")")
                lines += missing.map { "- " + escape($0) }
                lines.append("")
            }
            lines.append("No region covers: " + (book.gaps.uncovered.isEmpty ? "—" : book.gaps.uncovered.map { codeLabel(book, $0) }.joined(separator: "; ")) + ".")
        case .alignment:
            let statements = StatementIndex(report)
            lines += ["## Goal alignment: \(heading)", ""]
            lines.append("Each area or goal's best match in the other region, scored 0.75 × cosine of stemmed terms + 0.25 × shared codes; ≥ \(GoalAlignment.threshold) shown, ⇄ mutual best.")
            for pair in book.alignment {
                lines += ["", "**\(names[pair.first] ?? pair.first) ↔ \(names[pair.second] ?? pair.second)**", ""]
                guard !pair.matches.isEmpty else { lines.append("No pair scores \(GoalAlignment.threshold) or more."); continue }
                lines.append("| Score | \(escape(names[pair.first] ?? pair.first)) | \(escape(names[pair.second] ?? pair.second)) | Shared |")
                lines.append("|---:|---|---|---|")
                for m in pair.matches {
                    let shared = (m.sharedStems + m.sharedCodes.map { "code \($0)" }).joined(separator: ", ")
                    lines.append("| \(String(format: "%.2f", m.score))\(m.mutual ? " ⇄" : "") | \(escape(statements.text(m.first))) | \(escape(statements.text(m.second))) | \(escape(shared)) |")
                }
            }
        case .news:
            lines += ["## News attention: \(heading)", ""]
            guard !book.newsAttention.isEmpty else { lines.append("No news item carries a code."); break }
            lines.append("| Region | Code | Year | Items |")
            lines.append("|---|---|---|---:|")
            for a in book.newsAttention {
                lines.append("| \(escape(names[a.regionID] ?? a.regionID)) | \(escape(codeLabel(book, a.code))) | \(a.year.map(String.init) ?? "undated") | \(a.count) |")
            }
        case .funding:
            lines += ["## Funding by code: \(heading)", ""]
            if book.funding.linked.isEmpty { lines.append("No amount in the documents read is linked to a goal.") }
            for f in book.funding.linked {
                lines.append("- \(names[f.regionID] ?? f.regionID) \(f.year.map(String.init) ?? ""): \(f.isLowerBound ? "more than " : "")\(SEKText.format(f.amountSEK)) → \(codeLabel(book, f.code))")
            }
            if !book.funding.unlinked.isEmpty {
                lines += ["", "Not linked to a goal:"]
                for f in book.funding.unlinked {
                    lines.append("- \(names[f.regionID] ?? f.regionID) \(f.year.map(String.init) ?? ""): \(f.isLowerBound ? "more than " : "")\(SEKText.format(f.amountSEK)) (`\(f.record)`): \(f.reason)")
                }
            }
        case .coding:
            lines += ["## Coding: \(heading)", ""]
            lines.append("Every statement compared, its codes and the term matches behind them (manual codes marked, removed codes struck out).")
            for region in book.coding {
                lines += ["", "**\(names[region.regionID] ?? region.regionID)**", ""]
                for coded in region.statements {
                    let codes = coded.codes.map { a in
                        a.origin == .manual ? "\(a.code) (manual\(a.note.map { ": \($0)" } ?? ""))" : "\(a.code) (\(a.explanation))"
                    } + coded.overruled.map { "~~\($0.code)~~ (removed\($0.note.map { ": \($0)" } ?? ""))" }
                    let cite = citations.cite([coded.statement.evidence], region: region.regionID)
                    lines.append("- \(coded.statement.kind.rawValue) \"\(escape(coded.statement.text))\"\(cite): " + (codes.isEmpty ? "no code" : codes.joined(separator: "; ")))
                }
            }
        case .table, .profile, .diff:
            break
        }
        lines.append("")
        return lines
    }

    static func diffSection(_ report: ComparisonReport) -> [String] {
        let names = regionNames(report)
        var lines = ["## Versions", ""]
        if report.diffs.isEmpty { lines.append("No region has two versions in the documents read.") }
        for diff in report.diffs {
            lines.append("**\(names[diff.regionID] ?? diff.regionID)**: \(diff.from.description) → \(diff.to.description)")
            lines.append("")
            for (name, level) in diff.levels {
                guard level.isCompared else { lines.append("- \(name): \(level.note ?? "not compared")"); continue }
                var parts: [String] = []
                if !level.kept.isEmpty { parts.append("kept " + level.kept.map { "\"\($0.after.text)\"" }.joined(separator: ", ")) }
                if !level.renamed.isEmpty { parts.append("renamed " + level.renamed.map { "\"\($0.before.text)\" → \"\($0.after.text)\" (\(String(format: "%.2f", $0.similarity)))" }.joined(separator: ", ")) }
                if !level.removed.isEmpty { parts.append("removed " + level.removed.map { "\"\($0.text)\"" }.joined(separator: ", ")) }
                if !level.added.isEmpty { parts.append("added " + level.added.map { "\"\($0.text)\"" }.joined(separator: ", ")) }
                lines.append("- \(name): " + escape(parts.joined(separator: "; ")))
            }
            lines.append("")
        }
        return lines
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.0f %%", share * 100)
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

/// Each region's sources numbered as `[B1]`, `[B2]`…: region initial and place in its source list.
struct SourceMarkers {
    var markers: [String: [String: String]] = [:]  // region id → (url#sha → marker)
    var lists: [String: [(String, SourceRecord)]] = [:]

    init(_ report: ComparisonReport) {
        for profile in report.profiles {
            let prefix = MarkdownRenderer.referencePrefix(for: profile.region, among: report.table.regions)
            for (index, source) in profile.sources.enumerated() {
                let marker = "\(prefix)\(index + 1)"
                markers[profile.region.id, default: [:]][source.url + "#" + source.sha256] = marker
                lists[profile.region.id, default: []].append((marker, source))
            }
        }
    }

    /// " [B2][B7]" for the documents `evidence` comes from, or "".
    func cite(_ evidence: [Evidence], region: String) -> String {
        let found = Set(evidence.compactMap { markers[region]?[$0.sourceURL + "#" + $0.snapshotSHA256] })
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        return found.isEmpty ? "" : " " + found.map { "[\($0)]" }.joined()
    }
}
