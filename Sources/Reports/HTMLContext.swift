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

    /// The evidence in full: the excerpt, then where it is: the document (linked) and the locator.
    func evidenceBlock(_ evidence: Evidence, region: String) -> String {
        let shown = HTMLText.escape(Self.displayURL(evidence.sourceURL))
        let address = HTMLText.safeURL(evidence.sourceURL).map { "<a href=\"\(HTMLText.escape($0))\" title=\"\(HTMLText.escape($0))\">\(shown)</a>" } ?? shown
        return "<div class=\"evidence\"><blockquote lang=\"sv\">\(HTMLText.escape(evidence.excerpt))</blockquote>"
            + "<div class=\"where\">\(address) <span class=\"label\">at</span> <code>\(HTMLText.escape(evidence.locator))</code></div></div>"
    }

    /// A long URL shortened for reading: "www.rvn.se/…/Regional-utvecklingsstrategi/".
    static func displayURL(_ url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        guard rest.count > 60 else { return String(rest) }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count > 2, let host = parts.first else { return HTMLText.shortened(String(rest), to: 60) }
        let trailingSlash = rest.hasSuffix("/")
        let last = parts.last(where: { !$0.isEmpty }) ?? ""
        let short = "\(host)/…/\(last)\(trailingSlash ? "/" : "")"
        return short.count > 80 ? String(short.prefix(79)) + "…" : short
    }

    /// A code's label in a codebook: "Business and competitiveness".
    func codeLabel(_ book: CodebookComparison, _ id: String) -> String {
        book.codebook.codes.first { $0.id == id }?.label.en ?? id
    }
}
