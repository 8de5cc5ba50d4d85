import RegionModuleTesting
import RegionSupport
import StrategyModel
import Testing

/// Checks every piece of evidence in `profile` with the conformance kit: it names a document of
/// `raw` by URL and SHA-256, and its locator (an XPath) selects one element of that document's
/// bytes whose text holds the excerpt.
func checkEvidence(in profile: RegionProfile, raw: [RawDocument], sourceLocation: SourceLocation = #_sourceLocation) {
    let report = ConformanceKit.evidenceReport(of: profile, in: raw)
    #expect(report.evidenceChecked > 0 || profile.strategies.isEmpty && profile.news.isEmpty, sourceLocation: sourceLocation)
    report.recordIssues(sourceLocation: sourceLocation)
}
