import Foundation
import RegionalStrategies

/// The files of a new region module, as `rus new-region` writes them, and the edit of
/// `Package.swift` that adds it. Pure: names in, file texts out.
struct RegionScaffold {
    /// The display name, with Swedish letters ("Västra Götaland").
    var displayName: String
    /// The ASCII module and folder name ("VastraGotaland").
    var moduleName: String
    /// The region id ("vastra-gotaland").
    var id: String
    /// The strategy page's published URL, if given.
    var url: String?

    init(displayName: String, id: String? = nil, url: String? = nil) throws {
        let trimmed = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        self.displayName = trimmed
        moduleName = Self.moduleName(for: trimmed)
        guard let first = moduleName.unicodeScalars.first, ("A"..."Z").contains(first) else {
            throw CommandError("'\(displayName)' gives no ASCII module name starting with a letter; use a name such as \"Västra Götaland\"")
        }
        let id = id ?? Slug.make(trimmed)
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }),
              !id.hasPrefix("-"), !id.hasSuffix("-") else {
            throw CommandError("--id '\(id)' must be lowercase ASCII letters, digits and inner hyphens, e.g. vastra-gotaland")
        }
        self.id = id
        if let url {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), parsed.host != nil else {
                throw CommandError("--url '\(url)' is not an http(s) URL")
            }
        }
        self.url = url
    }

    /// "Västra Götaland" → "VastraGotaland": letters folded to ASCII (Slug's folding), each word capitalised.
    static func moduleName(for displayName: String) -> String {
        Slug.make(displayName).split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The organisation's website: the URL's scheme and host.
    var website: String {
        guard let url, let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host else { return "" }
        return "\(scheme)://\(host)/"
    }

    /// The files to write, by path relative to the package root.
    var files: [(path: String, text: String)] {
        let folder = "Regions/\(moduleName)"
        return [
            ("\(folder)/Sources/\(moduleName).swift", moduleSource),
            ("\(folder)/Sources/Snapshot/manifest.json", manifest),
            ("\(folder)/Tests/\(moduleName)ConformanceTests.swift", testSource),
            ("\(folder)/Tests/Fixtures/README.md", fixturesReadme),
        ]
    }

    var moduleSource: String {
        let indent = String(repeating: " ", count: 12)
        let source = url.map { indent + "SourceDescriptor(url: \(Self.quoted($0)), role: .strategy, snapshotFile: \"regional-utvecklingsstrategi.html\")," }
            ?? indent + "// SourceDescriptor(url: \"https://…/regional-utvecklingsstrategi/\", role: .strategy, snapshotFile: \"regional-utvecklingsstrategi.html\"),"
        return """
            public import Foundation
            public import RegionSupport
            public import StrategyModel

            /// \(displayName): reads the regional development strategy from the pages and feeds in
            /// `sources`, saved in `Snapshot/` (listed with their SHA-256 in `Snapshot/manifest.json`).
            ///
            /// Made by `rus new-region`. Its test runs the conformance kit, which fails until the region's
            /// identity, sources, snapshot and reading are filled in; see the article "Adding a region".
            public struct \(moduleName): RegionModule {
                public init() {}

                public var region: Region {
                    // County code (länskod), NUTS 3 code and organisation: fill in from official sources.
                    Region(id: \(Self.quoted(id)), name: \(Self.quoted(displayName)), countyCode: "", nutsCode: "", organisation: "", website: \(Self.quoted(website)))
                }

                /// Each published page or feed read, with its file in `Snapshot/`.
                public var sources: [SourceDescriptor] {
                    [
            \(source)
                    ]
                }

                public var bundledSnapshot: URL? { Bundle.module.url(forResource: "Snapshot", withExtension: nil) }

                /// A start: the strategy page's heading as the title and the first period stated on it.
                /// Read areas, goals and the rest with the toolkit (`sections(headed:)`, `items()`,
                /// `passages`), each value with the evidence of where it was read.
                public func strategies(from documents: DocumentSet) throws -> [Strategy] {
                    guard let page = documents.documents(withRole: .strategy).first ?? documents.pages.first,
                          let title = page.pageHeading else { return [] }
                    let period = page.passages.lazy.compactMap { passage in
                        SwedishPeriod.find(in: passage.text).map { Fact($0, evidence: passage.evidence()) }
                    }.first
                    return [Strategy(id: Slug.id(\(Self.quoted(id)), title.value), title: title.fact, period: period)]
                }
            }

            """
    }

    var manifest: String {
        """
        {
          "region": \(Self.quoted(id)),
          "description": "Snapshot of the pages and feeds \(displayName)'s module reads. Add one entry per file: file, url, mediaType, charset, role, sha256 (shasum -a 256 FILE), origin (download or reconstruction), retrieved (ISO 8601, for downloads).",
          "files": []
        }

        """
    }

    var testSource: String {
        """
        import RegionModuleTesting
        import Testing
        import \(moduleName)

        /// The invariants every region module holds (identity, sources, snapshot, evidence, ids,
        /// names, dates, purity). Each failure says which invariant, which fact and which source.
        @Test func conformsToTheKit() {
            ConformanceKit.expectConformance(\(moduleName)())
        }

        """
    }

    var fixturesReadme: String {
        """
        # Fixtures

        Markup variants of the snapshot's pages (the same content in other markup), for tests that
        show the module reads by content rather than by CSS classes or URLs.

        """
    }

    /// What to add to `Package.swift` by hand.
    var packageLine: String { "let regions = [..., \(Self.quoted(moduleName))]" }

    /// `package` with `moduleName` appended to its `let regions = [...]` line, or `nil` when that
    /// line is not found exactly once as a one-line array of string literals.
    func addingRegion(to package: String) -> String? {
        var lines = package.components(separatedBy: "\n")
        let matches = lines.indices.filter { Self.regionNames(in: lines[$0]) != nil }
        guard matches.count == 1, let names = Self.regionNames(in: lines[matches[0]]) else { return nil }
        lines[matches[0]] = "let regions = [" + (names + [moduleName]).map(Self.quoted).joined(separator: ", ") + "]"
        return lines.joined(separator: "\n")
    }

    /// The names of a `let regions = ["A", "B"]` line, or `nil` for any other line.
    static func regionNames(in line: String) -> [String]? {
        let prefix = "let regions = [", suffix = "]"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix) else { return nil }
        let inner = line.dropFirst(prefix.count).dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
        if inner.isEmpty { return [] }
        var names: [String] = []
        for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard item.count >= 2, item.hasPrefix("\""), item.hasSuffix("\"") else { return nil }
            let name = String(item.dropFirst().dropLast())
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) else { return nil }
            names.append(name)
        }
        return names
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
