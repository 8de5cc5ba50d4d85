import ArgumentParser
import Foundation
import RegionalStrategies

/// The report formats, as the command line spells them.
enum CompareFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, csv, json, html

    var reportFormat: ReportFormat { ReportFormat(rawValue: rawValue)! }
}

/// The report sections, as the command line spells them.
enum CompareSection: String, ExpressibleByArgument, CaseIterable {
    case table, profile, coverage, gaps, alignment, diff, news, funding, coding

    var reportSection: ReportSection { ReportSection(rawValue: rawValue)! }
}

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare regions side by side (all bundled regions by default).",
        discussion: """
        Codes every statement of each region's current strategy (areas, goals, priorities, \
        perspectives, smart specialisation, action plans) and its news with a codebook, then \
        compares coverage, gaps, goal alignment, news attention and funding; adds the structure \
        of each strategy and what changed since its previous version.

        markdown (default) and html give a report with source references and a citation; json \
        gives everything, with the full model of every region; csv gives tidy tables: one table \
        to standard output or a file (the first of --only, the side-by-side table by default), \
        or, with --output naming a folder (ending in / or existing), one file per table plus \
        sources.csv and citation.txt.
        """
    )

    @Argument(help: "Region ids to compare, e.g. blekinge kalmar (see 'rus regions').")
    var regions: [String] = []

    @Option(name: .shortAndLong, help: "Output format: markdown, csv, json or html.")
    var format: CompareFormat = .markdown

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A codebook: thematic (default), national-strategy-2021-2030, eu-cohesion-policy-2021-2027, agenda-2030, all, or a path to a codebook .json file. Repeat for several.",
            valueName: "codebook"
        )
    )
    var codebook: [String] = []

    @Option(name: .long, help: ArgumentHelp("Manual coding changes (a JSON file, see the Codebooks article).", valueName: "file"))
    var overrides: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Only these parts: \(ReportSection.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "part")
    )
    var only: [CompareSection] = []

    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            let profiles = try await cacheOptions.profiles(of: try StrategyLoader().select(regions))
            let codebooks = try Self.codebooks(codebook)
            let overrides = try overrides.map { try CodingOverrides(contentsOf: URL(fileURLWithPath: $0), origin: $0) } ?? CodingOverrides()
            let report = try ComparisonReport(profiles: profiles, codebooks: codebooks, overrides: overrides)
            let sections = only.isEmpty ? ReportSection.allCases : only.map(\.reportSection)
            if format == .csv, let folder = output.folder {
                try output.writeFiles(report.csvFiles(sections: sections, withCitation: true), into: folder)
            } else if format == .csv {
                // One table; a file gets the citation beside it (standard output has `rus cite`).
                try output.write(try report.rendered(as: .csv, sections: only.isEmpty ? [.table] : sections))
                if let file = output.output {
                    try OutputOptions(output: file + ".citation.txt").write(report.citation.lines.joined(separator: "\n") + "\n")
                }
            } else {
                try output.write(try report.rendered(as: format.reportFormat, sections: sections))
            }
        }
    }

    static func codebooks(_ names: [String]) throws -> [Codebook] {
        let names = names.isEmpty ? ["thematic"] : names
        var result: [Codebook] = []
        for name in names {
            let books = name == "all" ? try Codebook.shipped : [try Codebook.named(name)]
            for book in books where !result.contains(where: { $0.id == book.id }) { result.append(book) }
        }
        return result
    }
}
