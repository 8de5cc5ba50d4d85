import Foundation
import Testing
import JSONSchemaSupport
import StrategyModel
import Comparison
import Reports

/// The schema files in `schema/`, found from this file's place in the package.
enum SchemaFiles {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema")
    static let report = folder.appendingPathComponent("comparison-report.schema.json")
    static let profile = folder.appendingPathComponent("region-profile.schema.json")
}

/// `rus compare --format json` and `rus show --format json` match the JSON Schemas in `schema/`,
/// and the schemas say what the Swift types say.
@Suite("JSON Schema of the outputs")
struct JSONSchemaTests {
    let reportSchema: JSONSchemaValidator
    let profileSchema: JSONSchemaValidator

    init() throws {
        reportSchema = try JSONSchemaValidator(contentsOf: SchemaFiles.report)
        profileSchema = try JSONSchemaValidator(contentsOf: SchemaFiles.profile)
    }

    /// A codebook with a parent and a child code whose terms the fixtures' goals contain.
    static let codebook: Codebook = {
        try! Codebook(id: "test", version: "1.0.0", title: .init(sv: "Test", en: "Test"), source: "fixtures", codes: [
            .init(id: "goals", label: .init(sv: "Mål", en: "Goals"), terms: ["mål"]),
            .init(id: "goals.sub", label: .init(sv: "Delmål", en: "Sub-goals"), parent: "goals", terms: ["delmål"]),
            .init(id: "news", label: .init(sv: "Nyheter", en: "News"), terms: ["antagen"]),
        ])
    }()

    /// The fixtures compared through the shipped codebooks there are and ``codebook``, with an
    /// override that adds a code and one that removes one.
    static func fixtureReport() throws -> ComparisonReport {
        let shipped = Codebook.shippedIDs.compactMap { try? Codebook.shipped($0) }
        let overrides = CodingOverrides(overrides: [
            .init(codebook: "test", statement: "alfa.rus.g2", add: "goals.sub", note: "a sub-goal in all but name"),
            .init(codebook: "test", statement: "alfa.rus.g1", remove: "goals", note: "not a goal of its own"),
        ], origin: "overrides.json")
        return try ComparisonReport(profiles: [Fixtures.alpha, Fixtures.beta], codebooks: shipped + [codebook], overrides: overrides)
    }

    static func json<T: Encodable>(_ value: T) throws -> Data {
        try StrategyJSON.encoder().encode(value)
    }

    @Test func fixtureReportMatchesTheSchema() throws {
        let report = try Self.fixtureReport()
        // The overrides and the child code made it into the report, so the schema saw them.
        let coded = try #require(report.codebooks.last).coding.flatMap(\.statements)
        #expect(coded.contains { $0.codes.contains { $0.origin == .manual } })
        #expect(coded.contains { !$0.overruled.isEmpty })
        let violations = try reportSchema.validate(Data(try report.rendered(as: .json).utf8))
        #expect(violations.isEmpty, "\(violations.prefix(20).map(\.description).joined(separator: "\n"))")
    }

    @Test func reportWithoutCodebooksMatchesTheSchema() throws {
        let report = try ComparisonReport(profiles: [Fixtures.alpha, Fixtures.beta])
        let violations = try reportSchema.validate(Self.json(report))
        #expect(violations.isEmpty, "\(violations.prefix(20).map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: ["alfa", "beta", "full"])
    func profileMatchesTheSchema(_ id: String) throws {
        let profile = try #require([Fixtures.alpha, Fixtures.beta, FullProfile.profile].first { $0.region.id == id })
        let violations = try profileSchema.validate(Self.json(profile))
        #expect(violations.isEmpty, "\(violations.prefix(20).map(\.description).joined(separator: "\n"))")
    }

    /// Every optional field set: the schema declares each of them with the right type.
    @Test func profileWithEveryFieldMatchesTheSchema() throws {
        let json = try JSONValue(json: Self.json(FullProfile.profile))
        #expect(profileSchema.validate(json).isEmpty)
        // The fixture really sets every property each definition declares.
        let unset = FullProfile.unsetProperties(in: json, schema: profileSchema.root)
        #expect(unset.isEmpty, "properties no value in the full profile has: \(unset.sorted())")
    }

    // MARK: The schemas themselves

    @Test func profileSchemaSharesTheReportSchemasDefinitions() throws {
        let report = reportSchema.root["$defs"], profile = profileSchema.root["$defs"]
        guard case .object(let reportDefs)? = report, case .object(let profileDefs)? = profile else {
            Issue.record("both schemas need $defs")
            return
        }
        for (name, definition) in profileDefs {
            #expect(reportDefs[name] == definition, "$defs/\(name) differs between the two schema files; keep them identical")
        }
        #expect(Set(profileDefs.keys) == SchemaDefinitions.reachable(from: .object(["$ref": .string("#/$defs/RegionProfile")]), in: profileSchema.root))
        #expect(profileSchema.root["$ref"] == .string("#/$defs/RegionProfile"))
    }

    @Test func everyDefinitionIsUsed() throws {
        guard case .object(let definitions)? = reportSchema.root["$defs"] else {
            Issue.record("the report schema needs $defs")
            return
        }
        var top = reportSchema.root
        if case .object(var members) = top { members["$defs"] = nil; top = .object(members) }
        let used = SchemaDefinitions.reachable(from: top, in: reportSchema.root)
        #expect(Set(definitions.keys).subtracting(used).isEmpty)
    }

    /// Each Swift enum's raw values are the schema's `enum`, in the same order.
    @Test func enumsMatchTheSwiftTypes() throws {
        let expected: [(String, [String])] = [
            ("StrategyStatus", StrategyStatus.allCases.map(\.rawValue)),
            ("ComparisonDimension", ComparisonDimension.allCases.map(\.rawValue)),
            ("StatementKind", Statement.Kind.allCases.map(\.rawValue)),
            ("Strategy/properties/kind", Strategy.Kind.allCases.map(\.rawValue)),
            ("Milestone/properties/kind", Milestone.Kind.allCases.map(\.rawValue)),
            ("FrameworkReference/properties/framework", FrameworkReference.Framework.allCases.map(\.rawValue)),
            ("FundingRecord/properties/kind", SwiftEnums.fundingKinds.map(\.rawValue)),
            ("TermMatch/properties/field", SwiftEnums.termFields.map(\.rawValue)),
            ("CodeAssignment/properties/origin", SwiftEnums.codeOrigins.map(\.rawValue)),
        ]
        for (pointer, values) in expected {
            #expect(SchemaDefinitions.enumValues(at: pointer, in: reportSchema.root) == values, "$defs/\(pointer)")
        }
    }

    @Test func citationNamesThisLibrary() throws {
        #expect(reportSchema.root["$defs"]?["Citation"]?["properties"]?["library"] == .object(["const": .string("swift-regional-strategies")]))
    }

    // MARK: The schema rejects what it should

    /// The fixture report with one change made at `path`.
    static func mutated(_ path: [String], _ change: (inout [String: JSONValue], String) -> Void) throws -> JSONValue {
        func apply(_ value: JSONValue, _ path: ArraySlice<String>) -> JSONValue {
            if path.count == 1, case .object(var members) = value {
                change(&members, path.first!)
                return .object(members)
            }
            let step = path.first!
            switch value {
            case .object(var members):
                members[step] = apply(members[step]!, path.dropFirst())
                return .object(members)
            case .array(var elements):
                elements[Int(step)!] = apply(elements[Int(step)!], path.dropFirst())
                return .array(elements)
            default:
                fatalError("no \(step) in \(value)")
            }
        }
        return apply(try JSONValue(json: Data(try fixtureReport().rendered(as: .json).utf8)), path[...])
    }

    struct Breakage: Sendable, CustomTestStringConvertible {
        var name: String
        var path: [String]
        var change: @Sendable (inout [String: JSONValue], String) -> Void
        var expectedPath: String
        var expectedRule: String
        var testDescription: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(name: "missing required field", path: ["profiles", "0", "region", "id"], change: { $0[$1] = nil },
                 expectedPath: "$.profiles[0].region", expectedRule: "required"),
        Breakage(name: "missing required evidence deep down", path: ["profiles", "0", "strategies", "0", "areas", "0", "goals", "0", "subGoals", "0", "evidence"], change: { $0[$1] = nil },
                 expectedPath: "$.profiles[0].strategies[0].areas[0].goals[0].subGoals[0]", expectedRule: "required"),
        Breakage(name: "wrong type", path: ["profiles", "0", "funding", "0", "amountSEK"], change: { $0[$1] = .string("24,3 mnkr") },
                 expectedPath: "$.profiles[0].funding[0].amountSEK", expectedRule: "type"),
        Breakage(name: "number where an integer belongs", path: ["profiles", "0", "funding", "0", "year"], change: { $0[$1] = .number(2024.5) },
                 expectedPath: "$.profiles[0].funding[0].year", expectedRule: "type"),
        Breakage(name: "null for an absent optional", path: ["profiles", "0", "strategies", "0", "vision"], change: { $0[$1] = .null },
                 expectedPath: "$.profiles[0].strategies[0].vision", expectedRule: "type"),
        Breakage(name: "unknown property", path: ["table", "rows", "0", "dimensionLabel"], change: { $0[$1] = .string("Organisation") },
                 expectedPath: "$.table.rows[0].dimensionLabel", expectedRule: "additionalProperties"),
        Breakage(name: "bad enum value", path: ["profiles", "0", "strategies", "0", "status", "value"], change: { $0[$1] = .string("in-force") },
                 expectedPath: "$.profiles[0].strategies[0].status.value", expectedRule: "enum"),
        Breakage(name: "bad dimension", path: ["table", "rows", "3", "dimension"], change: { $0[$1] = .string("Status") },
                 expectedPath: "$.table.rows[3].dimension", expectedRule: "enum"),
        Breakage(name: "bad partial date", path: ["profiles", "0", "strategies", "0", "milestones", "0", "date"], change: { $0[$1] = .string("februari 2020") },
                 expectedPath: "$.profiles[0].strategies[0].milestones[0].date", expectedRule: "pattern"),
        Breakage(name: "bad SHA-256", path: ["citation", "sources", "0", "sha256"], change: { $0[$1] = .string("AAAA") },
                 expectedPath: "$.citation.sources[0].sha256", expectedRule: "pattern"),
        Breakage(name: "share above 1", path: ["codebooks", "0", "coverage", "0", "cells", "0", "share"], change: { $0[$1] = .number(1.5) },
                 expectedPath: "$.codebooks[0].coverage[0].cells[0].share", expectedRule: "maximum"),
        Breakage(name: "unknown statement kind in counts", path: ["structure", "0", "counts", "goals"], change: { $0[$1] = .number(2) },
                 expectedPath: "$.structure[0].counts.goals", expectedRule: "propertyNames"),
        Breakage(name: "another library", path: ["citation", "library"], change: { $0[$1] = .string("other") },
                 expectedPath: "$.citation.library", expectedRule: "const"),
    ]

    @Test(arguments: breakages)
    func rejects(_ breakage: Breakage) throws {
        let document = try Self.mutated(breakage.path, breakage.change)
        let violations = reportSchema.validate(document)
        #expect(violations.contains { $0.path == breakage.expectedPath && $0.rule == breakage.expectedRule },
                "expected \(breakage.expectedRule) at \(breakage.expectedPath); got \(violations.map(\.description))")
    }

    @Test func violationsSayWhereAndWhy() throws {
        let document = try Self.mutated(["profiles", "0", "region", "nutsCode"]) { $0[$1] = .number(221) }
        let violation = try #require(reportSchema.validate(document).first)
        #expect(violation.description == "$.profiles[0].region.nutsCode: expected string, found integer 221 [type at #/$defs/Region/properties/nutsCode/type]")
    }
}

/// Walks of a schema's `$ref`s and `enum`s.
enum SchemaDefinitions {
    /// The names of the `$defs` that `schema` reaches through `$ref`, directly or not.
    static func reachable(from schema: JSONValue, in root: JSONValue) -> Set<String> {
        var seen = Set<String>()
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    if key == "$ref", case .string(let reference) = member, reference.hasPrefix("#/$defs/") {
                        let name = String(reference.dropFirst("#/$defs/".count))
                        if seen.insert(name).inserted, let target = root["$defs"]?[name] { walk(target) }
                    } else if key != "enum" && key != "const" {
                        walk(member)
                    }
                }
            case .array(let elements):
                elements.forEach(walk)
            default:
                break
            }
        }
        walk(schema)
        return seen
    }

    /// The `enum` of the schema at `$defs/<pointer>` (`"Milestone/properties/kind"`).
    static func enumValues(at pointer: String, in root: JSONValue) -> [String]? {
        var value = root["$defs"]
        for step in pointer.split(separator: "/") { value = value?[String(step)] }
        guard case .array(let values)? = value?["enum"] else { return nil }
        return values.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }
}

/// The cases of the Swift enums that are not `CaseIterable`. Each list sits beside a switch
/// without `default`, so adding a case stops the build until the list (and the schema) has it.
enum SwiftEnums {
    static let fundingKinds: [FundingRecord.Kind] = [.total, .allocation, .grant]
    static let termFields: [TermMatch.Field] = [.text, .detail]
    static let codeOrigins: [CodeAssignment.Origin] = [.automatic, .manual]

    static func listed(_ kind: FundingRecord.Kind) -> Bool {
        switch kind { case .total, .allocation, .grant: fundingKinds.contains(kind) }
    }
    static func listed(_ field: TermMatch.Field) -> Bool {
        switch field { case .text, .detail: termFields.contains(field) }
    }
    static func listed(_ origin: CodeAssignment.Origin) -> Bool {
        switch origin { case .automatic, .manual: codeOrigins.contains(origin) }
    }
}

/// A profile with every optional field of the model set, and a check that it is.
enum FullProfile {
    static func evidence(_ locator: String) -> Evidence {
        Evidence(sourceURL: "https://full.se/rus.html", snapshotSHA256: String(repeating: "0123456789abcdef", count: 4), locator: locator, excerpt: "text at " + locator)
    }

    static let profile: RegionProfile = {
        let item = { (id: String) in NamedItem(id: id, name: "Namn \(id)", description: "Beskrivning", evidence: evidence("/p[\(id)]")) }
        let subGoal = Goal(id: "full.rus.g1.d1", code: "1.1", title: "Delmål", priorities: [item("p2")], indicators: [item("i2")], evidence: evidence("/li[2]"))
        let goal = Goal(id: "full.rus.g1", code: "1", title: "Mål", subGoals: [subGoal], priorities: [item("p1")], indicators: [item("i1")], evidence: evidence("/li[1]"))
        let link = DocumentLink(title: "Strategin (pdf)", url: "https://full.se/rus.pdf", evidence: evidence("/a[1]"))
        let strategy = Strategy(
            id: "full.rus", kind: .regionalDevelopment, title: Fact("Full strategi", evidence: evidence("/h1")),
            alternativeNames: [Fact("Fullstrategin", evidence: evidence("/p[1]"))],
            period: Fact(Period(startYear: 2021, endYear: 2030), evidence: evidence("/p[2]")),
            status: Fact(.underRevision, evidence: evidence("/p[3]")),
            milestones: [
                Milestone(kind: .consultation, date: PartialDate(year: 2020, month: 3, day: 1), endDate: PartialDate(year: 2020, month: 5), body: "regionstyrelsen", evidence: evidence("/p[4]")),
                Milestone(kind: .adopted, date: PartialDate(year: nil, month: 6, day: 13), evidence: evidence("/p[5]")),
            ],
            vision: Fact("Vision", evidence: evidence("/p[6]")), motto: Fact("Motto", evidence: evidence("/p[7]")),
            areas: [PriorityArea(id: "full.rus.a1", name: "Område", term: "målområde",
                                 subareas: [PriorityArea(id: "full.rus.a1.1", name: "Delområde", term: "insatsområde", evidence: evidence("/h3"))],
                                 goals: [goal], priorities: [item("p3")], evidence: evidence("/h2"))],
            goals: [Goal(id: "full.rus.g2", title: "Fristående mål", evidence: evidence("/li[3]"))],
            perspectives: [item("x1")], specialisationAreas: [item("s1")],
            actionPlans: [ActionPlan(id: "full.rus.plan", title: "Handlingsplan", documents: [link], evidence: evidence("/h2[2]"))],
            followUp: [FollowUpActivity(id: "full.rus.f1", name: "Uppföljning", description: "Årlig", date: PartialDate(year: 2023), evidence: evidence("/p[8]"))],
            frameworks: [FrameworkReference(framework: .euCohesionPolicy, evidence: evidence("/p[9]"))],
            documents: [link]
        )
        return RegionProfile(
            region: Region(id: "full", name: "Full", countyCode: "99", nutsCode: "SE999", organisation: "Region Full", website: "https://full.se"),
            strategies: [strategy],
            projects: [Project(id: "proj1", name: "Projekt", owner: "Ägare", funders: ["Region Full"], partners: ["Kommun"], amountSEK: 1_000_000, date: PartialDate(year: 2023, month: 4), strategyID: "full.rus", evidence: evidence("/p[10]"))],
            funding: [FundingRecord(id: "fund1", kind: .grant, year: 2023, amountSEK: 500_000, isLowerBound: true, fund: "1:1", goal: "Mål", recipient: "Projekt", strategyID: "full.rus", note: "note", evidence: evidence("/p[11]"))],
            news: [NewsItem(id: "news1", title: "Nyhet", link: "https://full.se/nyhet", published: Date(timeIntervalSince1970: 1_700_000_000), summary: "Sammanfattning", categories: ["RUS"], evidence: evidence("/rss/channel/item[1]"))],
            sources: [SourceRecord(url: "https://full.se/rus.html", mediaType: "text/html", charset: "utf-8", sha256: String(repeating: "0123456789abcdef", count: 4), origin: "download", retrieved: "2026-01-01T00:00:00Z", role: "strategy", note: "fetched")]
        )
    }()

    /// `definition/property` for each property the schema declares that no object `json`
    /// validates against has.
    static func unsetProperties(in json: JSONValue, schema root: JSONValue) -> Set<String> {
        guard case .object(let definitions)? = root["$defs"] else { return [] }
        var declared = Set<String>(), present = Set<String>()
        for (name, definition) in definitions {
            if case .object(let properties)? = definition["properties"] { declared.formUnion(properties.keys.map { "\(name)/\($0)" }) }
        }
        // Match each object of the document to the definitions whose property names cover it.
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for (name, definition) in definitions {
                    guard case .object(let properties)? = definition["properties"],
                          case .array(let required)? = definition["required"],
                          Set(members.keys).isSubset(of: properties.keys),
                          required.allSatisfy({ if case .string(let r) = $0 { members[r] != nil } else { false } })
                    else { continue }
                    present.formUnion(members.keys.map { "\(name)/\($0)" })
                }
                members.values.forEach(walk)
            case .array(let elements):
                elements.forEach(walk)
            default:
                break
            }
        }
        walk(json)
        return declared.subtracting(present)
    }
}
