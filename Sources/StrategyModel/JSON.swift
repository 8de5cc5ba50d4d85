public import Foundation

/// The JSON form of the model: what `rus ... --format json` writes.
///
/// Keys are sorted and dates are ISO 8601, so the same model always gives the same bytes and
/// anyone can decode it with `StrategyModel` alone.
public enum StrategyJSON {
    /// An encoder with sorted keys, pretty printing and ISO 8601 dates.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// A decoder matching ``encoder()``.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
