import Testing
@testable import DiviML

/// The random-graph generators: edge counts the models fix, simple graphs, and
/// determinism by seed. Every case prints its seed and size on failure.
@Suite("Random graphs")
struct RandomGraphsTests {
    static let sizes = [5, 6, 8, 16, 32, 64]

    func sample(_ model: RandomGraphs.Model, n: Int, seed: UInt64) -> [RandomGraphs.Edge] {
        var rng = SeededGenerator(seed: seed)
        return RandomGraphs.sample(model, nodes: n, using: &rng)
    }

    func isSimple(_ edges: [RandomGraphs.Edge], n: Int) -> Bool {
        Set(edges).count == edges.count && edges.allSatisfy { 0 <= $0.a && $0.a < $0.b && $0.b < n }
    }

    @Test("Watts-Strogatz keeps exactly n·k/2 edges", arguments: sizes)
    func wattsStrogatzCount(n: Int) {
        for seed: UInt64 in 0..<50 {
            let edges = sample(.wattsStrogatz(k: 4, p: 0.75), n: n, seed: seed)
            #expect(edges.count == n * 4 / 2 && isSimple(edges, n: n), "n \(n) seed \(seed)")
        }
    }

    @Test("Watts-Strogatz with p = 0 is the ring lattice, p > 0 rewires")
    func wattsStrogatzRing() {
        let ring = sample(.wattsStrogatz(k: 4, p: 0), n: 10, seed: 7)
        let lattice = (0..<10).flatMap { u in [RandomGraphs.Edge(u, (u + 1) % 10), RandomGraphs.Edge(u, (u + 2) % 10)] }
        #expect(ring == lattice.sorted())
        #expect(sample(.wattsStrogatz(k: 4, p: 0.75), n: 32, seed: 7) != sample(.wattsStrogatz(k: 4, p: 0), n: 32, seed: 7))
    }

    @Test("Barabási-Albert has m·(n−m) edges, m to earlier nodes from each new node", arguments: [6, 8, 16, 32, 64])
    func barabasiAlbert(n: Int) {
        let m = 5
        for seed: UInt64 in 0..<50 {
            let edges = sample(.barabasiAlbert(m: m), n: n, seed: seed)
            #expect(edges.count == m * (n - m) && isSimple(edges, n: n), "n \(n) seed \(seed)")
            var earlier = [Int](repeating: 0, count: n)
            for e in edges { earlier[e.b] += 1 }
            #expect(earlier.prefix(m).allSatisfy { $0 == 0 } && earlier.dropFirst(m).allSatisfy { $0 == m }, "seed \(seed)")
        }
    }

    @Test("Erdős-Rényi: p = 0 empty, p = 1 complete, p = 0.2 has the binomial mean")
    func erdosRenyi() {
        #expect(sample(.erdosRenyi(p: 0), n: 20, seed: 3).isEmpty)
        #expect(sample(.erdosRenyi(p: 1), n: 20, seed: 3).count == 190)
        let n = 32, pairs = Double(n * (n - 1) / 2), trials = 200
        let total = (0..<trials).reduce(0) { $0 + sample(.erdosRenyi(p: 0.2), n: n, seed: UInt64($1)).count }
        let mean = Double(total) / Double(trials)
        // Standard error of the mean of Binomial(496, 0.2) over 200 trials: about 0.63.
        #expect(abs(mean - 0.2 * pairs) < 4 * (pairs * 0.2 * 0.8 / Double(trials)).squareRoot(), "mean \(mean)")
        #expect(isSimple(sample(.erdosRenyi(p: 0.2), n: n, seed: 11), n: n))
    }

    @Test("same seed, same graph; another seed, another graph")
    func determinism() {
        let models: [RandomGraphs.Model] = [.wattsStrogatz(k: 4, p: 0.75), .erdosRenyi(p: 0.2), .barabasiAlbert(m: 5)]
        for model in models {
            #expect(sample(model, n: 32, seed: 42) == sample(model, n: 32, seed: 42), "\(model)")
            #expect(sample(model, n: 32, seed: 42) != sample(model, n: 32, seed: 43), "\(model)")
        }
    }

    @Test("uniform draws stay in range")
    func uniformRange() {
        var rng = SeededGenerator(seed: 5)
        for n in [1, 2, 3, 7, 1000] {
            #expect((0..<200).allSatisfy { _ in (0..<n).contains(RandomGraphs.uniform(n, &rng)) })
        }
    }
}
