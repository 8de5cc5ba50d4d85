import Documents
import Foundation
import RegionSupport
import StrategyModel

/// Reads one strategy version from its group of pages.
struct StrategyReader {
    let regionID: String
    let group: PageGroup
    let title: Located<String>
    /// The name before the dash of the title ("Ett Västernorrland", "Framtid Västernorrland!").
    let shortName: String
    let id: String

    /// `nil` when the pages name no strategy title (a news article alone, say).
    init?(regionID: String, group: PageGroup) {
        guard let title = group.title ?? Self.titleFromDocuments(group) else { return nil }
        self.regionID = regionID
        self.group = group
        self.title = title
        shortName = Self.shortName(of: title.value)
        id = Slug.id(regionID, shortName)
    }

    /// Without the strategy's own page, the title of its main document as a page links it
    /// ("Regionala utvecklingsstrategin (RUS) för Västernorrlands län 2011-2020").
    private static func titleFromDocuments(_ group: PageGroup) -> Located<String>? {
        for document in group.pages {
            for link in document.links where link.isPDF {
                let title = link.documentTitle
                guard DocumentKind(title) == .main, Text.fold(title).contains("strategi"),
                      SwedishPeriod.ranges(in: title).first == group.period else { continue }
                return Located(title, document.evidence(at: link.locator, excerpt: link.text))
            }
        }
        return nil
    }

    static func shortName(of title: String) -> String {
        for separator in [" – ", " — ", " - "] {
            if let range = title.range(of: separator) { return String(title[..<range.lowerBound]) }
        }
        return title
    }

    var pages: [SourceDocument] { group.pages }

    func strategy() -> Strategy {
        let milestones = milestones()
        return Strategy(
            id: id,
            kind: .regionalDevelopment,
            title: title.fact,
            alternativeNames: alternativeNames(),
            period: Located(group.period, title.evidence).fact,
            status: status(milestones),
            milestones: milestones,
            vision: vision(),
            motto: motto(),
            areas: areas(),
            goals: goals(),
            perspectives: perspectives(),
            specialisationAreas: specialisationAreas(),
            actionPlans: actionPlans(),
            followUp: followUp(),
            frameworks: FrameworkDetector.references(in: pages),
            documents: documents()
        )
    }

    // MARK: Names

    /// Names the strategy also goes by: the title of an English edition (”Futur Västernorrland”).
    func alternativeNames() -> [Fact<String>] {
        var result: [Fact<String>] = []
        for document in pages {
            for sentence in document.passages.flatMap(\.sentences)
            where ["engelsk", "english"].contains(where: { Text.containsWord(sentence.value, $0) }) {
                guard let name = Reading.quoted(in: sentence.value), name != title.value,
                      !result.contains(where: { $0.value == name }) else { continue }
                result.append(Fact(name, evidence: sentence.evidence))
            }
        }
        return result
    }

    /// The vision: the quoted phrase of a sentence about the vision.
    func vision() -> Fact<String>? {
        for document in pages {
            for sentence in document.passages.flatMap(\.sentences) where Text.containsWord(sentence.value, "vision") {
                if let vision = Reading.quoted(in: sentence.value) { return Fact(vision, evidence: sentence.evidence) }
            }
        }
        return nil
    }

    /// The motto: a short verbless phrase opening the strategy page's lead ("Handlingskraft,
    /// livskraft och naturkraft."), or the quoted sub-title of a sentence about it.
    func motto() -> Fact<String>? {
        let verbs: Set<String> = ["är", "var", "har", "hade", "blir", "ska", "kan", "finns", "gäller", "innehåller", "antog", "ersätter"]
        for document in group.ownPages {
            guard let lead = document.topSection?.section.blocks.first,
                  case let .paragraph(paragraph) = lead,
                  let first = Text.sentences(paragraph.text).first else { continue }
            let words = Reading.words(first)
            guard (2...8).contains(words.count), !words.contains(where: verbs.contains),
                  !words.contains(where: { $0.contains(where: \.isNumber) }),
                  !Text.fold(first).hasPrefix(Text.fold(shortName)) else { continue }
            return Fact(Text.unquote(first), evidence: document.evidence(at: paragraph.locator, excerpt: first))
        }
        for document in pages {
            for sentence in document.passages.flatMap(\.sentences)
            where ["undertitel", "motto", "devis", "ledord"].contains(where: { Text.containsWord(sentence.value, $0) }) {
                if let motto = Reading.quoted(in: sentence.value) { return Fact(motto, evidence: sentence.evidence) }
            }
        }
        return nil
    }

    // MARK: Milestones

    func milestones() -> [Milestone] {
        var result: [Milestone] = []
        func add(_ milestone: Milestone) {
            guard let index = result.firstIndex(where: { $0.kind == milestone.kind }) else {
                result.append(milestone)
                return
            }
            // Combine: a later page may give the date or the body an earlier one lacked.
            var known = result[index]
            if known.date == nil, milestone.date != nil {
                known = Milestone(kind: known.kind, date: milestone.date, endDate: milestone.endDate ?? known.endDate,
                                  body: known.body ?? milestone.body, evidence: milestone.evidence)
            } else if known.body == nil, let body = milestone.body {
                known.body = body
            }
            result[index] = known
        }
        for document in pages {
            if let consultation = consultation(in: document) { add(consultation) }
            decisions(in: document).forEach(add)
            responsibility(in: document).forEach(add)
            superseded(in: document).forEach(add)
        }
        return result.enumerated().sorted { a, b in
            switch (a.element.date, b.element.date) {
            case let (x?, y?): return x == y ? a.offset < b.offset : x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// The consultation (remiss): its start and end, from a passage about the remiss with dates.
    /// With two dates the first is the start and the last the end; a single date is the end when
    /// "till" comes right before it, else the start.
    func consultation(in document: SourceDocument) -> Milestone? {
        var start: PartialDate?, end: PartialDate?, evidence: Evidence?
        for passage in document.passages where Text.containsWord(passage.text, "remiss") {
            let dates = SwedishDate.all(in: passage.text)
            guard !dates.isEmpty else { continue }
            var passageStart: PartialDate?, passageEnd: PartialDate?
            if dates.count >= 2 {
                passageStart = dates.first?.date
                passageEnd = dates.last?.date
            } else if let only = dates.first {
                let before = Text.fold(String(passage.text[..<only.range.lowerBound]).suffix(16).description)
                if before.contains("till") { passageEnd = only.date } else { passageStart = only.date }
            }
            if start == nil, let passageStart { start = passageStart }
            if end == nil, let passageEnd { end = passageEnd }
            if evidence == nil { evidence = passage.evidence() }
            if start != nil, end != nil { break }
        }
        guard let evidence, start != nil || end != nil else { return nil }
        return Milestone(kind: .consultation, date: start, endDate: end, evidence: evidence)
    }

    private static let decision = try! NSRegularExpression(
        pattern: #"^(\p{Lu}[\p{L} ]{0,60}?)\s+(?:har\s+|hade\s+)?(antog|antagit|godkände|godkänt|fastställde|fastställt)\s+(.+)$"#
    )

    /// Adoption and approval: "Regionfullmäktige antog strategin i februari 2020", "Länets
    /// partnerskap godkände strategin den 1 december 2011". The body is the sentence's subject;
    /// the object must be this strategy.
    func decisions(in document: SourceDocument) -> [Milestone] {
        var result: [Milestone] = []
        for sentence in document.passages.flatMap(\.sentences) {
            let text = sentence.value
            let ns = text as NSString
            guard let match = Self.decision.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { continue }
            let subject = ns.substring(with: match.range(at: 1)).trimmingCharacters(in: .whitespaces)
            let verb = ns.substring(with: match.range(at: 2))
            let object = ns.substring(with: match.range(at: 3))
            let foldedObject = Text.fold(object)
            guard subject.split(separator: " ").count <= 4,
                  ["strategin", "utvecklingsstrategin", "den regionala utvecklingsstrategin", Text.fold(shortName)]
                    .contains(where: { foldedObject.hasPrefix($0) }) else { continue }
            let kind: Milestone.Kind = verb.hasPrefix("ant") || verb.hasPrefix("fast") ? .adopted : .approved
            result.append(Milestone(kind: kind, date: SwedishDate.first(in: object), body: subject, evidence: sentence.evidence))
        }
        return result
    }

    private static let transfer = try! NSRegularExpression(
        pattern: #"från och med (?:år )?((?:19|20)\d{2}) är (.+?) ansvarig"#, options: [.caseInsensitive]
    )

    /// "Från och med 2017 är Landstinget Västernorrland ansvarigt för …".
    func responsibility(in document: SourceDocument) -> [Milestone] {
        document.passages.flatMap(\.sentences).compactMap { sentence in
            let ns = sentence.value as NSString
            guard let match = Self.transfer.firstMatch(in: sentence.value, range: NSRange(location: 0, length: ns.length)) else { return nil }
            let year = Int(ns.substring(with: match.range(at: 1)))
            return Milestone(
                kind: .responsibilityTransferred, date: PartialDate(year: year),
                body: ns.substring(with: match.range(at: 2)), evidence: sentence.evidence
            )
        }
    }

    /// "Framtid Västernorrland! har ersatts av Ett Västernorrland – … 2020–2030": dated by the
    /// start of the successor's period.
    func superseded(in document: SourceDocument) -> [Milestone] {
        document.passages.flatMap(\.sentences).compactMap { sentence in
            let folded = Text.fold(sentence.value)
            guard let range = folded.range(of: "ersatts av") ?? folded.range(of: "ersatt av") else { return nil }
            let subject = String(folded[..<range.lowerBound])
            guard subject.hasPrefix(Text.fold(shortName)) || subject.hasPrefix("strategin") else { return nil }
            let successor = String(folded[range.upperBound...])
            let date = SwedishPeriod.ranges(in: successor).first?.startYear.flatMap { PartialDate(year: $0) }
            return Milestone(kind: .superseded, date: date, evidence: sentence.evidence)
        }
    }

    func status(_ milestones: [Milestone]) -> Fact<StrategyStatus>? {
        for (kind, status) in [(Milestone.Kind.superseded, StrategyStatus.superseded), (.adopted, .adopted), (.consultation, .consultation)] {
            if let milestone = milestones.first(where: { $0.kind == kind }) { return Fact(status, evidence: milestone.evidence) }
        }
        return nil
    }

    // MARK: Areas and goals

    /// Heading words for priority areas, each with the term it stands for.
    static let areaTerms: [(heading: String, term: String)] = [
        ("fokusområde", "fokusområde"), ("insatsområde", "insatsområde"), ("målområde", "målområde"),
        ("strategiska områden", "strategiskt område"), ("strategiskt område", "strategiskt område"),
        ("utvecklingsområde", "utvecklingsområde"),
    ]

    func areas() -> [PriorityArea] {
        var result: [PriorityArea] = []
        for document in pages {
            for (heading, term) in Self.areaTerms {
                guard let section = document.sections(headed: [heading]).first(where: { !$0.items().isEmpty }) else { continue }
                for item in section.items() {
                    let areaID = Slug.child(id, "area", item.name)
                    guard !result.contains(where: { $0.id == areaID }) else { continue }
                    result.append(PriorityArea(
                        id: areaID, name: item.name, term: term,
                        priorities: item.children.map { priority(of: $0, under: areaID) },
                        evidence: item.evidence
                    ))
                }
            }
        }
        return result
    }

    private static let goalHeading = try! NSRegularExpression(
        pattern: #"^\s*(?:mål|m)\s*(\d+)\s*[:.–—-]?\s*(.*)$"#, options: [.caseInsensitive]
    )

    /// "Mål 1: År 2030 har …" → ("1", "År 2030 har …").
    static func splitGoal(_ text: String) -> (code: String, title: String)? {
        let ns = text as NSString
        guard let match = goalHeading.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (ns.substring(with: match.range(at: 1)), ns.substring(with: match.range(at: 2)).trimmingCharacters(in: .whitespaces))
    }

    /// Goals (the strategy's top level here): headings "Mål 1: …" with their priorities listed
    /// below, or the rows of a table under a heading about goals (column "Mål", priorities as a
    /// list in a cell), or the items listed under such a heading.
    func goals() -> [Goal] {
        var result: [Goal] = []
        func add(_ goal: Goal) {
            if !result.contains(where: { $0.id == goal.id }) { result.append(goal) }
        }
        for document in pages {
            let headed = document.sections.filter { section in
                section.section.level > 0 && Self.splitGoal(section.heading).map { !$0.title.isEmpty } == true
            }
            if !headed.isEmpty {
                for section in headed {
                    guard let (code, goalTitle) = Self.splitGoal(section.heading) else { continue }
                    add(goal(code: code, title: goalTitle, priorities: section.items(), evidence: section.evidence))
                }
                continue
            }
            guard let section = document.sections(headed: ["mål"]).first(where: { !$0.items(column: "mål").isEmpty }) else { continue }
            for item in section.items(column: "mål") {
                if item.cells.isEmpty, let (code, goalTitle) = Self.splitGoal(item.text), !goalTitle.isEmpty {
                    add(goal(code: code, title: goalTitle, priorities: item.children, evidence: item.evidence))
                } else {
                    // The number column: a cell that is only "Mål 1", "M1" or "1".
                    let cells = item.cells.sorted { $0.key < $1.key }.map { $0.value.trimmingCharacters(in: .whitespaces) }
                    let code = cells.lazy.compactMap { cell in Self.splitGoal(cell).flatMap { $0.title.isEmpty ? $0.code : nil } }.first
                        ?? cells.first { Int($0) != nil }
                    add(goal(code: code, title: item.text, priorities: item.children, evidence: item.evidence))
                }
            }
        }
        return result
    }

    private func goal(code: String?, title: String, priorities: [TextItem], evidence: Evidence) -> Goal {
        let goalID = Slug.child(id, "goal", code ?? title)
        return Goal(
            id: goalID, code: code, title: title,
            priorities: priorities.map { priority(of: $0, under: goalID) },
            evidence: evidence
        )
    }

    private func priority(of item: TextItem, under parent: String) -> NamedItem {
        NamedItem(id: Slug.child(parent, "priority", item.text), name: Text.unquote(item.text), evidence: item.evidence)
    }

    /// Horizontal perspectives: items under a heading about perspectives, or sentences there
    /// ("Hållbarhet är ett horisontellt perspektiv …", named by their subject).
    func perspectives() -> [NamedItem] {
        var result: [NamedItem] = []
        for document in pages {
            // A heading about perspectives is short ("Övergripande perspektiv"); a long one that
            // merely ends in the word (a goal "… i ett globalt perspektiv") is not.
            for section in document.sections(headed: ["perspektiv", "förhållningssätt", "horisontell"])
            where section.heading.split(separator: " ").count <= 4 {
                let items = section.items()
                if !items.isEmpty {
                    for item in items where !result.contains(where: { $0.name == item.name }) {
                        result.append(NamedItem(id: Slug.child(id, "perspective", item.name), name: item.name, description: item.detail, evidence: item.evidence))
                    }
                    continue
                }
                for sentence in section.sentences(containing: ["perspektiv", "förhållningssätt", "horisontell"]) {
                    guard let range = sentence.value.range(of: " är ") else { continue }
                    let name = String(sentence.value[..<range.lowerBound])
                    guard name.split(separator: " ").count <= 4, !result.contains(where: { $0.name == name }) else { continue }
                    result.append(NamedItem(id: Slug.child(id, "perspective", name), name: name, description: sentence.value, evidence: sentence.evidence))
                }
            }
        }
        return result
    }

    // MARK: Smart specialisation

    /// Smart specialisation areas: the list a sentence about the S3 priorities introduces
    /// ("Västernorrlands prioriteringar på EU:s S3-plattform omfattar bland annat:"), or the
    /// enumeration in such a sentence. The sentence's subject is each area's description.
    func specialisationAreas() -> [NamedItem] {
        var result: [NamedItem] = []
        func add(_ name: String, description: String?, evidence: Evidence) {
            let itemID = Slug.child(id, "s3", name)
            guard !name.isEmpty, !result.contains(where: { $0.id == itemID }) else { return }
            result.append(NamedItem(id: itemID, name: name, description: description, evidence: evidence))
        }
        let cues = ["s3", "spetsområde", "prioriteringar", "prioriterade"]
        for document in pages {
            for section in document.sections(headed: ["smart specialisering", "specialisering", "s3"]) {
                let blocks = section.section.blocks
                for (index, block) in blocks.enumerated() {
                    guard case let .paragraph(paragraph) = block else { continue }
                    for sentence in Text.sentences(paragraph.text) {
                        let folded = Text.fold(sentence)
                        guard cues.contains(where: { Reading.words(sentence).contains($0) || folded.contains($0 + "-") }) else { continue }
                        let lead = Self.leadIn(sentence)
                        if sentence.hasSuffix(":"), index + 1 < blocks.count, case let .list(list) = blocks[index + 1] {
                            for item in list.items {
                                add(Text.unquote(item.text), description: lead.subject,
                                    evidence: document.evidence(at: item.locator, excerpt: item.text))
                            }
                        } else if let rest = lead.rest {
                            for name in Reading.enumeration(rest) {
                                add(name, description: lead.subject, evidence: document.evidence(at: paragraph.locator, excerpt: sentence))
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Splits "X omfattar bland annat a, b och c." into ("X", "a, b och c"); `rest` is `nil`
    /// when the sentence introduces no enumeration.
    static func leadIn(_ sentence: String) -> (subject: String?, rest: String?) {
        for verb in [" omfattar ", " inkluderar ", " innefattar ", " är "] {
            guard let range = sentence.range(of: verb) else { continue }
            let subject = String(sentence[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            var rest = String(sentence[range.upperBound...])
            for filler in ["bland annat ", "till exempel ", "bl.a. ", "t.ex. "] where rest.hasPrefix(filler) {
                rest = String(rest.dropFirst(filler.count))
            }
            rest = rest.trimmingCharacters(in: CharacterSet(charactersIn: " .:"))
            let enumerates = rest.contains(", ") || rest.contains(" och ")
            return (subject, enumerates && verb != " är " ? rest : nil)
        }
        return (nil, nil)
    }

    // MARK: Action plans, follow-up, documents

    /// Action plans: the areas listed under a heading about handlingsplaner, each with the PDF
    /// whose title has all the area's words ("energi och klimat" ↔ "Handlingsplan klimat och
    /// energi.pdf"). A PDF that fits several areas is given to none.
    func actionPlans() -> [ActionPlan] {
        var plans: [ActionPlan] = []
        for document in pages {
            guard let section = document.sections(headed: ["handlingsplan", "handlingsprogram"]).first(where: { !$0.items().isEmpty }) else { continue }
            for item in section.items() {
                let planID = Slug.child(id, "action-plan", item.name)
                guard !plans.contains(where: { $0.id == planID }) else { continue }
                plans.append(ActionPlan(id: planID, title: item.name, evidence: item.evidence))
            }
        }
        let candidates: [(SourceDocument, Link)] = pages.flatMap { document in
            document.links.filter { $0.isPDF && DocumentKind($0.documentTitle) == .actionPlan }.map { (document, $0) }
        }
        let matches = candidates.map { candidate in plans.indices.filter { Self.fits(plans[$0].title, candidate.1.text) } }
        for (candidate, planIndices) in zip(candidates, matches) where planIndices.count == 1 {
            let (document, link) = candidate
            let plan = planIndices[0]
            guard !plans[plan].documents.contains(where: { $0.url == link.url }) else { continue }
            plans[plan].documents.append(DocumentLink(
                title: link.documentTitle, url: link.url, evidence: document.evidence(at: link.locator, excerpt: link.text)
            ))
        }
        return plans
    }

    /// Whether every content word of an area name is a word of the document title (a word may be
    /// an inflected form of the other, sharing at least six letters).
    static func fits(_ area: String, _ documentTitle: String) -> Bool {
        let fillers: Set<String> = ["och", "för", "av", "i", "med", "samt", "inom", "om", "till"]
        let wanted = Reading.words(area).filter { !fillers.contains($0) }
        let have = Reading.words(documentTitle)
        guard !wanted.isEmpty else { return false }
        return wanted.allSatisfy { word in
            have.contains { $0 == word || (min($0.count, word.count) >= 6 && ($0.hasPrefix(word) || word.hasPrefix($0))) }
        }
    }

    /// Follow-up: documents and sentences about a follow-up (uppföljning), one activity per kind
    /// ("halvtidsuppföljning").
    func followUp() -> [FollowUpActivity] {
        var result: [FollowUpActivity] = []
        var kinds: [String] = []
        func kind(of text: String) -> String? { Reading.words(text).first { $0.contains("uppföljning") } }
        var sentences: [Located<String>] = []
        for document in pages {
            for section in document.sections(headed: ["uppföljning", "halvtidsuppföljning"]) {
                sentences += section.sentences(containing: ["uppföljning", "halvtidsuppföljning"])
            }
        }
        for document in pages {
            for link in document.links where link.isPDF {
                let title = link.documentTitle
                guard DocumentKind(title) == .followUp, let word = kind(of: title), !kinds.contains(word) else { continue }
                kinds.append(word)
                let description = sentences.first { kind(of: $0.value) == word }?.value
                result.append(FollowUpActivity(
                    id: Slug.child(id, "follow-up", word), name: title, description: description,
                    evidence: document.evidence(at: link.locator, excerpt: link.text)
                ))
            }
        }
        for sentence in sentences {
            guard let word = kind(of: sentence.value), !kinds.contains(word) else { continue }
            kinds.append(word)
            result.append(FollowUpActivity(
                id: Slug.child(id, "follow-up", word), name: word.prefix(1).uppercased() + word.dropFirst(),
                description: sentence.value, evidence: sentence.evidence
            ))
        }
        return result
    }

    /// The strategy's own documents: its PDFs other than action plans and follow-ups. Pages
    /// are read in order; a kind of document (the strategy, a short version, an English
    /// edition, an analysis appendix) that an earlier page already gave is not taken again
    /// from another page.
    func documents() -> [DocumentLink] {
        var result: [DocumentLink] = []
        var kindsSeen: Set<DocumentKind> = []
        for document in pages {
            var kindsHere: Set<DocumentKind> = []
            for link in document.links where link.isPDF {
                let title = link.documentTitle
                let kind = DocumentKind(title)
                guard kind != .actionPlan, kind != .followUp, !kindsSeen.contains(kind),
                      !result.contains(where: { $0.url == link.url }) else { continue }
                kindsHere.insert(kind)
                result.append(DocumentLink(title: title, url: link.url, evidence: document.evidence(at: link.locator, excerpt: link.text)))
            }
            kindsSeen.formUnion(kindsHere)
        }
        return result
    }
}

/// What a linked document is, by the words of its title.
enum DocumentKind: Hashable {
    case main, shortVersion, english, analysis, actionPlan, followUp

    init(_ title: String) {
        let folded = Text.fold(title)
        if folded.contains("handlingsplan") || folded.contains("handlingsprogram") {
            self = .actionPlan
        } else if folded.contains("uppföljning") {
            self = .followUp
        } else if folded.contains("kortversion") || folded.contains("sammanfattning") {
            self = .shortVersion
        } else if folded.contains("engelsk") || folded.contains("english") {
            self = .english
        } else if folded.contains("analys") || folded.contains("kunskapsunderlag") {
            self = .analysis
        } else {
            self = .main
        }
    }
}
