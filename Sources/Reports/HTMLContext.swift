import Foundation
import StrategyModel
import Comparison

/// What the HTML sections look up while they write: region names, source markers, statements
/// by id, and the HTML for a piece of evidence.
struct HTMLContext {
    let report: ComparisonReport
    let markers: SourceMarkers
    let statements: StatementIndex
    private let names: [String: String]
    private let funding: [String: FundingRecord]

    init(_ report: ComparisonReport) {
        self.report = report
        markers = SourceMarkers(report)
        statements = StatementIndex(report)
        var names: [String: String] = [:]
        for region in report.table.regions { names[region.id] = region.name }
        for profile in report.profiles where names[profile.region.id] == nil { names[profile.region.id] = profile.region.name }
        self.names = names
        var funding: [String: FundingRecord] = [:]
        for profile in report.profiles {
            for record in profile.funding where funding[profile.region.id + "\u{0}" + record.id] == nil {
                funding[profile.region.id + "\u{0}" + record.id] = record
            }
        }
        self.funding = funding
    }

    /// The region's display name, or its id.
    func name(_ regionID: String) -> String { names[regionID] ?? regionID }

    /// A funding record of a region by id.
    func fundingRecord(_ id: String, region: String) -> FundingRecord? { funding[region + "\u{0}" + id] }

    /// "[B2]" style marker of the document `evidence` comes from, without brackets, or `nil`.
    func marker(_ evidence: Evidence, region: String) -> String? {
        markers.markers[region]?[evidence.sourceURL + "#" + evidence.snapshotSHA256]
    }

    /// A small link to the source of `evidence`: its marker (or "source"), pointing at the
    /// document's URL, with the locator and excerpt as its tooltip.
    func evidenceLink(_ evidence: Evidence, region: String) -> String {
        let label = HTMLText.escape(marker(evidence, region: region) ?? "source")
        let tip = HTMLText.attribute("\(evidence.locator)\n“\(evidence.excerpt)”\n\(evidence.sourceURL)")
        if let url = HTMLText.safeURL(evidence.sourceURL) {
            return "<a class=\"ev\" href=\"\(HTMLText.escape(url))\" title=\"\(tip)\">\(label)</a>"
        }
        return "<span class=\"ev\" title=\"\(tip)\">\(label)</span>"
    }

    /// Links to the distinct sources of `evidence`, in marker order.
    func evidenceLinks(_ evidence: [Evidence], region: String) -> String {
        var seen = Set<String>()
        let unique = evidence.filter { seen.insert($0.sourceURL + "#" + $0.snapshotSHA256 + "#" + $0.locator).inserted }
        return unique.map { evidenceLink($0, region: region) }.joined(separator: " ")
    }

    /// The evidence in full: source link, URL, locator and excerpt.
    func evidenceBlock(_ evidence: Evidence, region: String) -> String {
        let url = HTMLText.safeURL(evidence.sourceURL)
        let address = url.map { "<a href=\"\(HTMLText.escape($0))\">\(HTMLText.escape($0))</a>" } ?? HTMLText.escape(evidence.sourceURL)
        let marker = self.marker(evidence, region: region).map { "<span class=\"marker\">\(HTMLText.escape($0))</span> " } ?? ""
        return "<div class=\"evidence\">\(marker)\(address)<br/><span class=\"label\">at</span> <code>\(HTMLText.escape(evidence.locator))</code>"
            + "<blockquote>\(HTMLText.escape(evidence.excerpt))</blockquote></div>"
    }

    /// A code's label in a codebook: "Business and competitiveness".
    func codeLabel(_ book: CodebookComparison, _ id: String) -> String {
        book.codebook.codes.first { $0.id == id }?.label.en ?? id
    }

    /// The coded statement `id` of a region in a codebook (strategy or news).
    func coded(_ book: CodebookComparison, _ id: String) -> CodedStatement? {
        for region in book.coding + book.news {
            if let found = region.statements.first(where: { $0.id == id }) { return found }
        }
        return nil
    }
}
