extension CPSATLatencyModel {
    /// Adds a period variable T in [0, limit] with T >= every device load Σ_v cost[v][k]·x[v][k]
    /// and T >= every directed link load Σ_e t_e(a,b)·y[e][a][b], y >= x[u][a] ∧ x[v][b].
    /// Costs and transfers are in ticks rounded up, so a tick load within `limit` is a true
    /// load within `limit / ticksPerSecond`.
    /// - Complexity: |V|·|K| device terms and at most |E|·|K|² new literals.
    mutating func addPeriod(limit: Int64) -> Int32 {
        let p = problem
        let period = builder.newInt(0, max(0, limit), "period")
        for k in p.devices.indices {
            var terms: [(Int32, Int64)] = [(period, -1)]
            for v in p.nodes.indices { if let x = placement.presence[v][k], cost[v][k] > 0 { terms.append((x, cost[v][k])) } }
            if terms.count > 1 { builder.linear(terms, .min / 4, 0) }
        }
        var links = [[[(Int32, Int64)]]](repeating: .init(repeating: [], count: p.deviceCount), count: p.deviceCount)
        for (e, edge) in p.edges.enumerated() {
            for a in p.devices.indices { for b in p.devices.indices where a != b {
                guard let xa = placement.presence[edge.from][a], let xb = placement.presence[edge.to][b] else { continue }
                let t = scale.ticks(p.transferTime(edge: e, from: a, to: b))
                guard t > 0 else { continue }
                let y = builder.newBool()
                builder.boolOr([CPModelBuilder.not(xa), CPModelBuilder.not(xb), y])
                links[a][b].append((y, t))
            } }
        }
        for a in p.devices.indices { for b in p.devices.indices where !links[a][b].isEmpty {
            builder.linear(links[a][b] + [(period, -1)], .min / 4, 0)
        } }
        return period
    }

    /// The largest tick count whose seconds stay within `seconds` (rounded down).
    func ticksWithin(_ seconds: Double) -> Int64 {
        let t = (seconds * scale.ticksPerSecond * (1 - 1e-12)).rounded(.down)
        return t.isFinite ? Int64(max(-1, min(t, Double(Int64.max / 8)))) : Int64.max / 8
    }

    /// Restricts the latency model to placements whose pipeline period is at most `seconds`.
    mutating func limitPeriod(to seconds: Double) {
        _ = addPeriod(limit: ticksWithin(seconds))
    }

    /// Turns the latency model into "minimise the period with the makespan at most
    /// `seconds`". - Returns: the period variable.
    mutating func minimizePeriod(latencyAtMost seconds: Double) -> Int32 {
        builder.linear([(makespan, 1)], .min / 4, ticksWithin(seconds))
        let period = addPeriod(limit: Int64(1) << 50)
        builder.minimize(period)
        return period
    }
}
