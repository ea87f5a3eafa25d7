namespace Coordinator.Client.Telemetry;

/// <summary>Settings of a <see cref="TelemetryReporter"/>.</summary>
public sealed record TelemetryReporterOptions
{
    /// <summary>How often aggregated samples are sent to the coordinator. Between 100 ms and 60 s.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one batch's send may take before it is counted as dropped. A call caught on a silo that
    /// just died waits for Orleans' response timeout (30 s); without this bound it would hold up every
    /// later flush, and a campaign's hold would see no telemetry at all. Between 100 ms and 60 s.
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a setting is out of its range; the reporter's constructor calls it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FlushInterval"/> or <see cref="SendTimeout"/> is outside 100 ms to 60 s.</exception>
    public void Validate()
    {
        if (FlushInterval < TimeSpan.FromMilliseconds(100) || FlushInterval > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "FlushInterval must be between 100 ms and 60 s");
        }

        if (SendTimeout < TimeSpan.FromMilliseconds(100) || SendTimeout > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(SendTimeout), SendTimeout, "SendTimeout must be between 100 ms and 60 s");
        }
    }
}
