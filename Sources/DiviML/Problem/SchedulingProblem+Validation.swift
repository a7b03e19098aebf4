extension SchedulingProblem {
    /// Checks everything a solver relies on; called once by `init`.
    func validate(source: String) throws {
        let k = devices.count
        guard k > 0 else { throw InputError.malformed(file: source, path: "devices", expected: "at least one device") }
        guard devices.indices.contains(host) else {
            throw InputError.malformed(file: source, path: "host", expected: "one of the devices")
        }
        var seen = Set<String>()
        for (i, d) in devices.enumerated() {
            guard seen.insert(d.name).inserted else { throw InputError.duplicateName(file: source, kind: "device", name: d.name) }
            guard d.memoryBytes >= 0 else {
                throw InputError.malformed(file: source, path: "devices[\(i)] '\(d.name)'.memoryBytes",
                                           expected: "a non-negative byte count, found \(d.memoryBytes)")
            }
        }
        try validateLinks(source: source)
        seen.removeAll()
        for (v, node) in nodes.enumerated() {
            guard seen.insert(node.name).inserted else {
                throw InputError.duplicateName(file: source, kind: "node", name: node.name)
            }
            guard node.cost.count == k else {
                throw InputError.malformed(file: source, path: "nodes[\(v)].cost", expected: "\(k) entries (one per device), found \(node.cost.count)")
            }
            for c in node.cost.compactMap({ $0 }) where !(c.isFinite && c >= 0) {
                throw InputError.malformed(file: source, path: "nodes[\(v)] '\(node.name)'.cost", expected: "finite non-negative seconds, found \(c)")
            }
            guard node.paramBytes >= 0 else {
                throw InputError.malformed(file: source, path: "nodes[\(v)] '\(node.name)'.paramBytes", expected: "a non-negative byte count")
            }
            guard node.cost.compactMap({ $0 }).reduce(0, +).isFinite else {
                throw InputError.malformed(file: source, path: "nodes[\(v)] '\(node.name)'.cost",
                                           expected: "costs whose sum is finite, found costs that add up to infinity")
            }
            guard node.cost.contains(where: { $0 != nil }) else { throw InputError.noAllowedDevice(node: node.name) }
        }
        for (i, e) in edges.enumerated() where e.bytes < 0 {
            throw InputError.malformed(file: source, path: "edges[\(i)].bytes", expected: "a non-negative byte count")
        }
        guard release.count == nodes.count, release.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw InputError.malformed(file: source, path: "release", expected: "one finite non-negative time per node")
        }
        guard deviceReady.count == k, deviceReady.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw InputError.malformed(file: source, path: "deviceReady", expected: "one finite non-negative time per device")
        }
        try validateTotals(source: source)
        try validateMemoryAndGroups()
    }

    /// Sums the solvers take of costs, weights and memory fit in their types: a serial
    /// schedule's makespan is finite, and byte totals do not overflow `Int64`.
    private func validateTotals(source: String) throws {
        let serial = nodes.reduce(0.0) { $0 + ($1.cost.compactMap { $0 }.max() ?? 0) }
        guard serial.isFinite else {
            throw InputError.malformed(file: source, path: "nodes[].cost",
                                       expected: "costs whose sum over all nodes is finite, found a sum of infinity")
        }
        guard checkedSum(nodes.map(\.paramBytes)) != nil else {
            throw InputError.malformed(file: source, path: "nodes[].paramBytes",
                                       expected: "weights that add up to at most \(Int64.max) bytes, found a larger sum")
        }
        guard checkedSum(devices.map(\.memoryBytes)) != nil else {
            throw InputError.malformed(file: source, path: "devices[].memoryBytes",
                                       expected: "memories that add up to at most \(Int64.max) bytes, found a larger sum")
        }
        guard let edgeBytes = checkedSum(edges.map(\.bytes)) else {
            throw InputError.malformed(file: source, path: "edges[].bytes",
                                       expected: "transfers that add up to at most \(Int64.max) bytes, found a larger sum")
        }
        try validateTransferTimes(source: source, totalBytes: edgeBytes)
    }

    /// Every transfer takes a finite time on every link, and so does all of them in a row
    /// (the exact solvers scale the serial sum to integer ticks): a denormal or tiny
    /// bandwidth would make `bytes / bandwidth` infinite.
    private func validateTransferTimes(source: String, totalBytes: Int64) throws {
        let largest = Double(edges.map(\.bytes).max() ?? 0), total = Double(totalBytes)
        for a in devices.indices { for b in devices.indices where a != b {
            let one = latency[a][b] + largest / bandwidth[a][b]
            let all = Double(edges.count) * latency[a][b] + total / bandwidth[a][b]
            guard one.isFinite, all.isFinite else {
                throw InputError.malformed(
                    file: source, path: "link[\(devices[a].name) -> \(devices[b].name)]",
                    expected: "a bandwidth and latency at which every transfer, and all \(edges.count) in a row, take a finite time "
                        + "(largest transfer \(formatBytes(Int64(largest))), all \(formatBytes(totalBytes))), "
                        + "found \(bandwidth[a][b]) B/s and \(latency[a][b]) s")
            }
        } }
    }

    private func validateLinks(source: String) throws {
        let k = devices.count
        guard latency.count == k, bandwidth.count == k, latency.allSatisfy({ $0.count == k }),
              bandwidth.allSatisfy({ $0.count == k }) else {
            throw InputError.malformed(file: source, path: "link", expected: "\(k)x\(k) latency and bandwidth matrices")
        }
        for a in 0..<k { for b in 0..<k where a != b {
            guard latency[a][b].isFinite, latency[a][b] >= 0, bandwidth[a][b] > 0 else {
                throw InputError.malformed(
                    file: source, path: "link[\(devices[a].name) -> \(devices[b].name)]",
                    expected: "latency >= 0 and bandwidth > 0, found \(latency[a][b]) s and \(bandwidth[a][b]) B/s")
            }
        } }
    }

    /// Each node and each group must fit, alone, on some device allowed for all its members.
    private func validateMemoryAndGroups() throws {
        var units: [(what: String, members: [Int])] = nodes.indices.compactMap { v in
            nodes[v].group == nil ? ("node '\(nodes[v].name)'", [v]) : nil
        }
        units += groups.sorted { $0.key < $1.key }.map { ("group '\($0.key)'", $0.value) }
        for unit in units {
            let allowed = devices.indices.filter { k in unit.members.allSatisfy { isAllowed($0, on: k) } }
            guard !allowed.isEmpty else {
                throw InputError.invalidValue(
                    what: "\(unit.what) (members: \(unit.members.prefix(6).map { nodes[$0].name }.joined(separator: ", ")))",
                    value: "allowed on no common device", allowed: "a group whose members share at least one device")
            }
            let need = unit.members.reduce(Int64(0)) { $0 + nodes[$1].paramBytes }
            let largest = allowed.max { devices[$0].memoryBytes < devices[$1].memoryBytes }!
            if need > devices[largest].memoryBytes {
                throw InputError.memoryShortfall(
                    what: unit.what, neededBytes: need, device: devices[largest].name,
                    availableBytes: devices[largest].memoryBytes)
            }
        }
        let total = nodes.reduce(Int64(0)) { $0 + $1.paramBytes }
        let capacity = devices.reduce(Int64(0)) { $0 + $1.memoryBytes }
        if total > capacity {
            throw InputError.memoryShortfall(
                what: "the model's weights", neededBytes: total, device: "all devices together", availableBytes: capacity)
        }
    }
}

/// The sum of `values`, nil when it overflows `Int64`.
func checkedSum(_ values: [Int64]) -> Int64? {
    var total: Int64 = 0
    for x in values {
        let (sum, overflow) = total.addingReportingOverflow(x)
        if overflow { return nil }
        total = sum
    }
    return total
}
