import Foundation
import Testing
import JSONSchemaSupport
import RegionalStrategies

/// The JSON that `rus compare` and `rus show` write for the three bundled regions matches the
/// schemas in `schema/` (the validator is the `JSONSchemaSupport` target in `Tests/`).
@Suite("JSON Schema of the bundled regions' outputs")
struct BundledJSONSchemaTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema")

    static func profiles() throws -> [RegionProfile] {
        try BundledRegions.all.map { try StrategyLoader.bundledProfile(of: $0) }
    }

    static func describe(_ violations: [JSONSchemaValidator.Violation]) -> String {
        "\(violations.count) violations:\n" + violations.prefix(20).map(\.description).joined(separator: "\n")
    }

    /// The report with every shipped codebook there is, as `rus compare --format json --codebook all` writes it.
    @Test func comparisonReportMatchesTheSchema() throws {
        let validator = try JSONSchemaValidator(contentsOf: Self.folder.appendingPathComponent("comparison-report.schema.json"))
        let codebooks = Codebook.shippedIDs.compactMap { try? Codebook.shipped($0) }
        #expect(!codebooks.isEmpty)
        let report = try ComparisonReport(profiles: try Self.profiles(), codebooks: codebooks)
        #expect(report.profiles.count == 3)
        #expect(report.codebooks.count == codebooks.count)
        let violations = try validator.validate(Data(try report.rendered(as: .json).utf8))
        #expect(violations.isEmpty, "\(Self.describe(violations))")
    }

    @Test(arguments: ["blekinge", "kalmar", "vasternorrland"])
    func regionProfileMatchesTheSchema(_ id: String) throws {
        let validator = try JSONSchemaValidator(contentsOf: Self.folder.appendingPathComponent("region-profile.schema.json"))
        let module = try #require(BundledRegions.all.first { $0.region.id == id })
        let profile = try StrategyLoader.bundledProfile(of: module)
        let violations = try validator.validate(StrategyJSON.encoder().encode(profile))
        #expect(violations.isEmpty, "\(Self.describe(violations))")
    }

    /// `SourceRecord.role` is a `SourceRole` raw value (a `String` in the model).
    @Test func sourceRolesMatchTheSchema() throws {
        let schema = try JSONValue(json: Data(contentsOf: Self.folder.appendingPathComponent("comparison-report.schema.json")))
        #expect(schema["$defs"]?["SourceRecord"]?["properties"]?["role"]?["enum"] == .array(SourceRole.allCases.map { .string($0.rawValue) }))
    }
}
