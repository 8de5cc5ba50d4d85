import ArgumentParser
import Foundation

/// Where a command writes its result.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

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
    } catch {
        throw CommandError(String(describing: error))
    }
}
