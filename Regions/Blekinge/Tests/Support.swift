import Blekinge
import Foundation
import RegionModuleTesting
import RegionSupport
import StrategyModel
import Testing

/// The bundled snapshot, parsed once per test.
func snapshotDocuments() throws -> DocumentSet {
    try Blekinge().bundledDocuments()
}

func snapshotProfile() throws -> RegionProfile {
    try Blekinge().profile(from: snapshotDocuments())
}

/// One fixture page as a document set (published at a file URL, no role).
func fixture(_ name: String) throws -> DocumentSet {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let url = folder.appendingPathComponent(name)
    let bytes = try [UInt8](Data(contentsOf: url))
    return try DocumentSet(parsing: [RawDocument(url: url.absoluteString, bytes: bytes)])
}

/// The snapshot's documents whose URL ends with `suffix` (no role is used).
func documents(endingWith suffixes: String...) throws -> DocumentSet {
    let all = try snapshotDocuments()
    let picked = all.documents.filter { doc in suffixes.contains { doc.url.hasSuffix($0) } }
    #expect(picked.count == suffixes.count)
    return DocumentSet(picked)
}

/// Checks every evidence in `profile` with the conformance kit: it names a document of
/// `documents` by URL and SHA-256, and its locator selects one element of that document's bytes
/// (snapshot file or fixture) that holds the excerpt. Returns how many were checked.
@discardableResult
func checkEvidence(_ profile: RegionProfile, in documents: DocumentSet, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
    let report = ConformanceKit(Blekinge()).evidenceReport(of: profile, readFrom: documents)
    report.recordIssues(sourceLocation: sourceLocation)
    return report.evidenceChecked
}

/// Every id in the profile's strategies, projects and funding.
func allIDs(_ profile: RegionProfile) -> [String] {
    func goal(_ g: Goal) -> [String] {
        let subs: [String] = g.subGoals.flatMap(goal)
        return [g.id] + subs + g.priorities.map(\.id) + g.indicators.map(\.id)
    }
    func area(_ a: PriorityArea) -> [String] {
        let subs: [String] = a.subareas.flatMap(area)
        let goals: [String] = a.goals.flatMap(goal)
        return [a.id] + subs + goals + a.priorities.map(\.id)
    }
    var strategies: [String] = []
    for s in profile.strategies {
        strategies.append(s.id)
        strategies += s.areas.flatMap(area)
        strategies += s.goals.flatMap(goal)
        strategies += s.perspectives.map(\.id)
        strategies += s.specialisationAreas.map(\.id)
        strategies += s.actionPlans.map(\.id)
        strategies += s.followUp.map(\.id)
    }
    return strategies + profile.projects.map(\.id) + profile.funding.map(\.id) + profile.news.map(\.id)
}

/// What a strategy says about its areas and goals, to compare readings of different markup.
struct Structure: Equatable, CustomStringConvertible {
    var areas: [String]
    var subareas: [String: [String]]
    var goals: [String: [String]]
    var subGoals: [String: [String]]
    var looseGoals: [String]

    init(_ strategy: Strategy) {
        areas = strategy.areas.map(\.name)
        subareas = Dictionary(uniqueKeysWithValues: strategy.areas.map { ($0.name, $0.subareas.map(\.name)) })
        goals = Dictionary(uniqueKeysWithValues: strategy.areas.map { ($0.name, $0.goals.map(\.title)) })
        subGoals = Dictionary(uniqueKeysWithValues: strategy.allGoals.map { ($0.title, $0.subGoals.map(\.title)) })
        looseGoals = strategy.goals.map(\.title)
    }

    var description: String { "areas \(areas), subareas \(subareas), goals \(goals), delmål \(subGoals), loose \(looseGoals)" }
}
