/// An invariant every region module must hold; each ``ConformanceFailure`` names the one it
/// breaks.
public enum ConformanceInvariant: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The region has an id (lowercase ASCII letters, digits and `-`), a display name, a county
    /// or NUTS code and an organisation; a website, when given, is an http(s) URL.
    case regionIdentity = "region-identity"
    /// The module declares at least one source; every source has an http(s) URL and a snapshot
    /// file listed in the manifest under the same URL, and every manifest file is a declared source.
    case sources
    /// The snapshot folder has a readable `manifest.json` for this region, every file it lists is
    /// there, and each file's SHA-256 matches the manifest.
    case snapshot
    /// The module reads its snapshot without throwing.
    case reading
    /// At least one strategy version; each has a non-empty title, and at least one has a period.
    case strategyVersion = "strategy-version"
    /// Every fact's evidence names a document that was read, with its SHA-256; its locator
    /// selects exactly one place in that document (XPath for pages and feeds, block locator for
    /// Office files), and its excerpt occurs there.
    case evidence
    /// Ids are non-empty and no two elements of the profile share one.
    case uniqueIDs = "unique-ids"
    /// Reading the same documents twice gives the same ids in the same places.
    case stableIDs = "stable-ids"
    /// No empty names or titles.
    case names
    /// Years lie in ``ConformanceKit/plausibleYears``, and no period or milestone ends before it starts.
    case dates
    /// The same output (compared as encoded JSON) from the same documents read twice and from an
    /// independently parsed copy of them, and no facts from an empty document set.
    case purity

    /// The invariant's name as failures print it (`unique-ids`).
    public var description: String { rawValue }
}

/// One broken invariant: which one, where in the module's output, which source, and what is wrong.
public struct ConformanceFailure: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The invariant broken.
    public var invariant: ConformanceInvariant
    /// Where in the output, as a path through the model's JSON form with ids in parentheses
    /// (`strategies[0](kalmar.rus-2030).areas[1](…).evidence`), or a source's snapshot file;
    /// `nil` when the failure concerns the module as a whole.
    public var path: String?
    /// The source concerned (its published URL), if any.
    public var sourceURL: String?
    /// What is wrong, and where relevant what was found instead.
    public var message: String

    /// Creates a failure.
    public init(_ invariant: ConformanceInvariant, path: String? = nil, sourceURL: String? = nil, _ message: String) {
        self.invariant = invariant
        self.path = path
        self.sourceURL = sourceURL
        self.message = message
    }

    /// `[invariant] path — source: message`, leaving out what is not known.
    public var description: String {
        var text = "[\(invariant)]"
        if let path { text += " \(path)" }
        if let sourceURL { text += (path == nil ? " " : " — ") + sourceURL }
        return text + ": " + message
    }
}
