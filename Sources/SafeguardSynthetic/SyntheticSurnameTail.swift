import Foundation
import SafeguardDomain
import SafeguardMatching

extension SyntheticNames {
    /// The long tail of British surnames: thousands of less common names, each held by few people.
    ///
    /// Why: a real force's people do not share a few hundred surnames. In Britain the hundred commonest surnames
    /// cover only about a fifth of people; the rest spread over tens of thousands of names. With `britishSurnames`
    /// alone, 96.6% of a 1,000,000-record force shared their exact full name with someone else (20 people to a name
    /// on average), so a caller who gave only a name could never be told apart, far more often than in a real force.
    ///
    /// Most English surnames grew from place names, so the tail is made the same way: an old place-name element and a
    /// settlement ending (Ash + worth, Thorn + ley, Wake + field), in a fixed seeded order so the commoner ones are the
    /// same every run. Names already in `britishSurnames` are left out, and so are the few that appear as words in
    /// the inspection reports in `seeds/` (checked with grep), as no real person named there may be generated.
    public static let britishSurnameTail: [String] = {
        let elements = SyntheticNameList.load("placeNameElements")
        let endings = SyntheticNameList.load("placeNameEndings")
        let inReports: Set<String> = ["Blackburn", "Bradley", "Brandon", "Brentwood", "Burton", "Eder", "Norman", "Radford", "Stonewall", "Walby"]
        let common = Set(britishSurnames)
        var seen = Set<String>()
        var names: [String] = []
        for element in elements {
            for ending in endings {
                let name = withoutTripleLetters(element + ending)
                if !common.contains(name), !inReports.contains(name), seen.insert(name).inserted { names.append(name) }
            }
        }
        // Shuffled once with a fixed seed: the generator favours the front of the list, and no one ending should.
        var order = SeededGenerator(seed: 0x5EA5_0AE5)
        order.shuffle(&names)
        return names
    }()

    /// A letter three times running is written twice ("Wall" + "ley" is Walley), as names are spelt.
    public static func withoutTripleLetters(_ name: String) -> String {
        var out: [Character] = []
        for c in name where !(out.count >= 2 && out[out.count - 1] == c && out[out.count - 2] == c) { out.append(c) }
        return String(out)
    }

    /// The share of British-heritage people whose surname comes from `britishSurnames`; the rest take one from the tail.
    /// 0.4 makes the hundred commonest surnames about a fifth of people, and the commonest about 1%, as in Britain.
    public static let commonBritishSurnameShare = 0.4
}
