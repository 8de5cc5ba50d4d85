import Foundation
import StrategyModel
import Comparison

/// Tidy CSV (RFC 4180): one observation per row, ids as strings, every statement with its
/// evidence — ready for R (`read.csv`) and pandas (`read_csv`).
enum CSVRenderer {
    static func render(_ report: ComparisonReport, section: ReportSection) -> String {
        let (header, rows) = table(report, section)
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func sources(_ citation: Citation) -> String {
        let rows = citation.sources.map { [$0.regionID, $0.url, $0.sha256, $0.retrieved ?? "", $0.origin] }
        return ([["region", "url", "snapshot_sha256", "retrieved", "origin"]] + rows)
            .map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func evidence(_ e: Evidence?) -> [String] {
        [e?.sourceURL ?? "", e?.snapshotSHA256 ?? "", e?.locator ?? "", e?.excerpt ?? ""]
    }

    static let evidenceColumns = ["source_url", "snapshot_sha256", "locator", "excerpt"]

    static func share(_ value: Double) -> String { String(format: "%.4f", value) }

    static func table(_ report: ComparisonReport, _ section: ReportSection) -> ([String], [[String]]) {
        switch section {
        case .table:
            var rows: [[String]] = []
            for row in report.table.rows {
                for cell in row.cells {
                    if cell.items.isEmpty {
                        rows.append([cell.regionID, row.dimension.rawValue, "0", cell.summary, cell.summary] + evidence(nil))
                    }
                    for (index, item) in cell.items.enumerated() {
                        rows.append([cell.regionID, row.dimension.rawValue, String(index + 1), item.value, cell.summary] + evidence(item.evidence))
                    }
                }
            }
            return (["region", "dimension", "item", "value", "summary"] + evidenceColumns, rows)
        case .profile:
            var rows: [[String]] = []
            for p in report.structure {
                func add(_ metric: String, _ value: String, _ term: String = "") {
                    rows.append([p.regionID, p.strategy.id, metric, value, term])
                }
                add("period", p.period?.value.description ?? "unknown")
                add("horizon_year", p.horizonYear.map(String.init) ?? "unknown")
                add("years_covered", p.yearsCovered.map(String.init) ?? "unknown")
                add("levels", String(p.levels.count))
                for level in p.levels { add("level_\(level.level)", String(level.count), level.term ?? "") }
                for kind in Statement.Kind.allCases where kind != .news { add("count_\(kind.rawValue)", String(p.counts[kind.rawValue] ?? 0)) }
            }
            return (["region", "strategy", "metric", "value", "term"], rows)
        case .coverage:
            var rows: [[String]] = []
            for book in report.codebooks {
                for row in book.coverage {
                    for cell in row.cells {
                        rows.append([
                            book.codebook.id, book.codebook.version, row.code, row.parent ?? "", String(row.depth), row.label.sv, row.label.en,
                            cell.regionID, String(cell.statements.count), share(cell.share), String(cell.statementsWithSubcodes.count),
                            share(cell.shareWithSubcodes), String(cell.total), cell.statements.joined(separator: ";"),
                        ])
                    }
                }
            }
            return (["codebook", "codebook_version", "code", "parent", "depth", "label_sv", "label_en", "region", "statements", "share",
                     "statements_with_subcodes", "share_with_subcodes", "total_statements", "statement_ids"], rows)
        case .gaps:
            var rows: [[String]] = []
            for book in report.codebooks {
                let labels = Dictionary(uniqueKeysWithValues: book.codebook.codes.map { ($0.id, $0.label.en) })
                for region in book.gaps.regions {
                    for gap in region.missing {
                        rows.append([book.codebook.id, region.regionID, gap.code, labels[gap.code] ?? "", "gap", gap.coveredBy.joined(separator: ";")])
                    }
                }
                for code in book.gaps.uncovered {
                    rows.append([book.codebook.id, "", code, labels[code] ?? "", "uncovered", ""])
                }
            }
            return (["codebook", "region", "code", "label_en", "status", "covered_by"], rows)
        case .alignment:
            let statements = StatementIndex(report)
            var rows: [[String]] = []
            for book in report.codebooks {
                for pair in book.alignment {
                    for m in pair.matches {
                        rows.append([
                            book.codebook.id, pair.first, m.first, statements.text(m.first), pair.second, m.second, statements.text(m.second),
                            share(m.score), share(m.cosine), share(m.codeOverlap), m.sharedStems.joined(separator: ";"),
                            m.sharedCodes.joined(separator: ";"), m.mutual ? "true" : "false",
                        ])
                    }
                }
            }
            return (["codebook", "region_a", "statement_a", "text_a", "region_b", "statement_b", "text_b", "score", "cosine",
                     "code_overlap", "shared_stems", "shared_codes", "mutual"], rows)
        case .diff:
            var rows: [[String]] = []
            for diff in report.diffs {
                for (name, level) in diff.levels {
                    func add(_ change: String, _ before: Statement?, _ after: Statement?, _ similarity: Double?) {
                        rows.append([diff.regionID, diff.from.id, diff.to.id, name, change, before?.id ?? "", before?.text ?? "",
                                     after?.id ?? "", after?.text ?? "", similarity.map(share) ?? "", level.note ?? ""])
                    }
                    if !level.isCompared { add("not-compared", nil, nil, nil) }
                    for pair in level.kept { add("kept", pair.before, pair.after, pair.similarity) }
                    for pair in level.renamed { add("renamed", pair.before, pair.after, pair.similarity) }
                    for s in level.removed { add("removed", s, nil, nil) }
                    for s in level.added { add("added", nil, s, nil) }
                }
            }
            return (["region", "from_strategy", "to_strategy", "level", "change", "before_id", "before_text", "after_id", "after_text", "similarity", "note"], rows)
        case .news:
            var rows: [[String]] = []
            for book in report.codebooks {
                for a in book.newsAttention {
                    rows.append([book.codebook.id, a.regionID, a.code, a.year.map(String.init) ?? "", String(a.count), a.items.joined(separator: ";")])
                }
            }
            return (["codebook", "region", "code", "year", "news_items", "item_ids"], rows)
        case .funding:
            var rows: [[String]] = []
            for book in report.codebooks {
                for f in book.funding.linked {
                    rows.append([book.codebook.id, f.regionID, "linked", f.code, f.year.map(String.init) ?? "", String(f.amountSEK), f.isLowerBound ? "true" : "false", f.records.joined(separator: ";"), ""])
                }
                for f in book.funding.unlinked {
                    rows.append([book.codebook.id, f.regionID, "unlinked", "", f.year.map(String.init) ?? "", String(f.amountSEK), f.isLowerBound ? "true" : "false", f.record, f.reason])
                }
            }
            return (["codebook", "region", "status", "code", "year", "amount_sek", "lower_bound", "records", "reason"], rows)
        case .coding:
            var rows: [[String]] = []
            for book in report.codebooks {
                for region in book.coding + book.news {
                    for coded in region.statements {
                        let s = coded.statement
                        let base = [book.codebook.id, s.regionID, s.id, s.kind.rawValue, s.text]
                        if coded.codes.isEmpty && coded.overruled.isEmpty { rows.append(base + ["", "", "", ""] + evidence(s.evidence)) }
                        for a in coded.codes { rows.append(base + [a.code, a.origin.rawValue, a.origin == .automatic ? a.explanation : "", a.note ?? ""] + evidence(s.evidence)) }
                        for a in coded.overruled { rows.append(base + [a.code, "removed", a.explanation, a.note ?? ""] + evidence(s.evidence)) }
                    }
                }
            }
            return (["codebook", "region", "statement", "kind", "text", "code", "origin", "matches", "note"] + evidenceColumns, rows)
        }
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Statements by id, across a report's codebooks, for renderers that name them.
struct StatementIndex {
    private var byID: [String: Statement] = [:]

    init(_ report: ComparisonReport) {
        for book in report.codebooks {
            for region in book.coding + book.news {
                for coded in region.statements where byID[coded.id] == nil { byID[coded.id] = coded.statement }
            }
        }
    }

    subscript(id: String) -> Statement? { byID[id] }

    func text(_ id: String) -> String { byID[id]?.text ?? id }
}
