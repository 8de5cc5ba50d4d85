import Documents
import Foundation
public import RegionSupport
public import StrategyModel

// How the strategy versions are read.
//
// Kalmar publishes one strategy title, "Klimat att växa i — Regional utvecklingsstrategi för
// Kalmar län 2030", in two versions: the one adopted in 2018 and the update published in 2022.
// The pages describe both on one page, so each statement (adoption, consultation, publication,
// målbild, goals) is given to a version by what it says: a mention of the update ("uppdaterad",
// "uppdateringen") means the newest version; otherwise its date or the year it names decides;
// otherwise it is about the strategy as it stands now, the newest version.

/// The pages read for the strategy, found by what they say.
struct StrategyPages {
    /// The strategy title as written, with evidence.
    var title: Located<String>
    /// The title's name part ("Klimat att växa i"), when the title has one before a dash.
    var shortName: String?
    /// Pages about the strategy itself, the page whose heading is the title first.
    var pages: [SourceDocument]
    /// Pages that mention the regional development strategy without naming it (e.g. the
    /// region's overview of its development mission); used as a fallback and for frameworks.
    var overviewPages: [SourceDocument]

    static let titlePattern = #"([A-ZÅÄÖ]\p{Ll}+(?: \p{Ll}+)* [—–] [Rr]egional utvecklingsstrategi för (?:\p{L}+ )+?(?:19|20)\d{2})"#
    static let bareTitlePattern = #"([Rr]egional utvecklingsstrategi för (?:\p{L}+ )+?(?:19|20)\d{2})"#

    init?(_ documents: DocumentSet) {
        func heading(matching pattern: String) -> (Located<String>, SourceDocument)? {
            for doc in documents.pages {
                for section in doc.sections {
                    guard let heading = section.section.heading, Text.fold(heading).contains(Words.strategyTitle),
                          let match = Pattern.groups(pattern, in: heading)?[1] else { continue }
                    return (Located(match, doc.evidence(at: section.section.locator, excerpt: match)), doc)
                }
            }
            return nil
        }
        func sentence(matching pattern: String) -> (Located<String>, SourceDocument)? {
            for doc in documents.pages {
                for passage in doc.prose {
                    if let match = Pattern.groups(pattern, in: passage.text)?[1] { return (Located(match, passage.evidence(match)), doc) }
                }
            }
            return nil
        }
        // A heading that is the title; else the title named in a sentence; else a heading with
        // a title without a name ("Regional utvecklingsstrategi för Kalmar län 2030").
        let found = heading(matching: Self.titlePattern) ?? sentence(matching: Self.titlePattern) ?? heading(matching: Self.bareTitlePattern)
        guard let (title, titleDoc) = found else { return nil }
        self.title = title
        var short: String?
        for dash in [" — ", " – "] {
            if let r = title.value.range(of: dash) { short = String(title.value[..<r.lowerBound]); break }
        }
        shortName = short
        let name = Text.fold(short ?? title.value)
        let others = documents.pages.filter { $0.url != titleDoc.url }
        pages = [titleDoc] + others.filter { $0.foldedText.contains(name) }
        overviewPages = others.filter { doc in
            !doc.foldedText.contains(name) && Words.strategy.contains { Text.containsWord(doc.page?.mainText ?? "", $0) }
        }
    }

    /// Paragraphs and list items of the strategy pages, in page order.
    var passages: [Passage] { pages.flatMap(\.prose) }

    /// Sections of the strategy pages (then, if `overview`, of the overview pages) in order.
    func sections(overview: Bool = false) -> [LocatedSection] {
        (pages + (overview ? overviewPages : [])).flatMap(\.sections)
    }
}

/// What is read for one version before it becomes a ``Strategy``.
struct VersionDraft {
    var year: Int?
    var milestones: [Milestone] = []
    var vision: Fact<String>?
    var status: Fact<StrategyStatus>?
    var areas: [PriorityArea] = []
    var goals: [Goal] = []
    var perspectives: [NamedItem] = []
    var actionPlans: [ActionPlan] = []
    var followUp: [FollowUpActivity] = []
    var frameworks: [FrameworkReference] = []
    var documents: [DocumentLink] = []

    func has(_ kind: Milestone.Kind) -> Bool { milestones.contains { $0.kind == kind } }
}

extension Kalmar {
    public func strategies(from documents: DocumentSet) throws -> [Strategy] {
        guard let source = StrategyPages(documents) else { return [] }
        var reader = StrategyReader(source: source, regionID: region.id)
        return reader.read()
    }
}

struct StrategyReader {
    let source: StrategyPages
    let regionID: String
    /// Version years, oldest first; empty when the pages tell no versions apart.
    var years: [Int] = []
    var drafts: [VersionDraft] = []

    init(source: StrategyPages, regionID: String) {
        self.source = source
        self.regionID = regionID
    }

    // MARK: Versions

    mutating func read() -> [Strategy] {
        let adoptions = adoptionStatements()
        let publications = publicationStatements()
        let visions = visionStatements()
        years = Array(Set(adoptions.compactMap(\.date.year) + publications.compactMap(\.date.year) + visions.compactMap(\.year))).sorted()
        drafts = years.isEmpty ? [VersionDraft(year: nil)] : years.map { VersionDraft(year: $0) }

        for a in adoptions {
            let i = version(for: a.sentence.value, date: a.date)
            guard !drafts[i].has(.adopted) else { continue }
            drafts[i].milestones.append(Milestone(kind: .adopted, date: a.date, body: a.body, evidence: a.sentence.evidence))
        }
        for p in publications {
            let i = version(for: p.sentence.value, date: p.date)
            guard !drafts[i].has(.published) else { continue }
            drafts[i].milestones.append(Milestone(kind: .published, date: p.date, evidence: p.sentence.evidence))
        }
        for v in visions {
            let i = v.year.flatMap { years.firstIndex(of: $0) } ?? version(for: v.prefix, date: nil)
            if drafts[i].vision == nil { drafts[i].vision = v.text.fact }
        }
        readConsultation()
        readTransfer()
        readRevisionAndStatus()
        readAreas()
        readGoals()
        readPerspectives()
        readActionPlans()
        readFollowUp()
        readDocuments()
        drafts[drafts.count - 1].frameworks = FrameworkDetector.references(in: source.pages + source.overviewPages)

        return drafts.enumerated().reversed().map { index, draft in strategy(from: draft, index: index) }
    }

    /// The index of the version a statement is about (see the comment at the top of the file).
    func version(for text: String, date: PartialDate?) -> Int {
        let latest = drafts.count - 1
        guard drafts.count > 1 else { return 0 }
        if Text.fold(text).contains(Words.update) { return latest }
        if let year = date?.year {
            return years.lastIndex { $0 <= year } ?? 0
        }
        if let named = Pattern.years(in: text).first(where: { years.contains($0) }), let i = years.firstIndex(of: named) {
            return i
        }
        return latest
    }

    var latest: Int { drafts.count - 1 }

    /// The version's short name for ids: "Klimat att växa i 2018" (or without a year when the
    /// pages tell no versions apart).
    func versionName(_ index: Int) -> String {
        let name = source.shortName ?? source.title.value
        return years.isEmpty ? name : "\(name) \(years[index])"
    }

    /// The version's id: `kalmar.klimat-att-vaxa-i-2022`.
    func versionID(_ index: Int) -> String { Slug.id(regionID, versionName(index)) }

    /// An id below the version: `kalmar.klimat-att-vaxa-i-2022.area.hallbar-samhallsplanering`.
    func id(_ index: Int, _ kind: String, _ name: String) -> String { Slug.child(versionID(index), kind, name) }

    // MARK: Dated statements

    struct Dated {
        var sentence: Located<String>
        var date: PartialDate
        var body: String?
    }

    /// "… antogs av Regionförbundet i Kalmar läns styrelse den 8 februari 2018."
    func adoptionStatements() -> [Dated] {
        source.passages.flatMap(\.sentences).compactMap { sentence in
            let text = sentence.value
            guard Words.adopted.contains(where: { Text.containsWord(text, $0) }),
                  let match = SwedishDate.all(in: text).first else { return nil }
            var body: String?
            if let by = text.range(of: " av "), by.upperBound < match.range.lowerBound {
                body = String(text[by.upperBound..<match.range.lowerBound]).trimmingCharacters(in: .whitespaces)
                for tail in [" den", " i", " på", " år"] where body!.hasSuffix(tail) { body!.removeLast(tail.count) }
                body = body!.trimmingCharacters(in: .whitespaces)
                if body!.isEmpty { body = nil }
            }
            return Dated(sentence: sentence, date: match.date, body: body)
        }
    }

    /// "Den uppdaterade strategin publicerades den 5 oktober 2022."
    func publicationStatements() -> [Dated] {
        source.passages.flatMap(\.sentences).compactMap { sentence in
            guard Words.published.contains(where: { Text.containsWord(sentence.value, $0) }),
                  let date = SwedishDate.first(in: sentence.value) else { return nil }
            return Dated(sentence: sentence, date: date)
        }
    }

    struct VisionStatement {
        var text: Located<String>
        var year: Int?
        var prefix: String
    }

    /// "Målbilden i strategin från 2018: År 2030 är …", "Målbild 2022: År 2030 är …", or a
    /// paragraph under a målbild heading that starts with "År".
    func visionStatements() -> [VisionStatement] {
        var result: [VisionStatement] = []
        for passage in source.passages {
            if let colon = passage.text.range(of: ": ") {
                let prefix = String(passage.text[..<colon.lowerBound])
                let folded = Text.fold(prefix)
                let years = Pattern.years(in: prefix)
                guard Words.vision.contains(where: { folded.hasPrefix($0) }), !years.isEmpty || folded.contains(Words.strategyWord) else { continue }
                let vision = String(passage.text[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
                guard !vision.isEmpty else { continue }
                result.append(VisionStatement(text: Located(vision, passage.evidence(vision)), year: years.last, prefix: prefix))
            } else if let heading = passage.headings.last, Words.vision.contains(where: { Text.containsWord(heading, $0) }),
                      passage.text.hasPrefix("År "), !Pattern.years(in: passage.text).isEmpty {
                result.append(VisionStatement(text: Located(passage.text, passage.evidence()), year: nil, prefix: ""))
            }
        }
        return result
    }

    /// A remiss: its passage (which names who it went to) and the dates in it.
    mutating func readConsultation() {
        guard let passage = source.passages.first(where: { p in Words.consultation.contains { Text.containsWord(p.text, $0) } }) else { return }
        var start: PartialDate?, end: PartialDate?
        for match in SwedishDate.all(in: passage.text) {
            let before = Text.fold(String(passage.text[..<match.range.lowerBound].suffix(24)))
            if before.contains("till") || before.contains("senast") { end = end ?? match.date } else { start = start ?? match.date }
        }
        let i = version(for: passage.text, date: start ?? end)
        drafts[i].milestones.append(Milestone(kind: .consultation, date: start, endDate: end, evidence: passage.evidence()))
    }

    /// "Regionförbundet i Kalmar län gick den 1 januari 2019 upp i Region Kalmar län." The
    /// body is the organisation that took over.
    mutating func readTransfer() {
        for sentence in source.passages.flatMap(\.sentences) {
            let text = sentence.value
            guard Words.merged.contains(where: { Text.containsWord(text, $0) }), let into = text.range(of: Words.mergedInto),
                  let date = SwedishDate.first(in: text) else { continue }
            let body = Text.unquote(String(text[into.upperBound...]))
            let i = version(for: text, date: date)
            drafts[i].milestones.append(Milestone(kind: .responsibilityTransferred, date: date, body: body.isEmpty ? nil : body, evidence: sentence.evidence))
            return
        }
    }

    /// A section on the revision ("Revidering mot 2040"): the newest version is under
    /// revision, from the date it gives. Older versions are superseded by the next one.
    mutating func readRevisionAndStatus() {
        if let section = source.sections().first(where: { s in Words.revision.contains { Text.containsWord(s.heading, $0) } }) {
            let sentences = section.paragraphs.flatMap { p in Text.sentences(p.value).map { Located($0, section.document.evidence(at: p.evidence.locator, excerpt: $0)) } }
            let dated = sentences.first { SwedishDate.first(in: $0.value) != nil }
            if let dated, let date = SwedishDate.first(in: dated.value) {
                drafts[latest].milestones.append(Milestone(kind: .revisionStarted, date: date, evidence: dated.evidence))
            }
            let saying = sentences.first { s in Words.revision.contains { Text.containsWord(s.value, $0) } }
            drafts[latest].status = Fact(.underRevision, evidence: saying?.evidence ?? section.evidence)
        }
        for i in drafts.indices {
            if i < latest {
                // Superseded by the next version: the evidence is what says that version came
                // (its publication, adoption or consultation). When that happened is not said
                // for certain (the update's adoption date is not given), so the date is left out.
                let next = drafts[i + 1]
                let evidence = (next.milestone(.published) ?? next.milestone(.adopted) ?? next.milestone(.consultation))?.evidence ?? next.vision?.evidence
                if let evidence {
                    drafts[i].status = Fact(.superseded, evidence: evidence)
                    drafts[i].milestones.append(Milestone(kind: .superseded, date: nil, evidence: evidence))
                }
            } else if drafts[i].status == nil, let m = drafts[i].milestone(.adopted) ?? drafts[i].milestone(.published) {
                drafts[i].status = Fact(.adopted, evidence: m.evidence)
            }
        }
    }

    // MARK: Contents

    /// The four prioriterade utvecklingsområden, from a section about them, else from a list
    /// introduced by a sentence naming them (the overview page says "fyra målområden:"), else
    /// from a sentence listing them after a colon, separated by semicolons.
    ///
    /// Term: the strategy page calls them "prioriterade utvecklingsområden" and adds that "de
    /// kallas också målområden"; the overview page says "målområden". The model keeps the
    /// strategy's own term (``Words/areaTerm``); "målområde" is the alternative.
    mutating func readAreas() {
        var found: (items: [Located<String>], intro: String)?
        if let section = source.sections().first(where: { s in
            Words.areaHeading.contains { Text.containsWord(s.heading, $0) } && !s.items().isEmpty
        }) {
            let items = section.items().compactMap { item in ListLine(item.text).map { Located($0.text, item.evidence) } }
            if !items.isEmpty { found = (items, section.introTexts.joined(separator: " ")) }
        }
        if found == nil { found = introducedList(Words.areaIntro) }
        if found == nil { found = sentenceList(Words.areaIntro) }
        guard let found else { return }
        let owner = version(for: found.intro, date: nil)
        drafts[owner].areas = found.items.map { area($0.value, index: owner, evidence: $0.evidence) }
        // "Den har samma fyra prioriterade utvecklingsområden som strategin från 2018": the
        // older version had the same areas; that sentence is the evidence.
        for sentence in source.passages.flatMap(\.sentences) {
            let folded = Text.fold(sentence.value)
            guard folded.contains(Words.same), Words.areaIntro.contains(where: { folded.contains($0) }) else { continue }
            for year in Pattern.years(in: sentence.value) {
                guard let i = years.firstIndex(of: year), i != owner, drafts[i].areas.isEmpty else { continue }
                drafts[i].areas = found.items.map { area($0.value, index: i, evidence: sentence.evidence) }
            }
        }
    }

    func area(_ name: String, index: Int, evidence: Evidence) -> PriorityArea {
        PriorityArea(id: id(index, "area", name), name: name, term: Words.areaTerm, evidence: evidence)
    }

    /// The first list that directly follows a paragraph containing one of `words`.
    func introducedList(_ words: [String]) -> (items: [Located<String>], intro: String)? {
        for section in source.sections(overview: true) {
            var previous: String?
            for block in section.section.blocks {
                switch block {
                case let .paragraph(p):
                    previous = p.text
                case let .list(list):
                    if let intro = previous, words.contains(where: { Text.fold(intro).contains($0) }) {
                        let items = list.items.compactMap { item in
                            ListLine(item.text).map { Located($0.text, section.document.evidence(at: item.locator, excerpt: item.text)) }
                        }
                        if !items.isEmpty { return (items, intro) }
                    }
                    previous = nil
                case .table:
                    previous = nil
                }
            }
        }
        return nil
    }

    /// "… fyra prioriterade utvecklingsområden: A; B; C; D." → A, B, C, D.
    func sentenceList(_ words: [String]) -> (items: [Located<String>], intro: String)? {
        for passage in source.pages.flatMap(\.prose) + source.overviewPages.flatMap(\.prose) {
            for sentence in Text.sentences(passage.text) {
                guard let colon = sentence.range(of: ": ") else { continue }
                let intro = String(sentence[..<colon.lowerBound])
                guard words.contains(where: { Text.fold(intro).contains($0) }) else { continue }
                let parts = sentence[colon.upperBound...].split(separator: ";").map { Text.unquote(String($0)) }.filter { !$0.isEmpty }
                guard parts.count > 1 else { continue }
                return (parts.map { Located($0, passage.evidence($0)) }, intro)
            }
        }
        return nil
    }

    /// The goals (mål) from a section headed "Mål" (or "… målen"): list items, table rows
    /// (the "Mål" column, the number from a "Nr" column) or numbered lines. The pages do not
    /// say which area each goal belongs to, so the goals stay in `Strategy.goals`.
    mutating func readGoals() {
        for section in source.sections() where section.headingHasWord(Words.goalHeading) {
            let items = section.items(column: Words.goalTableColumn)
            let ordered = section.firstListIsOrdered
            var goals: [(code: String?, title: String, evidence: Evidence)] = []
            for (index, item) in items.enumerated() {
                guard let line = ListLine(item.text) else { continue }
                let numberCell = item.cells.first { key, _ in Words.numberColumn.contains(Text.fold(key)) }?.value
                let code = numberCell ?? line.number ?? (ordered ? String(index + 1) : nil)
                goals.append((code, line.text, item.evidence))
            }
            guard !goals.isEmpty else { continue }
            let owner = version(for: section.introTexts.joined(separator: " "), date: nil)
            drafts[owner].goals = goals.map { g in
                Goal(id: id(owner, "goal", g.code ?? g.title), code: g.code, title: g.title, evidence: g.evidence)
            }
            return
        }
    }

    /// The övergripande perspektiv: "Kompetensförsörjning – arbetsmarknadens kompetensförsörjning."
    mutating func readPerspectives() {
        guard let section = source.sections().first(where: { s in
            Words.perspective.contains { Text.containsWord(s.heading, $0) } && !s.items().isEmpty
        }) else { return }
        let owner = version(for: section.introTexts.joined(separator: " "), date: nil)
        drafts[owner].perspectives = section.items().compactMap { item in
            guard let line = ListLine(item.text) else { return nil }
            let cleaned = TextItem(text: line.text, emphasis: item.emphasis, links: [], evidence: item.evidence, children: [])
            return NamedItem(id: id(owner, "perspective", cleaned.name), name: cleaned.name, description: cleaned.detail, evidence: item.evidence)
        }
    }

    /// Handlingsprogram and fördjupade strategier, one per linked document.
    mutating func readActionPlans() {
        guard let section = source.sections().first(where: { s in
            Words.actionPlans.contains { Text.containsWord(s.heading, $0) } && !s.links().isEmpty
        }) else { return }
        let owner = version(for: section.introTexts.joined(separator: " "), date: nil)
        var seen = Set<String>()
        for link in section.links() where seen.insert(link.url).inserted {
            let title = link.text.withoutFileType
            guard !title.isEmpty else { continue }
            let evidence = section.document.evidence(at: link.locator, excerpt: link.text)
            drafts[owner].actionPlans.append(ActionPlan(
                id: id(owner, "plan", title), title: title,
                documents: [DocumentLink(title: title, url: link.url, evidence: evidence)], evidence: evidence
            ))
        }
    }

    /// The follow-up ("Så går det för Kalmar län"): its name as a sentence gives it — "X är
    /// uppföljningen av …", "Uppföljningen heter X och …", "… indikatorer i X, som …", or a
    /// follow-up paragraph opening "X: de tio målen följs upp …".
    mutating func readFollowUp() {
        let patterns = [
            #"^(.+?) är uppföljningen av"#,
            #"[Uu]ppföljningen heter (.+?)(?: och |[,.]|$)"#,
            #"indikatorer i ([A-ZÅÄÖ][^,]+?), som"#,
            #"^([A-ZÅÄÖ][^:]{2,80}): .*(?:följs upp|uppföljning)"#,
        ]
        let inFollowUpSections = source.passages.filter { p in
            p.headings.contains { h in Words.followUp.contains { Text.containsWord(h, $0) } }
        }
        for passage in inFollowUpSections + source.passages {
            for sentence in passage.sentences {
                for pattern in patterns {
                    guard let name = Pattern.groups(pattern, in: sentence.value)?[1].map(Text.unquote), !name.isEmpty else { continue }
                    let described = passage.sentences.filter { s in
                        Words.indicators.contains { Text.containsWord(s.value, $0) } || Text.fold(s.value).contains(Words.report)
                    }.map(\.value)
                    drafts[latest].followUp = [FollowUpActivity(
                        id: id(latest, "follow-up", name), name: name,
                        description: described.isEmpty ? nil : described.joined(separator: " "),
                        evidence: sentence.evidence
                    )]
                    return
                }
            }
        }
    }

    /// The strategy's own document (PDF): links on the strategy pages whose text says pdf and
    /// that are about the strategy (a download section, or "strategi" in the link text),
    /// outside the action-plan section.
    mutating func readDocuments() {
        var candidates: [(link: Link, document: SourceDocument, download: Bool)] = []
        for section in source.pages.flatMap(\.sections) {
            if Words.actionPlans.contains(where: { Text.containsWord(section.heading, $0) }) { continue }
            let download = Words.download.contains { Text.fold(section.heading).contains($0) }
            for block in section.section.blocks {
                let links: [Link]
                switch block {
                case let .paragraph(p): links = p.links
                case let .list(list): links = list.items.flatMap(\.links)
                case .table: links = []
                }
                for link in links {
                    let text = Text.fold(link.text)
                    let isPDF = text.contains(Words.pdf) || link.url.lowercased().hasSuffix(".pdf")
                    let aboutStrategy = download || text.contains(Words.strategyWord) || Words.download.contains { text.contains($0) }
                    if isPDF, aboutStrategy { candidates.append((link, section.document, download)) }
                }
            }
        }
        var seen = Set<String>()
        for c in candidates.filter(\.download) + candidates.filter({ !$0.download }) where seen.insert(c.link.url).inserted {
            let i = version(for: c.link.text, date: nil)
            let title = c.link.text.withoutFileType
            drafts[i].documents.append(DocumentLink(title: title, url: c.link.url, evidence: c.document.evidence(at: c.link.locator, excerpt: c.link.text)))
        }
    }

    // MARK: Assembly

    func strategy(from draft: VersionDraft, index: Int) -> Strategy {
        let title = source.title
        var period: Fact<Period>?
        if let p = SwedishPeriod.find(in: title.value) {
            period = Fact(p, evidence: title.evidence)
        } else if let end = Pattern.groups(#"((?:19|20)\d{2})\s*$"#, in: title.value)?[1].flatMap({ Int($0) }) {
            // "… för Kalmar län 2030": the year the strategy runs to; its start is not stated.
            period = Fact(Period(startYear: nil, endYear: end), evidence: title.evidence)
        }
        var alternativeNames: [Fact<String>] = []
        if let short = source.shortName {
            let sentence = source.passages.flatMap(\.sentences).first { $0.value.contains(short) && !$0.value.contains(title.value) }
            alternativeNames = [Fact(short, evidence: sentence?.evidence ?? source.title.evidence(excerpt: short))]
        }
        let milestones = draft.milestones.enumerated().sorted { a, b in
            switch ((a.element.date ?? a.element.endDate), (b.element.date ?? b.element.endDate)) {
            case let (x?, y?): x == y ? a.offset < b.offset : x < y
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a.offset < b.offset
            }
        }.map(\.element)
        return Strategy(
            id: versionID(index), kind: .regionalDevelopment, title: title.fact, alternativeNames: alternativeNames,
            period: period, status: draft.status, milestones: milestones, vision: draft.vision, motto: nil,
            areas: draft.areas, goals: draft.goals, perspectives: draft.perspectives, specialisationAreas: [],
            actionPlans: draft.actionPlans, followUp: draft.followUp, frameworks: draft.frameworks, documents: draft.documents
        )
    }
}

extension VersionDraft {
    func milestone(_ kind: Milestone.Kind) -> Milestone? { milestones.first { $0.kind == kind } }
}

extension Located<String> {
    /// Evidence at the same place with another excerpt (one that occurs there).
    func evidence(excerpt: String) -> Evidence {
        Evidence(sourceURL: evidence.sourceURL, snapshotSHA256: evidence.snapshotSHA256, locator: evidence.locator, excerpt: excerpt)
    }
}
