/// One version of a region's strategy, e.g. "Växtplats Blekinge" (to 2030) or its predecessor
/// "Attraktiva Blekinge" (2014–2020).
public struct Strategy: Codable, Sendable, Hashable, Identifiable {
    /// What kind of strategy this is.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// A regional development strategy (regional utvecklingsstrategi, RUS).
        case regionalDevelopment = "regional-development"
        /// A strategy for smart specialisation (S3), often a companion to the RUS.
        case smartSpecialisation = "smart-specialisation"
    }

    /// Stable id, `<region>.<slug of the short name>`.
    public var id: String
    /// A regional development strategy or a smart specialisation strategy.
    public var kind: Kind
    /// The strategy's title as published ("Växtplats Blekinge").
    public var title: Fact<String>
    /// A shorter name the region also uses ("Blekingestrategin"), if the documents give one.
    public var alternativeNames: [Fact<String>]
    /// The years it covers; `nil` when the documents do not say.
    public var period: Fact<Period>?
    /// Where it stands (draft, consultation, adopted, …); `nil` when the documents do not say.
    public var status: Fact<StrategyStatus>?
    /// Consultation, adoption, updates and publication, in date order.
    public var milestones: [Milestone]
    /// The vision (vision, målbild) in the strategy's own words; `nil` if none is found.
    public var vision: Fact<String>?
    /// A motto or sub-title ("Vi blir det vi gör – tillsammans").
    public var motto: Fact<String>?
    /// Priority areas at any depth, in document order.
    public var areas: [PriorityArea]
    /// Goals the documents do not place under an area (the area is unknown, not absent).
    public var goals: [Goal]
    /// Horizontal perspectives, approaches (förhållningssätt) that run through the strategy.
    public var perspectives: [NamedItem]
    /// Smart specialisation areas (spetsområden, styrkeområden).
    public var specialisationAreas: [NamedItem]
    /// Action plans and programmes (handlingsplaner, handlingsprogram) that carry it out.
    public var actionPlans: [ActionPlan]
    /// How it is followed up (uppföljning): reports, indicator sets, learning days.
    public var followUp: [FollowUpActivity]
    /// Frameworks it refers to (Agenda 2030, the national strategy, EU cohesion policy, …).
    public var frameworks: [FrameworkReference]
    /// Documents of the strategy itself (the PDF, a short version, an English edition).
    public var documents: [DocumentLink]

    /// Creates a strategy version; leave out what the documents do not say.
    public init(
        id: String, kind: Kind = .regionalDevelopment, title: Fact<String>, alternativeNames: [Fact<String>] = [],
        period: Fact<Period>? = nil, status: Fact<StrategyStatus>? = nil, milestones: [Milestone] = [],
        vision: Fact<String>? = nil, motto: Fact<String>? = nil, areas: [PriorityArea] = [], goals: [Goal] = [],
        perspectives: [NamedItem] = [], specialisationAreas: [NamedItem] = [], actionPlans: [ActionPlan] = [],
        followUp: [FollowUpActivity] = [], frameworks: [FrameworkReference] = [], documents: [DocumentLink] = []
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.alternativeNames = alternativeNames
        self.period = period
        self.status = status
        self.milestones = milestones
        self.vision = vision
        self.motto = motto
        self.areas = areas
        self.goals = goals
        self.perspectives = perspectives
        self.specialisationAreas = specialisationAreas
        self.actionPlans = actionPlans
        self.followUp = followUp
        self.frameworks = frameworks
        self.documents = documents
    }

    /// Every goal of the strategy: those under areas (depth first) and the unplaced ones.
    public var allGoals: [Goal] {
        func collect(_ area: PriorityArea) -> [Goal] { area.goals + area.subareas.flatMap(collect) }
        return areas.flatMap(collect) + goals
    }

    /// The milestone of the given kind, if the documents name one.
    public func milestone(_ kind: Milestone.Kind) -> Milestone? {
        milestones.first { $0.kind == kind }
    }
}

/// Where a strategy stands.
public enum StrategyStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// Being written, not yet out for consultation (utkast).
    case draft
    /// Out for consultation (på remiss, remissversion).
    case consultation
    /// Adopted (antagen, fastställd) and in force.
    case adopted
    /// In force, while a revision or a successor is being prepared.
    case underRevision = "under-revision"
    /// Replaced by a later strategy.
    case superseded
}

/// A dated step in a strategy's life: a consultation, an adoption, an update.
public struct Milestone: Codable, Sendable, Hashable {
    /// What happened at a milestone.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// Work on the strategy began.
        case workStarted = "work-started"
        /// A consultation (remiss); ``Milestone/endDate`` is when it closed, if given.
        case consultation
        /// Approved ("godkände", "godkänt"): a decision told apart from adoption ("antog", "fastställde").
        case approved
        /// Adopted (antagen, fastställd), usually by the regional council (regionfullmäktige).
        case adopted
        /// Updated or revised after adoption.
        case updated
        /// Published (e.g. the date on a press release or web page).
        case published
        /// Responsibility for the strategy passed to another organisation (``Milestone/body``), e.g. when a regional association became a region.
        case responsibilityTransferred = "responsibility-transferred"
        /// Replaced by a later strategy.
        case superseded
        /// A revision or a successor strategy was begun.
        case revisionStarted = "revision-started"
    }

    /// What happened.
    public var kind: Kind
    /// When; `nil` where the document does not say.
    public var date: PartialDate?
    /// The end of a period such as a consultation, if given.
    public var endDate: PartialDate?
    /// The body that decided ("regionfullmäktige", "regionstyrelsen"), if given.
    public var body: String?
    /// The sentence or passage that says so.
    public var evidence: Evidence

    /// Creates a milestone; `date` is `nil` where the document does not say when.
    public init(kind: Kind, date: PartialDate?, endDate: PartialDate? = nil, body: String? = nil, evidence: Evidence) {
        self.kind = kind
        self.date = date
        self.endDate = endDate
        self.body = body
        self.evidence = evidence
    }
}

/// A priority area at any depth: what the region calls målområde, insatsområde, strategiskt
/// område, fokusområde or utvecklingsområde.
public struct PriorityArea: Codable, Sendable, Hashable, Identifiable {
    /// Stable id, unique within the region; derived from the strategy id and the area's name.
    public var id: String
    /// The area's name as the strategy gives it ("Attraktiva livsmiljöer").
    public var name: String
    /// The region's own word for this level ("strategiskt område", "utvecklingsområde").
    public var term: String
    /// Areas one level down, in document order.
    public var subareas: [PriorityArea]
    /// Goals (mål) set for the area.
    public var goals: [Goal]
    /// Priorities (prioriteringar, insatser) under the area that are not goals.
    public var priorities: [NamedItem]
    /// Where the area is named (usually its heading).
    public var evidence: Evidence

    /// Creates a priority area; `term` is the region's own word for the level.
    public init(id: String, name: String, term: String, subareas: [PriorityArea] = [], goals: [Goal] = [], priorities: [NamedItem] = [], evidence: Evidence) {
        self.id = id
        self.name = name
        self.term = term
        self.subareas = subareas
        self.goals = goals
        self.priorities = priorities
        self.evidence = evidence
    }
}

/// A goal (mål) with its sub-goals (delmål), priorities and indicators.
public struct Goal: Codable, Sendable, Hashable, Identifiable {
    /// Stable id, unique within the region.
    public var id: String
    /// The region's own number or code for it ("M1", "3"), if any.
    public var code: String?
    /// The goal as the strategy words it.
    public var title: String
    /// Sub-goals (delmål), in document order.
    public var subGoals: [Goal]
    /// Priorities under the goal (prioriteringar, insatser).
    public var priorities: [NamedItem]
    /// Indicators (indikatorer) the goal is measured by.
    public var indicators: [NamedItem]
    /// Where the goal is stated.
    public var evidence: Evidence

    /// Creates a goal; `code` is the region's own number for it, if any.
    public init(id: String, code: String? = nil, title: String, subGoals: [Goal] = [], priorities: [NamedItem] = [], indicators: [NamedItem] = [], evidence: Evidence) {
        self.id = id
        self.code = code
        self.title = title
        self.subGoals = subGoals
        self.priorities = priorities
        self.indicators = indicators
        self.evidence = evidence
    }
}

/// A named item with an optional description: a perspective, a priority, a smart
/// specialisation area, an indicator.
public struct NamedItem: Codable, Sendable, Hashable, Identifiable {
    /// Stable id, unique within the region.
    public var id: String
    /// The item's name as the documents give it.
    public var name: String
    /// A description from the documents, if they give one; never written by us.
    public var description: String?
    /// Where the item is named.
    public var evidence: Evidence

    /// Creates an item; `description` is `nil` where the documents give none.
    public init(id: String, name: String, description: String? = nil, evidence: Evidence) {
        self.id = id
        self.name = name
        self.description = description
        self.evidence = evidence
    }
}

/// A link to a published document (usually a PDF).
public struct DocumentLink: Codable, Sendable, Hashable {
    /// The link text or document title.
    public var title: String
    /// Absolute URL.
    public var url: String
    /// The page element that links the document.
    public var evidence: Evidence

    /// Creates a link to a published document; `url` should be absolute.
    public init(title: String, url: String, evidence: Evidence) {
        self.title = title
        self.url = url
        self.evidence = evidence
    }
}

/// An action plan or programme (handlingsplan, handlingsprogram) that carries out the strategy.
public struct ActionPlan: Codable, Sendable, Hashable, Identifiable {
    /// Stable id, unique within the region.
    public var id: String
    /// The plan's title as published.
    public var title: String
    /// The plan's own documents (usually PDFs).
    public var documents: [DocumentLink]
    /// Where the plan is named.
    public var evidence: Evidence

    /// Creates an action plan.
    public init(id: String, title: String, documents: [DocumentLink] = [], evidence: Evidence) {
        self.id = id
        self.title = title
        self.documents = documents
        self.evidence = evidence
    }
}

/// How the region follows the strategy up: a report, an indicator set, a learning day.
public struct FollowUpActivity: Codable, Sendable, Hashable, Identifiable {
    /// Stable id, unique within the region.
    public var id: String
    /// What the activity is called ("Årlig uppföljningsrapport").
    public var name: String
    /// A description from the documents, if any.
    public var description: String?
    /// When it takes or took place, if stated.
    public var date: PartialDate?
    /// Where the activity is described.
    public var evidence: Evidence

    /// Creates a follow-up activity.
    public init(id: String, name: String, description: String? = nil, date: PartialDate? = nil, evidence: Evidence) {
        self.id = id
        self.name = name
        self.description = description
        self.date = date
        self.evidence = evidence
    }
}

/// A framework a strategy refers to.
public struct FrameworkReference: Codable, Sendable, Hashable {
    /// The frameworks the model knows.
    public enum Framework: String, Codable, Sendable, Hashable, CaseIterable {
        /// The UN's 2030 Agenda for sustainable development (Agenda 2030, globala målen).
        case agenda2030 = "agenda-2030"
        /// Sweden's national strategy for sustainable regional development 2021–2030.
        case nationalStrategy = "national-strategy-2021-2030"
        /// EU cohesion policy and its funds (sammanhållningspolitiken, ERUF/ESF+).
        case euCohesionPolicy = "eu-cohesion-policy"
        /// Sweden's regional growth funds (regionala tillväxtmedel, anslag 1:1).
        case regionalGrowthFunds = "regional-growth-funds"
        /// Smart specialisation (S3), the EU's strategy approach for research and innovation.
        case smartSpecialisation = "smart-specialisation"
    }

    /// Which framework is referred to.
    public var framework: Framework
    /// Where the strategy refers to it.
    public var evidence: Evidence

    /// Creates a reference to `framework` found at `evidence`.
    public init(framework: Framework, evidence: Evidence) {
        self.framework = framework
        self.evidence = evidence
    }
}
