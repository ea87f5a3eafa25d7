namespace Coordinator.Client;

public sealed record ActiveArmResolverOptions
{
    /// <summary>
    /// How often every cached region is re-read from its pointer, as a safety net for a lost flip
    /// notification. Between 1 second and 1 hour.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (RefreshInterval < TimeSpan.FromSeconds(1) || RefreshInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RefreshInterval), RefreshInterval, "RefreshInterval must be between 1 second and 1 hour");
        }
    }
}
