namespace Coordinator.Client.Connection;

/// <summary>
/// A named cluster connection, as kubectl keeps them. The storage connection string is never written
/// here: only the name of the environment variable or the path of the file that holds it.
/// </summary>
public sealed record ConnectionContext
{
    /// <summary>"embedded" or "azure"; null for the default.</summary>
    public string? Mode { get; init; }

    /// <summary>The Orleans cluster id; null for the default.</summary>
    public string? ClusterId { get; init; }

    /// <summary>The Orleans service id; null for the default.</summary>
    public string? ServiceId { get; init; }

    /// <summary>The localhost gateway port (embedded mode); null for the default.</summary>
    public int? GatewayPort { get; init; }

    /// <summary>The environment variable holding the Azure Storage connection string.</summary>
    public string? ConnectionStringVariable { get; init; }

    /// <summary>A file holding the Azure Storage connection string (its first line).</summary>
    public string? ConnectionStringFile { get; init; }
}

/// <summary>The contexts file: every named context and the one in use.</summary>
public sealed record ConnectionContextFile
{
    /// <summary>The context used when no --context is given; null for none.</summary>
    public string? Current { get; init; }

    /// <summary>Every saved context by name.</summary>
    public SortedDictionary<string, ConnectionContext> Contexts { get; init; } = new(StringComparer.Ordinal);
}
