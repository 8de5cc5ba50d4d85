/// The regions that ship with the library, each with its bundled snapshot.
public enum BundledRegions {
    /// Blekinge, Kalmar and Västernorrland, in that order.
    public static var all: [any RegionModule] { [Blekinge(), Kalmar(), Vasternorrland()] }

    /// The bundled region with id `id` (`"kalmar"`), case-insensitive.
    public static func module(id: String) -> (any RegionModule)? {
        all.first { $0.region.id == id.lowercased() }
    }
}
