namespace Coordinator;

/// <summary>Azure queue names behind the flip stream (azure mode); silos and clients must agree on them.</summary>
public static class StreamQueues
{
    public static List<string> Names(string serviceId, int count) =>
        Enumerable.Range(0, count).Select(i => $"{serviceId.ToLowerInvariant()}-flips-{i}").ToList();
}
