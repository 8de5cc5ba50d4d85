public import RegionSupport
public import Testing

extension ConformanceReport {
    /// Records each failure as a Swift Testing issue at `sourceLocation`, one per failure, so a
    /// test lists them all. Records nothing when the report passed.
    public func recordIssues(sourceLocation: SourceLocation = #_sourceLocation) {
        for failure in failures {
            Issue.record(Comment(rawValue: "\(regionID): \(failure)"), sourceLocation: sourceLocation)
        }
    }
}

extension ConformanceKit {
    /// Runs the kit on `module` and records every failure as a Swift Testing issue; returns the
    /// report for further expectations (`report.evidenceChecked`, …).
    ///
    /// ```swift
    /// @Test func conforms() { ConformanceKit.expectConformance(MyRegion()) }
    /// ```
    @discardableResult
    public static func expectConformance(_ module: any RegionModule, sourceLocation: SourceLocation = #_sourceLocation) -> ConformanceReport {
        let report = ConformanceKit(module).run()
        report.recordIssues(sourceLocation: sourceLocation)
        return report
    }
}
