namespace Coordinator.Console.Connection;

/// <summary>No silo answered with the settings in <see cref="Target"/> (exit code 4).</summary>
public sealed class ClusterUnreachableException(string target, Exception inner)
    : Exception($"cannot reach the cluster ({target}): {inner.Message}", inner)
{
    public string Target { get; } = target;
}
