import Foundation
import Testing
@testable import DiviML

/// The HTML report in a real browser: it renders without script errors, draws its lanes
/// and bars, keeps a screenshot, and makes no network request.
@Suite("HTML report in headless Chromium")
struct ReportBrowserTests {
    /// Writes the page of `outcome` to the artifacts folder.
    static func page(_ name: String, _ problem: SchedulingProblem, _ outcome: Planner.Outcome) throws -> (URL, PlanReport) {
        let report = PlanReport(plan: outcome.plan, problem: problem, passes: outcome.passes)
        try FileManager.default.createDirectory(at: HeadlessChromium.artifacts, withIntermediateDirectories: true)
        let url = HeadlessChromium.artifacts.appendingPathComponent(name)
        try writeFileAtomically(Data(try ReportPage.html(report).utf8), path: url.path)
        return (url, report)
    }

    /// Whether the browser is there; records an issue (under CI) or skips otherwise.
    static func browserAvailable() -> Bool {
        if HeadlessChromium.executable != nil { return true }
        if HeadlessChromium.required { Issue.record("under CI=true scripts/test.sh installs Chromium, but none was found on PATH") }
        return false
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("renders without script errors, with its lanes and bars, and keeps a screenshot",
          .enabled(if: HeadlessChromium.executable != nil || HeadlessChromium.required, HeadlessChromium.missing))
    func rendersLanesAndBars() throws {
        guard Self.browserAvailable() else { return }
        for (name, (problem, outcome)) in [("resnet18-heft", try ReportFixtures.resnet18()), ("hostile-names", try ReportFixtures.hostile())] {
            let (url, report) = try Self.page("\(name).html", problem, outcome)
            let run = try HeadlessChromium.run(url, ["--enable-logging=stderr", "--v=0", "--dump-dom"])
            #expect(run.status == 0, "\(run.stderr)")
            let dom = run.stdout
            #expect(dom.contains("<body data-status=\"rendered\""), "\(name): the script did not finish:\n\(dom.prefix(2000))")
            #expect(dom.contains("<pre id=\"errors\" hidden=\"\"></pre>"), "\(name): script errors")
            #expect(!run.stderr.contains("Uncaught"), "\(name): \(run.stderr)")
            let timeline = report.timelines[0]
            #expect(Self.count("class=\"lane lane-label", in: dom) == timeline.lanes.count, "\(name)")
            #expect(Self.count("<rect class=\"bar", in: dom) == timeline.bars.count, "\(name)")
            #expect(Self.count("<rect class=\"transfer", in: dom) == timeline.transfers.count, "\(name)")
            #expect(Self.count("<rect class=\"bar critical", in: dom) == timeline.bars.filter(\.critical).count, "\(name)")
            #expect(dom.contains("Why this plan") && dom.contains("Critical path"))
            if name == "hostile-names" {
                // The hostile names are shown as text and ran nothing.
                #expect(dom.contains("&lt;/script&gt;&lt;script&gt;document.body.dataset.status='pwned'&lt;/script&gt;"))
                #expect(!dom.contains("pwned\"") && !dom.contains("<img src=\"x\""))
            }
            let shot = HeadlessChromium.artifacts.appendingPathComponent("\(name).png")
            try? FileManager.default.removeItem(at: shot)
            let taken = try HeadlessChromium.run(url, ["--screenshot=\(shot.path)"])
            #expect(taken.status == 0, "\(taken.stderr)")
            let png = try Data(contentsOf: shot)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "\(name): no screenshot")
        }
    }

    /// Searching for an op type highlights exactly its bars and dims the rest.
    @Test("search highlights the matching bars", .enabled(if: HeadlessChromium.executable != nil || HeadlessChromium.required, HeadlessChromium.missing))
    func searchHighlightsMatches() throws {
        guard Self.browserAvailable() else { return }
        let (problem, outcome) = try ReportFixtures.resnet18()
        let (url, report) = try Self.page("search-check.html", problem, outcome)
        var query = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        query.fragment = "search=BatchNorm"
        let run = try HeadlessChromium.run(try #require(query.url), ["--dump-dom"])
        let bars = report.timelines[0].bars
        let expected = bars.filter { $0.op.contains("BatchNorm") || $0.name.lowercased().contains("batchnorm") }.count
        let matched = Self.count("<rect class=\"bar critical match\"", in: run.stdout) + Self.count("<rect class=\"bar match\"", in: run.stdout)
        let dimmed = Self.count("<rect class=\"bar critical dim\"", in: run.stdout) + Self.count("<rect class=\"bar dim\"", in: run.stdout)
        #expect(expected > 0 && matched == expected, "\(matched) of \(expected) matches highlighted\n\(run.stdout.prefix(3000))")
        #expect(matched + dimmed == bars.count)
        #expect(run.stdout.contains("\(expected) matches"))
    }

    /// Zoom with the wheel, pan by dragging, hover a bar: a script added to a copy of the
    /// page (test code only) sends those events and writes what the page showed into
    /// `<pre id="interaction">`.
    @Test("zooms, pans and shows a tooltip", .enabled(if: HeadlessChromium.executable != nil || HeadlessChromium.required, HeadlessChromium.missing))
    func zoomsPansAndHovers() throws {
        guard Self.browserAvailable() else { return }
        let (problem, outcome) = try ReportFixtures.resnet18()
        let (url, report) = try Self.page("interaction-check.html", problem, outcome)
        let driver = #"""
        <script>
        (function () {
          const out = {};
          const box = document.querySelector(".chart"), svg = box.querySelector("svg"), info = document.querySelector(".toolbar .info");
          const r = svg.getBoundingClientRect(), y = r.top + 60;
          out.before = Number(box.dataset.bars);
          out.beforeInfo = info.textContent;
          for (let i = 0; i < 8; i++) svg.dispatchEvent(new WheelEvent("wheel", { deltaY: -100, clientX: r.left + 200, clientY: y, bubbles: true, cancelable: true }));
          out.zoomed = Number(box.dataset.bars);
          out.zoomedInfo = info.textContent;
          svg.dispatchEvent(new MouseEvent("mousedown", { clientX: r.left + 700, clientY: y, bubbles: true }));
          window.dispatchEvent(new MouseEvent("mousemove", { clientX: r.left + 300, clientY: y }));
          window.dispatchEvent(new MouseEvent("mouseup", {}));
          out.pannedInfo = info.textContent;
          const bar = svg.querySelector("rect.bar");
          bar.dispatchEvent(new MouseEvent("mousemove", { clientX: r.left + 300, clientY: y, bubbles: true }));
          const tip = document.getElementById("tooltip");
          out.tip = tip.textContent;
          out.tipShown = tip.style.display;
          svg.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
          out.reset = Number(box.dataset.bars);
          const pre = document.createElement("pre");
          pre.id = "interaction";
          pre.textContent = JSON.stringify(out);
          document.body.appendChild(pre);
        })();
        </script>
        """#
        let html = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "</body>", with: driver + "\n</body>")
        let driven = HeadlessChromium.artifacts.appendingPathComponent("interaction-driven.html")
        try writeFileAtomically(Data(html.utf8), path: driven.path)
        let dom = try HeadlessChromium.run(driven, ["--dump-dom"]).stdout
        #expect(dom.contains("<body data-status=\"rendered\""))
        let start = try #require(dom.range(of: "<pre id=\"interaction\">")).upperBound
        let end = try #require(dom.range(of: "</pre>", range: start..<dom.endIndex)).lowerBound
        let text = dom[start..<end].replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let total = report.timelines[0].bars.count
        #expect(seen["before"] as? Int == total && seen["reset"] as? Int == total)
        // Zoomed in near the start, fewer bars are drawn in a shorter window.
        let zoomed = try #require(seen["zoomed"] as? Int)
        #expect(zoomed > 0 && zoomed < total)
        let full = try #require(seen["beforeInfo"] as? String), zoomedInfo = try #require(seen["zoomedInfo"] as? String)
        #expect(full.hasPrefix("showing 0 – \(Self.jsSeconds(report.timelines[0].span)) · \(total) of \(total) nodes"), "\(full)")
        #expect(zoomedInfo != full && zoomedInfo.contains(" · \(zoomed) of \(total) nodes"), "\(zoomedInfo)")
        // Dragged left, the window moved later in time.
        let panned = try #require(seen["pannedInfo"] as? String)
        #expect(panned.hasPrefix("showing ") && panned != zoomedInfo, "\(panned)")
        // The tooltip shows a node's name and its device.
        let tip = try #require(seen["tip"] as? String)
        #expect(seen["tipShown"] as? String == "block")
        #expect(report.timelines[0].bars.contains { tip.hasPrefix($0.name + "\n") }, "\(tip)")
        #expect(problem.devices.contains { tip.contains(" on \($0.name)") })
    }

    /// Seconds as the page's script writes them (3 significant digits, trailing zeros dropped).
    static func jsSeconds(_ t: Double) -> String {
        let (value, unit) = t >= 1 ? (t, "s") : t >= 1e-3 ? (t * 1e3, "ms") : (t * 1e6, "µs")
        let digits = Double(String(format: "%.3g", value))!
        return (digits == digits.rounded() ? String(Int(digits)) : String(digits)) + " " + unit
    }

    /// Chromium's network log lists every request a page starts; the report's page must
    /// start none. A control page with one remote image shows that the log catches it.
    @Test("makes no network request", .enabled(if: HeadlessChromium.executable != nil || HeadlessChromium.required, HeadlessChromium.missing))
    func makesNoNetworkRequest() throws {
        guard Self.browserAvailable() else { return }
        let (problem, outcome) = try ReportFixtures.resnet18()
        let (url, _) = try Self.page("network-check.html", problem, outcome)
        try ReportPageTests.checkSelfContained(try String(contentsOf: url, encoding: .utf8))
        #expect(try Self.pageRequests(url).isEmpty)
        let control = HeadlessChromium.artifacts.appendingPathComponent("network-control.html")
        try writeFileAtomically(Data("<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/probe.png\"></body></html>".utf8), path: control.path)
        #expect(try Self.pageRequests(control) == ["http://127.0.0.1:9/probe.png"])
    }

    /// The URLs of requests the page started (the browser's own background requests,
    /// which no page initiates, are left out): those logged with the page's file:// origin.
    static func pageRequests(_ page: URL) throws -> Set<String> {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-netlog-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: log) }
        let run = try HeadlessChromium.run(page, ["--log-net-log=\(log.path)", "--dump-dom"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: log)) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        var urls = Set<String>()
        for event in events {
            guard let params = event["params"] as? [String: Any], let url = params["url"] as? String,
                  let key = params["network_isolation_key"] as? String, key.contains("file://") else { continue }
            if !url.hasPrefix("file:") && !url.hasPrefix("data:") { urls.insert(url) }
        }
        return urls
    }
}
