import Blekinge
import Foundation
import RegionSupport
import StrategyModel
import Testing

@Suite struct IdentityTests {
    @Test func region() {
        let region = Blekinge().region
        #expect(region.id == "blekinge")
        #expect(region.name == "Blekinge")
        #expect(region.countyCode == "10")
        #expect(region.nutsCode == "SE221")
        #expect(region.organisation == "Region Blekinge")
        #expect(region.website == "https://www.regionblekinge.se")
    }

    @Test func sourcesAreTheSnapshotsDocuments() throws {
        let module = Blekinge()
        let documents = try snapshotDocuments()
        #expect(module.sources.count == documents.documents.count)
        #expect(Set(module.sources.map(\.url)) == Set(documents.documents.map(\.url)))
        for source in module.sources {
            let document = try #require(documents.document(at: source.url))
            #expect(document.role == source.role, "\(source.snapshotFile)")
        }
        #expect(Set(module.sources.map(\.snapshotFile)).count == module.sources.count)
    }

    @Test func profileOrderAndCurrentStrategy() throws {
        let profile = try snapshotProfile()
        #expect(profile.strategies.map(\.id) == ["blekinge.vaxtplats", "blekinge.attraktiva-blekinge", "blekinge.smart-specialisering"])
        #expect(profile.currentStrategy?.id == "blekinge.vaxtplats")
        #expect(profile.sources.count == 7)
    }

    @Test func idsAreUnique() throws {
        let ids = allIDs(try snapshotProfile())
        #expect(ids.count > 60)
        #expect(Set(ids).count == ids.count, "duplicates: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        #expect(ids.allSatisfy { $0.hasPrefix("blekinge.") })
    }

    @Test func everyEvidenceQuotesItsDocument() throws {
        let documents = try snapshotDocuments()
        let profile = try Blekinge().profile(from: documents)
        let count = checkEvidence(profile, in: documents)
        // 42 for Växtplats, 18 for Attraktiva Blekinge, 9 for smart specialisation, 2 projects,
        // 6 funding records, 9 news items.
        #expect(count == 86)
    }

    @Test func theDeckIsAnOfficeDocumentInTheSnapshot() throws {
        let documents = try snapshotDocuments()
        let deck = try #require(documents.documents.first { $0.url.hasSuffix("/Genomforande-och-uppfoljning-av-RUS.pptx") })
        #expect(deck.mediaType == "application/vnd.openxmlformats-officedocument.presentationml.presentation")
        #expect(deck.role == .followUp)
        #expect(deck.charset == nil)
        #expect(deck.origin == "reconstruction")
        #expect(deck.page?.title == "Genomförande och uppföljning av RUS")
        #expect(deck.sections.dropFirst().map(\.heading) == ["Q1 Kartbilder", "Q2 Kapacitetsdag (projektdag)", "Q3 Uppföljning", "Q4 Lärandedag"])
        // The follow-up page keeps its own sections; the deck's slides are no longer on it, but a
        // link to the deck is.
        let page = try #require(documents.documents.first { $0.url.hasSuffix("uppfoljning-av-rus.html") })
        #expect(page.sections.dropFirst().map(\.heading) == [
            "Uppföljning av Rus", "Hur går det för Blekinge?", "Genomförande och uppföljning i fyra steg", "Regionala tillväxtmedel (anslag 1:1)",
        ])
        #expect(page.links.map(\.url).contains(deck.url))
        #expect(page.page?.mainText.contains("mnkr fördelat") == false)
        #expect(page.page?.mainText.contains("Övning 2022") == false)
    }
}

@Suite struct VaxtplatsTests {
    func strategy() throws -> Strategy {
        try #require(try snapshotProfile().strategies.first { $0.id == "blekinge.vaxtplats" })
    }

    @Test func titlePeriodStatus() throws {
        let s = try strategy()
        #expect(s.kind == .regionalDevelopment)
        #expect(s.title.value == "Växtplats Blekinge")
        #expect(s.alternativeNames.isEmpty)
        #expect(s.period?.value == Period(startYear: nil, endYear: 2030))
        #expect(s.status?.value == .adopted)
    }

    @Test func milestones() throws {
        let s = try strategy()
        #expect(s.milestones.map(\.kind) == [.workStarted, .consultation, .adopted])
        #expect(s.milestone(.workStarted)?.date == PartialDate(year: 2019))
        let consultation = try #require(s.milestone(.consultation))
        #expect(consultation.date == PartialDate(year: 2021, month: 4, day: 6))
        #expect(consultation.endDate == PartialDate(year: 2021, month: 6, day: 30))
        let adopted = try #require(s.milestone(.adopted))
        #expect(adopted.date == PartialDate(year: 2022, month: 2, day: 23))
        #expect(adopted.body == "regionfullmäktige")
        #expect(s.milestone(.superseded) == nil)
    }

    @Test func visionMottoPerspectives() throws {
        let s = try strategy()
        #expect(s.vision?.value == "Fler ska bo, arbeta och utvecklas i Blekinge")
        #expect(s.motto?.value == "Vi blir det vi gör – tillsammans")
        #expect(s.perspectives.map(\.name) == ["Hållbar tillväxt och utveckling", "Folkhälsa", "Strategiska noder", "Digital omställning"])
    }

    @Test func areasAndGoals() throws {
        let s = try strategy()
        #expect(s.areas.map(\.name) == ["Attraktiva livsmiljöer", "Expansivt näringsliv med god kompetensförsörjning"])
        #expect(s.areas.allSatisfy { $0.term == "strategiskt område" })
        let attractive = s.areas[0]
        #expect(attractive.subareas.map(\.name) == ["Hållbar samhällsplanering", "Hög livskvalitet"])
        #expect(attractive.subareas.allSatisfy { $0.term == "utvecklingsområde" })
        #expect(attractive.goals.map(\.title) == ["Stärkt attraktivitet särskilt för unga", "Minskad miljö- och klimatpåverkan"])
        #expect(attractive.goals.map(\.subGoals.count) == [5, 4])
        #expect(attractive.goals[0].subGoals.map(\.title) == [
            "Ökad öppenhet och stärkt deltagande i samhället", "Stärkt kultur- och idrottsliv",
            "Förbättrad infrastruktur med kortare restider", "En bostadsmarknad i balans", "Ökad digital tillgänglighet",
        ])
        #expect(attractive.goals[1].subGoals.map(\.title) == [
            "Ett ökat hållbart resande", "Minskade klimatpåverkande utsläpp", "Stärkt hållbar energiomställning", "Stärkt biologisk mångfald",
        ])
        // The page names no utvecklingsområden or goals for the second area: none are made up.
        let business = s.areas[1]
        #expect(business.subareas.isEmpty)
        #expect(business.goals.isEmpty)
    }

    @Test func followUpGoalLabelsAreGoalsWithUnknownArea() throws {
        let s = try strategy()
        #expect(s.goals.map(\.title) == [
            "God, jämlik och jämställd hälsa", "Fler Blekingebor i arbete",
            "Stärkt konkurrenskraft i näringslivet", "Ett växande näringsliv med fler arbetstillfällen",
        ])
        // Read from the deck's funding chart: the labels between its amounts and its caption,
        // each label one paragraph whose soft line breaks are read as spaces.
        #expect(s.goals.allSatisfy { $0.evidence.sourceURL.hasSuffix("/Genomforande-och-uppfoljning-av-RUS.pptx") })
        #expect(s.goals.allSatisfy { $0.evidence.locator.hasPrefix("slide 3, ") })
        #expect(s.goals.map(\.evidence.excerpt) == s.goals.map(\.title))
        #expect(s.goals.allSatisfy { $0.subGoals.isEmpty })
        #expect(s.allGoals.count == 6)
        #expect(Set(s.allGoals.map(\.title)).count == 6)
    }

    @Test func followUp() throws {
        let s = try strategy()
        #expect(s.followUp.map(\.name) == [
            "Hur går det för Blekinge?", "Q1 Kartbilder", "Q2 Kapacitetsdag", "Q3 Uppföljning", "Q4 Lärandedag",
            "Övning 2022", "Övning 2023", "Övning 2024", "Övning 2025",
        ])
        let report = s.followUp[0]
        #expect(report.description?.contains("årliga uppföljningsrapport") == true)
        #expect(report.date == nil)
        #expect(report.evidence.sourceURL.hasSuffix("uppfoljning-av-rus.html"))
        // The steps and exercises come from the deck: the steps are its slide titles, the
        // exercises lines of the Q4 slide.
        let deckItems = s.followUp.dropFirst()
        #expect(deckItems.allSatisfy { $0.evidence.sourceURL.hasSuffix("/Genomforande-och-uppfoljning-av-RUS.pptx") })
        #expect(deckItems.allSatisfy { $0.evidence.locator.hasPrefix("slide ") })
        #expect(s.followUp[1...4].map(\.evidence.excerpt) == ["Q1 Kartbilder", "Q2 Kapacitetsdag (projektdag)", "Q3 Uppföljning", "Q4 Lärandedag"])
        let capacity = s.followUp[2]
        #expect(capacity.description == "projektdag")
        // From "Projektdagen 11 sep 2024" on the same slide.
        #expect(capacity.date == PartialDate(year: 2024, month: 9, day: 11))
        #expect(s.followUp[1].description == nil)
        // The Q4 slide's file path "Lärandedag november 2023" is not the learning day's date.
        #expect(s.followUp[4].date == nil)
        #expect(s.followUp[5].description == "Mål, delmål och prioriteringar i RUS, förflyttning")
        #expect(s.followUp[5].date == PartialDate(year: 2022))
        #expect(s.followUp[5].evidence.excerpt == "Övning 2022: Mål, delmål och prioriteringar i RUS, förflyttning")
        #expect(s.followUp[8].date == PartialDate(year: 2025))
        #expect(s.followUp[5...8].allSatisfy { $0.evidence.locator.hasPrefix("slide 4, ") })
    }

    @Test func documentsAndFrameworks() throws {
        let s = try strategy()
        #expect(s.documents.map(\.title) == ["Växtplats Blekinge – regional utvecklingsstrategi"])
        #expect(s.documents.first?.url == "https://www.regionblekinge.se/download/18.cc1bef5b32fd38ca95fe7b7/1646737844512/Vaxtplats-Blekinge-regional-utvecklingsstrategi.pdf")
        #expect(s.frameworks.map(\.framework) == [.regionalGrowthFunds])
        #expect(s.actionPlans.isEmpty)
        #expect(s.specialisationAreas.isEmpty)
    }
}

@Suite struct AttraktivaBlekingeTests {
    func strategy() throws -> Strategy {
        try #require(try snapshotProfile().strategies.first { $0.id == "blekinge.attraktiva-blekinge" })
    }

    @Test func titlePeriodStatus() throws {
        let s = try strategy()
        #expect(s.kind == .regionalDevelopment)
        #expect(s.title.value == "Attraktiva Blekinge")
        #expect(s.alternativeNames.map(\.value) == ["Blekingestrategin"])
        #expect(s.period?.value == Period(startYear: 2014, endYear: 2020))
        #expect(s.status?.value == .superseded)
    }

    @Test func milestones() throws {
        let s = try strategy()
        #expect(s.milestones.map(\.kind) == [.consultation, .adopted, .updated, .superseded])
        let consultation = try #require(s.milestone(.consultation))
        #expect(consultation.date == PartialDate(year: 2013, month: 2, day: 6))
        #expect(consultation.endDate == nil)
        #expect(consultation.body == "regionstyrelsen")
        let adopted = try #require(s.milestone(.adopted))
        #expect(adopted.date == PartialDate(year: 2013, month: 6, day: 12))
        #expect(adopted.body == "regionstyrelsen")
        let updated = try #require(s.milestone(.updated))
        // "den 13 juni": the year is not stated, so it is unknown.
        #expect(updated.date == PartialDate(year: nil, month: 6, day: 13))
        #expect(updated.date?.year == nil)
        #expect(updated.body == "regionstyrelsen")
        #expect(s.milestone(.superseded)?.date == PartialDate(year: 2022))
        #expect(s.milestone(.superseded)?.evidence.excerpt.contains("Växtplats Blekinge") == true)
    }

    @Test func contents() throws {
        let s = try strategy()
        #expect(s.vision?.value == "Ett attraktivt Blekinge där fler människor vill bo och arbeta och som fler vill besöka")
        #expect(s.motto == nil)
        #expect(s.areas.map(\.name) == ["Bilden av Attraktiva Blekinge", "Livskvalitet", "Arbetsliv", "Tillgänglighet"])
        #expect(s.areas.allSatisfy { $0.term == "insatsområde" && $0.goals.isEmpty && $0.subareas.isEmpty })
        #expect(s.goals.isEmpty)
        #expect(s.perspectives.map(\.name) == ["Hållbarhet", "Jämställdhet", "Internationalisering"])
        #expect(s.frameworks.map(\.framework) == [.agenda2030])
        #expect(s.documents.map(\.title) == ["Attraktiva Blekinge – regional utvecklingsstrategi 2014–2020"])
        #expect(s.followUp.isEmpty)
    }
}

@Suite struct SmartSpecialisationTests {
    func strategy() throws -> Strategy {
        try #require(try snapshotProfile().strategies.first { $0.kind == .smartSpecialisation })
    }

    @Test func strategyFacts() throws {
        let s = try strategy()
        #expect(s.id == "blekinge.smart-specialisering")
        #expect(s.title.value == "Blekinges strategi för smart specialisering")
        #expect(s.period == nil)
        #expect(s.status?.value == .adopted)
        #expect(s.milestones.map(\.kind) == [.adopted])
        #expect(s.milestone(.adopted)?.date == PartialDate(year: 2020))
        #expect(s.milestone(.adopted)?.body == "regionala utvecklingsnämnden")
        #expect(s.areas.isEmpty)
        #expect(s.documents.map(\.title) == ["Blekinges strategi för smart specialisering"])
        #expect(Set(s.frameworks.map(\.framework)) == [.smartSpecialisation, .euCohesionPolicy])
    }

    @Test func specialisationAreas() throws {
        let s = try strategy()
        #expect(s.specialisationAreas.map(\.name) == ["Smart industri", "Tech", "Missions"])
        #expect(s.specialisationAreas.map(\.description) == [
            "formningsteknologi och marin teknik", "digitalisering och smartare samhällen", "med fokus på samhällets utmaningar",
        ])
    }
}

@Suite struct ProjectAndFundingTests {
    @Test func kickstartS3() throws {
        let profile = try snapshotProfile()
        #expect(profile.projects.map(\.name) == ["Kickstart S3", "Kickstart 2"])
        let project = profile.projects[0]
        #expect(project.owner == "Region Blekinge")
        #expect(project.funders == ["Europeiska regionalfonden", "Region Blekinge"])
        #expect(project.partners == [
            "Blekinge Tekniska högskola", "Almi", "Netport Science Park", "Techtank", "Blue Science Park", "Blekinge Business Incubator",
        ])
        #expect(project.date == PartialDate(year: 2021, month: 8, day: 31))
        #expect(project.amountSEK == nil)
        #expect(project.strategyID == "blekinge.smart-specialisering")
        #expect(profile.strategies.contains { $0.id == project.strategyID })
    }

    @Test func kickstart2() throws {
        let project = try #require(try snapshotProfile().projects.first { $0.name == "Kickstart 2" })
        #expect(project.amountSEK == 5_678_520)
        #expect(project.date == PartialDate(year: 2023, month: 6))
        #expect(project.funders == ["strukturfondspartnerskapet Skåne-Blekinge"])
        #expect(project.owner == nil)
        #expect(project.partners.isEmpty)
    }

    @Test func distribution2024() throws {
        let funding = try snapshotProfile().funding
        let totals = funding.filter { $0.kind == .total }
        let allocations = funding.filter { $0.kind == .allocation }
        #expect(funding.count == 6)
        let total = try #require(totals.first)
        #expect(totals.count == 1)
        #expect(total.amountSEK == 24_300_000)
        #expect(total.year == 2024)
        #expect(total.fund == "regionala tillväxtmedel (anslag 1:1)")
        #expect(total.strategyID == "blekinge.vaxtplats")
        #expect(total.goal == nil)
        #expect(allocations.map(\.amountSEK) == [1_100_000, 3_100_000, 600_000, 7_100_000, 12_300_000])
        #expect(allocations.allSatisfy { $0.goal == nil && $0.note != nil && $0.year == 2024 && $0.strategyID == "blekinge.vaxtplats" })
        #expect(allocations.allSatisfy { $0.note?.contains("5 amounts and 6 goal labels as separate text") == true })
        #expect(allocations.allSatisfy { $0.fund == total.fund })
        #expect(funding.allSatisfy { $0.kind != .grant })
        #expect(funding.map(\.id) == ["blekinge.funding.2024.total"] + (1...5).map { "blekinge.funding.2024.allocation.\($0)" })
    }

    @Test func distributionIsReadFromTheDeck() throws {
        let funding = try snapshotProfile().funding
        #expect(funding.allSatisfy { $0.evidence.sourceURL.hasSuffix("/Genomforande-och-uppfoljning-av-RUS.pptx") })
        #expect(funding.allSatisfy { $0.evidence.locator.hasPrefix("slide 3, ") })
        let total = try #require(funding.first { $0.kind == .total })
        #expect(total.evidence.excerpt == "24,3 mnkr fördelat mellan RUS-…")
        #expect(funding.filter { $0.kind == .allocation }.map(\.evidence.excerpt) == ["1,1 mnkr", "3,1 mnkr", "0,6 mnkr", "7,1 mnkr", "12,3 mnkr"])
        // The year is the deck's caption's; the fund is named only on the follow-up page, which
        // states the same distribution: the note says where each comes from.
        let note = try #require(total.note)
        #expect(note.contains("‘2024 ÅRS FÖRDELAT MELLAN RUS-MÅL’"))
        #expect(note.contains("slide 3, "))
        #expect(note.contains("https://www.regionblekinge.se/regional-utveckling/regional-utvecklingsstrategi/uppfoljning-av-rus.html"))
        #expect(note.contains("‘År 2024 fördelades 24,3 mnkr mellan RUS-målen.’"))
        #expect(note.contains("‘Regionala tillväxtmedel (anslag 1:1)’"))
    }

    @Test func totalNoteRecordsTheComputedSum() throws {
        let funding = try snapshotProfile().funding
        let total = try #require(funding.first { $0.kind == .total })
        let sum = funding.filter { $0.kind == .allocation }.reduce(0) { $0 + $1.amountSEK }
        #expect(sum == 24_200_000)
        #expect(sum != total.amountSEK)
        let note = try #require(total.note)
        #expect(note.contains("24,2 mnkr"))
        #expect(note.contains("24,3 mnkr"))
        #expect(note.contains("100 000 kr"))
        // The amounts are kept as the source gives them: nothing is corrected.
        #expect(total.amountSEK == 24_300_000)
    }
}

@Suite struct NewsTests {
    @Test func feed() throws {
        let news = try snapshotProfile().news
        #expect(news.count == 9)
        let dated = news.filter { $0.published != nil }
        #expect(dated.count == 3)
        #expect(dated.map(\.title) == ["Växtplats Blekinge är antagen", "Region Blekinge satsar på länets återhämtning", "Växtplats Blekinge ute på remiss"])
        let iso = ISO8601DateFormatter()
        #expect(dated.map(\.published) == [
            iso.date(from: "2022-02-23T00:00:00+01:00"), iso.date(from: "2021-08-31T00:00:00+02:00"), iso.date(from: "2021-04-06T00:00:00+02:00"),
        ])
        // Undated items follow, in feed order.
        #expect(news[3].title == "Kickstart 2 beviljas 5 678 520 kr")
        #expect(news.last?.title == "Information till företagare med anledning av coronaviruset och covid-19")
    }

    @Test func onlyTheFeed() throws {
        let documents = try documents(endingWith: "charset=UTF-8")
        let profile = try Blekinge().profile(from: documents)
        #expect(profile.strategies.isEmpty)
        #expect(profile.projects.isEmpty)
        #expect(profile.funding.isEmpty)
        #expect(profile.news.count == 9)
        checkEvidence(profile, in: documents)
    }
}
