namespace Coordinator.Fleet;

/// <summary>
/// A region's Blue or Green was not registered in time, so the fleet cannot serve it. Carries the
/// problem as a field error, so a caller can report it the way it reports bad input.
/// </summary>
public sealed class ArmsNotRegisteredException(FieldError error)
    : Exception($"the fleet cannot serve a region: {error.Field}: {error.Reason}")
{
    public const string Headline = "the fleet cannot serve a region";

    public FieldError Error { get; } = error;
}
