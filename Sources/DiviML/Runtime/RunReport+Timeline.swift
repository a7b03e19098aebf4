extension Timeline {
    /// What `diviml run` measured, as a timeline to draw beside the planned one: one lane
    /// per device (in `devices`' order, then any other device the run names, sorted), one
    /// bar per sub-model from its median measured start to its median measured finish.
    /// - Complexity: O(s log s) for s sub-models.
    public init(measured run: RunReport, devices: [String]) {
        var names = devices
        for device in Set(run.submodels.map(\.device)).subtracting(devices).sorted() { names.append(device) }
        let lane = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        label = "measured (\(run.engine), median of \(run.runSeconds.count) run\(run.runSeconds.count == 1 ? "" : "s"))"
        markers = []
        lanes = names.indices.map { Lane(name: names[$0], kind: .device, device: $0, destination: nil, rows: 1) }
        bars = run.submodels.enumerated().map { i, sub in
            Bar(node: i, name: sub.file, op: "sub-model", lane: lane[sub.device]!, start: sub.measuredStart,
                finish: max(sub.measuredStart, sub.measuredFinish), replica: nil, critical: false)
        }
        transfers = []
        span = max(bars.map(\.finish).max() ?? 0, run.measuredSeconds)
    }
}
