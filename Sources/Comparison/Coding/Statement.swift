public import StrategyModel

/// One thing a strategy says, as the unit that is coded and compared: an area, a goal, a
/// priority, a perspective, a news item.
public struct Statement: Codable, Sendable, Hashable, Identifiable {
    /// What part of a strategy (or which feed) a statement comes from.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// The strategy's vision.
        case vision
        /// A priority area at any depth (målområde, insatsområde, strategiskt område, fokusområde).
        case area
        /// A goal (mål).
        case goal
        /// A sub-goal (delmål).
        case subGoal = "sub-goal"
        /// A priority under an area or goal.
        case priority
        /// An indicator of a goal.
        case indicator
        /// A horizontal perspective (horisontellt perspektiv).
        case perspective
        /// A smart specialisation area.
        case specialisation = "smart-specialisation"
        /// An action plan or programme (handlingsplan).
        case actionPlan = "action-plan"
        /// A news or press item.
        case news

        /// How reports name statements of this kind: "Areas", "Sub-goals".
        public var plural: String {
            switch self {
            case .vision: "Vision"
            case .area: "Areas"
            case .goal: "Goals"
            case .subGoal: "Sub-goals"
            case .priority: "Priorities"
            case .indicator: "Indicators"
            case .perspective: "Perspectives"
            case .specialisation: "Smart specialisation areas"
            case .actionPlan: "Action plans"
            case .news: "News items"
            }
        }
    }

    /// The id of the model item it comes from (``/StrategyModel/Goal/id``, ``/StrategyModel/PriorityArea/id``, …).
    public var id: String
    /// The region's id.
    public var regionID: String
    /// The strategy it belongs to (`nil` for news).
    public var strategyID: String?
    /// What part of the strategy it comes from.
    public var kind: Kind
    /// The statement itself: a name, a title, a vision.
    public var text: String
    /// A description that goes with it, if the documents give one.
    public var detail: String?
    /// The statement it sits under (a goal's area, a sub-goal's goal), if any.
    public var parentID: String?
    /// The publication day of a news item, as the region's calendar dates it.
    public var date: PartialDate?
    /// Where it is stated.
    public var evidence: Evidence

    /// Creates a statement.
    public init(id: String, regionID: String, strategyID: String?, kind: Kind, text: String, detail: String? = nil, parentID: String? = nil, date: PartialDate? = nil, evidence: Evidence) {
        self.id = id
        self.regionID = regionID
        self.strategyID = strategyID
        self.kind = kind
        self.text = text
        self.detail = detail
        self.parentID = parentID
        self.date = date
        self.evidence = evidence
    }

    /// Whether the statement says what the strategy aims at: an area, a goal or a sub-goal.
    public var isGoalLike: Bool { kind == .area || kind == .goal || kind == .subGoal }
}

extension Statement {
    /// The statements of one strategy version in document order: vision, areas with their goals,
    /// sub-goals, priorities and indicators, unplaced goals, perspectives, smart specialisation
    /// areas and action plans.
    public static func of(_ strategy: Strategy, region: String) -> [Statement] {
        var result: [Statement] = []
        func add(_ id: String, _ kind: Kind, _ text: String, _ evidence: Evidence, detail: String? = nil, parent: String? = nil) {
            result.append(Statement(id: id, regionID: region, strategyID: strategy.id, kind: kind, text: text, detail: detail, parentID: parent, evidence: evidence))
        }
        func addItems(_ list: [NamedItem], _ kind: Kind, parent: String?) {
            for item in list { add(item.id, kind, item.name, item.evidence, detail: item.description, parent: parent) }
        }
        func addGoal(_ goal: Goal, _ kind: Kind, parent: String?) {
            add(goal.id, kind, goal.title, goal.evidence, parent: parent)
            for sub in goal.subGoals { addGoal(sub, .subGoal, parent: goal.id) }
            addItems(goal.priorities, .priority, parent: goal.id)
            addItems(goal.indicators, .indicator, parent: goal.id)
        }
        func addArea(_ area: PriorityArea, parent: String?) {
            add(area.id, .area, area.name, area.evidence, parent: parent)
            for sub in area.subareas { addArea(sub, parent: area.id) }
            for goal in area.goals { addGoal(goal, .goal, parent: area.id) }
            addItems(area.priorities, .priority, parent: area.id)
        }
        if let vision = strategy.vision { add(strategy.id + ".vision", .vision, vision.value, vision.evidence) }
        for area in strategy.areas { addArea(area, parent: nil) }
        for goal in strategy.goals { addGoal(goal, .goal, parent: nil) }
        addItems(strategy.perspectives, .perspective, parent: nil)
        addItems(strategy.specialisationAreas, .specialisation, parent: nil)
        for plan in strategy.actionPlans { add(plan.id, .actionPlan, plan.title, plan.evidence) }
        return result
    }

    /// What is compared for a region: the statements of its current regional development strategy
    /// (``/StrategyModel/RegionProfile/currentStrategy``) and of its smart specialisation strategies, which
    /// carry the specialisation areas.
    public static func ofCurrentStrategy(_ profile: RegionProfile) -> [Statement] {
        guard let current = profile.currentStrategy else { return [] }
        let companions = profile.strategies.filter { $0.kind == .smartSpecialisation }
        return ([current] + companions).flatMap { of($0, region: profile.region.id) }
    }

    /// A region's news items as statements, dated by the Swedish calendar day.
    public static func news(_ profile: RegionProfile) -> [Statement] {
        profile.news.map { item in
            Statement(
                id: item.id, regionID: profile.region.id, strategyID: nil, kind: .news, text: item.title,
                detail: item.summary, date: item.published.flatMap(DayText.swedishDate), evidence: item.evidence
            )
        }
    }
}
