import ArgumentParser
import Config
import Foundation
import Gateway
import Ledger

/// `--config FILE` for the commands that read or change the database in `data_dir`.
///
/// The data directory comes from the file as `serve` reads it (`ConfigLoader.load`), or from
/// the embedded default (`./switchyard-data`). Each command opens connections of its own, so
/// it works while the gateway runs: SQLite's WAL lets readers and one writer at a time share
/// the file, and a busy writer is waited for.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (YAML) whose data_dir holds the database; default: the embedded default (./switchyard-data).")
    var config: String?

    func dataDirectory() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let config else { return GatewayConfig.embeddedDefault(environment: environment).config.dataDir }
        do { return try ConfigLoader.load(path: config, environment: environment).dataDir } catch {
            throw CLI.fail(error.description, code: 2)
        }
    }

    func databasePath() throws -> String {
        Gateway.databasePath(dataDir: try dataDirectory())
    }

    /// The key store; `create` makes the data directory and database when they do not exist
    /// yet (the first key may be created before the gateway ever ran).
    func keyStore(create: Bool) throws -> KeyStore {
        let path = try databasePath()
        if create {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } else {
            try requireDatabase(path)
        }
        do { return try KeyStore(path: path) } catch { throw CLI.fail(error) }
    }

    /// A read connection to the ledger for reports.
    func ledger() throws -> SQLiteLedger {
        let path = try databasePath()
        try requireDatabase(path)
        do { return try SQLiteLedger(path: path) } catch { throw CLI.fail(error) }
    }

    private func requireDatabase(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLI.fail("no Switchyard database at \(path): start the gateway with this configuration, or create a key first", code: 1)
        }
    }
}
