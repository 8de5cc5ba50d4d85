import Documents
import Foundation
import RegionSupport
import StrategyModel

/// The words searched for in headings and sentences.
enum Cue {
    static let consultation = ["remiss"]
    static let adoption = ["antog", "antag"]
    static let update = ["uppdaterad", "uppdatering", "reviderad"]
    static let workStarted = ["började", "påbörjades", "inleddes", "startade"]
    static let work = ["arbetet"]
    static let superseded = ["ersattes", "ersatt av", "gäller inte längre"]
    /// Deciding bodies, longer forms first.
    static let bodies = [
        "regionala utvecklingsnämnden", "regionala utvecklingsnämnd", "regionfullmäktige", "regionstyrelsen",
        "regionstyrelse", "landstingsfullmäktige", "landstingsstyrelsen",
    ]
    static let alternativeName = #"(?:även kallad|även kallat|även kallas|kallas även|också kallad)\s+(\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)*)"#
    static let vision = ["vision", "övergripande mål"]
    static let visionLead = #"^(?:visionen|vår vision|strategins vision|strategins övergripande mål|det övergripande målet)\s+(?:är|lyder)\s*:?\s*(?:att\s+)?"#
    static let motto = ["ledord", "motto"]
    static let perspectives = ["förhållningssätt", "perspektiv"]
    /// Heading words of a strategy's priority areas and the term for one area.
    static let areas: [(heading: String, term: String)] = [
        ("strategiska områden", "strategiskt område"), ("strategiskt område", "strategiskt område"),
        ("insatsområde", "insatsområde"), ("målområde", "målområde"), ("fokusområde", "fokusområde"),
    ]
    static let subarea = (heading: "utvecklingsområde", term: "utvecklingsområde")
    static let subareaLine = #"^utvecklingsområden\s*:\s*(.+)$"#
    static let goal = ["mål"]
    static let goalHeading = #"^mål\s*[:–—-]\s*(.+)$"#
    static let subGoal = "delmål"
    static let areaColumn = "område"
    static let goalLabels = ["rus-mål"]
    static let specialisation = ["spetsområde", "styrkeområde", "specialiseringsområde"]
    static let specialisationLine = #"spetsområden\s*:\s*(.+?)\.?$"#
    static let report = "rapport"
    static let followUpPage = ["uppföljning"]
    static let followUpSteps = ["steg", "övning"]
    /// A step of the follow-up cycle as a deck titles its slide: "Q2 Kapacitetsdag (projektdag)".
    static let stepTitle = #"^Q\d\s+\p{L}"#
    /// A qualifier in brackets at the end of a title: "(projektdag)".
    static let qualifier = #"^(.+?)\s*\(([^()]+)\)\s*$"#
    /// An exercise of the learning day, with its year: "Övning 2022: Mål, delmål …".
    static let exerciseLine = #"^övning\s+(?:19|20)\d{2}\s*:"#
    static let strategyWord = "strategi"
    /// Sections about something else than the strategy whose page they are on.
    static let otherStrategy = ["tidigare", "ersatt"]
}

extension Reader {
    // MARK: Which pages and sections belong to a strategy

    func isDedicated(_ document: SourceDocument, to spec: StrategySpec) -> Bool {
        guard let heading = document.mainHeading?.value else { return false }
        return spec.headingWords.allSatisfy { Words.has(heading, $0) }
    }

    /// A page or deck about following up (not a strategy's own page): its main heading or its
    /// title says so ("Uppföljning av Rus"; a deck titled "Genomförande och uppföljning av RUS",
    /// whose first slide is "Q1 Kartbilder").
    func isFollowUpPage(_ document: SourceDocument) -> Bool {
        guard !Self.specs.contains(where: { isDedicated(document, to: $0) }) else { return false }
        return [document.mainHeading?.value, document.page?.title].contains { Words.hasWord($0 ?? "", Cue.followUpPage) }
    }

    func mentions(_ document: SourceDocument, _ spec: StrategySpec) -> Bool {
        let text = document.page?.mainText ?? ""
        return spec.mentionWords.contains { Words.has(text, $0) }
    }

    /// The follow-up documents of a strategy: follow-up pages that name it, then the follow-up
    /// documents those pages link to (the deck a page offers for download), which need not name
    /// the strategy themselves.
    func followUpDocuments(for spec: StrategySpec) -> [SourceDocument] {
        let naming = documents.pages.filter { isFollowUpPage($0) && mentions($0, spec) }
        let linked = Set(naming.flatMap { $0.links.map(\.url) })
        let named = Set(naming.map(\.url))
        return naming + documents.pages.filter { !named.contains($0.url) && linked.contains($0.url) && isFollowUpPage($0) }
    }

    /// The regional development strategy a document is about: the first it names, else the
    /// first whose follow-up documents include it.
    func regionalStrategy(of document: SourceDocument) -> StrategySpec? {
        let specs = Self.specs.filter { $0.kind == .regionalDevelopment }
        return specs.first { mentions(document, $0) }
            ?? specs.first { spec in followUpDocuments(for: spec).contains { $0.url == document.url } }
    }

    /// Sections of overview pages (neither a strategy's own page nor a follow-up page) whose
    /// heading names the strategy: "Gällande strategi: Växtplats Blekinge".
    func overviewSections(for spec: StrategySpec) -> [LocatedSection] {
        documents.pages
            .filter { doc in !Self.specs.contains { isDedicated(doc, to: $0) } && !isFollowUpPage(doc) }
            .flatMap { doc in
                doc.sections.dropFirst().filter { section in spec.headingWords.allSatisfy { Words.has(section.heading, $0) } }
            }
    }

    /// Sections left out when reading a strategy's own facts: those about an earlier strategy
    /// and those about a project.
    func skipForOwnFacts(_ section: OutlineSection) -> Bool {
        Words.hasWord(section.heading ?? "", Cue.otherStrategy) || projectName(of: section) != nil
    }

    /// Sections left out when reading whether the strategy was replaced: those about an earlier
    /// strategy and those about a project (a section headed "Ersatt av …" is read).
    func skipForSupersession(_ section: OutlineSection) -> Bool {
        Words.hasWord(section.heading ?? "", ["tidigare"]) || projectName(of: section) != nil
    }

    // MARK: A strategy

    func strategy(_ spec: StrategySpec) -> Strategy? {
        let pages = documents.pages.filter { isDedicated($0, to: spec) }
        let overview = overviewSections(for: spec)
        let scopes = pages.compactMap(\.rootSection) + overview
        guard let title = title(of: spec, pages: pages, overview: overview) else { return nil }
        let id = strategyID(spec)
        let headings = pages.compactMap(\.mainHeading) + overview.map { Located($0.heading, $0.evidence) }
        let statements = scopes.flatMap { $0.passages(skipping: skipForOwnFacts).flatMap(\.statements) }
        let followUpPages = followUpDocuments(for: spec)

        var strategy = Strategy(id: id, kind: spec.kind, title: title)
        strategy.alternativeNames = alternativeNames(in: statements, title: title.value)
        strategy.period = (headings + statements).lazy.compactMap { s in SwedishPeriod.find(in: s.value).map { Fact($0, evidence: s.evidence) } }.first
        let supersession = scopes.flatMap { $0.passages(skipping: skipForSupersession).flatMap(\.statements) }
            .filter { isSupersession($0.value, of: spec) }
        strategy.milestones = milestones(in: statements, supersession: supersession)
        if let first = supersession.first {
            strategy.status = Fact(.superseded, evidence: first.evidence)
        } else if let adopted = strategy.milestone(.adopted) {
            strategy.status = Fact(.adopted, evidence: adopted.evidence)
        } else if let consultation = strategy.milestone(.consultation) {
            strategy.status = Fact(.consultation, evidence: consultation.evidence)
        }
        strategy.vision = vision(in: scopes)
        strategy.motto = statements.lazy.filter { Words.hasWord($0.value, Cue.motto) }
            .compactMap { s in Words.quoted(in: s.value).map { Fact($0, evidence: s.evidence) } }.first
        strategy.perspectives = perspectives(in: scopes, id: id)
        let (areas, looseGoals) = areas(in: scopes, id: id)
        strategy.areas = areas
        strategy.goals = looseGoals
        strategy.goals += goalLabels(in: followUpPages, id: id, known: strategy.allGoals.map(\.title))
        strategy.specialisationAreas = specialisationAreas(in: scopes, statements: statements, id: id)
        strategy.followUp = followUp(pages: followUpPages, statements: statements, id: id)
        strategy.frameworks = FrameworkDetector.references(in: pages + followUpPages)
        strategy.documents = pdfLinks(in: pages)
        return strategy
    }

    /// The strategy's name: on its own page a heading naming it as a strategy ("Blekinges
    /// strategi för smart specialisering"), else the page's main heading; else an overview
    /// heading ("Tidigare strategi: Attraktiva Blekinge 2014–2020" → "Attraktiva Blekinge").
    func title(of spec: StrategySpec, pages: [SourceDocument], overview: [LocatedSection]) -> Fact<String>? {
        for page in pages {
            let named = page.sections.dropFirst().first { section in
                Words.has(section.heading, Cue.strategyWord) && spec.headingWords.allSatisfy { Words.has(section.heading, $0) }
            }
            if let named { return Fact(Words.title(fromHeading: named.heading), evidence: named.evidence) }
            if let heading = page.mainHeading { return Fact(Words.title(fromHeading: heading.value), evidence: heading.evidence) }
        }
        return overview.first.map { Fact(Words.title(fromHeading: $0.heading), evidence: $0.evidence) }
    }

    func alternativeNames(in statements: [Located<String>], title: String) -> [Fact<String>] {
        var result: [Fact<String>] = []
        for statement in statements {
            guard let m = Words.match(Cue.alternativeName, in: statement.value) else { continue }
            let name = Words.clean(m[1])
            if Text.fold(name) != Text.fold(title), !result.contains(where: { Text.fold($0.value) == Text.fold(name) }) {
                result.append(Fact(name, evidence: statement.evidence))
            }
        }
        return result
    }

    // MARK: Milestones

    /// Whether a sentence says the strategy was replaced ("Den ersattes 2022 av Växtplats
    /// Blekinge"), not that it replaced another one.
    func isSupersession(_ text: String, of spec: StrategySpec) -> Bool {
        let folded = Text.fold(text)
        guard let cue = Cue.superseded.first(where: { folded.contains($0) }), let r = folded.range(of: cue) else { return false }
        let after = String(folded[r.upperBound...])
        return !spec.mentionWords.contains { after.contains(Text.fold($0)) }
    }

    func body(in text: String) -> String? {
        let folded = Text.fold(text)
        return Cue.bodies.first { folded.contains($0) }
    }

    /// Consultation, adoption, update, start of work and supersession, the first sentence of each
    /// kind that gives a date; in date order (milestones whose year is unknown stay after the
    /// one they follow in the text).
    func milestones(in statements: [Located<String>], supersession: [Located<String>]) -> [Milestone] {
        var found: [Milestone] = []
        func add(_ milestone: Milestone) {
            if !found.contains(where: { $0.kind == milestone.kind }) { found.append(milestone) }
        }
        for statement in statements {
            let text = statement.value
            guard let date = Words.date(in: text) else { continue }
            if Words.hasWord(text, Cue.consultation) {
                let dates = SwedishDate.all(in: text).map(\.date)
                add(Milestone(kind: .consultation, date: date, endDate: dates.first { $0 > date }, body: body(in: text), evidence: statement.evidence))
            } else if Words.hasWord(text, Cue.update), Words.hasWord(text, Cue.adoption) {
                add(Milestone(kind: .updated, date: date, body: body(in: text), evidence: statement.evidence))
            } else if Words.hasWord(text, Cue.adoption) {
                add(Milestone(kind: .adopted, date: date, body: body(in: text), evidence: statement.evidence))
            } else if Words.hasWord(text, Cue.workStarted), Words.hasWord(text, Cue.work) {
                add(Milestone(kind: .workStarted, date: date, evidence: statement.evidence))
            }
        }
        if let statement = supersession.first(where: { Words.date(in: $0.value) != nil }) ?? supersession.first {
            add(Milestone(kind: .superseded, date: Words.date(in: statement.value), evidence: statement.evidence))
        }
        return Self.dateOrder(found)
    }

    static func dateOrder(_ milestones: [Milestone]) -> [Milestone] {
        let dated = milestones.enumerated().filter { $0.element.date?.year != nil }
        var result = dated.sorted { ($0.element.date!, $0.offset) < ($1.element.date!, $1.offset) }.map(\.element)
        for (offset, milestone) in milestones.enumerated() where milestone.date?.year == nil {
            // After the dated milestone that comes before it in the text, if any.
            let before = milestones[..<offset].last { $0.date?.year != nil }
            var index = before.flatMap { b in result.firstIndex(of: b).map { $0 + 1 } } ?? 0
            while index < result.count, result[index].date?.year == nil { index += 1 }
            result.insert(milestone, at: index)
        }
        return result
    }

    // MARK: Vision, perspectives

    /// The vision, or the overall goal (övergripande mål) where a strategy has one instead:
    /// Attraktiva Blekinge's "övergripande mål" is read as its vision (not as a `Goal`), since
    /// it is the one aim the whole strategy and its insatsområden serve, as a vision is.
    func vision(in scopes: [LocatedSection]) -> Fact<String>? {
        for scope in scopes {
            for node in scope.nodes(skipping: skipForOwnFacts) where Words.hasWord(node.heading, Cue.vision) {
                for statement in node.located.ownStatements where !Words.hasWord(statement.value, Cue.motto) {
                    var value = statement.value
                    if let m = Words.match(Cue.visionLead, in: value) { value = String(value.dropFirst(m[0].count)) }
                    value = Words.upperFirst(Words.clean(value))
                    if !value.isEmpty { return Fact(value, evidence: statement.evidence) }
                }
            }
        }
        return nil
    }

    func perspectives(in scopes: [LocatedSection], id: String) -> [NamedItem] {
        var result: [NamedItem] = []
        for scope in scopes {
            for node in scope.nodes(skipping: skipForOwnFacts) where Words.hasWord(node.heading, Cue.perspectives) {
                for item in node.located.items() {
                    let (name, detail) = Self.nameAndDetail(item)
                    guard !name.isEmpty, !result.contains(where: { Text.fold($0.name) == Text.fold(name) }) else { continue }
                    result.append(NamedItem(id: Slug.child(id, "perspective", name), name: name, description: detail, evidence: item.evidence))
                }
                if !result.isEmpty { return result }
            }
        }
        return result
    }

    /// "Smart industri – formningsteknologi och marin teknik" → ("Smart industri",
    /// "formningsteknologi och marin teknik"); a leading bold phrase is the name.
    static func nameAndDetail(_ item: TextItem) -> (String, String?) {
        let text = Words.clean(item.text)
        if let emphasis = item.emphasis.map(Words.clean), !emphasis.isEmpty {
            let rest = text.hasPrefix(emphasis) ? String(text.dropFirst(emphasis.count)) : ""
            let detail = Words.clean(rest.trimmingCharacters(in: CharacterSet(charactersIn: " :–—-")))
            return (Words.clean(emphasis.trimmingCharacters(in: CharacterSet(charactersIn: " :–—-"))), detail.isEmpty ? nil : detail)
        }
        for separator in [" – ", " — ", " - ", ": "] {
            if let r = text.range(of: separator) {
                let detail = Words.clean(String(text[r.upperBound...]))
                return (Words.clean(String(text[..<r.lowerBound])), detail.isEmpty ? nil : detail)
            }
        }
        return (text, nil)
    }

    // MARK: Priority areas and goals

    /// The priority areas under the first section headed with an area word, with their
    /// utvecklingsområden and goals; goals whose area is not given are returned apart.
    func areas(in scopes: [LocatedSection], id: String) -> ([PriorityArea], [Goal]) {
        for scope in scopes {
            for node in scope.nodes(skipping: skipForOwnFacts) {
                guard let cue = Cue.areas.first(where: { Text.containsWord(node.heading, $0.heading) }) else { continue }
                let result = areas(under: node.located, term: cue.term, id: id)
                if !result.0.isEmpty { return result }
            }
        }
        return ([], [])
    }

    private func isGoalHeading(_ heading: String) -> Bool {
        Words.hasWord(heading, Cue.goal) || Words.hasWord(heading, [Cue.subGoal])
    }

    private func isSubareaHeading(_ heading: String) -> Bool {
        Text.containsWord(heading, Cue.subarea.heading)
    }

    /// Areas named by the section's list (or table), and by its subsections' headings; each
    /// area's own subsection, and the goal sections that follow it before the next area
    /// (pages with flat pseudo-headings), say its utvecklingsområden and goals.
    func areas(under section: LocatedSection, term: String, id: String) -> ([PriorityArea], [Goal]) {
        var named: [(name: String, evidence: Evidence)] = []
        func add(_ name: String, _ evidence: Evidence) {
            if !name.isEmpty, !named.contains(where: { Text.fold($0.name) == Text.fold(name) }) { named.append((name, evidence)) }
        }
        if section.hasListOrTable {
            for item in section.items() { add(Self.nameAndDetail(item).0, item.evidence) }
        }
        let subsections = section.subsections
        for sub in subsections where !isGoalHeading(sub.heading) && !isSubareaHeading(sub.heading) {
            add(Words.clean(sub.heading), sub.evidence)
        }
        if named.isEmpty {
            for item in section.items() { add(Self.nameAndDetail(item).0, item.evidence) }
        }

        var placed: [String: [Goal]] = [:]
        var loose: [Goal] = []
        var subareas: [String: [PriorityArea]] = [:]
        for area in named {
            guard let index = subsections.firstIndex(where: { Text.fold(Words.clean($0.heading)) == Text.fold(area.name) }) else { continue }
            let following = subsections[(index + 1)...].prefix { isGoalHeading($0.heading) || isSubareaHeading($0.heading) }
            let scope = [subsections[index]] + following
            let areaID = Slug.child(id, "area", area.name)
            subareas[area.name] = readSubareas(in: scope, areaID: areaID)
            for (explicitArea, goal) in readGoals(in: scope, id: id) {
                if let explicitArea, let other = named.first(where: { Text.fold($0.name) == Text.fold(explicitArea) }) {
                    placed[other.name, default: []].append(goal)
                } else {
                    placed[area.name, default: []].append(goal)
                }
            }
        }
        // Goal sections directly under the areas section, outside any area.
        let areaScoped = Set(named.compactMap { area in subsections.firstIndex { Text.fold(Words.clean($0.heading)) == Text.fold(area.name) } })
        var inArea = false
        for (index, sub) in subsections.enumerated() {
            if areaScoped.contains(index) { inArea = true; continue }
            if !isGoalHeading(sub.heading), !isSubareaHeading(sub.heading) { inArea = false; continue }
            if inArea { continue }
            for (explicitArea, goal) in readGoals(in: [sub], id: id) {
                if let explicitArea, let area = named.first(where: { Text.fold($0.name) == Text.fold(explicitArea) }) {
                    placed[area.name, default: []].append(goal)
                } else {
                    loose.append(goal)
                }
            }
        }
        let areas = named.map { area in
            PriorityArea(
                id: Slug.child(id, "area", area.name), name: area.name, term: term,
                subareas: subareas[area.name] ?? [], goals: placed[area.name] ?? [], evidence: area.evidence
            )
        }
        return (areas, loose)
    }

    /// Utvecklingsområden: a section headed so, or a line "Utvecklingsområden: A, B".
    func readSubareas(in scope: [LocatedSection], areaID: String) -> [PriorityArea] {
        var result: [PriorityArea] = []
        func add(_ name: String, _ evidence: Evidence) {
            guard !name.isEmpty, !result.contains(where: { Text.fold($0.name) == Text.fold(name) }) else { return }
            result.append(PriorityArea(id: Slug.child(areaID, name), name: name, term: Cue.subarea.term, evidence: evidence))
        }
        for section in scope {
            for node in section.nodes() {
                if isSubareaHeading(node.heading), !isGoalHeading(node.heading) {
                    for item in node.located.items() { add(Self.nameAndDetail(item).0, item.evidence) }
                }
                for block in node.located.section.blocks {
                    guard case let .paragraph(p) = block, let m = Words.match(Cue.subareaLine, in: p.text) else { continue }
                    for name in Words.split(m[1]) { add(name, node.located.document.evidence(at: p.locator, excerpt: name)) }
                }
            }
        }
        return result
    }

    /// Goals with their delmål: sections headed "Mål: X" (delmål listed below), or sections
    /// headed with "mål" listing goals with nested delmål, or a table with a goal column and a
    /// delmål column (delmål separated by "; ") and perhaps an area column.
    func readGoals(in scope: [LocatedSection], id: String) -> [(area: String?, goal: Goal)] {
        var result: [(area: String?, goal: Goal)] = []
        func add(_ area: String?, _ title: String, _ evidence: Evidence, _ subGoals: [(String, Evidence)]) {
            guard !title.isEmpty, !result.contains(where: { Text.fold($0.goal.title) == Text.fold(title) }) else { return }
            let goalID = Slug.child(id, "goal", title)
            var seen = Set<String>()
            let subs = subGoals.filter { !$0.0.isEmpty && seen.insert(Text.fold($0.0)).inserted }.map { sub in
                Goal(id: Slug.child(goalID, sub.0), title: sub.0, evidence: sub.1)
            }
            result.append((area, Goal(id: goalID, title: title, subGoals: subs, evidence: evidence)))
        }
        for section in scope {
            for node in section.nodes() where isGoalHeading(node.heading) {
                let located = node.located
                if let m = Words.match(Cue.goalHeading, in: node.heading) {
                    add(nil, Words.clean(m[1]), located.evidence, located.items().map { (Self.nameAndDetail($0).0, $0.evidence) })
                    continue
                }
                guard Words.hasWord(node.heading, Cue.goal), located.hasListOrTable else { continue }
                for item in located.items(column: Cue.goal[0]) {
                    let title = Words.clean(item.text)
                    if item.cells.isEmpty {
                        add(nil, title, item.evidence, item.children.map { (Words.clean($0.text), $0.evidence) })
                    } else {
                        let evidence = located.document.evidence(at: item.evidence.locator, excerpt: title)
                        let subColumn = item.cells.keys.first { Text.containsWord($0, Cue.subGoal) }
                        let areaColumn = item.cells.keys.first { Words.has($0, Cue.areaColumn) }
                        let subs = subColumn.flatMap { item.cells[$0] }.map { Words.split($0) } ?? []
                        add(
                            areaColumn.flatMap { item.cells[$0] }.map(Words.clean), title, evidence,
                            subs.map { ($0, located.document.evidence(at: item.evidence.locator, excerpt: $0)) }
                        )
                    }
                }
            }
        }
        return result
    }

    /// Goal labels of a funding chart on a follow-up document (the labels between the amounts
    /// and "… fördelat mellan RUS-mål"), other than those already read with their area: goals
    /// of the strategy whose area the document does not say.
    func goalLabels(in pages: [SourceDocument], id: String, known: [String]) -> [Goal] {
        var seen = Set(known.map(Text.fold))
        var result: [Goal] = []
        for page in pages {
            for label in AmountRun.all(in: page).flatMap(\.goalLabels) {
                guard seen.insert(Text.fold(label.value)).inserted else { continue }
                result.append(Goal(id: Slug.child(id, "goal", label.value), title: label.value, evidence: label.evidence))
            }
        }
        return result
    }

    // MARK: Smart specialisation

    func specialisationAreas(in scopes: [LocatedSection], statements: [Located<String>], id: String) -> [NamedItem] {
        var result: [NamedItem] = []
        func add(_ name: String, _ detail: String?, _ evidence: Evidence) {
            guard !name.isEmpty, !result.contains(where: { Text.fold($0.name) == Text.fold(name) }) else { return }
            result.append(NamedItem(id: Slug.child(id, "specialisation", name), name: name, description: detail, evidence: evidence))
        }
        for scope in scopes {
            for node in scope.nodes(skipping: skipForOwnFacts) where Words.hasWord(node.heading, Cue.specialisation) {
                for item in node.located.items() {
                    let (name, detail) = Self.nameAndDetail(item)
                    add(name, detail, item.evidence)
                }
            }
        }
        if result.isEmpty {
            // "… pekar ut tre spetsområden: Smart industri, Tech och Missions."
            for statement in statements {
                guard let m = Words.match(Cue.specialisationLine, in: statement.value) else { continue }
                for name in Words.split(m[1]) { add(name, nil, statement.evidence) }
            }
        }
        return result
    }

    // MARK: Follow-up

    /// The report the strategy is followed up in (”Hur går det för Blekinge?”), the steps of
    /// the follow-up cycle and the exercises of the learning day, from the follow-up documents,
    /// else from the strategy's own pages.
    ///
    /// A deck gives the steps as slide titles ("Q1 Kartbilder" … "Q4 Lärandedag"; a bracketed
    /// qualifier is the description), a step's date in a line of its slide that names the step
    /// ("Projektdagen 11 sep 2024"), and the exercises as lines "Övning 2022: …". A page's summary
    /// list of the steps (a section headed "… i fyra steg") adds the steps no deck gives.
    func followUp(pages: [SourceDocument], statements: [Located<String>], id: String) -> [FollowUpActivity] {
        var result: [FollowUpActivity] = []
        func add(_ name: String, _ description: String?, _ date: PartialDate?, _ evidence: Evidence) {
            guard !name.isEmpty, !result.contains(where: { Text.fold($0.name) == Text.fold(name) }) else { return }
            result.append(FollowUpActivity(id: Slug.child(id, "follow-up", name), name: name, description: description, date: date, evidence: evidence))
        }
        let all = pages.flatMap(\.passages).flatMap(\.statements) + statements
        for statement in all where Words.has(statement.value, Cue.report) {
            guard let name = Words.quoted(in: statement.value) else { continue }
            let block = all.filter { $0.evidence.locator == statement.evidence.locator && $0.evidence.sourceURL == statement.evidence.sourceURL }
            add(name, block.map(\.value).joined(separator: " "), nil, statement.evidence)
        }
        let steps = pages.flatMap(\.sections).filter { Words.match(Cue.stepTitle, in: $0.heading) != nil }
        for step in steps {
            var name = Words.clean(step.heading)
            var qualifier: String?
            if let m = Words.match(Cue.qualifier, in: name) { (name, qualifier) = (Words.clean(m[1]), Words.clean(m[2])) }
            add(name, qualifier, date(of: step, named: [name] + (qualifier.map { [$0] } ?? [])), step.evidence)
        }
        for step in steps {
            for unit in step.units where Words.match(Cue.exerciseLine, in: unit.text) != nil {
                let item = TextItem(text: unit.text, emphasis: nil, links: [], evidence: unit.evidence, children: [])
                let (name, detail) = Self.nameAndDetail(item)
                add(name, detail, Words.date(in: Words.clean(unit.text)), unit.evidence)
            }
        }
        for page in pages {
            for section in page.sections where Words.hasWord(section.heading, Cue.followUpSteps) {
                for item in section.items() {
                    let (name, detail) = Self.nameAndDetail(item)
                    add(name, detail, Words.date(in: Words.clean(item.text)), item.evidence)
                }
            }
        }
        return result
    }

    /// The date of a step: a full date (day, month and year) in a line of its own section that
    /// names the step by a word of its title ("Projektdagen 11 sep 2024" on "Q2 Kapacitetsdag
    /// (projektdag)"). Dates without a day, as in a file path on the slide, are not taken.
    func date(of step: LocatedSection, named names: [String]) -> PartialDate? {
        let words = names.flatMap { $0.split(separator: " ").map(String.init) }.filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) }
        for line in step.units.flatMap(\.lines) where words.contains(where: { Text.containsWord(line, $0) }) {
            if let date = SwedishDate.all(in: line).map(\.date).first(where: { $0.year != nil && $0.month != nil && $0.day != nil }) {
                return date
            }
        }
        return nil
    }

    // MARK: Documents

    /// PDF links on the strategy's own pages (not in sections about an earlier strategy or a
    /// project): "Växtplats Blekinge – regional utvecklingsstrategi (pdf)".
    func pdfLinks(in pages: [SourceDocument]) -> [DocumentLink] {
        var result: [DocumentLink] = []
        for page in pages {
            guard let root = page.rootSection else { continue }
            for link in root.links(skipping: skipForOwnFacts) {
                let isPDF = link.url.lowercased().hasSuffix(".pdf") || Words.has(link.text, "(pdf)")
                guard isPDF, !result.contains(where: { $0.url == link.url }) else { continue }
                var title = link.text
                if let m = Words.match(#"\s*\(pdf[^)]*\)\s*$"#, in: title), let r = title.range(of: m[0], options: .backwards) {
                    title = String(title[..<r.lowerBound])
                }
                result.append(DocumentLink(title: Words.clean(title), url: link.url, evidence: page.evidence(at: link.locator, excerpt: link.text)))
            }
        }
        return result
    }
}
