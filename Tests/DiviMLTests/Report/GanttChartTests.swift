import Foundation
import Testing
@testable import DiviML

/// The SVG chart: its width follows the schedule, its colours are the report's palette.
@Suite("Gantt SVG")
struct GanttChartTests {
    @Test func widthFollowsTheSchedule() throws {
        let p = try ReportFixtures.chain()
        let short = try Simulator.run(p, placement: [0, 1, 0])
        // Three nodes: the 800 px floor, plus the 130 px label column and 20 px margin.
        #expect(GanttChart.plotWidth(short, problem: p) == 800)
        #expect(GanttChart(title: "t").svg(short, problem: p).contains("width=\"950.00\""))
        let (problem, outcome) = try ReportFixtures.resnet18()
        let s = outcome.schedule
        let plot = GanttChart.plotWidth(s, problem: problem)
        let durations = problem.nodes.indices.map { s.finish[$0] - s.start[$0] }.filter { $0 > 0 }.sorted()
        let median = durations[durations.count / 2]
        // The median node is at least 4 px wide, and every node of the busiest device has 3 px.
        #expect(plot == 16_000 || plot * median / s.makespan >= 4 - 1e-9)
        let busiest = s.order(deviceCount: problem.deviceCount).map(\.count).max()!
        #expect(plot >= 3 * Double(busiest))
    }

    @Test func coloursAreThePalettes() throws {
        let (problem, outcome) = try ReportFixtures.resnet18()
        let svg = GanttChart(title: "resnet18").svg(outcome.schedule, problem: problem)
        let palette = OpPalette(problem: problem)
        for (op, colour) in palette.entries {
            #expect(svg.contains("fill=\"\(colour)\"/><text x=") == true, "legend of \(op)")
            #expect(svg.contains(">\(op)</text>"), "legend names \(op)")
        }
        for v in problem.nodes.indices where outcome.schedule.finish[v] > outcome.schedule.start[v] {
            #expect(svg.contains("fill=\"\(palette.colour(problem.nodes[v].op))\" stroke"))
        }
    }

    @Test func transfersAreBoxesOnTheirLinksRows() throws {
        let (problem, outcome) = try ReportFixtures.resnet18()
        let svg = GanttChart(title: "resnet18").svg(outcome.schedule, problem: problem)
        let transfers = problem.transfers(of: outcome.schedule)
        #expect(!transfers.isEmpty)
        #expect(svg.components(separatedBy: "fill=\"#7d8fa3\"").count - 1 == transfers.count)
        for link in Set(transfers.map { "\(problem.devices[$0.sourceDevice].name) → \(problem.devices[$0.destinationDevice].name)" }) {
            #expect(svg.contains(">\(link)</text>"), "row of \(link)")
        }
    }
}
