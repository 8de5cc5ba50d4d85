/// Words of a Swedish text, as the codebook matcher and the similarity measures see them.
public enum SwedishText {
    /// One word of a text: lowercase, with its stem and where it stands.
    public struct Word: Sendable, Hashable {
        /// The word in lowercase ("konkurrenskraften").
        public var text: String
        /// Its Snowball stem ("konkurrenskraft").
        public var stem: String
        /// Its position among the text's words, from 0.
        public var index: Int
    }

    /// The words of `text`: runs of letters and digits, lowercased ("e-hälsa" is two words).
    public static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(current).lowercased()
            words.append(Word(text: word, stem: SwedishStemmer.stem(word), index: words.count))
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// Whether `word` (lowercase) carries no meaning of its own for comparing statements.
    public static func isStopWord(_ word: String) -> Bool {
        stopWords.contains(word) || word.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
    }

    /// The Snowball project's Swedish stop words, less those that carry policy meaning in
    /// strategies ("alla" in "för alla", "samma", "ingen", "mellan", "utan", "inom", "under", "mot").
    static let stopWords: Set<String> = [
        "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig", "för",
        "så", "till", "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du", "henne", "då", "sin",
        "nu", "har", "inte", "hans", "honom", "skulle", "hennes", "där", "min", "man", "ej", "vid", "kunde",
        "något", "från", "ut", "när", "efter", "upp", "vi", "dem", "vara", "vad", "över", "än", "dig", "kan",
        "sina", "här", "ha", "oss", "sedan", "ju", "denna", "själv", "detta", "åt", "varit", "hur", "mitt",
        "ni", "bli", "blev", "din", "dessa", "några", "deras", "blir", "mina", "vilken", "er", "sådan",
        "vår", "blivit", "dess", "sådant", "varför", "varje", "vilka", "ditt", "vem", "vilket", "sitta",
        "sådana", "vart", "dina", "vars", "vårt", "våra", "ert", "era", "vilkas", "eller", "allt", "mycket",
        "någon", "också", "samt", "ska", "skall",
    ]
}
