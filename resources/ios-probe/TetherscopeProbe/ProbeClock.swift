import Darwin
import Foundation

enum ProbeClock {
    private static let timebase: mach_timebase_info_data_t = {
        var info = mach_timebase_info_data_t()
        mach_timebase_info(&info)
        return info
    }()

    /// mach_continuous_time (keeps counting while the phone sleeps) in nanoseconds.
    static func nowNs() -> UInt64 {
        toNs(mach_continuous_time())
    }

    static func toNs(_ ticks: UInt64) -> UInt64 {
        let numer = UInt64(timebase.numer)
        let denom = UInt64(timebase.denom)
        // Split the multiplication so ticks × numer cannot overflow.
        return (ticks / denom) * numer + (ticks % denom) * numer / denom
    }

    static func thermalStateName(_ state: ProcessInfo.ThermalState) -> String {
        switch state {
        case .nominal: return "nominal"
        case .fair: return "fair"
        case .serious: return "serious"
        case .critical: return "critical"
        @unknown default: return "critical"
        }
    }
}
