import Testing
import RegionalStrategies

/// Version diffs and structure profiles of the three bundled regions, with the expected values
/// read off their documents by hand (Regions/*/Sources/Snapshot).
@Suite("Versions and structure of the bundled regions")
struct VersionsAndStructureTests {
    static let profiles: [RegionProfile] = BundledRegions.all.compactMap { try? StrategyLoader.bundledProfile(of: $0) }

    func profile(_ id: String) throws -> RegionProfile {
        try #require(Self.profiles.first { $0.region.id == id })
    }

    func texts(_ statements: [Statement]) -> [String] { statements.map(\.text) }

    /// Attraktiva Blekinge 2014–2020 had four insatsområden; Växtplats Blekinge has two strategic
    /// areas with two development areas under the first.
    @Test func blekingeAttraktivaToVaxtplats() throws {
        let diff = try #require(VersionDiff.latest(try profile("blekinge")))
        #expect(diff.from.title == "Attraktiva Blekinge")
        #expect(diff.to.title == "Växtplats Blekinge")
        #expect(diff.topLevel == nil)
        #expect(diff.areas.kept.isEmpty)
        #expect(diff.areas.renamed.map { "\($0.before.text) → \($0.after.text)" } == [
            "Livskvalitet → Hög livskvalitet",
            "Bilden av Attraktiva Blekinge → Attraktiva livsmiljöer",
        ])
        #expect(diff.areas.renamed.allSatisfy { $0.similarity >= LevelDiff.renameThreshold && $0.similarity < 1 })
        #expect(texts(diff.areas.removed) == ["Arbetsliv", "Tillgänglighet"])
        #expect(texts(diff.areas.added) == ["Hållbar samhällsplanering", "Expansivt näringsliv med god kompetensförsörjning"])
        // The 2014–2020 page names no goals: not "all goals added".
        #expect(!diff.goals.isCompared)
        #expect(diff.goals.added.isEmpty)
        #expect(diff.goals.note == "no goals of Attraktiva Blekinge (2014–2020, adopted 2013-06-12) in the documents read; not compared")
    }

    /// Kalmar's 2022 update kept the four priority areas of the 2018 strategy.
    @Test func kalmar2018To2022() throws {
        let diff = try #require(VersionDiff.latest(try profile("kalmar")))
        #expect(diff.from.adopted == "2018-02-08")
        #expect(diff.to.published == "2022-10-05")
        #expect(diff.areas.kept.map(\.after.text) == [
            "Delaktighet, hälsa och välbefinnande", "God miljö för barn och unga", "Hållbar samhällsplanering", "Stärkt konkurrenskraft",
        ])
        #expect(diff.areas.renamed.isEmpty && diff.areas.added.isEmpty && diff.areas.removed.isEmpty)
        #expect(!diff.goals.isCompared)
    }

    /// Framtid Västernorrland's four fokusområden gave way to Ett Västernorrland's three goals.
    @Test func vasternorrlandFramtidToEtt() throws {
        let diff = try #require(VersionDiff.latest(try profile("vasternorrland")))
        #expect(diff.from.title.hasPrefix("Framtid Västernorrland!"))
        let top = try #require(diff.topLevel)
        #expect(texts(top.removed) == [
            "Kompetens som drivkraft", "Innovationsförmåga som drivkraft", "Tillgänglighet och infrastruktur som drivkraft", "Människan som drivkraft",
        ])
        #expect(top.added.count == 3 && top.added.allSatisfy { $0.kind == .goal && $0.text.hasPrefix("År 2030") })
        #expect(top.kept.isEmpty && top.renamed.isEmpty)
        #expect(!diff.areas.isCompared && !diff.goals.isCompared)
    }

    @Test func structureProfiles() throws {
        let blekinge = try #require(StructureProfile.of(try profile("blekinge")))
        #expect(blekinge.levels.map { "\($0.count) \($0.level) \($0.term ?? "-")" } == [
            "2 area strategiskt område", "2 sub-area utvecklingsområde", "6 goal -", "9 sub-goal -",
        ])
        #expect(blekinge.counts["perspective"] == 4)
        #expect(blekinge.counts["smart-specialisation"] == 3)
        #expect(blekinge.horizonYear == 2030)
        #expect(blekinge.yearsCovered == 8)  // adopted 2022, to 2030; the start year is not given

        let kalmar = try #require(StructureProfile.of(try profile("kalmar")))
        #expect(kalmar.levels.map(\.count) == [4, 10])
        #expect(kalmar.levels.first?.term == "prioriterat utvecklingsområde")
        #expect(kalmar.counts["action-plan"] == 4)

        let vasternorrland = try #require(StructureProfile.of(try profile("vasternorrland")))
        #expect(vasternorrland.levels.map(\.level) == ["goal"])
        #expect(vasternorrland.counts["priority"] == 16)
        #expect(vasternorrland.yearsCovered == 10)
    }
}
