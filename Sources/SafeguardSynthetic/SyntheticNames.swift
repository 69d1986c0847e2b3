import Foundation
import SafeguardDomain
import SafeguardMatching

/// The project's own pools of names and places for the synthetic force.
/// Lists are ordered roughly from most to least common, because the generator favours the front of each list
/// (so there are many Joneses and few Entwistles, as in a real force, and matching meets real collisions).
/// No surname here belongs to a real person named in the inspection reports in `seeds/` (checked with grep).
public enum SyntheticNames {
    // MARK: First names

    /// Common English female first names, including the formal names the nickname map shortens.
    public static let femaleFirstNames: [String] = SyntheticNameList.load("femaleFirstNames")

    /// Common English male first names, including the formal names the nickname map shortens.
    public static let maleFirstNames: [String] = SyntheticNameList.load("maleFirstNames")

    /// Surnames common across Britain, with Irish apostrophes, Scottish Mac/Mc and some double-barrelled names.
    public static let britishSurnames: [String] = SyntheticNameList.load("britishSurnames")

    // MARK: First names and surnames of some of the communities that make up the UK
    // Each list holds the commoner names of its community as found in the UK, most common first, in plain ASCII
    // spellings without diacritics (Wisniewski, Goncalves).

    /// Female first names used in South Asian heritage households.
    public static let southAsianFemaleFirstNames: [String] = SyntheticNameList.load("southAsianFemaleFirstNames")
    /// Male first names used in South Asian heritage households.
    public static let southAsianMaleFirstNames: [String] = SyntheticNameList.load("southAsianMaleFirstNames")
    /// Surnames common among British Indian families.
    public static let indianSurnames: [String] = SyntheticNameList.load("indianSurnames")
    /// Surnames common among British Pakistani families.
    public static let pakistaniSurnames: [String] = SyntheticNameList.load("pakistaniSurnames")
    /// Surnames common among British Bangladeshi families.
    public static let bangladeshiSurnames: [String] = SyntheticNameList.load("bangladeshiSurnames")
    /// Female first names used in Black African and Black Caribbean heritage households.
    public static let blackFemaleFirstNames: [String] = SyntheticNameList.load("blackFemaleFirstNames")
    /// Male first names used in Black African and Black Caribbean heritage households.
    public static let blackMaleFirstNames: [String] = SyntheticNameList.load("blackMaleFirstNames")
    /// Surnames common among British families of Black African heritage.
    public static let africanSurnames: [String] = SyntheticNameList.load("africanSurnames")
    /// Female first names used in Central and Eastern European heritage households.
    public static let easternEuropeanFemaleFirstNames: [String] = SyntheticNameList.load("easternEuropeanFemaleFirstNames")
    /// Male first names used in Central and Eastern European heritage households.
    public static let easternEuropeanMaleFirstNames: [String] = SyntheticNameList.load("easternEuropeanMaleFirstNames")
    /// Surnames common among Central and Eastern European and Portuguese families in the UK.
    /// Polish `-ski` names take the feminine `-ska` for women, which the generator applies.
    public static let europeanSurnames: [String] = SyntheticNameList.load("europeanSurnames")
    /// Female first names used in Chinese heritage households.
    public static let chineseFemaleFirstNames: [String] = SyntheticNameList.load("chineseFemaleFirstNames")
    /// Male first names used in Chinese heritage households.
    public static let chineseMaleFirstNames: [String] = SyntheticNameList.load("chineseMaleFirstNames")
    /// Surnames common among Chinese heritage families in the UK.
    public static let chineseSurnames: [String] = SyntheticNameList.load("chineseSurnames")
    /// Female first names used in Arab, Kurdish, Iranian, Turkish and other heritage households.
    public static let otherFemaleFirstNames: [String] = SyntheticNameList.load("otherFemaleFirstNames")
    /// Male first names used in Arab, Kurdish, Iranian, Turkish and other heritage households.
    public static let otherMaleFirstNames: [String] = SyntheticNameList.load("otherMaleFirstNames")
    /// Surnames common among Arab, Kurdish, Iranian, Turkish, Vietnamese and Filipino families in the UK.
    public static let otherSurnames: [String] = SyntheticNameList.load("otherSurnames")

    // MARK: Nicknames

    /// Formal first names and the short forms people give instead (Katherine → Kate), so a second record
    /// can be entered under a nickname, as happens when a caller gives the name they use.
    /// An array, not a dictionary, so the generator's walk through it is the same in every process.
    public static let nicknames: [(formal: String, short: [String])] = SyntheticNameList.nicknames("nicknames")

    /// The short forms of a formal first name, or none.
    public static func nicknames(for formal: String) -> [String] {
        nicknames.first { $0.formal == formal }?.short ?? []
    }

    // MARK: Places

    /// Towns the synthetic force covers, with their postcode districts and how many households live there.
    public static let towns: [SyntheticTown] = [
        .init(name: "Preston", postcodeArea: "PR", firstDistrict: 1, districts: 5, weight: 14),
        .init(name: "Blackburn", postcodeArea: "BB", firstDistrict: 1, districts: 3, weight: 12),
        .init(name: "Burnley", postcodeArea: "BB", firstDistrict: 10, districts: 3, weight: 8),
        .init(name: "Lancaster", postcodeArea: "LA", firstDistrict: 1, districts: 2, weight: 5),
        .init(name: "Morecambe", postcodeArea: "LA", firstDistrict: 3, districts: 2, weight: 4),
        .init(name: "Blackpool", postcodeArea: "FY", firstDistrict: 1, districts: 5, weight: 14),
        .init(name: "Chorley", postcodeArea: "PR", firstDistrict: 6, districts: 2, weight: 6),
        .init(name: "Accrington", postcodeArea: "BB", firstDistrict: 5, districts: 1, weight: 4),
        .init(name: "Skelmersdale", postcodeArea: "WN", firstDistrict: 8, districts: 1, weight: 4),
        .init(name: "Norwich", postcodeArea: "NR", firstDistrict: 1, districts: 7, weight: 14),
        .init(name: "King's Lynn", postcodeArea: "PE", firstDistrict: 30, districts: 4, weight: 5),
        .init(name: "Great Yarmouth", postcodeArea: "NR", firstDistrict: 30, districts: 2, weight: 6),
        .init(name: "Thetford", postcodeArea: "IP", firstDistrict: 24, districts: 1, weight: 3),
        .init(name: "Dereham", postcodeArea: "NR", firstDistrict: 19, districts: 2, weight: 2),
        .init(name: "Cromer", postcodeArea: "NR", firstDistrict: 27, districts: 1, weight: 1),
        .init(name: "Chelmsford", postcodeArea: "CM", firstDistrict: 1, districts: 3, weight: 10),
        .init(name: "Colchester", postcodeArea: "CO", firstDistrict: 1, districts: 4, weight: 11),
        .init(name: "Basildon", postcodeArea: "SS", firstDistrict: 13, districts: 4, weight: 10),
        .init(name: "Southend-on-Sea", postcodeArea: "SS", firstDistrict: 0, districts: 4, weight: 12),
        .init(name: "Harlow", postcodeArea: "CM", firstDistrict: 17, districts: 4, weight: 6),
        .init(name: "Clacton-on-Sea", postcodeArea: "CO", firstDistrict: 15, districts: 2, weight: 4),
        .init(name: "Braintree", postcodeArea: "CM", firstDistrict: 7, districts: 1, weight: 3),
        .init(name: "Brentwood", postcodeArea: "CM", firstDistrict: 13, districts: 3, weight: 3),
        .init(name: "Harwich", postcodeArea: "CO", firstDistrict: 12, districts: 1, weight: 1),
        .init(name: "Worcester", postcodeArea: "WR", firstDistrict: 1, districts: 5, weight: 8),
        .init(name: "Hereford", postcodeArea: "HR", firstDistrict: 1, districts: 4, weight: 5),
        .init(name: "Shrewsbury", postcodeArea: "SY", firstDistrict: 1, districts: 3, weight: 6),
        .init(name: "Telford", postcodeArea: "TF", firstDistrict: 1, districts: 7, weight: 11),
        .init(name: "Kidderminster", postcodeArea: "DY", firstDistrict: 10, districts: 5, weight: 4),
        .init(name: "Redditch", postcodeArea: "B", firstDistrict: 97, districts: 2, weight: 6),
        .init(name: "Bromsgrove", postcodeArea: "B", firstDistrict: 60, districts: 2, weight: 3),
        .init(name: "Ludlow", postcodeArea: "SY", firstDistrict: 8, districts: 1, weight: 1),
        .init(name: "Evesham", postcodeArea: "WR", firstDistrict: 11, districts: 1, weight: 2),
        .init(name: "Malvern", postcodeArea: "WR", firstDistrict: 14, districts: 1, weight: 2)
    ]

    /// Street names, combined with `streetTypes` and a number into an address line.
    public static let streetNames: [String] = SyntheticNameList.load("streetNames")

    /// Street types; the generator favours the front of the list.
    public static let streetTypes: [String] = SyntheticNameList.load("streetTypes")

    /// Letters that may end a postcode (the inward code avoids C, I, K, M, O and V).
    public static let postcodeUnitLetters: [Character] = Array("ABDEFGHJLNPQRSTUWXYZ")

    /// Languages an interpreter is booked for, by community; British Sign Language is open to anyone.
    public static let interpreterLanguages:
        (
            european: [String], indian: [String], pakistani: [String], bangladeshi: [String],
            african: [String], chinese: [String], other: [String], anyone: [String]
        ) = (
            european: ["Polish", "Romanian", "Lithuanian", "Latvian", "Portuguese", "Bulgarian"],
            indian: ["Gujarati", "Punjabi", "Hindi", "Tamil"],
            pakistani: ["Urdu", "Punjabi", "Pashto"],
            bangladeshi: ["Bengali", "Sylheti"],
            african: ["Somali", "Tigrinya", "Amharic", "French"],
            chinese: ["Mandarin", "Cantonese"],
            other: ["Arabic", "Kurdish", "Farsi", "Turkish", "Vietnamese", "Tagalog"],
            anyone: ["British Sign Language"]
        )

    /// Vulnerabilities recorded on people, in the words officers use.
    public static let vulnerabilities: [String] = SyntheticNameList.load("vulnerabilities")
}

/// A town of the synthetic force: postcodes there run from `postcodeArea` + `firstDistrict` over `districts` districts.
public struct SyntheticTown: Sendable {
    public var name: String
    public var postcodeArea: String
    public var firstDistrict: Int
    public var districts: Int
    /// How many households live there, relative to the other towns.
    public var weight: Int
}
