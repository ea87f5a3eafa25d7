namespace Coordinator;

/// <summary>Azure queue names behind the lease and campaign change stream (azure mode); silos and clients must agree on them.</summary>
public static class StreamQueues
{
    /// <summary>One queue name per index 0..<paramref name="count"/>-1, "{serviceId}-flips-{i}" in lower case (Azure queue names must be).</summary>
    public static List<string> Names(string serviceId, int count) =>
        Enumerable.Range(0, count).Select(i => $"{serviceId.ToLowerInvariant()}-flips-{i}").ToList();
}
