public import StrategyModel
public import Comparison

/// Everything `rus compare` computes, in one value: the side-by-side table, each codebook's
/// coding with coverage, gaps, alignment, news attention and funding, the structure profiles,
/// the version diffs, the full model of every region, and the citation. It is what
/// `--format json` writes (schema: `schema/comparison-report.schema.json`).
public struct ComparisonReport: Codable, Sendable, Hashable {
    /// What to cite: library version, codebook versions, overrides and every source with its SHA-256.
    public var citation: Citation
    /// The side-by-side table.
    public var table: ComparisonTable
    /// One comparison per codebook, in the order the codebooks were given.
    public var codebooks: [CodebookComparison]
    /// How each region's current strategy is built (regions without one are left out).
    public var structure: [StructureProfile]
    /// Each region's current strategy against the one before it, where the documents name both.
    public var diffs: [VersionDiff]
    /// The full model of every region compared, in the order given.
    public var profiles: [RegionProfile]

    /// Compares `profiles` through `codebooks`, with a researcher's `overrides` applied.
    public init(profiles: [RegionProfile], codebooks: [Codebook] = [], overrides: CodingOverrides = CodingOverrides()) throws(CodingOverrides.Error) {
        self.profiles = profiles
        table = SideBySide.table(for: profiles)
        var compared: [CodebookComparison] = []
        for codebook in codebooks {
            compared.append(try CodebookComparison(profiles: profiles, codebook: codebook, overrides: overrides))
        }
        self.codebooks = compared
        structure = profiles.compactMap(StructureProfile.of)
        diffs = profiles.compactMap(VersionDiff.latest)
        citation = Citation(profiles: profiles, codebooks: codebooks, overrides: overrides.overrides.isEmpty ? nil : overrides.origin)
    }
}

/// What to cite: the library and its version, the codebooks, and every document read with the
/// SHA-256 of the exact bytes.
public struct Citation: Codable, Sendable, Hashable {
    /// One document read.
    public struct Source: Codable, Sendable, Hashable {
        /// The region it was read for.
        public var regionID: String
        /// The URL it is published at.
        public var url: String
        /// Lowercase hex SHA-256 of the exact bytes read.
        public var sha256: String
        /// When it was fetched, or `nil` for reconstructions and where unknown.
        public var retrieved: String?
        /// "reconstruction" or "download".
        public var origin: String
    }

    /// A codebook and the version used.
    public struct CodebookVersion: Codable, Sendable, Hashable {
        /// The codebook's id.
        public var id: String
        /// The codebook's version.
        public var version: String
    }

    /// The library's name, `swift-regional-strategies`.
    public var library: String
    /// The library's version (``libraryVersion``).
    public var version: String
    /// The codebooks used, in the order given.
    public var codebooks: [CodebookVersion]
    /// The overrides file applied, if any.
    public var overrides: String?
    /// Every document read, per region in the order given.
    public var sources: [Source]

    /// This library's version, as outputs cite it.
    public static let libraryVersion = Library.version

    /// The citation for comparing `profiles` through `codebooks`; `overrides` names the overrides file, if one was applied.
    public init(profiles: [RegionProfile], codebooks: [Codebook], overrides: String? = nil) {
        library = Library.name
        version = Self.libraryVersion
        self.codebooks = codebooks.map { CodebookVersion(id: $0.id, version: $0.version) }
        self.overrides = overrides
        sources = profiles.flatMap { profile in
            profile.sources.map { Source(regionID: profile.region.id, url: $0.url, sha256: $0.sha256, retrieved: $0.retrieved, origin: $0.origin) }
        }
    }

    /// The citation as plain lines, for footers and `rus cite`.
    public var lines: [String] {
        var lines = ["Cite as: \(library) \(version)."]
        if !codebooks.isEmpty {
            lines.append("Codebooks: " + codebooks.map { "\($0.id) \($0.version)" }.joined(separator: ", ") + ".")
        }
        if let overrides { lines.append("Manual coding overrides: \(overrides).") }
        lines.append("Sources read (URL, retrieved, SHA-256 of the snapshot):")
        for source in sources {
            let when = switch (source.origin, source.retrieved) {
            case let ("download", retrieved?): "fetched from the live site, last checked \(retrieved)"
            case let (_, retrieved?): retrieved
            case ("reconstruction", nil): "not retrieved: a reconstruction bundled with the library"
            default: "retrieval time unknown"
            }
            lines.append("- \(source.url), \(when), \(source.sha256)")
        }
        return lines
    }
}
