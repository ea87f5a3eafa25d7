namespace Coordinator.Client;

/// <summary>Settings of an <see cref="ActiveArmResolver"/>.</summary>
public sealed record ActiveArmResolverOptions
{
    /// <summary>
    /// How often every cached region is re-read from its pointer, as a safety net for a lost flip
    /// notification. Between 1 second and 1 hour.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a setting is out of its range; the resolver's constructor calls it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RefreshInterval"/> is outside 1 s to 1 h.</exception>
    public void Validate()
    {
        if (RefreshInterval < TimeSpan.FromSeconds(1) || RefreshInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RefreshInterval), RefreshInterval, "RefreshInterval must be between 1 second and 1 hour");
        }
    }
}
