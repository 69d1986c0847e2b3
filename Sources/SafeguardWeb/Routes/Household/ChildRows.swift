import Foundation
import SafeguardDomain

/// Rows of child fields on a form (`child_0_first_name`, …), as the scene form and the call form draw them. The domain
/// names a child's errors by their place among the children sent (`children[1].surname`); a row left empty is not
/// sent, so those places are mapped back to the rows the user filled in.
struct ChildRows {
    let count: Int
    let fields: [String]

    /// The rows the user typed anything into, in order: the n-th child sent is the n-th of these.
    func filled(_ posted: FormBody) -> [Int] {
        (0..<count).filter { n in fields.contains { !(posted["child_\(n)_\($0)"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// Each row's errors by field.
    func errors(_ errors: [FieldError], posted: FormBody) -> [Int: [String: String]] {
        let rows = filled(posted)
        var byRow: [Int: [String: String]] = [:]
        for error in errors where error.field.hasPrefix("children[") {
            let inside = error.field.dropFirst("children[".count)
            guard let close = inside.firstIndex(of: "]"), let index = Int(inside[..<close]), index < rows.count else { continue }
            byRow[rows[index], default: [:]][String(inside[inside.index(after: close)...].dropFirst())] = error.message
        }
        return byRow
    }

    /// One line of a row's errors, for beside the row.
    static func line(_ errors: [String: String]) -> String {
        errors.map { "\(Display.words($0.key)): \($0.value)" }.sorted().joined(separator: " ")
    }

    /// The page's error summary with each child's error linked to its row (`#child_1`).
    func summary(_ errors: [FieldError], posted: FormBody) -> [FieldError] {
        let byRow = self.errors(errors, posted: posted)
        return errors.map { error in
            guard error.field.hasPrefix("children["), let n = byRow.first(where: { $0.value.values.contains(error.message) })?.key else { return error }
            return FieldError("child_\(n)", error.message)
        }
    }
}
