import Blekinge
import Foundation
import RegionSupport
import StrategyModel
import Testing

@Suite struct VariantTests {
    func vaxtplats(_ documents: DocumentSet) throws -> Strategy {
        let strategies = try Blekinge().strategies(from: documents)
        #expect(strategies.map(\.id) == ["blekinge.vaxtplats"])
        return try #require(strategies.first)
    }

    @Test(arguments: ["variant-semantic.html", "variant-minimal.html"])
    func sameAreasAndGoalsAsTheSnapshot(_ name: String) throws {
        let variant = try vaxtplats(try fixture(name))
        let page = try vaxtplats(try documents(endingWith: "vaxtplats-blekinge.html"))
        #expect(Structure(variant) == Structure(page))

        // Against the whole snapshot: the same areas, utvecklingsområden, goals and delmål; the
        // goals read from the follow-up page (area unknown) are not on the variant page.
        let full = try #require(try snapshotProfile().strategies.first { $0.id == "blekinge.vaxtplats" })
        #expect(variant.areas.map(\.name) == full.areas.map(\.name))
        #expect(variant.areas.map { $0.subareas.map(\.name) } == full.areas.map { $0.subareas.map(\.name) })
        #expect(variant.areas.map { $0.goals.map(\.title) } == full.areas.map { $0.goals.map(\.title) })
        #expect(variant.areas.map { $0.goals.map { $0.subGoals.map(\.title) } } == full.areas.map { $0.goals.map { $0.subGoals.map(\.title) } })
        #expect(variant.areas.flatMap(\.goals).map(\.id) == full.areas.flatMap(\.goals).map(\.id))
        #expect(variant.goals.isEmpty)
        #expect(full.goals.count == 4)
    }

    @Test(arguments: ["variant-semantic.html", "variant-minimal.html"])
    func sameStrategyFacts(_ name: String) throws {
        let documents = try fixture(name)
        let s = try vaxtplats(documents)
        #expect(s.title.value == "Växtplats Blekinge")
        #expect(s.period?.value == Period(startYear: nil, endYear: 2030))
        #expect(s.status?.value == .adopted)
        #expect(s.milestones.map(\.kind) == [.workStarted, .consultation, .adopted])
        #expect(s.milestone(.workStarted)?.date == PartialDate(year: 2019))
        #expect(s.milestone(.consultation)?.date == PartialDate(year: 2021, month: 4, day: 6))
        #expect(s.milestone(.consultation)?.endDate == PartialDate(year: 2021, month: 6, day: 30))
        #expect(s.milestone(.adopted)?.date == PartialDate(year: 2022, month: 2, day: 23))
        #expect(s.milestone(.adopted)?.body == "regionfullmäktige")
        #expect(s.vision?.value == "Fler ska bo, arbeta och utvecklas i Blekinge")
        #expect(s.motto?.value == "Vi blir det vi gör – tillsammans")
        #expect(s.perspectives.map(\.name) == ["Hållbar tillväxt och utveckling", "Folkhälsa", "Strategiska noder", "Digital omställning"])
        #expect(s.followUp.map(\.name) == ["Hur går det för Blekinge?"])
        #expect(s.documents.count == 1)
        #expect(s.documents.first?.url.hasSuffix("/Vaxtplats-Blekinge-regional-utvecklingsstrategi.pdf") == true)

        let profile = try Blekinge().profile(from: documents)
        #expect(profile.projects.isEmpty)
        #expect(profile.funding.isEmpty)
        #expect(profile.news.isEmpty)
        checkEvidence(profile, in: documents)
    }

    @Test func minimalKeepsSwedishLettersWithoutDeclaredCharset() throws {
        let s = try vaxtplats(try fixture("variant-minimal.html"))
        #expect(s.areas.first?.name == "Attraktiva livsmiljöer")
        #expect(s.areas.first?.goals.last?.title == "Minskad miljö- och klimatpåverkan")
    }
}

@Suite struct PartialSetTests {
    @Test func everyDocumentAloneReadsWithoutThrowing() throws {
        let all = try snapshotDocuments()
        for document in all.documents {
            let set = DocumentSet([document])
            let profile = try Blekinge().profile(from: set)
            checkEvidence(profile, in: set)
        }
    }

    @Test func overviewPageAlone() throws {
        let documents = try documents(endingWith: "/regional-utvecklingsstrategi.html")
        let profile = try Blekinge().profile(from: documents)
        #expect(profile.strategies.map(\.id) == ["blekinge.vaxtplats", "blekinge.attraktiva-blekinge", "blekinge.smart-specialisering"])
        let vaxtplats = profile.strategies[0]
        #expect(vaxtplats.title.value == "Växtplats Blekinge")
        #expect(vaxtplats.period?.value == Period(startYear: nil, endYear: 2030))
        #expect(vaxtplats.milestone(.adopted)?.date == PartialDate(year: 2022, month: 2, day: 23))
        #expect(vaxtplats.status?.value == .adopted)
        #expect(vaxtplats.areas.isEmpty && vaxtplats.goals.isEmpty)
        let attraktiva = profile.strategies[1]
        #expect(attraktiva.title.value == "Attraktiva Blekinge")
        #expect(attraktiva.alternativeNames.map(\.value) == ["Blekingestrategin"])
        #expect(attraktiva.period?.value == Period(startYear: 2014, endYear: 2020))
        #expect(attraktiva.status?.value == .superseded)
        #expect(attraktiva.milestone(.superseded)?.date == PartialDate(year: 2022))
        let smart = profile.strategies[2]
        #expect(smart.specialisationAreas.map(\.name) == ["Smart industri", "Tech", "Missions"])
        #expect(smart.specialisationAreas.allSatisfy { $0.description == nil })
        #expect(smart.status == nil)
        checkEvidence(profile, in: documents)
    }

    @Test func followUpPageAlone() throws {
        let documents = try documents(endingWith: "uppfoljning-av-rus.html")
        let profile = try Blekinge().profile(from: documents)
        // No page names the strategy in a heading, so no strategy is made from the follow-up alone.
        #expect(profile.strategies.isEmpty)
        // The page states the total, its year and its fund; the amounts are only in the deck.
        #expect(profile.funding.map(\.amountSEK) == [24_300_000])
        let total = try #require(profile.funding.first)
        #expect(total.kind == .total)
        #expect(total.year == 2024)
        #expect(total.fund == "regionala tillväxtmedel (anslag 1:1)")
        #expect(total.strategyID == "blekinge.vaxtplats")
        #expect(total.note == nil)
        #expect(total.evidence.excerpt == "År 2024 fördelades 24,3 mnkr mellan RUS-målen.")
        #expect(total.evidence.locator.hasPrefix("/html/"))
        checkEvidence(profile, in: documents)
    }

    @Test func deckAlone() throws {
        let documents = try documents(endingWith: ".pptx")
        let profile = try Blekinge().profile(from: documents)
        // The deck names no strategy (only "RUS"), so none is made from it, and its follow-up
        // steps have no strategy to belong to.
        #expect(profile.strategies.isEmpty)
        #expect(profile.projects.isEmpty)
        #expect(profile.news.isEmpty)
        // The funding chart is read all the same: the total with its year, the five amounts.
        #expect(profile.funding.map(\.amountSEK) == [24_300_000, 1_100_000, 3_100_000, 600_000, 7_100_000, 12_300_000])
        #expect(profile.funding.allSatisfy { $0.year == 2024 && $0.goal == nil })
        // The deck does not say which fund, nor which strategy: both unknown.
        #expect(profile.funding.allSatisfy { $0.fund == nil && $0.strategyID == nil })
        let note = try #require(profile.funding.first?.note)
        #expect(note.contains("24,2 mnkr") && note.contains("24,3 mnkr"))
        #expect(!note.contains("uppfoljning-av-rus.html"))
        checkEvidence(profile, in: documents)
    }

    @Test func deckWithTheStrategyPageButNotTheFollowUpPage() throws {
        // The deck belongs to the strategy through the follow-up page that links to it; without
        // that page nothing ties it to Växtplats Blekinge.
        let documents = try documents(endingWith: "vaxtplats-blekinge.html", ".pptx")
        let profile = try Blekinge().profile(from: documents)
        let s = try #require(profile.strategies.first { $0.id == "blekinge.vaxtplats" })
        #expect(s.followUp.map(\.name) == ["Hur går det för Blekinge?"])
        #expect(s.goals.isEmpty)
        #expect(profile.funding.count == 6)
        #expect(profile.funding.allSatisfy { $0.strategyID == nil })
        checkEvidence(profile, in: documents)
    }

    @Test func followUpPageWithoutTheDeck() throws {
        // The page's summary of the four steps is read; the exercises, amounts and goal labels
        // are only in the deck.
        let documents = try documents(endingWith: "vaxtplats-blekinge.html", "uppfoljning-av-rus.html")
        let profile = try Blekinge().profile(from: documents)
        let s = try #require(profile.strategies.first { $0.id == "blekinge.vaxtplats" })
        #expect(s.followUp.map(\.name) == ["Hur går det för Blekinge?", "Q1 Kartbilder", "Q2 Kapacitetsdag", "Q3 Uppföljning", "Q4 Lärandedag"])
        #expect(s.followUp[2].description == "projektdag den 11 september 2024")
        #expect(s.followUp[2].date == PartialDate(year: 2024, month: 9, day: 11))
        #expect(s.followUp.allSatisfy { $0.evidence.sourceURL.hasSuffix(".html") })
        #expect(s.goals.isEmpty)
        #expect(s.allGoals.count == 2)
        #expect(profile.funding.map(\.kind) == [.total])
        checkEvidence(profile, in: documents)
    }

    @Test func followUpPageAndDeckTogether() throws {
        let documents = try documents(endingWith: "vaxtplats-blekinge.html", "uppfoljning-av-rus.html", ".pptx")
        let profile = try Blekinge().profile(from: documents)
        let full = try snapshotProfile()
        let s = try #require(profile.strategies.first { $0.id == "blekinge.vaxtplats" })
        let expected = try #require(full.strategies.first { $0.id == "blekinge.vaxtplats" })
        #expect(s.followUp == expected.followUp)
        #expect(s.goals == expected.goals)
        #expect(profile.funding == full.funding)
    }

    @Test func strategyPageWithoutFollowUp() throws {
        let documents = try documents(endingWith: "vaxtplats-blekinge.html", "attraktiva-blekinge-2014-2020.html")
        let strategies = try Blekinge().strategies(from: documents)
        #expect(strategies.map(\.id) == ["blekinge.vaxtplats", "blekinge.attraktiva-blekinge"])
        #expect(strategies[0].goals.isEmpty)
        #expect(strategies[0].allGoals.count == 2)
        #expect(strategies[0].followUp.map(\.name) == ["Hur går det för Blekinge?"])
        #expect(strategies[0].status?.value == .adopted)
        #expect(strategies[1].status?.value == .superseded)
    }

    @Test func smartSpecialisationPageAlone() throws {
        let documents = try documents(endingWith: "smart-specialisering.html")
        let profile = try Blekinge().profile(from: documents)
        #expect(profile.strategies.map(\.kind) == [.smartSpecialisation])
        #expect(profile.projects.map(\.name) == ["Kickstart S3", "Kickstart 2"])
        #expect(profile.funding.isEmpty)
    }
}
