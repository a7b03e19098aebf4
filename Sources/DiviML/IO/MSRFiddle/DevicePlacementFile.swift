import Foundation

/// The public device-placement JSON of Tarnawski et al., "Efficient Algorithms for
/// Device Placement of DNN Graph Operators" (NeurIPS 2020), as published in
/// msr-fiddle/dnn-partitioning: `maxFPGAs`, `maxCPUs`, `maxSizePerFPGA`, `nodes`, `edges`.
/// Times in the files are milliseconds; sizes are bytes.
struct DevicePlacementFile: Decodable {
    struct Node: Decodable {
        var id: Int
        var name: String?
        var supportedOnFpga: FlexibleBool?
        var cpuLatency: Double
        var fpgaLatency: Double
        var size: Double?
        var isBackwardNode: FlexibleBool?
        var colorClass: Int?
    }

    struct Edge: Decodable {
        var sourceId: Int
        var destId: Int
        var cost: Double
        var size: Double?
    }

    var maxFPGAs: Int
    var maxCPUs: Int?
    var maxSizePerFPGA: Double?
    var nodes: [Node]
    var edges: [Edge]
}

/// A flag written as `true`/`false` or as a number (0 is false), as the files mix both.
struct FlexibleBool: Decodable {
    var value: Bool

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else {
            value = try container.decode(Double.self) != 0
        }
    }
}
