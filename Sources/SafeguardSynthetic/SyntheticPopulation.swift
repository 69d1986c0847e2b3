import Foundation
import SafeguardDomain
import SafeguardMatching

/// An ethnicity code, how common it is, and the community whose names go with it.
struct Ethnic: Sendable {
    var code: String
    var weight: Double
    var group: NameGroup
    init(_ code: String, _ weight: Double, _ group: NameGroup) {
        self.code = code
        self.weight = weight
        self.group = group
    }
}

extension ForcePlanner {
    /// Police self-defined ethnicity codes (a subset of the 18+1 `Ethnicity` codes) in roughly the proportions of the 2021 census for England and Wales.
    static let ethnicities: [Ethnic] = [
        .init("W1", 74.0, .british), .init("W2", 0.9, .british), .init("W9", 6.5, .european),
        .init("M1", 0.9, .caribbean), .init("M2", 0.4, .british), .init("M3", 0.8, .british), .init("M9", 0.8, .british),
        .init("A1", 3.1, .indian), .init("A2", 2.7, .pakistani), .init("A3", 1.1, .bangladeshi), .init("A9", 1.6, .other),
        .init("B1", 1.0, .caribbean), .init("B2", 2.5, .african), .init("B9", 0.5, .african),
        .init("A4", 0.7, .chinese), .init("O9", 2.2, .other)
    ]
    static let ethnicityWeights = ethnicities.map(\.weight)

    /// Households until exactly `spec.people` individuals exist; the last household shrinks to a single adult if needed.
    mutating func makePopulation() {
        plan.individuals.reserveCapacity(spec.people)
        while plan.individuals.count < spec.people {
            addHousehold(room: spec.people - plan.individuals.count)
        }
    }

    /// One household (two for a separated parent and their ex-partner), drawn in proportions like the UK's.
    private mutating func addHousehold(room: Int) {
        let ethnic = Self.ethnicities[rng.index(weights: Self.ethnicityWeights)]
        switch rng.index(weights: [26, 19, 7, 29, 9, 6, 2]) {
        case 0 where room >= 2:
            addCouple(.coupleNoChildren, ethnic: ethnic, firstAge: rng.int(in: 20...86), childAges: [])
        case 1:
            let motherAge = rng.int(in: 20...48)
            let children = (0..<rng.int(in: 1...3)).map { _ in rng.int(in: 0...min(15, motherAge - 18)) }
            if room >= 2 + children.count { addCouple(.coupleYoungChildren, ethnic: ethnic, firstAge: motherAge, childAges: children); return }
            addSingleAdult(ethnic: ethnic)
        case 2:
            let motherAge = rng.int(in: 38...62)
            var children = (0..<rng.int(in: 1...2)).map { _ in rng.chance(0.45) ? rng.int(in: 16...17) : rng.int(in: 18...min(32, motherAge - 18)) }
            if rng.chance(0.3) { children.append(rng.int(in: 5...15)) }
            if room >= 2 + children.count { addCouple(.coupleOlderChildren, ethnic: ethnic, firstAge: motherAge, childAges: children); return }
            addSingleAdult(ethnic: ethnic)
        case 4:
            let parentAge = rng.int(in: 20...50)
            let children = (0..<rng.int(in: 1...3)).map { _ in rng.int(in: 0...min(17, parentAge - 18)) }
            if room >= 2 + children.count { addSeparatedFamily(ethnic: ethnic, parentAge: parentAge, childAges: children); return }
            addSingleAdult(ethnic: ethnic)
        case 5 where room >= 2:
            addParentWithAdultChildren(ethnic: ethnic, count: room >= 3 && rng.chance(0.2) ? 2 : 1)
        case 6 where room >= 2:
            addAdultSiblings(ethnic: ethnic)
        default:
            addSingleAdult(ethnic: ethnic)
        }
    }

    // MARK: Household shapes

    private mutating func addCouple(_ kind: HouseholdKind, ethnic: Ethnic, firstAge: Int, childAges: [Int]) {
        let h = plan.households.count
        let address = newAddress(owner: h)
        let sameSex = rng.chance(0.02)
        let sexA: Sex = sameSex && rng.chance(0.4) ? .male : .female
        let sexB: Sex = sameSex ? sexA : .male
        let ageB = min(90, max(18, firstAge + rng.int(in: -3...7)))
        let ethnicB = rng.chance(0.88) ? ethnic : Self.ethnicities[rng.index(weights: Self.ethnicityWeights)]
        let moveIn = moveInDay(youngestAdultAge: min(firstAge, ageB))
        let surnameB = surname(ethnicB.group)
        let birthSurnameA = surname(ethnic.group)
        let married = rng.chance(sameSex ? 0.3 : 0.6)
        let start = plan.individuals.count
        let a = addPerson(
            household: h, sex: sexA, age: firstAge, ethnic: ethnic, surname: married ? surnameB : birthSurnameA,
            previousSurname: married ? birthSurnameA : nil, address: address, movedIn: moveIn)
        let b = addPerson(household: h, sex: sexB, age: ageB, ethnic: ethnicB, surname: surnameB, address: address, movedIn: moveIn)
        relate(a, b, .intimatePartner, .intimatePartner)
        let childEthnic =
            ethnic.code == ethnicB.code ? ethnic : Ethnic(Self.mixedCode(ethnic.code, ethnicB.code), 0, rng.chance(0.5) ? ethnic.group : ethnicB.group)
        var children: [Int] = []
        for age in childAges {
            let sex: Sex = rng.chance(0.5) ? .female : .male
            var family = rng.chance(0.8) ? surnameB : plan.individuals[a].surname
            if rng.chance(0.04), !married, !surnameB.contains("-"), !birthSurnameA.contains("-") { family = birthSurnameA + "-" + surnameB }
            let child = addPerson(household: h, sex: sex, age: age, ethnic: childEthnic, surname: family, address: address, movedIn: moveIn)
            relate(a, child, .parentOfChild, .childOfParent)
            relate(b, child, .parentOfChild, .childOfParent)
            children.append(child)
        }
        relateSiblings(children)
        plan.households.append(Household(kind: kind, members: start..<plan.individuals.count, address: address))
    }

    /// A parent bringing up children alone, and the children's other parent living elsewhere:
    /// the ex-partners in separate households where post-separation abuse happens.
    private mutating func addSeparatedFamily(ethnic: Ethnic, parentAge: Int, childAges: [Int]) {
        let h = plan.households.count
        let address = newAddress(owner: h)
        let parentSex: Sex = rng.chance(0.9) ? .female : .male
        let moveIn = moveInDay(youngestAdultAge: parentAge)
        let exEthnic = rng.chance(0.85) ? ethnic : Self.ethnicities[rng.index(weights: Self.ethnicityWeights)]
        let exSurname = surname(exEthnic.group)
        let ownSurname = surname(ethnic.group)
        let keptMarriedName = rng.chance(0.35)
        let start = plan.individuals.count
        let parent = addPerson(
            household: h, sex: parentSex, age: parentAge, ethnic: ethnic, surname: keptMarriedName ? exSurname : ownSurname,
            previousSurname: keptMarriedName ? ownSurname : nil, address: address, movedIn: moveIn)
        var children: [Int] = []
        for age in childAges {
            let family = rng.chance(0.6) ? exSurname : ownSurname
            children.append(
                addPerson(
                    household: h, sex: rng.chance(0.5) ? .female : .male, age: age, ethnic: ethnic, surname: family,
                    address: address, movedIn: moveIn))
            relate(parent, children[children.count - 1], .parentOfChild, .childOfParent)
        }
        relateSiblings(children)
        plan.households.append(Household(kind: .singleParent, members: start..<plan.individuals.count, address: address))

        let exHousehold = plan.households.count
        let exAddress = newAddress(owner: exHousehold)
        let exAge = min(90, max(18, parentAge + rng.int(in: -2...7)))
        let ex = addPerson(
            household: exHousehold, sex: parentSex == .female ? .male : .female, age: exAge, ethnic: exEthnic,
            surname: exSurname, address: exAddress, movedIn: moveInDay(youngestAdultAge: exAge))
        relate(parent, ex, .exPartner, .exPartner)
        for child in children where rng.chance(0.9) { relate(ex, child, .parentOfChild, .childOfParent) }
        plan.households.append(Household(kind: .separatedParent, members: ex..<ex + 1, address: exAddress))
    }

    private mutating func addParentWithAdultChildren(ethnic: Ethnic, count: Int) {
        let h = plan.households.count
        let address = newAddress(owner: h)
        let parentAge = rng.int(in: 45...86)
        let sex: Sex = rng.chance(0.65) ? .female : .male
        let family = surname(ethnic.group)
        let maiden: String? = sex == .female && rng.chance(0.6) ? surname(ethnic.group) : nil
        let moveIn = moveInDay(youngestAdultAge: parentAge)
        let start = plan.individuals.count
        let parent = addPerson(
            household: h, sex: sex, age: parentAge, ethnic: ethnic, surname: family, previousSurname: maiden,
            address: address, movedIn: moveIn)
        var children: [Int] = []
        for _ in 0..<count {
            let age = rng.int(in: 18...min(50, parentAge - 18))
            children.append(
                addPerson(
                    household: h, sex: rng.chance(0.55) ? .male : .female, age: age, ethnic: ethnic, surname: family,
                    address: address, movedIn: moveIn))
            relate(parent, children[children.count - 1], .parentOfChild, .childOfParent)
        }
        relateSiblings(children)
        plan.households.append(Household(kind: .parentWithAdultChild, members: start..<plan.individuals.count, address: address))
    }

    private mutating func addAdultSiblings(ethnic: Ethnic) {
        let h = plan.households.count
        let address = newAddress(owner: h)
        let firstAge = rng.int(in: 18...40)
        let secondAge = min(60, max(18, firstAge + rng.int(in: -6...6)))
        let family = surname(ethnic.group)
        let moveIn = moveInDay(youngestAdultAge: min(firstAge, secondAge))
        let start = plan.individuals.count
        let one = addPerson(
            household: h, sex: rng.chance(0.5) ? .female : .male, age: firstAge, ethnic: ethnic, surname: family, address: address, movedIn: moveIn)
        let two = addPerson(
            household: h, sex: rng.chance(0.5) ? .female : .male, age: secondAge, ethnic: ethnic, surname: family, address: address, movedIn: moveIn)
        relateSiblings([one, two])
        plan.households.append(Household(kind: .adultSiblings, members: start..<plan.individuals.count, address: address))
    }

    private mutating func addSingleAdult(ethnic: Ethnic) {
        let h = plan.households.count
        let address = newAddress(owner: h)
        let age = rng.int(in: 18...86)
        let sex: Sex = rng.chance(0.5) ? .female : .male
        let previous: String? = sex == .female && age > 30 && rng.chance(0.3) ? surname(ethnic.group) : nil
        let person = addPerson(
            household: h, sex: sex, age: age, ethnic: ethnic, surname: surname(ethnic.group), previousSurname: previous,
            address: address, movedIn: moveInDay(youngestAdultAge: age))
        plan.households.append(Household(kind: .singleAdult, members: person..<person + 1, address: address))
        if age <= 62 { singles[sex == .female ? 0 : 1].append(person) }
    }

    // MARK: People

    /// One individual with their names, date of birth, address history, phones and the rest of their primary record.
    private mutating func addPerson(
        household: Int, sex: Sex, age: Int, ethnic: Ethnic, surname family: String,
        previousSurname: String? = nil, address: Int, movedIn: Int
    ) -> Int {
        let index = plan.individuals.count
        let birthDay = endDay - age * 365 - age / 4 - rng.int(in: 1...364)
        let group = ethnic.group
        let first = firstName(sex, group)
        var middle: String? = rng.chance(group == .british ? 0.45 : 0.2) ? firstName(sex, group) : nil
        if middle == first { middle = nil }
        let from = max(movedIn, birthDay)
        var stays: [Stay] = []
        let adultDay = birthDay + 18 * 365
        if from - adultDay > 365, rng.chance(0.35) {
            let earlier = from - rng.int(in: 180...min(from - adultDay, 3650))
            if earlier - adultDay > 365, rng.chance(0.3) {
                let earliest = earlier - rng.int(in: 180...min(earlier - adultDay, 3650))
                stays.append(Stay(address: newAddress(owner: household), from: earliest, to: earlier))
            }
            stays.append(Stay(address: newAddress(owner: household), from: earlier, to: from))
        }
        stays.append(Stay(address: address, from: from, to: nil))
        var person = Individual(
            household: household, sex: sex, birthDay: birthDay, group: group, firstName: first, middleName: middle,
            surname: personalSurname(family, sex: sex, group: group), previousSurname: previousSurname,
            ethnicity: rng.chance(0.04) ? nil : ethnic.code, stays: stays)
        person.showsPreviousName = previousSurname != nil && rng.chance(0.3)
        if age >= 16, rng.chance(0.03), let short = SyntheticNames.nicknames(for: first).first { person.knownNickname = short }
        let phoneCount = age >= 16 ? rng.index(weights: [15, 65, 20]) : (age >= 12 && rng.chance(0.5) ? 1 : 0)
        for _ in 0..<phoneCount { person.phones.append(newPhone()) }
        if age >= 16, rng.chance(age < 18 ? 0.3 : 0.45) {
            person.emails.append(newEmail(first: first, surname: person.surname, birthYear: CivilDay.date(birthDay).year))
        }
        if age >= 16 { person.interpreter = interpreterLanguage(group) }
        if age >= 16, rng.chance(0.05) { person.vulnerabilities.append(rng.pick(SyntheticNames.vulnerabilities)) }
        if age >= 75, rng.chance(0.2), !person.vulnerabilities.contains("older person") { person.vulnerabilities.append("older person") }
        // Police employees and others whose records only named roles may see.
        person.restricted = rng.chance(0.002)
        plan.individuals.append(person)
        return index
    }

    /// When a household moved into its current home: any time from a month to 25 years ago, but not before adulthood.
    private mutating func moveInDay(youngestAdultAge: Int) -> Int {
        let longest = max(31, min(25 * 365, (youngestAdultAge - 18) * 365))
        return endDay - rng.int(in: 30...longest)
    }

    private mutating func firstName(_ sex: Sex, _ group: NameGroup) -> String {
        let female = sex == .female
        let main = female ? SyntheticNames.femaleFirstNames : SyntheticNames.maleFirstNames
        let pool: [String], share: Double
        switch group {
        case .british: return rng.pickCommon(main)
        case .caribbean: (pool, share) = (female ? SyntheticNames.blackFemaleFirstNames : SyntheticNames.blackMaleFirstNames, 0.3)
        case .african: (pool, share) = (female ? SyntheticNames.blackFemaleFirstNames : SyntheticNames.blackMaleFirstNames, 0.65)
        case .european: (pool, share) = (female ? SyntheticNames.easternEuropeanFemaleFirstNames : SyntheticNames.easternEuropeanMaleFirstNames, 0.75)
        case .indian, .pakistani, .bangladeshi:
            (pool, share) = (female ? SyntheticNames.southAsianFemaleFirstNames : SyntheticNames.southAsianMaleFirstNames, 0.7)
        case .chinese: (pool, share) = (female ? SyntheticNames.chineseFemaleFirstNames : SyntheticNames.chineseMaleFirstNames, 0.6)
        case .other: (pool, share) = (female ? SyntheticNames.otherFemaleFirstNames : SyntheticNames.otherMaleFirstNames, 0.65)
        }
        return rng.chance(share) ? rng.pickCommon(pool) : rng.pickCommon(main)
    }

    mutating func surname(_ group: NameGroup) -> String {
        switch group {
        case .british, .caribbean:
            rng.chance(SyntheticNames.commonBritishSurnameShare)
                ? rng.pickCommon(SyntheticNames.britishSurnames) : rng.pickCommon(SyntheticNames.britishSurnameTail)
        case .european: rng.pickCommon(SyntheticNames.europeanSurnames)
        case .indian: rng.pickCommon(SyntheticNames.indianSurnames)
        case .pakistani: rng.pickCommon(SyntheticNames.pakistaniSurnames)
        case .bangladeshi: rng.pickCommon(SyntheticNames.bangladeshiSurnames)
        case .african: rng.pickCommon(SyntheticNames.africanSurnames)
        case .chinese: rng.pickCommon(SyntheticNames.chineseSurnames)
        case .other: rng.pickCommon(SyntheticNames.otherSurnames)
        }
    }

    /// The form of a family name a woman carries: Polish -ska and -cka (-dzka), Sikh Kaur, and Begum or Bibi in some Muslim families,
    /// so one household holds several surnames, as real ones do.
    private mutating func personalSurname(_ family: String, sex: Sex, group: NameGroup) -> String {
        guard sex == .female else { return family }
        if family.hasSuffix("ski") || family.hasSuffix("cki") { return String(family.dropLast()) + "a" }
        if family == "Singh", rng.chance(0.8) { return "Kaur" }
        if group == .pakistani || group == .bangladeshi, rng.chance(0.2) { return rng.chance(0.7) ? "Begum" : "Bibi" }
        return family
    }

    private mutating func interpreterLanguage(_ group: NameGroup) -> String? {
        let languages = SyntheticNames.interpreterLanguages
        let (pool, share): ([String], Double) =
            switch group {
            case .british, .caribbean: (languages.anyone, 0.002)
            case .european: (languages.european, 0.2)
            case .indian: (languages.indian, 0.08)
            case .pakistani: (languages.pakistani, 0.1)
            case .bangladeshi: (languages.bangladeshi, 0.15)
            case .african: (languages.african, 0.1)
            case .chinese: (languages.chinese, 0.15)
            case .other: (languages.other, 0.2)
            }
        return rng.chance(share) ? rng.pickCommon(pool) : nil
    }

    /// Ethnicity of a child whose parents' codes differ.
    static func mixedCode(_ a: String, _ b: String) -> String {
        let pair = [a.prefix(1), b.prefix(1)]
        if pair.contains("W") && pair.contains("B") { return (a == "B1" || b == "B1") ? "M1" : "M2" }
        if pair.contains("W") && pair.contains("A") { return "M3" }
        if pair[0] == pair[1] { return a }
        return "M9"
    }

    // MARK: Relationships

    mutating func relate(_ a: Int, _ b: Int, _ forward: Relationship, _ backward: Relationship) {
        plan.relationships.append(PlannedRelationship(a: a, b: b, relationship: forward))
        plan.relationships.append(PlannedRelationship(a: b, b: a, relationship: backward))
    }

    private mutating func relateSiblings(_ people: [Int]) {
        for i in people.indices {
            for j in people.indices where j > i { relate(people[i], people[j], .sibling, .sibling) }
        }
    }
}
