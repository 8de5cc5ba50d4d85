import Foundation
import Testing
import Kalmar
import RegionSupport
import StrategyModel

@Suite struct KalmarRegionTests {
    @Test func regionIdentity() {
        let region = Kalmar().region
        #expect(region.id == "kalmar")
        #expect(region.name == "Kalmar län")
        #expect(region.countyCode == "08")
        #expect(region.nutsCode == "SE213")
        #expect(region.organisation == "Region Kalmar län")
        #expect(region.website == "https://regionkalmar.se")
    }

    @Test func sourcesMatchTheManifest() throws {
        let folder = try #require(Kalmar().bundledSnapshot)
        let manifest = try Snapshot(directory: folder).manifest
        let sources = Kalmar().sources
        #expect(Set(sources.map(\.snapshotFile)) == Set(manifest.files.map(\.file)))
        for source in sources {
            let entry = try #require(manifest.files.first { $0.file == source.snapshotFile })
            #expect(source.url == entry.url)
        }
    }

    @Test func everyEvidenceQuotesItsDocument() throws {
        let docs = try Support.snapshot()
        let profile = try Support.module.profile(from: docs)
        // 37 facts on the 2022 version, 12 on the 2018 one, 5 funding records, 3 projects, 3 news.
        #expect(Support.checkEvidence(profile, in: docs) == 60)
    }
}

@Suite struct KalmarStrategyTests {
    let profile: RegionProfile

    init() throws {
        profile = try Support.module.profile(from: try Support.snapshot())
    }

    var updated: Strategy { get throws { try #require(profile.strategies.first { $0.id == "kalmar.klimat-att-vaxa-i-2022" }) } }
    var original: Strategy { get throws { try #require(profile.strategies.first { $0.id == "kalmar.klimat-att-vaxa-i-2018" }) } }

    @Test func twoVersionsNewestFirst() throws {
        #expect(profile.strategies.map(\.id) == ["kalmar.klimat-att-vaxa-i-2022", "kalmar.klimat-att-vaxa-i-2018"])
        for s in profile.strategies {
            #expect(s.kind == .regionalDevelopment)
            #expect(s.title.value == Support.title)
            #expect(s.alternativeNames.map(\.value) == ["Klimat att växa i"])
            // The title says 2030; no page states the start year.
            #expect(s.period?.value == Period(startYear: nil, endYear: 2030))
        }
        #expect(profile.currentStrategy?.id == "kalmar.klimat-att-vaxa-i-2022")
    }

    @Test func original2018Version() throws {
        let s = try original
        #expect(s.status?.value == .superseded)
        #expect(s.status?.evidence.excerpt == "Den uppdaterade strategin publicerades den 5 oktober 2022.")
        #expect(s.milestones.map(\.kind) == [.adopted, .responsibilityTransferred, .superseded])
        let adopted = try #require(s.milestone(.adopted))
        #expect(adopted.date == PartialDate(year: 2018, month: 2, day: 8))
        #expect(adopted.body == "Regionförbundet i Kalmar läns styrelse")
        let transfer = try #require(s.milestone(.responsibilityTransferred))
        #expect(transfer.date == PartialDate(year: 2019, month: 1, day: 1))
        #expect(transfer.body == "Region Kalmar län")
        // When the 2022 update replaced it is not stated (its adoption date is not given).
        #expect(s.milestone(.superseded)?.date == nil)
        #expect(s.vision?.value == "År 2030 är Kalmar län en hållbar region där människor växer och där företag och organisationer etablerar sig.")
        // The same four areas, on the word of the sentence that says so; no goals for 2018.
        #expect(s.areas.map(\.name) == Support.areaNames)
        #expect(s.areas.allSatisfy { $0.evidence.excerpt.contains("samma fyra prioriterade utvecklingsområden som strategin från 2018") })
        #expect(s.allGoals.isEmpty)
        #expect(s.perspectives.isEmpty)
        #expect(s.actionPlans.isEmpty)
        #expect(s.followUp.isEmpty)
        #expect(s.frameworks.isEmpty)
        #expect(s.documents.isEmpty)
    }

    @Test func updated2022VersionMilestones() throws {
        let s = try updated
        #expect(s.milestones.map(\.kind) == [.consultation, .published, .revisionStarted])
        let consultation = try #require(s.milestone(.consultation))
        #expect(consultation.date == nil)
        #expect(consultation.endDate == PartialDate(year: 2022, month: 3, day: 31))
        #expect(consultation.evidence.excerpt.contains("remiss till 50 organisationer"))
        #expect(s.milestone(.published)?.date == PartialDate(year: 2022, month: 10, day: 5))
        #expect(s.milestone(.revisionStarted)?.date == PartialDate(year: 2024, month: 4))
        #expect(s.milestone(.adopted) == nil)
        #expect(s.status?.value == .underRevision)
        #expect(s.status?.evidence.excerpt == "Strategin revideras nu med sikte på 2040.")
        #expect(s.vision?.value == "År 2030 är Kalmar län en hållbar region där människor växer och där företag, organisationer och föreningar etablerar sig.")
    }

    @Test func updated2022VersionAreasAndGoals() throws {
        let s = try updated
        #expect(s.areas.map(\.name) == Support.areaNames)
        #expect(s.areas.allSatisfy { $0.term == "prioriterat utvecklingsområde" })
        #expect(s.areas.first?.id == "kalmar.klimat-att-vaxa-i-2022.area.delaktighet-halsa-och-valbefinnande")
        // Which goal belongs to which area is not stated: no goals under areas.
        #expect(s.areas.allSatisfy { $0.goals.isEmpty && $0.subareas.isEmpty })
        #expect(s.goals.map(\.title) == Support.goalTitles)
        #expect(s.goals.map(\.code) == (1...10).map { String($0) })
        #expect(s.goals.allSatisfy { $0.subGoals.isEmpty })
        #expect(s.goals[2].id == "kalmar.klimat-att-vaxa-i-2022.goal.3")
        // Read from the strategy page, not the follow-up page.
        #expect(s.goals.allSatisfy { $0.evidence.sourceURL == Support.strategyURL })
    }

    @Test func updated2022VersionPerspectivesPlansAndFollowUp() throws {
        let s = try updated
        #expect(s.perspectives.map(\.name) == ["Kompetensförsörjning", "Digital omställning", "Internationalisering"])
        #expect(s.perspectives.map(\.description) == [
            "arbetsmarknadens kompetensförsörjning",
            "den digitala omställningen som en resurs för utveckling",
            "internationellt samarbete",
        ])
        #expect(s.actionPlans.map(\.title) == ["Digital agenda – handlingsprogram", "Bredbandsstrategi", "Innovationsagenda", "Livsmedelsstrategi"])
        #expect(s.actionPlans.map { $0.documents.map(\.url) } == [
            ["https://utveckling.regionkalmar.se/globalassets/regional-utveckling/handlingsprogram/digital-agenda-handlingsprogram.pdf"],
            ["https://utveckling.regionkalmar.se/globalassets/regional-utveckling/handlingsprogram/bredbandsstrategi.pdf"],
            ["https://utveckling.regionkalmar.se/globalassets/regional-utveckling/handlingsprogram/innovationsagenda.pdf"],
            ["https://utveckling.regionkalmar.se/globalassets/regional-utveckling/handlingsprogram/livsmedelsstrategi.pdf"],
        ])
        #expect(s.followUp.map(\.name) == ["Så går det för Kalmar län"])
        #expect(s.followUp.first?.description?.contains("Power BI") == true)
        #expect(s.followUp.first?.date == nil)
        #expect(s.documents.map(\.url) == ["https://utveckling.regionkalmar.se/globalassets/regional-utveckling/rus/klimat-att-vaxa-i-regional-utvecklingsstrategi-for-kalmar-lan-2030.pdf"])
        #expect(s.documents.first?.title == "Klimat att växa i — Regional utvecklingsstrategi för Kalmar län 2030, uppdaterad version 2022")
        #expect(s.specialisationAreas.isEmpty)
        #expect(s.motto == nil)
    }

    @Test func frameworks() throws {
        let s = try updated
        #expect(s.frameworks.map(\.framework) == [.agenda2030, .nationalStrategy])
        let agenda = try #require(s.frameworks.first { $0.framework == .agenda2030 })
        #expect(agenda.evidence.sourceURL == Support.strategyURL)
        #expect(agenda.evidence.excerpt.contains("Agenda 2030 utgör ramen"))
        let national = try #require(s.frameworks.first { $0.framework == .nationalStrategy })
        #expect(national.evidence.sourceURL == Support.overviewURL)
    }
}

@Suite struct KalmarFundingTests {
    @Test func fundingDecisionOf2019() throws {
        let funding = try Support.module.funding(from: try Support.snapshot())
        let total = try #require(funding.first { $0.kind == .total })
        #expect(total.amountSEK == 22_000_000)
        #expect(total.year == 2019)
        #expect(total.note?.contains("\"mer än 22 mnkr\"") == true)
        #expect(total.note?.contains("lower bound") == true)
        #expect(total.note?.contains("7 projects") == true)
        #expect(total.recipient == nil)
        let grants = funding.filter { $0.kind == .grant }
        #expect(grants.map(\.recipient) == ["Campus i Småland 2030", "E-hälsokluster", "E-hälsokluster", "Livsmedelsutveckling Sydost"])
        #expect(grants.map(\.amountSEK) == [4_500_000, 6_000_000, 1_500_000, 4_500_000])
        #expect(grants.allSatisfy { $0.year == 2019 })
        // The two E-hälsokluster parts are not explained: two grants, with a note, not summed.
        #expect(grants.filter { $0.recipient == "E-hälsokluster" }.allSatisfy { $0.note?.contains("6,0 mnkr + 1,5 mnkr") == true })
        #expect(grants.first?.note == nil)
        #expect(funding.allSatisfy { $0.goal == nil && $0.strategyID == nil && $0.fund == nil })
        #expect(Set(funding.map(\.id)).count == funding.count)
    }

    @Test func projectsOfTheDecision() throws {
        let projects = try Support.module.projects(from: try Support.snapshot())
        #expect(projects.map(\.name) == ["Campus i Småland 2030", "E-hälsokluster", "Livsmedelsutveckling Sydost"])
        #expect(projects.map(\.amountSEK) == [4_500_000, nil, 4_500_000])
        #expect(projects.allSatisfy { $0.date == PartialDate(year: 2019, month: 3, day: 8) })
        #expect(projects.allSatisfy { $0.funders == ["regionala utvecklingsnämnden"] })
        #expect(projects.allSatisfy { $0.strategyID == nil && $0.owner == nil })
        #expect(projects.first?.id == "kalmar.project.campus-i-smaland-2030")
    }
}

@Suite struct KalmarNewsTests {
    @Test func newsFromTheAtomFeed() throws {
        let profile = try Support.module.profile(from: try Support.snapshot())
        #expect(profile.news.map(\.title) == [
            "Uppdaterad regional utvecklingsstrategi för Kalmar län publicerad",
            "Över 22 miljoner kronor till sju utvecklingsprojekt",
            "Ny regional utvecklingsstrategi för Kalmar län antagen",
        ])
        #expect(profile.news.map(\.published) == [
            Support.date("2022-10-05T00:00:00+02:00"),
            Support.date("2019-03-08T00:00:00+01:00"),
            Support.date("2018-02-08T00:00:00+01:00"),
        ])
        #expect(profile.news.allSatisfy { $0.evidence.sourceURL == Support.feedURL })
        #expect(profile.news[1].categories.contains("Pressmeddelande"))
        #expect(profile.news[0].link == "https://regionkalmar.se/nyhetslista/uppdaterad-regional-utvecklingsstrategi-for-kalmar-lan/")
    }

    @Test func onlyTheFeedGivesNoStrategies() throws {
        let docs = try Support.subset("atom")
        #expect(docs.documents.count == 1)
        let profile = try Support.module.profile(from: docs)
        #expect(profile.strategies.isEmpty)
        #expect(profile.funding.isEmpty)
        #expect(profile.projects.isEmpty)
        #expect(profile.news.count == 3)
        Support.checkEvidence(profile, in: docs)
    }
}

@Suite struct KalmarPartialTests {
    @Test func nothingAtAll() throws {
        let profile = try Support.module.profile(from: DocumentSet([]))
        #expect(profile.strategies.isEmpty && profile.news.isEmpty && profile.funding.isEmpty && profile.projects.isEmpty)
    }

    @Test func strategyPageAlone() throws {
        let docs = try Support.subset(Support.strategyURL)
        let profile = try Support.module.profile(from: docs)
        #expect(profile.strategies.map(\.id) == ["kalmar.klimat-att-vaxa-i-2022", "kalmar.klimat-att-vaxa-i-2018"])
        let s = try #require(profile.strategies.first)
        #expect(s.areas.map(\.name) == Support.areaNames)
        #expect(s.goals.map(\.title) == Support.goalTitles)
        // The national strategy is only named on the overview page.
        #expect(s.frameworks.map(\.framework) == [.agenda2030])
        Support.checkEvidence(profile, in: docs)
    }

    @Test func followUpPageAlone() throws {
        // It names the strategy and lists the goals, the areas in a sentence and the revision,
        // but tells no versions apart: one strategy, without a version year.
        let docs = try Support.subset(Support.followUpURL)
        let profile = try Support.module.profile(from: docs)
        let s = try #require(profile.strategies.first)
        #expect(profile.strategies.count == 1)
        #expect(s.id == "kalmar.klimat-att-vaxa-i")
        #expect(s.title.value == Support.title)
        #expect(s.goals.map(\.title) == Support.goalTitles)
        #expect(s.areas.map(\.name) == Support.areaNames)
        #expect(s.status?.value == .underRevision)
        #expect(s.milestones.map(\.kind) == [.revisionStarted])
        #expect(s.milestone(.revisionStarted)?.date == PartialDate(year: 2024, month: 4))
        #expect(s.followUp.map(\.name) == ["Så går det för Kalmar län"])
        #expect(s.vision == nil)
        #expect(s.perspectives.isEmpty)
        Support.checkEvidence(profile, in: docs)
    }

    @Test func overviewPageAloneNamesNoStrategy() throws {
        // It speaks of "vår regionala utvecklingsstrategi" but never gives its title.
        let docs = try Support.subset(Support.overviewURL)
        #expect(try Support.module.strategies(from: docs).isEmpty)
    }

    @Test func overviewIsTheFallbackForAreas() throws {
        let docs = try Support.subset(Support.followUpURL, Support.overviewURL)
        let s = try #require(try Support.module.strategies(from: docs).first)
        // The overview page's list comes before the follow-up page's sentence.
        #expect(s.areas.map(\.name) == Support.areaNames)
        #expect(s.areas.allSatisfy { $0.evidence.sourceURL == Support.overviewURL })
        #expect(s.frameworks.map(\.framework).contains(.nationalStrategy))
    }

    @Test func fundingPageAlone() throws {
        let docs = try Support.subset(Support.fundingURL)
        let profile = try Support.module.profile(from: docs)
        #expect(profile.strategies.isEmpty)
        #expect(profile.funding.count == 5)
        #expect(profile.projects.count == 3)
        Support.checkEvidence(profile, in: docs)
    }
}

@Suite struct KalmarVariantTests {
    func current(_ docs: DocumentSet) throws -> Strategy {
        try #require(try Support.module.profile(from: docs).currentStrategy)
    }

    @Test(arguments: ["variant-semantic.html", "variant-minimal.html"])
    func sameAreasAndGoalsAsTheSnapshot(_ name: String) throws {
        let snapshot = try current(try Support.snapshot())
        let docs = try Support.fixture(name)
        let variant = try current(docs)
        #expect(variant.id == snapshot.id)
        #expect(variant.areas.map(\.name) == snapshot.areas.map(\.name))
        #expect(variant.areas.map(\.name) == Support.areaNames)
        #expect(variant.goals.map(\.title) == snapshot.goals.map(\.title))
        #expect(variant.goals.map(\.code) == snapshot.goals.map(\.code))
        #expect(variant.perspectives.map(\.name) == snapshot.perspectives.map(\.name))
        #expect(variant.perspectives.map(\.description) == snapshot.perspectives.map(\.description))
        #expect(variant.actionPlans.map(\.title) == snapshot.actionPlans.map(\.title))
        #expect(variant.followUp.map(\.name) == snapshot.followUp.map(\.name))
        #expect(variant.vision?.value == snapshot.vision?.value)
        #expect(variant.milestones.map(\.kind) == snapshot.milestones.map(\.kind))
        #expect(variant.milestones.map(\.date) == snapshot.milestones.map(\.date))
        #expect(variant.milestones.map(\.endDate) == snapshot.milestones.map(\.endDate))
        #expect(variant.status?.value == .underRevision)
        #expect(variant.documents.count == 1)
        Support.checkEvidence(try Support.module.profile(from: docs), in: docs)
    }

    @Test(arguments: ["variant-semantic.html", "variant-minimal.html"])
    func original2018VersionFromTheVariant(_ name: String) throws {
        let strategies = try Support.module.profile(from: try Support.fixture(name)).strategies
        #expect(strategies.map(\.id) == ["kalmar.klimat-att-vaxa-i-2022", "kalmar.klimat-att-vaxa-i-2018"])
        let s = try #require(strategies.last)
        #expect(s.status?.value == .superseded)
        #expect(s.milestone(.adopted)?.date == PartialDate(year: 2018, month: 2, day: 8))
        #expect(s.milestone(.adopted)?.body == "Regionförbundet i Kalmar läns styrelse")
        #expect(s.milestone(.responsibilityTransferred)?.date == PartialDate(year: 2019, month: 1, day: 1))
        #expect(s.vision?.value == "År 2030 är Kalmar län en hållbar region där människor växer och där företag och organisationer etablerar sig.")
        // The variants do not say that 2018 had the same areas, so the model does not either.
        #expect(s.areas.isEmpty)
        #expect(s.goals.isEmpty)
    }

    @Test func semanticGoalCodesComeFromTheNrColumn() throws {
        let s = try current(try Support.fixture("variant-semantic.html"))
        #expect(s.goals.first?.evidence.excerpt == "1 | Hög delaktighet och upplevd trygghet i hela länet")
    }

    @Test func minimalRevisionStatusRestsOnItsHeading() throws {
        let s = try current(try Support.fixture("variant-minimal.html"))
        #expect(s.status?.evidence.excerpt == "Revidering mot 2040")
        #expect(s.goals.last?.evidence.excerpt == "10. Ökat antal företag inom kunskapsintensiv tjänstesektor")
        #expect(s.areas.first?.evidence.excerpt == "- Delaktighet, hälsa och välbefinnande")
        #expect(s.documents.first?.url.hasSuffix("/globalassets/regional-utveckling/rus/klimat-att-vaxa-i-regional-utvecklingsstrategi-for-kalmar-lan-2030.pdf") == true)
    }
}
