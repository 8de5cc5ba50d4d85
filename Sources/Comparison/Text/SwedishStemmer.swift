/// The Snowball stemmer for Swedish (snowballstem.org/algorithms/swedish), so that
/// "konkurrenskraft", "konkurrenskraftig" and "konkurrenskraften" meet at one stem.
///
/// Input is one lowercase word; output is its stem. Verified against the 30,738 words of the
/// Snowball project's Swedish vocabulary (`SwedishStemmerTests`). Stemming is by suffix only:
/// it does not split compounds ("samhällsplanering" keeps its first part), which is why
/// codebook terms may also be written as prefix or suffix patterns (see ``CodebookTerm``).
public enum SwedishStemmer {
    /// The stem of `word`, which should already be lowercase (``SwedishText/words(in:)`` gives such words).
    public static func stem(_ word: String) -> String {
        var letters = Array(word.unicodeScalars)
        guard letters.count > 2 else { return word }
        let r1 = regionOne(letters)
        guard r1 < letters.count else { return word }
        removeMainSuffix(&letters, r1: r1)
        undoubleConsonantPair(&letters, r1: r1)
        removeOtherSuffix(&letters, r1: r1)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: letters)
        return String(result)
    }

    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "y", "ä", "å", "ö": true
        default: false
        }
    }

    /// R1 starts after the first non-vowel that follows a vowel, and never before the fourth letter.
    static func regionOne(_ w: [Unicode.Scalar]) -> Int {
        var i = 0
        while i < w.count, !isVowel(w[i]) { i += 1 }
        while i < w.count, isVowel(w[i]) { i += 1 }
        return max(3, min(i + 1, w.count))
    }

    static func suffixes(_ list: [String]) -> [[Unicode.Scalar]] {
        list.map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
    }

    static let mainSuffixes = suffixes([
        "a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne", "are", "aste", "en", "anden",
        "aren", "heten", "ern", "ar", "er", "heter", "or", "as", "arnas", "ernas", "ornas", "es", "ades", "andes",
        "ens", "arens", "hetens", "erns", "at", "andet", "het", "ast", "et", "ets", "s",
    ])
    /// Endings before "-et" that keep it: "kapacitet", "prioritet", "paket", "staket", "komet".
    static let etKeepers = suffixes([
        "h", "iet", "uit", "fab", "cit", "dit", "alit", "ilit", "mit", "nit", "pit", "rit", "sit", "tit", "ivit",
        "kvit", "xit", "kom", "rak", "pak", "stak",
    ])
    static let consonantPairs = suffixes(["dd", "gd", "nn", "dt", "gt", "kt", "tt"])
    static let otherSuffixes = suffixes(["lig", "ig", "els", "öst", "fullt"])

    /// The longest of `suffixes` (longest first) that ends `w` and lies wholly in R1, as
    /// Snowball's `setlimit tomark p1 for (among ...)` finds it.
    static func suffix(of w: [Unicode.Scalar], among suffixes: [[Unicode.Scalar]], r1: Int) -> [Unicode.Scalar]? {
        suffixes.first { w.count - $0.count >= r1 && w.suffix($0.count).elementsEqual($0) }
    }

    static func removeMainSuffix(_ w: inout [Unicode.Scalar], r1: Int) {
        guard let found = suffix(of: w, among: mainSuffixes, r1: r1) else { return }
        let stem = w.dropLast(found.count)
        switch found {
        case ["s"]:
            // A plural or genitive "s" goes only after one of these letters.
            guard let last = stem.last, "bcdfghjklmnoprtvy".unicodeScalars.contains(last) else { return }
        case ["e", "t"], ["e", "t", "s"]:
            // The definite "-et" and "-ets" ("huset", "arbetets") go after a vowel and a consonant, except
            // where the word ends in "-et" itself ("kapacitet", "paket", "frihet").
            guard stem.count >= 2, !isVowel(stem[stem.endIndex - 1]), isVowel(stem[stem.endIndex - 2]),
                  !etKeepers.contains(where: { stem.suffix($0.count).elementsEqual($0) })
            else {
                // "barnets" still loses its genitive "s" when "-et" stays.
                if found.count == 3 { w.removeLast() }
                return
            }
        default: break
        }
        w.removeLast(found.count)
    }

    static func undoubleConsonantPair(_ w: inout [Unicode.Scalar], r1: Int) {
        if suffix(of: w, among: consonantPairs, r1: r1) != nil { w.removeLast() }
    }

    static func removeOtherSuffix(_ w: inout [Unicode.Scalar], r1: Int) {
        guard let found = suffix(of: w, among: otherSuffixes, r1: r1) else { return }
        switch found.count {
        case 3 where found == ["ö", "s", "t"]:
            // "-öst" becomes "-ös" after one of these letters ("generöst", "utlöst").
            if w.count >= 4, "iklnprtuv".unicodeScalars.contains(w[w.count - 4]) { w.removeLast() }
        case 5: w.removeLast()  // "fullt" becomes "full"
        default: w.removeLast(found.count)
        }
    }
}
