namespace Coordinator.Api.Auth;

/// <summary>
/// What a principal may do. reader: read regions, campaigns and audit chains. writer: leases, consumer
/// pointers, telemetry and smoke reports. operator: arms, flips, consumer moves and resets, campaigns.
/// approver: approve campaigns. Reads are open to every role.
/// </summary>
public static class ApiRoles
{
    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Operator = "operator";
    public const string Approver = "approver";

    public static readonly IReadOnlyList<string> All = [Reader, Writer, Operator, Approver];

    /// <summary>The authorization policy for reads: any role.</summary>
    public const string ReadPolicy = "read";
}
