import Foundation
import RegionSupport
import StrategyModel
import Testing
import Vasternorrland

// MARK: Fixtures

let module = Vasternorrland()

/// The bundled snapshot's raw files (checked against the manifest's SHA-256).
func snapshotRaw() throws -> [RawDocument] {
    let folder = try #require(module.bundledSnapshot)
    return try Snapshot(directory: folder).documents
}

func snapshotRaw(_ url: String) throws -> RawDocument {
    try #require(try snapshotRaw().first { $0.url == url })
}

/// A variant fixture as a file URL with no role, the way `rus read` passes files.
func fixture(_ name: String) throws -> RawDocument {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let url = folder.appendingPathComponent(name)
    return RawDocument(url: url.absoluteString, bytes: [UInt8](try Data(contentsOf: url)))
}

/// Reads `raw` into a profile and checks all its evidence.
func read(_ raw: [RawDocument], sourceLocation: SourceLocation = #_sourceLocation) throws -> RegionProfile {
    let documents = try DocumentSet(parsing: raw)
    let profile = try module.profile(from: documents)
    checkEvidence(in: profile, raw: raw, sourceLocation: sourceLocation)
    return profile
}

enum URLs {
    static let strategy = "https://www.rvn.se/sv/Utveckling/Regional-utvecklingsstrategi/"
    static let history = "https://www.rvn.se/sv/Utveckling/Regional-utvecklingsstrategi/Framtid-Vasternorrland/"
    static let newsPage = "https://www.rvn.se/sv/Om-regionen/Aktuellt-i-Region-Vasternorrland/Nyheter/ny-regional-utvecklingsstrategi-antagen/"
    static let feed = "https://www.rvn.se/sv/Om-regionen/Aktuellt-i-Region-Vasternorrland/Nyheter/rss/"
    static let county = "https://www.lvn.se/sv/Regional-utveckling/Regional-utvecklingsstrategi/"
}

let goalTitles = [
    "År 2030 har Västernorrland som plats stärkts i ett nationellt och globalt perspektiv",
    "År 2030 är Västernorrland den plats som människor väljer för att leva och besöka",
    "År 2030 är Västernorrland platsen där företag och organisationer väljer att växa",
]

let ettTitle = "Ett Västernorrland – Regional utvecklingsstrategi för Västernorrland 2020–2030"

func date(_ year: Int?, _ month: Int? = nil, _ day: Int? = nil) -> PartialDate? {
    PartialDate(year: year, month: month, day: day)
}

// MARK: Identity and sources

@Suite struct Identity {
    @Test func region() {
        #expect(module.region == Region(
            id: "vasternorrland", name: "Västernorrland", countyCode: "22", nutsCode: "SE321",
            organisation: "Region Västernorrland", website: "https://www.rvn.se"
        ))
    }

    @Test func sourcesMatchTheManifest() throws {
        let folder = try #require(module.bundledSnapshot)
        let manifest = try Snapshot(directory: folder).manifest
        #expect(manifest.region == "vasternorrland")
        #expect(manifest.files.allSatisfy { $0.role != nil })
        let fromManifest = Set(manifest.files.compactMap { entry in
            entry.role.map { SourceDescriptor(url: entry.url, role: $0, snapshotFile: entry.file) }
        })
        #expect(Set(module.sources) == fromManifest)
        #expect(module.sources.count == 5)
    }

    @Test func countyCouncilPageIsDecodedFromLatin1() throws {
        let documents = try module.bundledDocuments()
        let page = try #require(documents.document(at: URLs.county)?.page)
        #expect(page.title == "Regional utvecklingsstrategi - Landstinget Västernorrland")
        #expect(page.mainText.contains("Från och med 2017 är Landstinget Västernorrland ansvarig"))
        #expect(page.mainText.contains("Handlingsplan Företagande entreprenörskap.pdf"))
        #expect(!page.mainText.contains("Ã"))
    }
}

// MARK: The bundled snapshot

@Suite struct Snapshot2020 {
    let profile: RegionProfile
    let strategy: Strategy

    init() throws {
        profile = try read(try snapshotRaw())
        strategy = try #require(profile.strategies.first { $0.id == "vasternorrland.ett-vasternorrland" })
    }

    @Test func twoStrategiesNewestFirst() {
        #expect(profile.strategies.map(\.id) == ["vasternorrland.ett-vasternorrland", "vasternorrland.framtid-vasternorrland"])
        #expect(profile.strategies.allSatisfy { $0.kind == .regionalDevelopment })
        #expect(profile.currentStrategy?.id == "vasternorrland.ett-vasternorrland")
    }

    @Test func titlePeriodStatus() {
        #expect(strategy.title.value == ettTitle)
        #expect(strategy.title.evidence.sourceURL == URLs.strategy)
        #expect(strategy.alternativeNames.isEmpty)
        #expect(strategy.period?.value == Period(startYear: 2020, endYear: 2030))
        #expect(strategy.status?.value == .adopted)
        #expect(strategy.motto?.value == "Handlingskraft, livskraft och naturkraft")
        #expect(strategy.vision == nil)
    }

    @Test func consultationAndAdoption() throws {
        #expect(strategy.milestones.map(\.kind) == [.consultation, .adopted])
        let consultation = try #require(strategy.milestone(.consultation))
        #expect(consultation.date == date(2019, 4))
        #expect(consultation.endDate == date(2019, 9, 30))
        #expect(consultation.evidence.excerpt.contains("2019"))
        let adoption = try #require(strategy.milestone(.adopted))
        #expect(adoption.date == date(2020, 2))
        #expect(adoption.body == "Regionfullmäktige")
        #expect(adoption.endDate == nil)
    }

    @Test func threeGoalsWithSixteenPriorities() throws {
        #expect(strategy.areas.isEmpty)
        #expect(strategy.goals.map(\.title) == goalTitles)
        #expect(strategy.goals.map(\.code) == ["1", "2", "3"])
        #expect(strategy.goals.map(\.priorities.count) == [4, 5, 7])
        #expect(strategy.allGoals.flatMap(\.priorities).count == 16)
        #expect(strategy.goals.allSatisfy { $0.subGoals.isEmpty && $0.indicators.isEmpty })
        #expect(strategy.goals[0].priorities.map(\.name) == [
            "Samordnat påverkansarbete mot nationell och internationell nivå",
            "Kraftsamling för att skapa, attrahera och behålla kompetens och investeringar",
            "Universitet och forskningsinstitut som motorer för innovation",
            "Ett modigt regionalt ledarskap",
        ])
        #expect(strategy.goals[2].priorities.first?.name == "Finansieringsbeslut för Ostkustbanan, Mittbanan och Ådalsbanan")
        #expect(strategy.goals[2].priorities.last?.name == "Ett sammanhållet system för finansiering, företagsstöd och innovationsstöd")
        #expect(strategy.goals[0].id == "vasternorrland.ett-vasternorrland.goal.1")
    }

    @Test func smartSpecialisation() {
        #expect(strategy.specialisationAreas.map(\.name) == ["autonom mobilitet", "förnybar energi", "skogsbaserad bioekonomi"])
        #expect(strategy.specialisationAreas.allSatisfy { $0.description == "Västernorrlands prioriteringar på EU:s S3-plattform" })
    }

    @Test func frameworksAndDocuments() throws {
        let frameworks = strategy.frameworks.map(\.framework)
        #expect(frameworks == [.regionalGrowthFunds, .smartSpecialisation])
        let growth = try #require(strategy.frameworks.first { $0.framework == .regionalGrowthFunds })
        #expect(growth.evidence.excerpt.contains("anslag 1:1"))
        #expect(strategy.documents.map(\.url) == [
            "https://www.rvn.se/globalassets/utveckling/regional-utvecklingsstrategi/ett-vasternorrland-regional-utvecklingsstrategi-for-vasternorrland-2020-2030.pdf",
        ])
        #expect(strategy.documents.first?.title == ettTitle)
        #expect(strategy.actionPlans.isEmpty && strategy.followUp.isEmpty && strategy.perspectives.isEmpty)
    }

    @Test func noFundingOrProjects() {
        // The documents give no amounts: the 1:1 rule ("at most 50 %") is a framework, not money.
        #expect(profile.funding.isEmpty)
        #expect(profile.projects.isEmpty)
    }

    @Test func idsAreUnique() {
        var ids: [String] = []
        for s in profile.strategies {
            ids.append(s.id)
            ids += s.areas.map(\.id) + s.allGoals.map(\.id) + s.allGoals.flatMap(\.priorities).map(\.id)
            ids += s.perspectives.map(\.id) + s.specialisationAreas.map(\.id) + s.actionPlans.map(\.id) + s.followUp.map(\.id)
        }
        ids += profile.news.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("vasternorrland.") })
    }

    @Test func sourcesAreRecorded() {
        #expect(profile.sources.count == 5)
        #expect(profile.sources.first { $0.url == URLs.county }?.charset == "iso-8859-1")
        #expect(profile.sources.allSatisfy { $0.origin == "reconstruction" })
    }
}

@Suite struct Snapshot2011 {
    let strategy: Strategy

    init() throws {
        let profile = try read(try snapshotRaw())
        strategy = try #require(profile.strategies.first { $0.id == "vasternorrland.framtid-vasternorrland" })
    }

    @Test func titlePeriodStatus() {
        #expect(strategy.title.value == "Framtid Västernorrland! – Regional utvecklingsstrategi 2011–2020")
        #expect(strategy.alternativeNames.map(\.value) == ["Futur Västernorrland"])
        #expect(strategy.period?.value == Period(startYear: 2011, endYear: 2020))
        #expect(strategy.status?.value == .superseded)
        #expect(strategy.vision?.value == "Ett stolt Västernorrland med funktion och attraktivitet")
        #expect(strategy.motto == nil)
    }

    @Test func milestones() {
        #expect(strategy.milestones.map(\.kind) == [.approved, .adopted, .responsibilityTransferred, .superseded])
        #expect(strategy.milestones.map(\.date) == [date(2011, 12, 1), date(2011, 12, 16), date(2017), date(2020)])
        #expect(strategy.milestones.map(\.body) == ["Länets partnerskap", "Länsstyrelsen Västernorrland", "Landstinget Västernorrland", nil])
        // Stated on both the rvn.se and the lvn.se page: one milestone, from the strategy's own page.
        #expect(strategy.milestone(.responsibilityTransferred)?.evidence.sourceURL == URLs.history)
        #expect(strategy.milestone(.superseded)?.evidence.excerpt.contains("har ersatts av Ett Västernorrland") == true)
    }

    @Test func focusAreasAndPerspective() {
        #expect(strategy.areas.map(\.name) == [
            "Kompetens som drivkraft", "Innovationsförmåga som drivkraft",
            "Tillgänglighet och infrastruktur som drivkraft", "Människan som drivkraft",
        ])
        #expect(strategy.areas.allSatisfy { $0.term == "fokusområde" && $0.goals.isEmpty && $0.subareas.isEmpty })
        #expect(strategy.goals.isEmpty)
        #expect(strategy.perspectives.map(\.name) == ["Hållbarhet"])
        #expect(strategy.perspectives.first?.description == "Hållbarhet är ett horisontellt perspektiv som går genom hela strategin.")
        #expect(strategy.specialisationAreas.isEmpty)
    }

    @Test func nineActionPlansWithTheirPDFs() {
        let plans = strategy.actionPlans
        #expect(plans.map(\.title) == [
            "bredbandsutbyggnad", "energi och klimat", "innovation", "integration", "jämställdhet",
            "företagande och entreprenörskap", "kompetensförsörjning", "transportinfrastruktur",
            "landsbygdsprogrammet och havs- och fiskeriprogrammet",
        ])
        let documents = Dictionary(uniqueKeysWithValues: plans.map { ($0.title, $0.documents.map(\.title)) })
        #expect(documents["bredbandsutbyggnad"] == ["Handlingsplan bredbandsutbyggnad"])
        #expect(documents["energi och klimat"] == ["Handlingsplan klimat och energi"])
        #expect(documents["innovation"] == ["Handlingsplan innovation"])
        #expect(documents["integration"] == ["Handlingsplan integration etablering"])
        #expect(documents["jämställdhet"] == ["Handlingsplan jämställdhet och jämställdhetsintegrering"])
        #expect(documents["företagande och entreprenörskap"] == ["Handlingsplan Företagande entreprenörskap"])
        #expect(documents["kompetensförsörjning"] == ["Handlingsplan kompetensförsörjning 2016"])
        #expect(documents["transportinfrastruktur"] == ["Handlingsplan transportinfrastruktur"])
        // "LBP och HFP" cannot be matched to the programmes' names word by word: left empty.
        #expect(documents["landsbygdsprogrammet och havs- och fiskeriprogrammet"] == [])
        #expect(plans.flatMap(\.documents).allSatisfy { $0.url.hasPrefix("https://www.lvn.se/globalassets/") && $0.url.hasSuffix(".pdf") })
        #expect(plans.first?.evidence.sourceURL == URLs.history)
    }

    @Test func followUpAndDocuments() throws {
        #expect(strategy.followUp.count == 1)
        let followUp = try #require(strategy.followUp.first)
        #expect(followUp.name == "Halvtidsuppföljning av strategin")
        #expect(followUp.description == "En halvtidsuppföljning av strategin har tagits fram.")
        #expect(followUp.date == nil)
        // Both pages list the strategy, a short version, an English edition and the analysis
        // appendix; combined, each is there once.
        #expect(strategy.documents.map(\.title) == [
            "Framtid Västernorrland! Regional utvecklingsstrategi 2011–2020", "Kortversion av strategin",
            "Futur Västernorrland – engelsk utgåva", "Analysbilaga: Västernorrlands framtid",
        ])
        #expect(strategy.documents.allSatisfy { $0.url.hasPrefix("https://www.rvn.se/globalassets/") })
    }

    @Test func frameworksFromTheCountyCouncilPage() {
        #expect(strategy.frameworks.map(\.framework) == [.euCohesionPolicy, .regionalGrowthFunds])
        #expect(strategy.frameworks.allSatisfy { $0.evidence.sourceURL == URLs.county })
    }
}

// MARK: News

@Suite struct News {
    @Test func threeItemsNewestFirst() throws {
        let profile = try read(try snapshotRaw())
        #expect(profile.news.map(\.title) == [
            "Ny regional utvecklingsstrategi antagen",
            "Sista dag för remissvar på förslaget till regional utvecklingsstrategi",
            "Landstinget tar över ansvaret för den regionala utvecklingsstrategin",
        ])
        let iso = ISO8601DateFormatter()
        #expect(profile.news.map(\.published) == [iso.date(from: "2020-02-25T23:00:00Z"), iso.date(from: "2019-09-29T22:00:00Z"), nil])
        #expect(profile.news[0].link == URLs.newsPage)
        #expect(profile.news.allSatisfy { $0.evidence.sourceURL == URLs.feed })
    }

    @Test func brokenEntitiesAreRepaired() throws {
        let documents = try module.bundledDocuments()
        let feed = try #require(documents.document(at: URLs.feed)?.feed)
        #expect(feed.problems.contains { $0.localizedCaseInsensitiveContains("entit") })
        let summary = try #require(try module.news(from: documents).first?.summary)
        #expect(summary.hasPrefix("Regionfullmäktige har antagit Ett Västernorrland"))
        #expect(summary.contains("för Västernorrland 2020–2030"))
        #expect(!summary.contains("&auml;") && !summary.contains("&ouml;") && !summary.contains("&nbsp;"))
    }

    @Test func feedAloneGivesNewsAndNoStrategies() throws {
        let profile = try read([try snapshotRaw(URLs.feed)])
        #expect(profile.strategies.isEmpty)
        #expect(profile.news.count == 3)
        #expect(profile.funding.isEmpty)
    }
}

// MARK: Partial sets

@Suite struct PartialSets {
    @Test func everySubsetReadsWithoutThrowing() throws {
        let raw = try snapshotRaw()
        for mask in 0..<(1 << raw.count) {
            let subset = raw.indices.filter { mask & (1 << $0) != 0 }.map { raw[$0] }
            let profile = try read(subset)
            #expect(profile.strategies.count <= 2)
            #expect(profile.funding.isEmpty)
        }
    }

    @Test func countyCouncilPageAlone() throws {
        let profile = try read([try snapshotRaw(URLs.county)])
        #expect(profile.strategies.count == 1)
        let strategy = try #require(profile.strategies.first)
        // No page of its own: named by its main document as the page links it.
        #expect(strategy.title.value == "Regionala utvecklingsstrategin (RUS) för Västernorrlands län 2011-2020")
        #expect(strategy.period?.value == Period(startYear: 2011, endYear: 2020))
        #expect(strategy.status == nil)
        #expect(strategy.vision == nil && strategy.motto == nil)
        #expect(strategy.milestones.map(\.kind) == [.responsibilityTransferred])
        #expect(strategy.milestones.first?.date == date(2017))
        #expect(strategy.actionPlans.count == 9)
        #expect(strategy.actionPlans.filter { !$0.documents.isEmpty }.count == 8)
        #expect(strategy.documents.map(\.title) == [
            "Regionala utvecklingsstrategin (RUS) för Västernorrlands län 2011-2020",
            "Kortversion av Regionala utvecklingsstrategin 2011-2020", "RUS-in-english",
            "Västernorrlands framtid analysbilaga RUS",
        ])
        #expect(strategy.followUp.map(\.name) == ["Halvtidsuppföljning av Regionala utvecklingsstrategin för Västernorrland"])
        #expect(strategy.areas.isEmpty && strategy.goals.isEmpty)
    }

    @Test func historyPageAloneHasPlansWithoutPDFs() throws {
        let profile = try read([try snapshotRaw(URLs.history)])
        let strategy = try #require(profile.strategies.first)
        #expect(profile.strategies.count == 1)
        #expect(strategy.actionPlans.count == 9)
        #expect(strategy.actionPlans.allSatisfy { $0.documents.isEmpty })
        #expect(strategy.frameworks.isEmpty)
        #expect(strategy.milestones.count == 4)
    }

    @Test func newsArticleAloneNamesNoStrategy() throws {
        // The article says a strategy was adopted but is not the strategy's page, and links no
        // document naming it.
        let profile = try read([try snapshotRaw(URLs.newsPage)])
        #expect(profile.strategies.isEmpty)
    }

    @Test func newsArticleJoinsTheNewStrategy() throws {
        let profile = try read([try snapshotRaw(URLs.newsPage), try snapshotRaw(URLs.strategy)])
        #expect(profile.strategies.map(\.id) == ["vasternorrland.ett-vasternorrland"])
        let strategy = try #require(profile.strategies.first)
        // Read from the strategy page even though the article was given first.
        #expect(strategy.milestone(.adopted)?.evidence.sourceURL == URLs.strategy)
        #expect(strategy.milestone(.adopted)?.date == date(2020, 2))
    }
}

// MARK: Variants

@Suite struct Variants {
    @Test(arguments: ["variant-semantic.html", "variant-minimal.html"])
    func sameStrategyAsTheSnapshot(_ name: String) throws {
        let snapshot = try #require(try read(try snapshotRaw()).strategies.first)
        let profile = try read([try fixture(name)])
        #expect(profile.strategies.count == 1)
        let strategy = try #require(profile.strategies.first)
        #expect(strategy.id == snapshot.id)
        #expect(strategy.title.value == ettTitle)
        #expect(strategy.period?.value == snapshot.period?.value)
        #expect(strategy.status?.value == .adopted)
        #expect(strategy.motto?.value == snapshot.motto?.value)
        #expect(strategy.vision == nil)
        #expect(strategy.areas.map(\.name) == snapshot.areas.map(\.name))
        #expect(strategy.goals.map(\.title) == goalTitles)
        #expect(strategy.goals.map(\.code) == snapshot.goals.map(\.code))
        #expect(strategy.goals.map(\.priorities.count) == [4, 5, 7])
        #expect(strategy.goals.map { $0.priorities.map(\.name) } == snapshot.goals.map { $0.priorities.map(\.name) })
        #expect(strategy.goals.map(\.id) == snapshot.goals.map(\.id))
        #expect(strategy.milestones.map(\.kind) == snapshot.milestones.map(\.kind))
        #expect(strategy.milestones.map(\.date) == snapshot.milestones.map(\.date))
        #expect(strategy.milestones.map(\.endDate) == snapshot.milestones.map(\.endDate))
        #expect(strategy.milestones.map(\.body) == snapshot.milestones.map(\.body))
        #expect(strategy.specialisationAreas.map(\.name) == snapshot.specialisationAreas.map(\.name))
        #expect(strategy.specialisationAreas.map(\.description) == snapshot.specialisationAreas.map(\.description))
        #expect(strategy.frameworks.map(\.framework) == snapshot.frameworks.map(\.framework))
        #expect(strategy.documents.map(\.url) == snapshot.documents.map(\.url))
        #expect(profile.funding.isEmpty && profile.news.isEmpty)
    }

    @Test func semanticVariantReadsGoalsFromTheTable() throws {
        let strategy = try #require(try read([try fixture("variant-semantic.html")]).strategies.first)
        // Evidence of a goal is its table row; of a priority, the list item in the row's cell.
        #expect(strategy.goals.first?.evidence.excerpt.hasPrefix("Mål 1 | År 2030 har Västernorrland") == true)
        #expect(strategy.goals.first?.priorities.first?.evidence.excerpt == "Samordnat påverkansarbete mot nationell och internationell nivå")
    }

    @Test func minimalVariantReadsS3FromASentence() throws {
        let strategy = try #require(try read([try fixture("variant-minimal.html")]).strategies.first)
        #expect(strategy.specialisationAreas.allSatisfy { $0.evidence.excerpt.contains("omfattar bland annat autonom mobilitet") })
        #expect(strategy.documents.map(\.title) == ["Strategin som pdf"])
    }
}
