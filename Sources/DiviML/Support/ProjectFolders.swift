import Foundation

/// The folders above the working directory and above the executable, nearest first, each
/// once (`levels` of each, the start included): where project-local installs (`.solvers`,
/// `.venv`, `scripts/`) are looked for, so that `diviml` finds them from anywhere inside a
/// checkout or from its build folder.
/// - Complexity: O(levels) file-system-free path operations.
func foldersAboveWorkingDirectoryAndExecutable(levels: Int = 12) -> [URL] {
    var starts = [FileManager.default.currentDirectoryPath]
    if let exe = Bundle.main.executablePath { starts.append((exe as NSString).deletingLastPathComponent) }
    var found: [URL] = []
    for start in starts {
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        for _ in 0..<levels {
            if !found.contains(where: { $0.path == dir.path }) { found.append(dir) }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
    }
    return found
}
