import Testing
@testable import DiviML

@Suite("local-cpu:N platform")
struct LocalCPUPlatformTests {
    static let cpuinfo = """
    processor\t: 0
    model name\t: Test CPU 9000
    cpu MHz\t\t: 2596.148
    flags\t\t: fpu sse2 avx avx2 fma avx512f
    """
    static let facts = MachineFacts.parse(cpuinfo: cpuinfo, meminfo: "MemTotal:       24683652 kB\nMemFree: 1 kB\n",
                                          cores: 4, fallbackMemory: 1)

    @Test("machine facts come from /proc text: cores, memory, clock rounded to 0.1 GHz, vector width")
    func facts() {
        let f = Self.facts
        #expect(f.cores == 4)
        #expect(f.memoryBytes == 24683652 * 1024)
        #expect(f.cpuModel == "Test CPU 9000")
        #expect(f.gigahertz == 2.6)
        #expect(f.simdLanes == 16 && f.fmaUnits == 2)
        #expect(f.coreFlops == Int64(2 * 16 * 2 * 2.6e9))
        let bare = MachineFacts.parse(cpuinfo: "", meminfo: "", cores: 1, fallbackMemory: 1 << 30)
        #expect(bare.memoryBytes == 1 << 30 && bare.simdLanes == 4 && bare.fmaUnits == 1 && bare.gigahertz == 2.0)
    }

    @Test("local-cpu:N has N workers sharing the memory, linked pairwise", arguments: [1, 2, 4])
    func platform(n: Int) throws {
        let p = try LocalCPUPlatform.platform(named: "local-cpu:\(n)", facts: Self.facts)
        #expect(p.devices.map(\.name) == (0..<n).map { "w\($0)" })
        #expect(p.devices.allSatisfy { $0.kind == .cpu && $0.memoryBytes == Self.facts.memoryBytes / Int64(n) })
        #expect(p.devices.allSatisfy { $0.peakFlops["fp32"] == Double(Self.facts.coreFlops) })
        for a in 0..<n { for b in 0..<n where a != b { #expect(p.latency[a][b] == 20e-6) } }
        #expect(p.host == 0)
    }

    @Test("a worker count that is not 1...cores is an input error naming the allowed range", arguments: ["local-cpu:0", "local-cpu:5", "local-cpu:x", "local-cpu:", "local-cpu:-1"])
    func badCount(name: String) {
        let error = #expect(throws: InputError.self) { try LocalCPUPlatform.platform(named: name, facts: Self.facts) }
        #expect(error.map { "\($0)" }?.contains("an integer from 1 to 4") == true)
    }

    @Test("the platform resolves by name like a built-in")
    func resolves() throws {
        let p = try BuiltinPlatforms.resolve("local-cpu:1")
        #expect(p.devices.filter { $0.kind == .cpu }.count == 1 && p.name == "local-cpu:1")
    }
}

@Suite("--provider DEVICE=EP[:id]")
struct ProviderMappingTests {
    @Test("devices not named run on the CPU provider")
    func defaults() throws {
        let m = try ProviderMapping(options: ["gpu=CUDAExecutionProvider:1"], devices: ["cpu", "gpu"], planFile: "plan.json")
        #expect(m.providers == ["cpu": "CPUExecutionProvider", "gpu": "CUDAExecutionProvider:1"])
    }

    @Test("malformed, unknown-device and repeated options are input errors",
          arguments: ["gpu", "=CPUExecutionProvider", "gpu=CUDA", "gpu=CUDAExecutionProvider:x", "gpu=CUDAExecutionProvider:1:2", "tpu=CPUExecutionProvider"])
    func bad(option: String) {
        #expect(throws: InputError.self) { try ProviderMapping(options: [option], devices: ["cpu", "gpu"], planFile: "plan.json") }
    }

    @Test("a device named twice is an input error")
    func twice() {
        #expect(throws: InputError.self) {
            try ProviderMapping(options: ["gpu=CPUExecutionProvider", "gpu=CUDAExecutionProvider"], devices: ["gpu"], planFile: "p")
        }
    }
}
