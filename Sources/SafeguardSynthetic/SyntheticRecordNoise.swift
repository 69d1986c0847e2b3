import Foundation
import SafeguardDomain
import SafeguardMatching

/// The ways a second record for the same person comes to differ from the first.
enum RecordNoise: CaseIterable {
    case misspeltFirstName, misspeltSurname, nickname, changedSurname, movedAddress, newPhone,
        missingDateOfBirth, swappedDayAndMonth, dateOfBirthDigitOff

    /// How often each kind of difference turns up.
    var weight: Double {
        switch self {
        case .misspeltFirstName, .misspeltSurname, .nickname: 14
        case .movedAddress: 12
        case .changedSurname, .newPhone: 10
        case .missingDateOfBirth, .dateOfBirthDigitOff: 9
        case .swappedDayAndMonth: 8
        }
    }
}

extension ForcePlanner {
    /// Gives about one in six people involved in incidents a second (now and then a third) record, used by some of
    /// their later incidents, and a few uninvolved people a legacy duplicate: the noise matching is measured against.
    mutating func addRecordNoise() {
        var involvement = [[Int]](repeating: [], count: plan.individuals.count)
        for (n, incident) in plan.incidents.enumerated() {
            for party in incident.parties { involvement[party.individual].append(n) }
        }
        for i in plan.individuals.indices {
            let incidents = involvement[i]
            let isChild = age(i, on: endDay) < 16
            if incidents.isEmpty {
                if !isChild, rng.chance(0.012) { addLegacyDuplicate(i) }
                continue
            }
            guard rng.chance(isChild ? 0.05 : (incidents.count >= 2 ? 0.3 : 0.1)) else { continue }
            // From which of their incidents the new record is in use; with one incident, either the old record is the
            // stray one (the incident used the new record) or the new record was entered afterwards and never used.
            let switchAt = incidents.count >= 2 ? rng.int(in: 1...incidents.count - 1) : (rng.chance(0.5) ? 0 : 1)
            let created =
                switchAt < incidents.count
                ? plan.incidents[incidents[switchAt]].occurred
                : min(endSecond - 1, plan.incidents[incidents[incidents.count - 1]].reported + rng.int(in: 10...300) * CivilDay.secondsPerDay)
            let first = makeDuplicate(of: i, created: created, allowMove: !isChild)
            useRecord(.duplicate(first), of: i, in: incidents, from: switchAt)
            if incidents.count - switchAt >= 3, rng.chance(0.25) {
                let thirdAt = rng.int(in: switchAt + 1...incidents.count - 1)
                let third = makeDuplicate(of: i, created: plan.incidents[incidents[thirdAt]].occurred, allowMove: false)
                useRecord(.duplicate(third), of: i, in: incidents, from: thirdAt)
            }
        }
    }

    /// The record at `from`, and most of the later incidents, name the new record; officers sometimes still find the old one.
    private mutating func useRecord(_ record: RecordRef, of individual: Int, in incidents: [Int], from: Int) {
        guard from < incidents.count else { return }
        for k in from..<incidents.count where k == from || rng.chance(0.75) {
            let n = incidents[k]
            if let p = plan.incidents[n].parties.firstIndex(where: { $0.individual == individual }) {
                plan.incidents[n].parties[p].record = record
            }
        }
    }

    /// A duplicate left over from an older system, for someone never involved in an incident.
    private mutating func addLegacyDuplicate(_ i: Int) {
        let adult = (plan.individuals[i].birthDay + 16 * 365) * CivilDay.secondsPerDay
        let created = max(adult, plan.baseline - rng.int(in: 0...5 * 365) * CivilDay.secondsPerDay)
        let d = makeDuplicate(of: i, created: min(created, endSecond - 1), allowMove: false)
        legacyCounter += 1
        let digits = String(legacyCounter)
        plan.duplicates[d].sourceID = "LEGACY-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// A new record for individual `i`, created at `created` (epoch seconds), with one to three kinds of difference.
    private mutating func makeDuplicate(of i: Int, created: Int, allowMove: Bool) -> Int {
        let person = plan.individuals[i]
        let day = created / CivilDay.secondsPerDay
        var record = DuplicateRecord(
            individual: i, firstName: person.firstName, middleName: rng.chance(0.5) ? person.middleName : nil, surname: person.surname,
            dateOfBirth: CivilDay.text(person.birthDay), ethnicity: rng.chance(0.2) ? nil : person.ethnicity,
            phones: rng.chance(0.2) ? [] : person.phones, emails: rng.chance(0.5) ? [] : person.emails,
            stays: [Stay(address: addressOf(i, on: day), from: day, to: nil)], otherNames: [], sourceID: nil, created: created)
        let wanted = rng.index(weights: [55, 35, 10]) + 1
        let kinds = RecordNoise.allCases
        let weights = kinds.map(\.weight)
        var applied: [RecordNoise] = []
        var attempts = 0
        while applied.count < wanted, attempts < 20 {
            attempts += 1
            let kind = kinds[rng.index(weights: weights)]
            guard !applied.contains(kind), apply(kind, to: &record, of: i, day: day, allowMove: allowMove) else { continue }
            applied.append(kind)
        }
        if applied.isEmpty { record.surname = misspell(record.surname) }
        let index = plan.duplicates.count
        plan.duplicates.append(record)
        return index
    }

    /// Applies one kind of difference; false when it does not fit this person (a child cannot have moved alone).
    private mutating func apply(_ kind: RecordNoise, to record: inout DuplicateRecord, of i: Int, day: Int, allowMove: Bool) -> Bool {
        let person = plan.individuals[i]
        let adult = age(i, on: day) >= 18
        switch kind {
        case .misspeltFirstName:
            record.firstName = misspell(record.firstName)
        case .misspeltSurname:
            record.surname = misspell(record.surname)
        case .nickname:
            let short = SyntheticNames.nicknames(for: person.firstName)
            guard !short.isEmpty else { return false }
            record.firstName = rng.pick(short)
        case .changedSurname:
            guard adult else { return false }
            if let previous = person.previousSurname, previous != person.surname {
                // Entered under the maiden or earlier name (from old documents, or as the person gave it).
                record.surname = previous
            } else {
                // A new name after marriage or by choice (mostly women); the new record sometimes notes the old one.
                guard person.sex == .female || rng.chance(0.15) else { return false }
                var changed = surname(person.group)
                if changed == person.surname { changed = surname(.british) }
                guard changed != person.surname else { return false }
                record.surname = changed
                if rng.chance(0.4) { record.otherNames.append(PersonName(firstName: person.firstName, surname: person.surname, kind: .previous)) }
            }
        case .movedAddress:
            guard allowMove, adult, person.movedTo == nil, day < endDay - 1, day > person.stays[person.stays.count - 1].from else { return false }
            let current = addressOf(i, on: day)
            let town = rng.chance(0.6) ? plan.addresses[current].town : nil
            let address = newAddress(owner: person.household, town: town)
            plan.individuals[i].movedTo = (address, day)
            record.stays = [Stay(address: address, from: day, to: nil)]
        case .newPhone:
            guard age(i, on: day) >= 12 else { return false }
            let phone = newPhone()
            record.phones = rng.chance(0.3) ? person.phones + [phone] : [phone]
        case .missingDateOfBirth:
            record.dateOfBirth = nil
        case .swappedDayAndMonth:
            let d = CivilDay.date(person.birthDay)
            guard d.day <= 12, d.day != d.month, CivilDay.day(year: d.year, month: d.day, day: d.month) < endDay else { return false }
            record.dateOfBirth = CivilDay.text(year: d.year, month: d.day, day: d.month)
        case .dateOfBirthDigitOff:
            record.dateOfBirth = nearbyDate(person.birthDay)
        }
        return true
    }

    /// A date of birth one keystroke away: the day, the month or the last digit of the year off by one,
    /// never after the end of the history (a baby's record cannot be dated next year).
    private mutating func nearbyDate(_ birthDay: Int) -> String {
        let d = CivilDay.date(birthDay)
        var step = rng.chance(0.5) ? 1 : -1
        switch rng.int(below: 3) {
        case 0:
            if CivilDay.day(year: d.year + step, month: d.month, day: 1) >= endDay { step = -1 }
            let year = d.year + step
            return CivilDay.text(year: year, month: d.month, day: min(d.day, CivilDay.daysInMonth(year: year, month: d.month)))
        case 1:
            if d.month + step < 1 || d.month + step > 12 || CivilDay.day(year: d.year, month: d.month + step, day: 1) >= endDay { step = -step }
            let month = d.month + step
            if (1...12).contains(month), d.day <= CivilDay.daysInMonth(year: d.year, month: month) {
                return CivilDay.text(year: d.year, month: month, day: d.day)
            }
            fallthrough
        default:
            let last = CivilDay.daysInMonth(year: d.year, month: d.month)
            if d.day + step < 1 || d.day + step > last || birthDay + step >= endDay { step = -step }
            return CivilDay.text(year: d.year, month: d.month, day: d.day + step)
        }
    }

    /// A dropped, doubled or swapped letter, never the first (people rarely get the initial wrong).
    mutating func misspell(_ name: String) -> String {
        var letters = Array(name)
        guard letters.count >= 3 else { return name + String(letters[letters.count - 1]).lowercased() }
        let positions = (1..<letters.count).filter { letters[$0].isLetter && letters[$0 - 1].isLetter }
        guard let p = positions.isEmpty ? nil : rng.pick(positions) else { return name + "e" }
        switch rng.int(below: 3) {
        case 0 where letters.count > 3:
            letters.remove(at: p)
        case 1 where p + 1 < letters.count && letters[p + 1].isLetter && letters[p] != letters[p + 1]:
            letters.swapAt(p, p + 1)
        default:
            letters.insert(letters[p], at: p)
        }
        return String(letters)
    }
}
