using System.Globalization;
using Coordinator.Client;

namespace Coordinator.Edge.Routing;

/// <summary>
/// Where one service's requests go under one published config: the active arm as the resolver
/// returned it, its endpoint in the edge's region, or why there is none. Immutable, so a request
/// routed with it keeps one arm and epoch however the pointer moves.
/// </summary>
internal sealed record ArmRoute
{
    public required EdgeService Service { get; init; }

    public required string Region { get; init; }

    /// <summary>Null while the pointer's active arm has no registered manifest.</summary>
    public ActiveArm? Active { get; init; }

    /// <summary>Null when the active manifest names no endpoint for the region.</summary>
    public ArmEndpoint? Endpoint { get; init; }

    /// <summary>Why requests are answered 503 instead of proxied; null when they are proxied.</summary>
    public string? Missing { get; init; }

    /// <summary>"no-endpoint" or "no-manifest" (the problem type's last part) when <see cref="Missing"/> is set.</summary>
    public string? MissingKind { get; init; }

    /// <summary>Unique per (service, epoch, arm): YARP never updates a cluster in place, so a cluster's config and destinations always agree.</summary>
    public string ClusterId => Active is { } a
        ? $"{Service.Service}.e{a.Epoch.ToString(CultureInfo.InvariantCulture)}.{a.Arm.ToWire()}"
        : $"{Service.Service}.unregistered";

    public string DestinationId => ClusterId;

    /// <summary>-1 while there is no manifest: any epoch the resolver returns is newer.</summary>
    public long Epoch => Active?.Epoch ?? -1;

    public static ArmRoute For(EdgeService service, string region, ActiveArm active) =>
        active.Manifest.Endpoints.TryGetValue(region, out var endpoint)
            ? new ArmRoute { Service = service, Region = region, Active = active, Endpoint = endpoint }
            : new ArmRoute
            {
                Service = service,
                Region = region,
                Active = active,
                MissingKind = "no-endpoint",
                Missing = $"the active arm {active.Arm.ToWire()} of {service.Service} (epoch {active.Epoch.ToString(CultureInfo.InvariantCulture)}) has no endpoint for region {region} in its manifest (endpoints.{region}.url); register one or flip",
            };

    public static ArmRoute Unregistered(EdgeService service, string region, string reason) =>
        new() { Service = service, Region = region, MissingKind = "no-manifest", Missing = $"{service.Service} has no manifest for its active arm in {region}: {reason}" };
}
