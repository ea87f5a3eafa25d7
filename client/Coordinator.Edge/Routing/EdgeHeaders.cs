namespace Coordinator.Edge.Routing;

/// <summary>The headers the edge sets on every proxied response and forwards to the arm.</summary>
public static class EdgeHeaders
{
    /// <summary>The arm the request was routed to: "blue" or "green".</summary>
    public const string Arm = "x-coordinator-arm";

    /// <summary>The pointer's epoch in the config the request was routed with.</summary>
    public const string Epoch = "x-coordinator-epoch";
}
