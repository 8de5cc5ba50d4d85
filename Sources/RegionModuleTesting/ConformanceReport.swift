/// What ``ConformanceKit/run()`` found: every broken invariant, and how much was checked.
public struct ConformanceReport: Sendable, Hashable, CustomStringConvertible {
    /// The id of the region checked.
    public var regionID: String
    /// Every failure, in the order the invariants are checked.
    public var failures: [ConformanceFailure]
    /// How many sources were checked against the snapshot.
    public var sourcesChecked: Int
    /// How many pieces of evidence were resolved in their documents.
    public var evidenceChecked: Int
    /// How many ids were compared.
    public var idsChecked: Int

    /// Creates a report.
    public init(regionID: String, failures: [ConformanceFailure], sourcesChecked: Int = 0, evidenceChecked: Int = 0, idsChecked: Int = 0) {
        self.regionID = regionID
        self.failures = failures
        self.sourcesChecked = sourcesChecked
        self.evidenceChecked = evidenceChecked
        self.idsChecked = idsChecked
    }

    /// `true` when no invariant is broken.
    public var passed: Bool { failures.isEmpty }

    /// The failures of one invariant.
    public func failures(of invariant: ConformanceInvariant) -> [ConformanceFailure] {
        failures.filter { $0.invariant == invariant }
    }

    /// A summary line, then one line per failure.
    public var description: String {
        let head = "\(regionID): \(failures.isEmpty ? "conforms" : "\(failures.count) conformance failure\(failures.count == 1 ? "" : "s")")"
            + " (\(sourcesChecked) sources, \(evidenceChecked) pieces of evidence, \(idsChecked) ids checked)"
        return ([head] + failures.map { "  " + $0.description }).joined(separator: "\n")
    }
}
