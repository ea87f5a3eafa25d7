namespace Coordinator.Edge.Hosting;

/// <summary>The edge's settings are not usable; every problem is listed, naming its setting.</summary>
public sealed class EdgeConfigurationException(IReadOnlyList<FieldError> errors)
    : Exception("invalid edge settings: " + string.Join("; ", errors))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
