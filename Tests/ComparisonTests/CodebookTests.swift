import Foundation
import Testing
import StrategyModel
@testable import Comparison

@Suite struct CodebookTests {
    static func json(_ codes: String) -> Data {
        Data(#"{"id": "test", "version": "1.0.0", "title": {"sv": "Test", "en": "Test"}, "codes": [\#(codes)]}"#.utf8)
    }

    static func code(_ id: String, parent: String? = nil, terms: [String] = ["ord"]) -> String {
        let parent = parent.map { "\"\($0)\"" } ?? "null"
        let list = terms.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"id": "\#(id)", "label": {"sv": "S", "en": "E"}, "parent": \#(parent), "terms": [\#(list)]}"#
    }

    func error(_ codes: String) -> String? {
        do {
            _ = try Codebook(json: Self.json(codes), origin: "mine.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func loadingErrorsSayWhereAndWhat() {
        #expect(error(Self.code("a") + "," + Self.code("b", parent: "x"))
            == #"mine.json: code "b": parent "x" is not a code in this codebook"#)
        #expect(error(Self.code("a") + "," + Self.code("a"))
            == #"mine.json: code "a": the id is used twice; each code needs its own id"#)
        #expect(error(Self.code("a", parent: "b") + "," + Self.code("b", parent: "a"))
            == #"mine.json: code "a": parents form a cycle through a, b"#)
        #expect(error(Self.code("A")) == #"mine.json: code "A": id "A" must be lowercase ASCII letters, digits, '-' or '.'"#)
        #expect(error(Self.code("a", terms: [])) == #"mine.json: code "a": terms is missing or empty"#)
        #expect(error(Self.code("a", terms: ["kli*mat"])) == #"mine.json: code "a": term "kli*mat" has a '*' inside a word; '*' goes only at a word's start or end"#)
        #expect(error(#"{"id": "a", "label": {"sv": "S"}, "terms": ["x"]}"#)
            == #"mine.json: not a valid codebook: "en" is missing at codes[0].label"#)
        #expect(error(Self.code("a")) == nil)
    }

    @Test func unknownShippedCodebookListsTheShippedOnes() {
        #expect(throws: CodebookError.self) { try Codebook.named("nope") }
        do { _ = try Codebook.named("nope") } catch {
            #expect(error.description.hasPrefix(#"no codebook "nope" (shipped: thematic, "#))
        }
    }

    @Test func hierarchy() throws {
        let book = try Codebook(json: Self.json([Self.code("a"), Self.code("b", parent: "a"), Self.code("c", parent: "b")].joined(separator: ",")), origin: "t")
        #expect(book.depth(of: "c") == 2)
        #expect(book.lineage(of: "c") == ["c", "b", "a"])
        #expect(book.children(of: nil).map(\.id) == ["a"])
    }

    static func words(_ text: String) -> [SwedishText.Word] { SwedishText.words(in: text) }

    @Test(arguments: [
        ("konkurrenskraft", "Stärkt konkurrenskraften i länet", [1]),
        ("konkurrenskraft", "konkurrenskraftiga företag", [0]),
        ("företag*", "Fler företagare och företag", [1, 3]),
        ("*infrastruktur", "god transportinfrastrukturen", [1]),
        ("*fossil*", "en fossilbränslefri region", [1]),
        ("hållbar* samhällsplanering", "Hållbar samhällsplanering", [0]),
        ("hållbar* samhällsplanering", "samhällsplanering som är hållbar", []),
        ("e-hälsa", "satsning på e-hälsa", [2]),
    ])
    func termSyntax(term: String, text: String, at: [Int]) throws {
        #expect(try CodebookTerm(term).occurrences(in: Self.words(text)) == at)
    }

    static let book: Codebook = {
        let codes = [
            Codebook.Code(id: "business", label: .init(sv: "Näringsliv", en: "Business"), terms: ["näringsliv*", "konkurrenskraft", "företag*"], exclude: ["företagshälsovård"]),
            Codebook.Code(id: "digital", label: .init(sv: "Digitalisering", en: "Digital"), parent: "business", terms: ["digital*", "bredband*"]),
            Codebook.Code(id: "health", label: .init(sv: "Hälsa", en: "Health"), terms: ["hälsa", "*hälsa", "företagshälsovård"]),
        ]
        return try! Codebook(id: "t", version: "1", title: .init(sv: "T", en: "T"), codes: codes)
    }()

    static func statement(_ id: String, _ text: String, detail: String? = nil) -> Statement {
        Statement(id: id, regionID: "r", strategyID: "r.s", kind: .goal, text: text, detail: detail,
                  evidence: Evidence(sourceURL: "https://r.se", snapshotSHA256: String(repeating: "b", count: 64), locator: "/html/body/p", excerpt: text))
    }

    @Test func codingExplainsEachMatch() {
        let coded = Coder(codebook: Self.book).code(Self.statement("g", "Stärkt konkurrenskraft i näringslivet", detail: "Digitala tjänster för företagen"))
        #expect(coded.codes.map(\.code) == ["business", "digital"])
        #expect(coded.codes[0].explanation
            == #""konkurrenskraft" ← "konkurrenskraft" (text, word 2); "näringsliv*" ← "näringslivet" (text, word 4); "företag*" ← "företagen" (detail, word 4)"#)
        #expect(coded.codes[1].matches == [TermMatch(term: "digital*", field: .detail, words: "digitala", wordIndex: 0)])
    }

    @Test func exclusionsCancelOverlappingMatches() {
        let coded = Coder(codebook: Self.book).code(Self.statement("g", "Företagshälsovård för alla"))
        #expect(coded.codes.map(\.code) == ["health"])
    }

    @Test func overridesAddAndRemoveWithNotes() throws {
        let statements = [Self.statement("g1", "Stärkt konkurrenskraft"), Self.statement("g2", "God hälsa")]
        let overrides = CodingOverrides(overrides: [
            .init(codebook: "t", statement: "g1", remove: "business", note: "about the public sector"),
            .init(statement: "g2", add: "digital", note: "e-hälsa in the text"),
            .init(codebook: "other", statement: "g9", add: "x"),
        ], origin: "o.json")
        let coded = try Coder(codebook: Self.book).code(statements, overrides: overrides)
        #expect(coded[0].codes.isEmpty)
        #expect(coded[0].overruled.map(\.code) == ["business"])
        #expect(coded[0].overruled[0].note == "about the public sector")
        #expect(coded[1].codes.map(\.code) == ["digital", "health"])
        #expect(coded[1].codes[0].origin == .manual)
        #expect(coded[1].codes[0].explanation == "manual: e-hälsa in the text")
    }

    @Test func overridesNamingNothingAreErrors() {
        let statements = [Self.statement("g1", "Stärkt konkurrenskraft")]
        func failure(_ entry: CodingOverrides.Entry) -> String? {
            do {
                _ = try Coder(codebook: Self.book).code(statements, overrides: CodingOverrides(overrides: [entry], origin: "o.json"))
                return nil
            } catch { return error.description }
        }
        #expect(failure(.init(statement: "g9", add: "business")) == #"o.json: entry 1: no statement "g9" among those compared"#)
        #expect(failure(.init(statement: "g1", add: "nope")) == #"o.json: entry 1: no code "nope" in codebook t"#)
        #expect(failure(.init(statement: "g1", remove: "health")) == #"o.json: entry 1: statement "g1" does not have code "health" to remove"#)
        #expect(failure(.init(statement: "g1", add: "health", remove: "business")) == #"o.json: entry 1: give exactly one of "add" and "remove""#)
    }

    @Test func overridesFileIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("overrides-\(UUID().uuidString).json")
        try Data(#"{"overrides": [{"statement": "g1", "add": "health", "note": "n"}]}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let overrides = try CodingOverrides(contentsOf: url)
        #expect(overrides.overrides == [.init(statement: "g1", add: "health", note: "n")])
        #expect(overrides.origin == url.path)
    }
}

extension CodebookTests {
    /// Money a document links to a goal is counted under the goal's codes; the rest is listed
    /// as unlinked with the document's reason, and totals are neither.
    @Test func fundingFollowsTheGoal() throws {
        let e = Self.statement("x", "x").evidence
        let strategy = Strategy(id: "r.s", title: Fact("S", evidence: e), status: Fact(.adopted, evidence: e),
                                goals: [Goal(id: "r.s.g1", title: "Stärkt konkurrenskraft", evidence: e)])
        let profile = RegionProfile(
            region: Region(id: "r", name: "R", countyCode: "99", nutsCode: "SE999", organisation: "Region R", website: "https://r.se"),
            strategies: [strategy],
            funding: [
                FundingRecord(id: "total", kind: .total, year: 2024, amountSEK: 9_000_000, evidence: e),
                FundingRecord(id: "a1", kind: .allocation, year: 2024, amountSEK: 2_000_000, goal: "Stärkt konkurrenskraft", evidence: e),
                FundingRecord(id: "a2", kind: .allocation, year: 2024, amountSEK: 3_000_000, goal: "Digitala tjänster", evidence: e),
                FundingRecord(id: "a3", kind: .allocation, year: 2024, amountSEK: 4_000_000, goal: "Kulturarv", evidence: e),
                FundingRecord(id: "g1", kind: .grant, year: 2024, amountSEK: 500_000, recipient: "Projekt X", evidence: e),
            ]
        )
        let funding = try CodebookComparison(profiles: [profile], codebook: Self.book).funding
        #expect(funding.linked.map { "\($0.code) \($0.amountSEK) \($0.records)" } == ["business 2000000 [\"a1\"]", "digital 3000000 [\"a2\"]"])
        #expect(funding.unlinked.map(\.record) == ["a3", "g1"])
        #expect(funding.unlinked[0].reason == "its goal \"Kulturarv\" has no code in this codebook")
        #expect(funding.unlinked[1].reason == "the document names the recipient, not the goal the money serves")
    }
}
