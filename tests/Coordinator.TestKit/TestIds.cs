namespace Coordinator.TestKit;

/// <summary>
/// Fresh names per test, so tests never read each other's state from the shared storage account.
/// Lowercase letters, digits and '-', short enough for ServiceId/ClusterId (40) and queue names.
/// </summary>
public static class TestIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}";
}

/// <summary>Which cluster (ClusterId) and which stored state (ServiceId) a test talks to.</summary>
public sealed record ClusterIdentity(string ClusterId, string ServiceId)
{
    public static ClusterIdentity New()
    {
        var id = TestIds.New("it");
        return new ClusterIdentity(id, id);
    }
}
