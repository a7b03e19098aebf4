import Foundation
import Testing
@testable import DiviML

/// Device-placement files with extreme numbers (issue 12): errors naming the field and the
/// stated maximum, never a trap or an out-of-memory.
@Suite("Device-placement limits")
struct DevicePlacementLimitsTests {
    private func load(maxFPGAs: Int = 2, maxCPUs: Int = 1, maxSizePerFPGA: String = "1e9", size: String = "10",
                      edgeCost: String = "0.5", edgeSize: String = "100") throws -> SchedulingProblem {
        let text = """
        {"maxFPGAs": \(maxFPGAs), "maxCPUs": \(maxCPUs), "maxSizePerFPGA": \(maxSizePerFPGA),
         "nodes": [{"id": 0, "cpuLatency": 1, "fpgaLatency": 1, "size": \(size)}, {"id": 1, "cpuLatency": 1, "fpgaLatency": 1}],
         "edges": [{"sourceId": 0, "destId": 1, "cost": \(edgeCost), "size": \(edgeSize)}]}
        """
        let url = try ONNXFixtures.scratchDirectory("fiddle-limits").appendingPathComponent("g.json")
        try Data(text.utf8).write(to: url)
        return try loadDevicePlacementProblem(path: url.path)
    }

    @Test("a plain file within the limits loads")
    func withinLimits() throws {
        let problem = try load(maxFPGAs: DevicePlacementImport.maximumDevices - 1)
        #expect(problem.devices.count == DevicePlacementImport.maximumDevices)
        #expect(try load(size: "9.2e18").nodes[0].paramBytes == 9_200_000_000_000_000_000)
    }

    @Test("more devices than the maximum is an error naming the counts", arguments: [(200_000, 1), (1, 1 << 40), (1024, 1)])
    func tooManyDevices(fpgas: Int, cpus: Int) {
        let error = #expect(throws: InputError.self) { try load(maxFPGAs: fpgas, maxCPUs: cpus) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("at maxFPGAs/maxCPUs: at most 1024 devices in all, found \(fpgas) + \(cpus)"), "\(text)")
    }

    @Test("sizes that do not fit a byte count are errors naming the field", arguments: [
        ("maxSizePerFPGA", "1e30"), ("maxSizePerFPGA", "-5"), ("nodes[0].size", "1e30"), ("nodes[0].size", "9.3e18"),
    ])
    func sizeBeyondInt64(field: String, value: String) {
        let error = #expect(throws: InputError.self) {
            field == "maxSizePerFPGA" ? try load(maxSizePerFPGA: value) : try load(size: value)
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("at \(field): a byte count from 0 to below 8 EiB (2^63), found "), "\(text)")
    }

    @Test("an edge whose cost at the file's rate is more than 8 EiB is an error naming the edge")
    func edgeBytesBeyondInt64() {
        let error = #expect(throws: InputError.self) { try load(edgeCost: "1e300", edgeSize: "1e300") }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("at edges[0].cost: a byte count from 0 to below 8 EiB"), "\(text)")
    }
}
