namespace Coordinator.Client.Connection;

/// <summary>Connection settings (flags, variables, the contexts file) are not usable; every problem is listed.</summary>
/// <param name="headline">What was being resolved, e.g. "invalid connection settings".</param>
/// <param name="errors">Every problem, each naming its flag, variable or context.</param>
public sealed class ConnectionSettingsException(string headline, IReadOnlyList<FieldError> errors)
    : Exception(headline + ": " + string.Join("; ", errors))
{
    /// <summary>What was being resolved.</summary>
    public string Headline { get; } = headline;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
