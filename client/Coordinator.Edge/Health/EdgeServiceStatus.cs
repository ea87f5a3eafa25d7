namespace Coordinator.Edge.Health;

/// <summary>What one service's route looks like now, as <c>GET /edge/status</c> shows it.</summary>
/// <param name="Service">The service.</param>
/// <param name="Region">The edge's region.</param>
/// <param name="Arm">"blue" or "green"; null while the active arm has no manifest.</param>
/// <param name="Epoch">The pointer's epoch in the published config; null while there is no manifest.</param>
/// <param name="Destination">The arm's endpoint URL; null when there is none for the region.</param>
/// <param name="Health">"healthy", "unhealthy" or "unknown" (no check has judged it yet); "none" without a destination.</param>
/// <param name="ActiveHealth">What the health path last said (unknown without one).</param>
/// <param name="PassiveHealth">What failed requests last said.</param>
/// <param name="Missing">Why requests are answered 503; null when they are proxied.</param>
public sealed record EdgeServiceStatus(
    string Service,
    string Region,
    string? Arm,
    long? Epoch,
    string? Destination,
    string Health,
    string ActiveHealth,
    string PassiveHealth,
    string? Missing);
