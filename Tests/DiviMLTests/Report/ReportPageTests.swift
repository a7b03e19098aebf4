import Foundation
import Testing
@testable import DiviML

/// The HTML page as text: self-contained, and the embedded report safe inside `<script>`.
@Suite("HTML report page")
struct ReportPageTests {
    /// The JSON between the data element's tags.
    static func embeddedJSON(_ html: String) throws -> String {
        let open = "<script type=\"application/json\" id=\"report-data\">"
        let start = try #require(html.range(of: open)).upperBound
        let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
        return String(html[start..<end])
    }

    @Test func hostileNamesCannotEndTheScript() throws {
        let (problem, outcome) = try ReportFixtures.hostile()
        let report = PlanReport(plan: outcome.plan, problem: problem, passes: outcome.passes)
        let html = try ReportPage.html(report)
        // Only the page's own two script elements close: no name ends one early.
        #expect(html.components(separatedBy: "</script").count - 1 == 2)
        #expect(!html.contains("<img src=x"))
        let json = try Self.embeddedJSON(html)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("\u{2028}"))
        // The escaped JSON still reads back as the same report, names intact.
        let decoded = try JSONDecoder().decode(PlanReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        #expect(Set(decoded.timelines[0].bars.map(\.name)) == Set(ReportFixtures.hostileNames))
        // The title is escaped where it is markup.
        #expect(html.contains("<title>hostile &lt;/script&gt; model on"))
    }

    @Test func scriptSafeEscapesEveryBreakingCharacter() {
        #expect(ReportPage.scriptSafe(#"{"a":"</script><!--&\#u{2028}\#u{2029}"}"#)
            == #"{"a":"\u003c/script\u003e\u003c!--\u0026\u2028\u2029"}"#)
    }

    /// Nothing in the page names another resource: no URL but the SVG namespace (an
    /// identifier the script passes to createElementNS, never loaded), no element or call
    /// that loads one, and a content security policy that forbids every fetch.
    @Test func thePageLoadsNothing() throws {
        let (problem, outcome) = try ReportFixtures.resnet18()
        let html = try ReportPage.html(PlanReport(plan: outcome.plan, problem: problem, passes: outcome.passes))
        try Self.checkSelfContained(html)
    }

    static func checkSelfContained(_ html: String) throws {
        let namespace = "http://www.w3.org/2000/svg"
        let stripped = html.replacingOccurrences(of: "\"\(namespace)\"", with: "\"\"")
        for pattern in ["http://", "https://", "//cdn", "ws://", "wss://"] {
            #expect(!stripped.lowercased().contains(pattern), "the page names a URL: \(pattern)")
        }
        // `url(#id)` refers to an element of the page (the chart's clip path); any other url( could load.
        #expect(stripped.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") }, "the page could load something with url(")
        for loader in [" src=", " href=", "<link", "<iframe", "<object", "<embed", "@import", "fetch(", "XMLHttpRequest",
                       "WebSocket", "import(", "EventSource", "sendBeacon", "navigator.serviceWorker"] {
            #expect(!stripped.contains(loader), "the page could load something with \(loader)")
        }
        #expect(html.contains("content=\"default-src 'none';"))
    }
}
