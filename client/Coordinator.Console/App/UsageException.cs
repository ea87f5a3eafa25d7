namespace Coordinator.Console.App;

/// <summary>Input the console refuses before it talks to the cluster (exit code 2).</summary>
public sealed class UsageException(string headline, IReadOnlyList<FieldError> errors)
    : Exception(headline + ": " + string.Join("; ", errors))
{
    public string Headline { get; } = headline;

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
