/// A Swedish region that publishes a regional development strategy.
public struct Region: Codable, Sendable, Hashable, Identifiable {
    /// A stable ASCII id, e.g. `"vasternorrland"`.
    public var id: String
    /// The display name with Swedish letters, e.g. `"Västernorrland"`.
    public var name: String
    /// The two-digit county code (länskod), e.g. `"22"`.
    public var countyCode: String
    /// The NUTS 3 code, e.g. `"SE321"`.
    public var nutsCode: String
    /// The organisation responsible for regional development, e.g. `"Region Västernorrland"`.
    public var organisation: String
    /// The organisation's main website.
    public var website: String

    /// Creates a region from its identity: see each property for the expected form.
    public init(id: String, name: String, countyCode: String, nutsCode: String, organisation: String, website: String) {
        self.id = id
        self.name = name
        self.countyCode = countyCode
        self.nutsCode = nutsCode
        self.organisation = organisation
        self.website = website
    }
}
