import Testing
@testable import DiviML

@Suite("Platforms")
struct PlatformTests {
    @Test(arguments: BuiltinPlatforms.all.map(\.name))
    func builtinsLoad(name: String) throws {
        let p = try BuiltinPlatforms.named(name)
        #expect(p.devices.count >= 2)
        #expect(p.devices[p.host].kind == .cpu)
        for a in p.devices.indices { for b in p.devices.indices where a != b {
            #expect(p.bandwidth[a][b] > 0 && p.latency[a][b] >= 0)
        } }
    }

    @Test func everyBuiltinNumberNamesItsSource() {
        for (_, yaml) in BuiltinPlatforms.all {
            let devices = yaml.components(separatedBy: "- name:").dropFirst()
            for d in devices { #expect(d.contains("source:")) }
            for line in yaml.split(separator: "\n") where line.contains("between:") { #expect(line.contains("source:")) }
        }
    }

    @Test func paperNodeRoutesGPUToGPUThroughTheHost() throws {
        let p = try BuiltinPlatforms.named("paper-node")
        let (v100, gtx) = (p.deviceIndex("v100")!, p.deviceIndex("gtx1080ti")!)
        #expect(abs(p.latency[v100][gtx] - 20e-6) < 1e-12)
        #expect(p.bandwidth[v100][gtx] == 12e9)
    }

    @Test func quantitiesParseUnits() {
        #expect(Quantity(parsing: "16 GiB")?.value == 16 * 0x1p30)
        #expect(Quantity(parsing: "900 GB/s")?.value == 900e9)
        #expect(Quantity(parsing: "14 TFLOPS")?.value == 14e12)
        #expect(Quantity(parsing: "10 us")?.value == 10e-6)
        #expect(Quantity(parsing: "2.5e3")?.value == 2500)
        #expect(Quantity(parsing: "12 parsecs") == nil)
    }

    @Test func unknownPlatformSuggestsTheClosest() {
        let error = #expect(throws: InputError.self) { try BuiltinPlatforms.named("papernode") }
        #expect(error?.description.contains("did you mean 'paper-node'?") == true)
        #expect(error?.description.contains("cpu-gpu") == true)
    }

    @Test func malformedFilesNameThePathAndWhatWasExpected() {
        let missingKey = """
        name: x
        host: cpu
        devices:
          - {name: cpu, kind: cpu, peakFlops: {fp32: 1 TFLOPS}, memoryBandwidth: 1 GB/s, launchOverhead: 1 us}
        links: []
        """
        let e1 = #expect(throws: InputError.self) { try Platform.parse(missingKey, file: "p.yaml") }
        #expect(e1?.description == "p.yaml: at devices[0].memory: a value for required key 'memory'")
        let badUnit = missingKey.replacingOccurrences(of: "kind: cpu,", with: "kind: cpu, memory: 12 parsecs,")
        let e2 = #expect(throws: InputError.self) { try Platform.parse(badUnit, file: "p.yaml") }
        #expect(e2?.description.contains("devices[0].memory") == true)
        let badKind = missingKey.replacingOccurrences(of: "kind: cpu,", with: "kind: tpu, memory: 1 GiB,")
        #expect(throws: InputError.self) { try Platform.parse(badKind, file: "p.yaml") }
        let unknownHost = missingKey.replacingOccurrences(of: "host: cpu", with: "host: gpu")
            .replacingOccurrences(of: "kind: cpu,", with: "kind: cpu, memory: 1 GiB,")
        let e3 = #expect(throws: InputError.self) { try Platform.parse(unknownHost, file: "p.yaml") }
        #expect(e3?.description.contains("at host: 'gpu' is not defined") == true)
        #expect(throws: InputError.self) { try Platform.parse("{ not yaml: [", file: "p.yaml") }
    }

    @Test func missingLinkWithoutHostRouteIsAnError() {
        let yaml = """
        name: x
        host: cpu
        devices:
          - {name: cpu, kind: cpu, memory: 1 GiB, peakFlops: {fp32: 1 TFLOPS}, memoryBandwidth: 1 GB/s, launchOverhead: 1 us}
          - {name: gpu, kind: gpu, memory: 1 GiB, peakFlops: {fp32: 1 TFLOPS}, memoryBandwidth: 1 GB/s, launchOverhead: 1 us}
        links: []
        """
        let e = #expect(throws: InputError.self) { try Platform.parse(yaml, file: "p.yaml") }
        #expect(e?.description.contains("a link from 'cpu' to 'gpu'") == true)
    }
}
