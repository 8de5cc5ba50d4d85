import Testing
import RegionalStrategies

/// The side-by-side table of the three bundled regions says what their documents say.
@Suite("Comparison of the bundled regions")
struct ComparisonContentTests {
    static let table: ComparisonTable? = {
        let profiles = BundledRegions.all.compactMap { try? StrategyLoader.bundledProfile(of: $0) }
        return profiles.count == 3 ? SideBySide.table(for: profiles) : nil
    }()

    func cells(_ dimension: ComparisonDimension) throws -> [String] {
        let table = try #require(Self.table)
        return try #require(table.row(dimension)).cells.map(\.summary)
    }

    @Test func regionsInCatalogOrder() throws {
        #expect(try #require(Self.table).regions.map(\.name) == ["Blekinge", "Kalmar län", "Västernorrland"])
    }

    @Test func currentStrategies() throws {
        #expect(try cells(.strategyTitle) == [
            "Växtplats Blekinge",
            "Klimat att växa i — Regional utvecklingsstrategi för Kalmar län 2030",
            "Ett Västernorrland – Regional utvecklingsstrategi för Västernorrland 2020–2030",
        ])
        #expect(try cells(.period) == ["–2030", "–2030", "2020–2030"])
        #expect(try cells(.status) == ["adopted", "under-revision", "adopted"])
        #expect(try cells(.adopted) == ["2022-02-23 (regionfullmäktige)", "published 2022-10-05", "2020-02 (Regionfullmäktige)"])
    }

    @Test func versionsIncludeTheSupersededStrategies() throws {
        let versions = try cells(.versions)
        #expect(versions[0] == "2: Växtplats Blekinge (–2030, adopted 2022-02-23); Attraktiva Blekinge (2014–2020, superseded, adopted 2013-06-12)")
        #expect(versions[1].hasPrefix("2: "))
        #expect(versions[1].contains("superseded, adopted 2018-02-08"))
        #expect(versions[2].contains("Framtid Västernorrland! – Regional utvecklingsstrategi 2011–2020 (superseded, adopted 2011-12-16)"))
    }

    @Test func areasAndGoals() throws {
        #expect(try cells(.areas) == [
            "2: Attraktiva livsmiljöer (Hållbar samhällsplanering, Hög livskvalitet); Expansivt näringsliv med god kompetensförsörjning",
            "4: Delaktighet, hälsa och välbefinnande; God miljö för barn och unga; Hållbar samhällsplanering; Stärkt konkurrenskraft",
            ComparisonCell.unknown,
        ])
        let goals = try cells(.goals)
        #expect(goals[0].hasPrefix("6: Stärkt attraktivitet särskilt för unga [5 delmål]; Minskad miljö- och klimatpåverkan [4 delmål]; God, jämlik och jämställd hälsa"))
        #expect(goals[1].hasPrefix("10: 1. Hög delaktighet och upplevd trygghet i hela länet;"))
        #expect(goals[1].hasSuffix("10. Ökat antal företag inom kunskapsintensiv tjänstesektor"))
        #expect(goals[2].hasPrefix("3: 1. År 2030 har Västernorrland som plats stärkts i ett nationellt och globalt perspektiv;"))
    }

    @Test func perspectivesAndSmartSpecialisation() throws {
        #expect(try cells(.perspectives) == [
            "4: Hållbar tillväxt och utveckling; Folkhälsa; Strategiska noder; Digital omställning",
            "3: Kompetensförsörjning; Digital omställning; Internationalisering",
            ComparisonCell.unknown,
        ])
        #expect(try cells(.smartSpecialisation) == [
            "3: Smart industri; Tech; Missions", ComparisonCell.unknown, "3: autonom mobilitet; förnybar energi; skogsbaserad bioekonomi",
        ])
    }

    @Test func fundingNeverGuessesTheGoal() throws {
        let funding = try cells(.funding)
        #expect(funding[0] == "2024 total 24,3 mnkr (regionala tillväxtmedel (anslag 1:1)); 2024 1,1 mnkr → goal unknown; 2024 3,1 mnkr → goal unknown; 2024 0,6 mnkr → goal unknown; 2024 7,1 mnkr → goal unknown; 2024 12,3 mnkr → goal unknown")
        #expect(funding[1].hasPrefix("2019 total more than 22 mnkr; 2019 4,5 mnkr to Campus i Småland 2030;"))
        #expect(funding[2] == ComparisonCell.unknown)
    }

    @Test func actionPlansFollowUpAndNews() throws {
        let plans = try cells(.actionPlans)
        #expect(plans[0] == ComparisonCell.unknown)
        #expect(plans[1].hasPrefix("4: Digital agenda – handlingsprogram (1 document);"))
        #expect(plans[2].hasPrefix("9: bredbandsutbyggnad (1 document);"))
        #expect(try cells(.followUp)[1] == "1: Så går det för Kalmar län")
        #expect(try cells(.news) == ["9 items, latest 2022-02-23", "3 items, latest 2022-10-05", "3 items, latest 2020-02-26"])
    }

    @Test func everyCellIsFilledAndEveryItemCited() throws {
        let table = try #require(Self.table)
        for row in table.rows where row.dimension != .organisation {
            for cell in row.cells {
                #expect(!cell.summary.isEmpty)
                #expect(cell.isUnknown == cell.items.isEmpty, "\(row.dimension) \(cell.regionID)")
                #expect(cell.items.allSatisfy { $0.evidence != nil }, "\(row.dimension) \(cell.regionID) has an item without evidence")
            }
        }
    }
}
