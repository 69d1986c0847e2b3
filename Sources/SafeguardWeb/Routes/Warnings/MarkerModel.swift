import Foundation
import SafeguardDomain

/// A warning on a person or a place as the pages list it: its kind in words and what an officer needs to know.
struct MarkerModel: PageModel {
    var kind: String
    var detail: String

    init(_ marker: Marker) {
        kind = Display.words(marker.kind).capitalized
        detail = marker.detail
    }
}
