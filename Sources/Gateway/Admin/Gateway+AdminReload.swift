import Config
import Foundation
import Ledger
import Loop
import Wire

/// Process-wide admin settings that the gateway's stored properties do not carry.
@LoopActor
enum AdminState {
    /// The configuration file `POST /admin/reload` re-reads; nil on the embedded default.
    static var configPath: String?
}

extension Gateway {
    /// The file the gateway was started from, for `POST /admin/reload`; the CLI sets it.
    /// Kept in `AdminState` so `Gateway` needs no new stored property (one gateway per process).
    public var configPath: String? {
        get { AdminState.configPath }
        set { AdminState.configPath = newValue }
    }

    /// `POST /admin/reload`: reads the configuration file again off the loop and applies it as
    /// SIGHUP does (the listen address stays), then reloads the key cache. A bad file is a 400
    /// naming file, line and column, and the running configuration stays.
    func adminReload() async throws(AdminError) -> AdminAnswer {
        guard let path = configPath else {
            throw AdminError.conflict("The gateway runs on the embedded default configuration: there is no file to reload.")
        }
        let environment = ProcessInfo.processInfo.environment
        let result = await EventLoop.shared.offload { () -> Result<GatewayConfig, ConfigError> in
            do throws(ConfigError) { return .success(try ConfigLoader.load(path: path, environment: environment)) } catch {
                return .failure(error)
            }
        }
        let loaded: GatewayConfig
        switch result {
        case .success(let config): loaded = config
        case .failure(let error):
            logger.error("admin reload refused: the running configuration stays", metadata: ["error": .string(error.description)])
            throw AdminError.badRequest("The configuration was not reloaded: \(error.description)")
        }
        apply(loaded.listening(on: config.listen))
        await reloadKeyCache()
        var json = JSONWriter()
        json.beginObject()
        json.member("reloaded", true)
        json.member("path", path)
        json.member("summary", loaded.startupSummary)
        json.endObject()
        return .ok(json.bytes)
    }
}
