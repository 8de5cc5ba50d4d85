import ArgumentParser
import Foundation

/// Where a command writes its result.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (or, for csv, folder) instead of standard output.", valueName: "path"))
    var output: String?

    init() {}

    init(output: String) {
        self.output = output
    }

    /// The output as a folder: a path ending in "/" or an existing directory.
    var folder: URL? {
        guard let output else { return nil }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        return output.hasSuffix("/") || (exists && isDirectory.boolValue) ? URL(fileURLWithPath: output, isDirectory: true) : nil
    }

    func write(_ text: String) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw CommandError("cannot write \(output): \(error.localizedDescription)")
        }
    }

    /// Writes each file into `folder`, creating it if needed.
    func writeFiles(_ files: [(name: String, text: String)], into folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files { try Data(file.text.utf8).write(to: folder.appendingPathComponent(file.name)) }
        } catch {
            throw CommandError("cannot write into \(folder.path): \(error.localizedDescription)")
        }
    }
}

/// A one-line error for the user.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, turning library errors into one-line command errors.
func reporting<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as CommandError {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        throw CommandError(String(describing: error))
    }
}
