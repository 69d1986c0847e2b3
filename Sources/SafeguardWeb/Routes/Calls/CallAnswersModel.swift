import Foundation
import SafeguardDomain

/// What the control room recorded about the call, in words, as the incident page and the briefing show it.
struct CallAnswersModel: PageModel {
    var caller: String
    var immediateDanger: String
    var suspectLocation: String
    var injuries: String
    var weapons: String
    var children: String
    var fear: String
    var handlerConcern: Bool
    var recordedBy: String

    init(_ call: CallDetails) {
        let a = call.answers
        let answer = { (value: Answer) in Display.words(value.rawValue).capitalized }
        caller = Display.words(call.caller.rawValue)
        immediateDanger = answer(a.immediateDanger)
        suspectLocation = a.suspectLocation.label
        injuries = answer(a.injuries) + (a.injuriesDetail.map { " – \($0)" } ?? "")
        weapons = answer(a.weapons) + (a.weaponsDetail.map { " – \($0)" } ?? "")
        children = answer(a.childrenPresent) + (a.childrenCount.map { " (\($0))" } ?? "")
        fear = a.fear.label + (a.fearInTheirWords.map { ": “\($0)”" } ?? "")
        handlerConcern = call.handlerConcern
        recordedBy = call.recordedBy
    }
}
