import ArgumentParser
import CommandSupport
import DiviML
import DiviMLBench

@main
struct DiviMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diviml",
        abstract: "Map a neural network onto heterogeneous devices, with a lower bound on how good the mapping is.",
        subcommands: [
            ScheduleCommand.self, CompareCommand.self, ExplainCommand.self, InspectCommand.self, ModelsCommand.self, PlatformsCommand.self,
            BenchCommand.self, LLMCommand.self, ProfileTemplateCommand.self, ExportONNXCommand.self, ProfileCommand.self, RunCommand.self, DoctorCommand.self,
        ]
    )
}
