import ArgumentParser
import RegionalStrategies

/// The report formats, as the command line spells them.
enum CompareFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, csv, json

    var reportFormat: ReportFormat { ReportFormat(rawValue: rawValue)! }
}

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare regions side by side (all bundled regions by default).",
        discussion: """
        Markdown (default) gives a table with source references; csv gives one tidy row per
        region × dimension × item with source URL, SHA-256, locator and excerpt; json gives the
        table and the full model of every region.
        """
    )

    @Argument(help: "Region ids to compare, e.g. blekinge kalmar (see 'rus regions').")
    var regions: [String] = []

    @Option(name: .shortAndLong, help: "Output format: markdown, csv or json.")
    var format: CompareFormat = .markdown

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            let loader = StrategyLoader()
            let modules = try loader.select(regions)
            let profiles = try await loader.bundledProfiles(of: modules)
            try output.write(try ComparisonReport(profiles: profiles).rendered(as: format.reportFormat))
        }
    }
}
